import { RuleInfo, defineRules } from './define';

type Field = 'acsUrl' | 'audience';
const LABEL: Record<Field, string> = { acsUrl: 'ACS URL', audience: 'SAML audience' };

const rule = (field: Field, title: string): RuleInfo => ({
  severity: 'error',
  title,
  why: `IAM Identity Center posts the response to the ACS URL and names the audience in it; Frontline rejects a response whose ${LABEL[field]} is not its own.`,
  fix: `Use the ${LABEL[field]} built from the Realm SID (the quick fix does).`,
  fixable: true,
});

function fieldRules<F extends Field>(
  field: F,
): Record<`sp-${F}-${'empty' | 'swapped' | 'shape' | 'realm-mismatch'}`, RuleInfo> {
  const label = LABEL[field];
  return {
    [`sp-${field}-empty`]: rule(field, `The ${label} is empty.`),
    [`sp-${field}-swapped`]: rule(field, `The ${label} holds the other value (ACS URL and audience swapped).`),
    [`sp-${field}-shape`]: rule(
      field,
      `The ${label} is not of the form Frontline uses (http, upper case, trailing slash, query).`,
    ),
    [`sp-${field}-realm-mismatch`]: rule(field, `The ${label} is for another realm than "realmSid".`),
  } as Record<`sp-${F}-${'empty' | 'swapped' | 'shape' | 'realm-mismatch'}`, RuleInfo>;
}

/** Service provider values: Frontline's ACS URL and audience as typed into AWS (checkServiceProviderUrl in ../../realm). */
export const serviceProviderValues = defineRules('Service provider values', {
  ...fieldRules('acsUrl'),
  ...fieldRules('audience'),
});
