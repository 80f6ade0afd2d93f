import { ProviderDefinition } from '../types';

const REFERENCE =
  'https://docs.github.com/en/enterprise-cloud@latest/admin/managing-iam/iam-configuration-reference/saml-configuration-reference';

/** SAML single sign-on for one GitHub Enterprise Cloud organization. */
export const githubOrg: ProviderDefinition = {
  id: 'github-org',
  vendor: 'GitHub',
  product: 'Enterprise Cloud organization',
  status: 'current',
  docs: [REFERENCE],
  params: [
    {
      key: 'organization',
      label: 'Organization name',
      pattern: '[A-Za-z0-9][A-Za-z0-9-]{0,38}',
      example: 'octo-org',
      where: "The name in your organization's URL: https://github.com/<organization>.",
    },
  ],
  acsUrl: 'https://github.com/orgs/{organization}/saml/consume',
  audience: 'https://github.com/orgs/{organization}',
  binding: 'HTTP-POST',
  nameId: { formats: ['persistent'], source: '${user:subject}' },
  attributes: [],
  userNeeds: [{ claim: 'Subject', value: 'persistent', identifiesUser: true }],
  sources: [
    { fact: 'acsUrl', url: REFERENCE, note: 'SP Assertion Consumer Service (ACS) URL' },
    { fact: 'audience', url: REFERENCE, note: 'SP Entity ID: the top-level URL of the organization' },
    { fact: 'binding', url: REFERENCE, note: 'GitHub uses the HTTP-POST binding' },
    {
      fact: 'nameId',
      url: REFERENCE,
      note: 'NameID: a persistent user identifier; transient identifiers re-link accounts on every sign-in',
    },
    { fact: 'params.organization', url: REFERENCE, note: 'ORGANIZATION is the name of your organization on GitHub' },
    {
      fact: 'userNeeds.Subject',
      url: REFERENCE,
      note: 'NameID: a persistent user identifier that links the GitHub account; a changing one re-links it',
    },
  ],
  unsourced: [
    "The exact character set of organization names (the pattern follows github.com's usernames: letters, digits, hyphens, at most 39).",
  ],
};
