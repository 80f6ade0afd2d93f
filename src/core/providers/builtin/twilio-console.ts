import { ProviderDefinition } from '../types';
import { COPIED_HTTPS_URL } from './common';

const OVERVIEW = 'https://www.twilio.com/docs/iam/single-sign-on';
const OKTA_TWILIO = 'https://www.twilio.com/docs/iam/single-sign-on/configuring-okta-with-twilio-sso';
const OKTA_CATALOG = 'https://saml-doc.okta.com/SAML_Docs/Configure-SAML-for-Twilio.html';

/** Single sign-on to the Twilio Console for an organisation (Twilio Admin Center → Single sign-on → SSO profile). */
export const twilioConsole: ProviderDefinition = {
  id: 'twilio-console',
  vendor: 'Twilio',
  product: 'Console (organization SSO)',
  status: 'current',
  docs: [OVERVIEW, OKTA_TWILIO],
  params: [
    {
      key: 'connectionId',
      label: 'Connection ID',
      pattern: '[A-Za-z0-9_-]{1,64}',
      example: 'a1b2c3d4',
      where: 'Twilio Admin Center → Single sign-on → your SSO profile: the Entity ID is urn:console:<Connection ID>.',
    },
    {
      key: 'acsUrl',
      label: 'ACS URL',
      pattern: COPIED_HTTPS_URL,
      example: 'https://example.invalid/copy-the-acs-url-from-the-sso-profile',
      where: 'Twilio Admin Center → Single sign-on → your SSO profile: "Assertion consumer service (ACS)/ SSO URL".',
    },
  ],
  acsUrl: '{acsUrl}',
  audience: 'urn:console:{connectionId}',
  nameId: { formats: ['emailAddress'], source: '${user:email}' },
  attributes: [],
  userNeeds: [{ claim: 'Subject', value: 'email', identifiesUser: true }],
  sources: [
    { fact: 'audience', url: OKTA_CATALOG, note: 'Entity ID, for example urn:console:<Connection ID>' },
    {
      fact: 'params.connectionId',
      url: OKTA_CATALOG,
      note: 'Admin → Twilio Admin → Single sign-on → SSO profile → Entity ID',
    },
    { fact: 'acsUrl', url: OKTA_TWILIO, note: 'copy "Assertion consumer service (ACS)/ SSO URL" from the SSO profile' },
    { fact: 'params.acsUrl', url: OKTA_TWILIO, note: 'the SSO profile shows the SP metadata to copy' },
    { fact: 'nameId', url: OVERVIEW, note: "Twilio uses the user's email address as the NameID" },
    { fact: 'userNeeds.Subject', url: OVERVIEW, note: "Twilio uses the user's email address as the NameID" },
  ],
  unsourced: [
    "The ACS URL's form: Twilio's guides only say to copy it from the SSO profile, so it is a param.",
    'The character set of the connection ID (the pattern accepts letters, digits, "_" and "-").',
    'Signing requirements of the self-service SSO.',
  ],
};
