import { RuleInfo, defineRules } from './define';
import { Severity } from '../../common/findings';

const PARAM_WHY =
  "The ACS URL and audience are built from the provider's params; a wrong param makes every sign-in fail, so no value is made from it.";
const PARAM_FIX = "Copy the value again from the provider's console: the message says where, with an example.";
const param = (severity: Severity, title: string, fixable = false): RuleInfo => ({
  severity,
  title,
  why: PARAM_WHY,
  fix: PARAM_FIX,
  fixable,
});
const value = (title: string, why: string, fix: string, severity: Severity = 'error', fixable = false): RuleInfo => ({
  severity,
  title,
  why,
  fix,
  fixable,
});

/**
 * Service provider: a config's `serviceProvider.id` and `params`, and the values and mappings its provider expects
 * (src/core/providers; the checks of a config in ../providerConfig). Frontline's own rules (Realm SID, Workspace ID,
 * roles = agent) apply to Frontline only.
 */
export const provider = defineRules('Service provider', {
  'provider-unknown': value(
    '"serviceProvider.id" names no known provider (the message lists the known ids).',
    'Without its provider the config cannot be checked, and no value can be made for it.',
    'Use one of the ids listed (see docs/providers/), or leave "id" out for Frontline.',
  ),
  'provider-user-broken': value(
    '"serviceProvider.id" names a provider whose `*.sso-provider.json` file has errors (the message names the file and its first error).',
    'Nothing is made from a broken definition, so the config cannot be checked against the provider.',
    'Fix the provider file named in the message (its problems are listed on it, or by `frontline-sso lint FILE.sso-provider.json`).',
  ),
  'provider-user-duplicate': value(
    '"serviceProvider.id" names a provider that two provider files define.',
    'There is no telling which definition the config should be checked against.',
    'Keep one of the files the message names, or give one of the providers another id.',
  ),
  'provider-user-untrusted': value(
    '"serviceProvider.id" names a provider defined in this workspace, which is not trusted (Restricted Mode).',
    "A cloned repository's provider file decides what its configs are checked against; in Restricted Mode it is only checked itself, not used.",
    'Trust the workspace (if you trust its files) to check this config against the provider; or put the file in the folder of the `frontlineSso.providers.folder` setting.',
    'warning',
  ),
  'provider-deprecated': value(
    'The provider is deprecated by its vendor (the message gives the replacement and the migration guide).',
    'A deprecated sign-in stops working on the date the vendor gives.',
    'Follow the migration guide and switch "serviceProvider.id" to the replacement provider.',
    'warning',
  ),
  'provider-old-url': value(
    'An older URL form of the provider (such as Flex legacy SSO on preview.twilio.com).',
    'The vendor has replaced this address; sign-ins through it stop when the old form is switched off.',
    'Use the URL the message gives, built from the same params.',
    'warning',
  ),
  'provider-param-missing': param('error', 'A param the provider needs is missing from "serviceProvider.params".'),
  'provider-param-empty': param('error', 'A param is empty.'),
  'provider-param-too-long': param('error', 'A param is far longer than any value of its kind.'),
  'provider-param-malformed': param(
    'error',
    "A param does not have the provider's form (the message shows the pattern).",
  ),
  'provider-param-trimmed': param('info', 'Whitespace or quotes around a param were removed.'),
  'provider-param-from-url': param('info', 'A whole URL was pasted as a param; the param was taken out of it.'),
  'provider-param-unknown': value(
    'A param the provider does not have, often a misspelling.',
    'A misspelt param is ignored, so the value you meant to set is missing.',
    'Rename it to one of the params the message lists, or remove it.',
    'warning',
  ),
  'provider-params-type': value(
    '"serviceProvider.params" is not an object of strings.',
    "Params are the text values copied from the provider's console; other types cannot be used.",
    'Write params as { "key": "value" } with string values.',
  ),
  'provider-acsUrl-mismatch': value(
    'The ACS URL differs from the one the provider and its params give.',
    'IAM Identity Center posts the response to this URL; the provider rejects a response sent to any other.',
    'Use the ACS URL built from the params (quick fix), or remove "acsUrl": it is optional.',
    'error',
    true,
  ),
  'provider-audience-mismatch': value(
    'The audience differs from the one the provider and its params give.',
    'The provider rejects a response whose audience is not its own entity ID.',
    'Use the audience built from the params (quick fix), or remove "audience": it is optional.',
    'error',
    true,
  ),
  'provider-attribute-missing': value(
    'An attribute the provider requires is not mapped.',
    'The provider refuses the sign-in, or creates the user without it.',
    'Add the mapping with the suggested value (quick fix).',
    'error',
    true,
  ),
  'provider-attribute-unknown': value(
    'An attribute the provider does not read (its definition lists the ones it does).',
    'Attribute names are case-sensitive: a misspelt name is sent but ignored, so the value you meant is missing.',
    'Rename it to an attribute of the provider, or remove it if the provider really does not use it.',
    'warning',
  ),
  'provider-attribute-value': value(
    'A literal attribute value the provider does not accept (it documents its allowed values).',
    'The provider refuses or ignores a value it does not know (such as a Flex role other than agent, supervisor, admin).',
    'Use one of the allowed values the message lists.',
    'warning',
  ),
  'provider-nameid-format': value(
    "The Subject mapping's format is not a NameID format the provider accepts.",
    'The provider identifies the user by the NameID; in another format it may not match the user, or refuse the sign-in.',
    "Use the format the message names (the provider's preferred one), or the quick fix.",
    'error',
    true,
  ),
});
