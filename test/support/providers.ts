// A user provider definition shared by the unit and host tests of your own providers (*.sso-provider.json).

/** A user's provider file (`*.sso-provider.json`) with no problem. */
export const ACME_PROVIDER = {
  $schema: '../schemas/sso-provider.schema.json',
  id: 'acme-cloud',
  vendor: 'Acme',
  product: 'Cloud',
  status: 'current',
  docs: ['https://docs.acme.example/sso'],
  params: [{ key: 'tenant', label: 'Tenant', pattern: '[a-z0-9-]{1,40}', example: 'acme', where: 'Acme admin → SSO.' }],
  acsUrl: 'https://{tenant}.acme.example/saml/acs',
  audience: 'https://acme.example/saml/{tenant}',
  nameId: { formats: ['persistent'], source: '${user:subject}' },
  attributes: [{ name: 'email', required: true, suggestedValue: '${user:email}', format: 'unspecified' }],
  sources: [{ fact: 'acsUrl', url: 'https://docs.acme.example/sso' }],
};
