import { ProviderAttribute, ProviderDefinition, ProviderSigning, ProviderUserNeed } from '../types';

const ENTRA = 'https://www.twilio.com/docs/flex/admin-guide/setup/sso-configuration/azure-ad';
const SETUP = 'https://www.twilio.com/docs/flex/admin-guide/setup/sso-configuration';

/** The claims Flex reads, in both its SSO configurations (error 45050 names them). */
export const FLEX_ATTRIBUTES: ProviderAttribute[] = [
  { name: 'email', required: true, suggestedValue: '${user:email}', format: 'unspecified' },
  { name: 'full_name', required: true, suggestedValue: '${user:name}', format: 'unspecified' },
  {
    name: 'roles',
    required: true,
    allowedValues: ['agent', 'supervisor', 'admin'],
    suggestedValue: 'agent',
    format: 'unspecified',
  },
];

/** Flex reads the user's email address from `email` (full_name and roles need only a value). */
export const FLEX_USER_NEEDS: ProviderUserNeed[] = [{ claim: 'email', value: 'email' }];

/** Flex's guides: sign the response and the assertion, SHA-256 (both configurations). */
export const FLEX_SIGNING: ProviderSigning = { response: true, assertion: true, algorithm: 'SHA-256' };

/** Twilio Flex with enhanced SSO (Flex UI 2.7 and later): the connection ID `JQ…` names the SSO connection. */
export const twilioFlex: ProviderDefinition = {
  id: 'twilio-flex',
  vendor: 'Twilio',
  product: 'Flex (enhanced SSO)',
  status: 'current',
  docs: [SETUP, ENTRA],
  params: [
    {
      key: 'connection',
      label: 'Connection ID',
      pattern: 'JQ[0-9a-fA-F]{32}',
      example: 'JQ0123456789abcdef0123456789abcdef',
      where:
        'Flex Console → Manage → Single sign-on → "Set up your identity provider": the ACS URL and Entity ID end with it (JQ and 32 hex digits).',
    },
    {
      key: 'region',
      label: 'Flex region',
      pattern: '[a-z]{2}[0-9]',
      example: 'us1',
      default: 'us1',
      where:
        'The part after "login.flex." in the ACS URL that Flex Console shows on "Set up your identity provider" (us1 in Twilio\'s example).',
    },
  ],
  acsUrl: 'https://login.flex.{region}.twilio.com/login/callback?connection={connection}',
  audience: 'urn:flex:{connection}',
  attributes: FLEX_ATTRIBUTES,
  userNeeds: FLEX_USER_NEEDS,
  signing: FLEX_SIGNING,
  sources: [
    {
      fact: 'acsUrl',
      url: ENTRA,
      note: 'Reply URL: https://login.flex.us1.twilio.com/login/callback?connection=JQxxxx',
    },
    { fact: 'audience', url: ENTRA, note: 'Identifier (Entity ID): urn:flex:JQxxxx' },
    { fact: 'params.connection', url: ENTRA, note: 'copied from the "Set up your identity provider" page' },
    { fact: 'params.region', url: ENTRA, note: 'the example ACS URL uses us1' },
    {
      fact: 'attributes',
      url: 'https://www.twilio.com/docs/api/errors/45050',
      note: 'error 45050: missing full_name, email or roles',
    },
    { fact: 'attributes.roles', url: SETUP, note: 'users are agents, supervisors or administrators' },
    { fact: 'signing', url: ENTRA, note: 'Sign SAML response and assertion; SHA-256' },
    {
      fact: 'userNeeds.email',
      url: 'https://www.twilio.com/docs/api/errors/45050',
      note: "email: the user's email address",
    },
  ],
  unsourced: [
    "NameID format: Twilio's Flex guides name no NameID format, so none is checked.",
    'Whether `roles` may carry several values.',
    'Regions other than us1.',
  ],
};
