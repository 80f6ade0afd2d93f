import { ProviderDefinition } from '../types';
import { COPIED_HTTPS_URL } from './common';

const SSO = 'https://www.twilio.com/docs/sendgrid/ui/account-and-settings/sso';
const OKTA = 'https://www.twilio.com/docs/sendgrid/ui/account-and-settings/sso-okta';

/** Twilio SendGrid single sign-on: one URL serves as both the ACS URL and the audience. */
export const sendgrid: ProviderDefinition = {
  id: 'sendgrid',
  vendor: 'Twilio',
  product: 'SendGrid',
  status: 'current',
  docs: [SSO, OKTA],
  params: [
    {
      key: 'ssoUrl',
      label: 'Single Sign-On URL',
      pattern: COPIED_HTTPS_URL,
      example: 'https://example.invalid/copy-the-single-sign-on-url',
      where:
        'SendGrid → Settings → SSO Settings → your integration: "Single Sign-On URL" (the same URL is the Audience URL).',
    },
  ],
  acsUrl: '{ssoUrl}',
  audience: '{ssoUrl}',
  nameId: { formats: ['emailAddress'], source: '${user:email}' },
  attributes: [],
  userNeeds: [{ claim: 'Subject', value: 'email' }],
  sources: [
    { fact: 'acsUrl', url: OKTA, note: 'Single Sign-On URL: where the IdP POSTs its SAML response' },
    { fact: 'audience', url: OKTA, note: 'Audience URL (SP Entity ID): the same URL as the Single Sign-On URL' },
    { fact: 'params.ssoUrl', url: SSO, note: 'values created by Twilio SendGrid: the Single Sign-On URL' },
    { fact: 'nameId', url: OKTA, note: 'Application username: Email' },
    { fact: 'userNeeds.Subject', url: OKTA, note: 'Application username: Email' },
  ],
  unsourced: [
    "The URL's form: SendGrid's guides only say to copy it, so it is a param and a pasted URL is not recognised as SendGrid's.",
    'Signing requirements.',
  ],
};
