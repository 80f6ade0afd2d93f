import { ProviderDefinition } from '../types';
import { COPIED_HTTPS_URL } from './common';

const ENDPOINTS = 'https://help.salesforce.com/s/articleView?id=xcloud.sso_saml_sp_endpoints.htm&type=5';
const SETTING = 'https://help.salesforce.com/s/articleView?id=xcloud.sso_service_provider_configuration.htm&type=5';

/** Salesforce as a SAML service provider (an org's SAML single sign-on setting). */
export const salesforce: ProviderDefinition = {
  id: 'salesforce',
  vendor: 'Salesforce',
  product: 'org SSO',
  status: 'current',
  docs: [SETTING, ENDPOINTS],
  params: [
    {
      key: 'entityId',
      label: 'Entity ID',
      pattern: '[!-~]{1,2048}',
      example: 'https://acme.my.salesforce.com',
      where: 'Setup → Single Sign-On Settings → your SAML setting: "Entity ID".',
    },
    {
      key: 'acsUrl',
      label: 'Login URL (ACS)',
      pattern: COPIED_HTTPS_URL,
      example: 'https://acme.my.salesforce.com?so=00D000000000001',
      where: 'Setup → Single Sign-On Settings → your SAML setting → Endpoints: "Login URL".',
    },
  ],
  acsUrl: '{acsUrl}',
  audience: '{entityId}',
  attributes: [],
  sources: [
    { fact: 'acsUrl', url: ENDPOINTS, note: 'Salesforce generates the SAML endpoints when the setting is saved' },
    { fact: 'audience', url: SETTING, note: "the setting's Entity ID" },
    { fact: 'params.entityId', url: SETTING, note: 'create a SAML single sign-on setting' },
    { fact: 'params.acsUrl', url: ENDPOINTS, note: 'share the endpoints with the identity provider' },
  ],
  unsourced: [
    "The URLs' forms (Salesforce generates them per setting and My Domain), so both are params and not recognised.",
    "NameID format: it depends on the setting's SAML Identity Type.",
  ],
};
