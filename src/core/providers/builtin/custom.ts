import { ProviderDefinition } from '../types';
import { COPIED_HTTPS_URL } from './common';

/** Any SAML 2.0 application: the user gives the ACS URL and audience that the application's own console shows. */
export const custom: ProviderDefinition = {
  id: 'custom',
  vendor: 'Any',
  product: 'Custom SAML 2.0 application',
  status: 'current',
  docs: ['https://docs.aws.amazon.com/singlesignon/latest/userguide/customermanagedapps.html'],
  params: [
    {
      key: 'acsUrl',
      label: 'ACS URL',
      pattern: COPIED_HTTPS_URL,
      example: 'https://app.example.com/saml/acs',
      where: 'The application\'s SAML settings: "ACS URL", "Reply URL" or "Single sign-on URL".',
    },
    {
      key: 'audience',
      label: 'SAML audience (SP entity ID)',
      pattern: '[!-~]{1,2048}',
      example: 'https://app.example.com/saml/metadata',
      where: 'The application\'s SAML settings: "Entity ID", "Audience URI" or "Identifier".',
    },
  ],
  acsUrl: '{acsUrl}',
  audience: '{audience}',
  attributes: [],
  sources: [
    {
      fact: 'acsUrl',
      url: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/customermanagedapps.html',
      note: 'a custom SAML 2.0 application takes the ACS URL and audience from the service provider',
    },
  ],
};
