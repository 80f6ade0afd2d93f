import { ProviderDefinition } from '../types';

const CUSTOM_SAML = 'https://slack.com/help/articles/205168057-Custom-SAML-single-sign-on';

/** Slack workspace single sign-on with a custom SAML identity provider. */
export const slack: ProviderDefinition = {
  id: 'slack',
  vendor: 'Slack',
  product: 'Workspace SSO',
  status: 'current',
  docs: [CUSTOM_SAML],
  params: [
    {
      key: 'workspace',
      label: 'Workspace subdomain',
      pattern: '[a-z0-9][a-z0-9-]{0,62}',
      example: 'acme',
      where: 'The first part of your workspace URL: https://<workspace>.slack.com.',
    },
  ],
  acsUrl: 'https://{workspace}.slack.com/sso/saml',
  audience: 'https://slack.com',
  binding: 'HTTP-POST',
  nameId: { formats: ['persistent'], source: '${user:subject}' },
  attributes: [{ name: 'User.Email', required: true, suggestedValue: '${user:email}', format: 'unspecified' }],
  userNeeds: [
    { claim: 'Subject', value: 'persistent', identifiesUser: true },
    { claim: 'User.Email', value: 'email' },
  ],
  signing: { response: true },
  sources: [
    { fact: 'acsUrl', url: CUSTOM_SAML, note: 'SSO post-back URL https://yourdomain.slack.com/sso/saml (the ACS URL)' },
    { fact: 'audience', url: CUSTOM_SAML, note: 'Entity ID https://slack.com' },
    { fact: 'binding', url: CUSTOM_SAML, note: 'HTTP POST binding, not HTTP Redirect' },
    {
      fact: 'nameId',
      url: CUSTOM_SAML,
      note: 'NameID (required), persistent: unique, pseudo-random, never changes for the user',
    },
    { fact: 'attributes', url: CUSTOM_SAML, note: 'Email attribute User.Email (required)' },
    { fact: 'signing', url: CUSTOM_SAML, note: 'Slack requires that the SAML response is signed' },
    { fact: 'params.workspace', url: CUSTOM_SAML, note: 'https://yourdomain.slack.com' },
    { fact: 'userNeeds.Subject', url: CUSTOM_SAML, note: 'NameID: unique, never changes for the user' },
    { fact: 'userNeeds.User.Email', url: CUSTOM_SAML, note: "User.Email: the user's email address" },
  ],
  unsourced: ['The character set of workspace subdomains (the pattern accepts lower-case letters, digits and "-").'],
};
