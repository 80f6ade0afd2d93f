import { ProviderDefinition } from '../types';
import { FLEX_ATTRIBUTES, FLEX_SIGNING, FLEX_USER_NEEDS } from './twilio-flex';
import { TWILIO_SID_GLOSSARY } from './common';

const MIGRATION = 'https://www.twilio.com/docs/flex/admin-guide/setup/sso-configuration/migration-guide';
const ENTRA = 'https://www.twilio.com/docs/flex/admin-guide/setup/sso-configuration/azure-ad';

/** Flex's legacy SSO (iam.twilio.com/v1, by Account SID): deprecated, Twilio requires enhanced SSO. */
export const twilioFlexLegacy: ProviderDefinition = {
  id: 'twilio-flex-legacy',
  vendor: 'Twilio',
  product: 'Flex (legacy SSO)',
  status: 'deprecated',
  statusDetails: {
    replacement: 'twilio-flex',
    date: '2026-03-31',
    message:
      'Twilio requires every Flex account on the legacy SSO configuration to migrate to enhanced SSO (provider twilio-flex) before March 31, 2026.',
    guide: MIGRATION,
  },
  docs: [MIGRATION, ENTRA],
  params: [
    {
      key: 'accountSid',
      label: 'Account SID',
      pattern: 'AC[0-9a-fA-F]{32}',
      example: 'AC0123456789abcdef0123456789abcdef',
      where: 'Twilio Console → Account Info: the Account SID (AC and 32 hex digits).',
    },
  ],
  acsUrl: 'https://iam.twilio.com/v1/Accounts/{accountSid}/saml2',
  audience: 'https://iam.twilio.com/v1/Accounts/{accountSid}/saml2/metadata',
  attributes: FLEX_ATTRIBUTES,
  userNeeds: FLEX_USER_NEEDS,
  signing: FLEX_SIGNING,
  oldForms: [
    {
      template: 'https://preview.twilio.com/iam/Accounts/{accountSid}/saml2',
      message:
        "preview.twilio.com is Flex's first, deprecated SSO URL; Twilio replaced it with iam.twilio.com and now requires enhanced SSO.",
    },
  ],
  sources: [
    { fact: 'acsUrl', url: ENTRA, note: 'Legacy SSO configuration: https://iam.twilio.com/v1/Accounts/ACxxxx/saml2' },
    { fact: 'audience', url: ENTRA, note: 'Legacy SSO configuration: …/saml2/metadata' },
    {
      fact: 'params.accountSid',
      url: TWILIO_SID_GLOSSARY,
      note: 'a SID is a two-letter prefix and 32 hex digits; accounts use AC',
    },
    {
      fact: 'attributes',
      url: 'https://www.twilio.com/docs/api/errors/45050',
      note: 'error 45050: missing full_name, email or roles',
    },
    { fact: 'signing', url: ENTRA, note: 'Sign SAML response and assertion; SHA-256' },
    {
      fact: 'status',
      url: MIGRATION,
      note: 'migrate to enhanced SSO before March 31, 2026 (earlier versions of the page: June 2025)',
    },
    {
      fact: 'oldForms',
      url: MIGRATION,
      note: 'preview.twilio.com/iam/Accounts/<AC>/saml2 deprecated in favour of iam.twilio.com',
    },
    {
      fact: 'userNeeds.email',
      url: 'https://www.twilio.com/docs/api/errors/45050',
      note: "email: the user's email address",
    },
  ],
  unsourced: ["NameID format: not named by Twilio's guides."],
};
