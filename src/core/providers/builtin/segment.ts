import { ProviderDefinition } from '../types';

const ENTRA = 'https://learn.microsoft.com/en-us/entra/identity/saas-apps/segment-tutorial';
const OKTA = 'https://saml-doc.okta.com/SAML_Docs/How-to-Configure-SAML-2.0-for-Segment.html';
const SEGMENT = 'https://segment.com/docs/segment-app/iam/sso/';

/** Segment workspace single sign-on (SAML connections hosted on Segment's Auth0 tenant). */
export const segment: ProviderDefinition = {
  id: 'segment',
  vendor: 'Twilio',
  product: 'Segment',
  status: 'current',
  docs: [SEGMENT, ENTRA, OKTA],
  params: [
    {
      key: 'connection',
      label: 'Customer ID (connection)',
      pattern: '[A-Za-z0-9_-]{1,128}',
      example: 'a1b2c3d4',
      where:
        'Segment → Settings → Authentication → Connections → your SAML connection: the Single Sign-On URL ends with ?connection=<Customer ID>.',
    },
    {
      key: 'entityIdSuffix',
      label: 'Entity ID suffix',
      pattern: '[A-Za-z0-9_-]{1,128}',
      example: 'samlp-a1b2c3d4',
      where: 'The same Segment connection page: the part of the Entity ID after urn:auth0:segment-prod:.',
    },
  ],
  acsUrl: 'https://segment-prod.auth0.com/login/callback?connection={connection}',
  audience: 'urn:auth0:segment-prod:{entityIdSuffix}',
  nameId: { formats: ['emailAddress'], source: '${user:email}' },
  attributes: [],
  userNeeds: [{ claim: 'Subject', value: 'email' }],
  sources: [
    {
      fact: 'acsUrl',
      url: ENTRA,
      note: 'Reply URL: https://segment-prod.auth0.com/login/callback?connection=<CUSTOMER_VALUE>',
    },
    { fact: 'audience', url: ENTRA, note: 'Identifier: urn:auth0:segment-prod:samlp-<CUSTOMER_VALUE>' },
    {
      fact: 'params.connection',
      url: OKTA,
      note: 'the Customer ID is the value after connection= in the Single Sign-On URL',
    },
    { fact: 'params.entityIdSuffix', url: ENTRA, note: "the identifier's customer-specific part" },
    { fact: 'nameId', url: OKTA, note: 'Application username format: Email' },
    { fact: 'userNeeds.Subject', url: OKTA, note: 'Application username format: Email' },
  ],
  unsourced: [
    'Whether the Entity ID suffix is always "samlp-" + the Customer ID: Microsoft writes it so, Segment does not say; both are params.',
    'Signing requirements.',
  ],
};
