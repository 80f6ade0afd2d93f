import { RuleInfo, defineRules } from './define';
import { Severity } from '../../common/findings';

const rule = (title: string, fix: string, severity: Severity = 'error', fixable = false): RuleInfo => ({
  severity,
  title,
  why: 'A provider definition that breaks its schema cannot be used: no value is made from it, and the configs that name it say which provider is broken.',
  fix,
  fixable,
});
const SCHEMA = 'Follow schemas/sso-provider.schema.json (completion and hover show each field).';

/** Provider file: a user's own `*.sso-provider.json` definition (validateProviderFile in ../../providers/format). */
export const providerFile = defineRules('Provider file', {
  'provider-file-too-large': rule(
    'The provider file is over 64 KB.',
    'A definition is a few kilobytes: check that this is the right file.',
  ),
  'provider-file-syntax': rule(
    'The provider file is empty or not valid JSON.',
    'Correct the syntax at the position shown.',
  ),
  'provider-file-too-deep': rule('Nesting deeper than a definition has (8 levels).', SCHEMA),
  'provider-file-type': rule('A field has the wrong type (a string, boolean, array or object expected).', SCHEMA),
  'provider-file-too-long': rule('A text field is longer than the schema allows.', SCHEMA),
  'provider-file-value': rule(
    "A field's value is not one of the allowed values, or not of its form.",
    `${SCHEMA} A value that differs from an allowed one only in case or a typo has a quick fix.`,
    'error',
    true,
  ),
  'provider-file-too-many': rule('A list has more entries than the schema allows.', SCHEMA),
  'provider-file-duplicate-key': rule('A key appears twice in one object.', 'Remove one of the two.'),
  'provider-file-unknown-property': rule(
    'A property a provider definition does not have, often a misspelling.',
    'Rename it to the property the message suggests (quick fix), or to one of the known properties it lists, or remove it.',
    'warning',
    true,
  ),
  'provider-file-missing': rule('A required field is missing.', 'Add the field the message names.'),
  'provider-file-id-builtin': rule(
    'The id is that of a built-in provider.',
    'Give your provider another id, or use the built-in one.',
  ),
  'provider-file-id-duplicate': rule(
    'Another provider file of the workspace (or of the providers folder) has the same id.',
    'Give each provider its own id, or delete the copy: a config naming the id cannot tell which one is meant.',
  ),
  'provider-file-param-duplicate': rule('Two params have the same key.', 'Give each param its own key.'),
  'provider-file-pattern': rule(
    "A param's pattern is not one the linear-time matcher accepts (too long, or a construct it does not have).",
    'Write the pattern with the constructs of src/core/providers/pattern.ts: literals, classes, bounded repeats.',
  ),
  'provider-file-example': rule(
    "A param's example (or default) does not match its own pattern.",
    'Correct the example or the pattern, so that the example is a valid value.',
  ),
  'provider-file-template': rule(
    'An ACS URL, audience or old-form template is malformed or names an unknown param.',
    'Use literal text and {paramKey} placeholders of declared params.',
  ),
  'provider-file-param-unused': rule(
    'A param no template uses.',
    'Use it in the ACS URL or audience template, or remove it.',
    'warning',
  ),
  'provider-file-status': rule(
    'A deprecated provider without a message saying what to move to.',
    'Add statusDetails.message (and the replacement and guide, when there are).',
  ),
});

/** The codes of a provider file's findings. */
export type ProviderFileCode = (typeof providerFile.rules)[number]['code'];
