import { ProviderDefinition } from '../types';
import { COPIED_HTTPS_URL } from './common';

const ENTRA = 'https://support.zoom.com/hc/en/article?id=zm_kb&sysparm_article=KB0064121';
const GETTING_STARTED = 'https://support.zoom.com/hc/en/article?id=zm_kb&sysparm_article=KB0065487';

/** Zoom single sign-on on an account's approved vanity URL. */
export const zoom: ProviderDefinition = {
  id: 'zoom',
  vendor: 'Zoom',
  product: 'Workplace SSO',
  status: 'current',
  docs: [GETTING_STARTED, ENTRA],
  params: [
    {
      key: 'vanity',
      label: 'Vanity subdomain',
      pattern: '[a-z0-9][a-z0-9-]{0,62}',
      example: 'acme',
      where: 'Zoom web portal → Account Management → Account Profile → Vanity URL: https://<vanity>.zoom.us.',
    },
    {
      key: 'acsUrl',
      label: 'ACS URL',
      pattern: COPIED_HTTPS_URL,
      example: 'https://example.invalid/copy-the-acs-url-from-zoom-metadata',
      where: "The AssertionConsumerService Location in Zoom's SP metadata, https://<vanity>.zoom.us/saml/metadata/sp.",
    },
  ],
  acsUrl: '{acsUrl}',
  audience: '{vanity}.zoom.us',
  attributes: [],
  sources: [
    { fact: 'audience', url: ENTRA, note: 'Identifier (Entity ID): your vanity URL without https://' },
    {
      fact: 'params.vanity',
      url: GETTING_STARTED,
      note: 'SSO needs an approved vanity URL, https://yourcompany.zoom.us',
    },
    {
      fact: 'params.acsUrl',
      url: GETTING_STARTED,
      note: 'SP metadata at https://yourcompany.zoom.us/saml/metadata/sp',
    },
    { fact: 'acsUrl', url: GETTING_STARTED, note: "read from Zoom's SP metadata" },
  ],
  unsourced: [
    "The ACS URL's form: Zoom's pages point to its SP metadata instead of stating it, so it is a param.",
    'NameID format: Zoom accepts "any unique identifier" linked to the NameID, so none is checked.',
  ],
};
