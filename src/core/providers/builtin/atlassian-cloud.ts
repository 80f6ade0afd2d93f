import { ProviderDefinition } from '../types';
import { COPIED_HTTPS_URL } from './common';

const OKTA = 'https://saml-doc.okta.com/SAML_Docs/How-to-Configure-SAML-2.0-for-Atlassian-Cloud.html';
const GOOGLE = 'https://support.google.com/a/answer/7553615';

/** Atlassian Cloud (Atlassian Guard) SAML single sign-on for an organization's identity provider directory. */
export const atlassianCloud: ProviderDefinition = {
  id: 'atlassian-cloud',
  vendor: 'Atlassian',
  product: 'Cloud (Atlassian Guard)',
  status: 'current',
  docs: [OKTA, GOOGLE],
  params: [
    {
      key: 'samlId',
      label: 'Unique ID',
      pattern: '[A-Za-z0-9_-]{1,128}',
      example: 'a1b2c3d4',
      where:
        'admin.atlassian.com → Security → Identity providers → your directory → SAML single sign-on, step "Copy URLs to your identity provider": the SP Entity ID ends with it.',
    },
    {
      key: 'acsUrl',
      label: 'ACS URL',
      pattern: COPIED_HTTPS_URL,
      example: 'https://example.invalid/copy-the-sp-acs-url',
      where: 'The same step: "SP Assertion Consumer Service URL".',
    },
  ],
  acsUrl: '{acsUrl}',
  audience: 'https://auth.atlassian.com/saml/{samlId}',
  attributes: [
    {
      name: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname',
      required: true,
      suggestedValue: '${user:givenName}',
      format: 'unspecified',
    },
    {
      name: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname',
      required: true,
      suggestedValue: '${user:familyName}',
      format: 'unspecified',
    },
    {
      name: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn',
      required: true,
      suggestedValue: '${user:email}',
      format: 'unspecified',
    },
  ],
  sources: [
    { fact: 'audience', url: OKTA, note: 'SP Entity ID https://auth.atlassian.com/saml/<Unique ID>' },
    { fact: 'params.samlId', url: OKTA, note: 'copy the Unique ID from the SP Entity ID field' },
    { fact: 'acsUrl', url: OKTA, note: 'step "Copy URLs to your identity provider"' },
    { fact: 'params.acsUrl', url: OKTA, note: 'copied on the "Copy URLs to your identity provider" step' },
    { fact: 'attributes', url: GOOGLE, note: 'givenname, surname and upn are required' },
  ],
  unsourced: [
    "The ACS URL's form: the vendors' pages say to copy it, so it is a param.",
    'NameID format and signing requirements.',
  ],
};
