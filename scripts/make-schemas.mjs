// Writes schemas/*.schema.json (contributed through jsonValidation). Run after changing the config contract (README, "Config files and linting").
import { writeFileSync } from 'node:fs';
const mapping = {
  type: 'object',
  description: 'One attribute mapping of the IAM Identity Center application (Actions → Edit attribute mappings).',
  required: ['attribute', 'value', 'format'],
  additionalProperties: false,
  properties: {
    attribute: {
      type: 'string',
      description: 'User attribute in the application. Frontline needs Subject, email and roles (case-sensitive).',
      examples: ['Subject', 'email', 'roles'],
    },
    value: {
      type: 'string',
      description:
        'What it maps to: a ${user:…} variable or a literal string. Frontline: Subject and email → ${user:email}; roles → agent.',
      examples: [
        '${user:email}',
        'agent',
        '${user:subject}',
        '${user:givenName}',
        '${user:familyName}',
        '${user:name}',
        '${user:preferredUsername}',
      ],
    },
    format: {
      type: 'string',
      description:
        'Format. Subject: unspecified, emailAddress, persistent or transient (the guide uses emailAddress). Other attributes: usually unspecified.',
      examples: ['emailAddress', 'unspecified', 'persistent', 'transient', 'uri', 'basic'],
    },
  },
  defaultSnippets: [
    { label: 'Subject', body: { attribute: 'Subject', value: '^\\${user:email}', format: 'emailAddress' } },
    { label: 'email', body: { attribute: 'email', value: '^\\${user:email}', format: 'unspecified' } },
    { label: 'roles', body: { attribute: 'roles', value: 'agent', format: 'unspecified' } },
  ],
};
const mappings = {
  type: 'array',
  description: 'Attribute mappings of the IAM Identity Center application.',
  items: { $ref: '#/definitions/mapping' },
};
const config = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'frontline-sso.schema.json',
  title: 'Frontline SSO configuration (AWS IAM Identity Center)',
  description:
    'The values of a Twilio Frontline SAML setup with AWS IAM Identity Center. Checked by the Frontline SSO extension and `frontline-sso lint`.',
  type: 'object',
  additionalProperties: false,
  definitions: { mapping },
  properties: {
    $schema: { type: 'string' },
    realmSid: {
      type: 'string',
      description: 'The Frontline Realm SID (Frontline Console → SSO): JB followed by 32 hex digits.',
      pattern: '^JB[0-9a-fA-F]{32}$',
      examples: ['JB0123456789abcdef0123456789abcdef'],
    },
    workspaceId: {
      type: 'string',
      description: 'The Workspace ID users type in the Frontline app (set on the Frontline Console SSO page).',
    },
    serviceProvider: {
      type: 'object',
      additionalProperties: false,
      description:
        'The values typed into the IAM Identity Center application. Optional; when present they must agree with realmSid.',
      properties: {
        acsUrl: {
          type: 'string',
          description: 'Application ACS URL: https://iam.twilio.com/v2/saml2/authenticate/<RealmSID>.',
          pattern: '^https://iam\\.twilio\\.com/v2/saml2/authenticate/',
        },
        audience: {
          type: 'string',
          description: 'Application SAML audience: https://iam.twilio.com/v2/saml2/metadata/<RealmSID>.',
          pattern: '^https://iam\\.twilio\\.com/v2/saml2/metadata/',
        },
      },
    },
    identityProvider: {
      type: 'object',
      additionalProperties: false,
      description: 'The values pasted into the Frontline Console, from the IAM Identity Center application.',
      properties: {
        issuer: {
          type: 'string',
          description:
            'Identity provider issuer: the IAM Identity Center issuer URL (https://portal.sso.<region>.amazonaws.com/saml/assertion/<id>).',
        },
        ssoUrl: {
          type: 'string',
          description: 'SSO URL: the IAM Identity Center sign-in URL; the same as the issuer URL.',
        },
        certificate: {
          type: 'string',
          description: 'X.509 certificate: the PEM text of the IAM Identity Center certificate.',
        },
        certificateFile: {
          type: 'string',
          description: 'Path of the certificate file, relative to this config file (instead of certificate).',
        },
        metadataFile: {
          type: 'string',
          description:
            'Path of the IAM Identity Center metadata XML, relative to this file; checked against issuer, ssoUrl and the certificate.',
        },
        metadataUrl: {
          type: 'string',
          description:
            'Where IAM Identity Center publishes the metadata live (https://portal.sso.<region>.amazonaws.com/saml/metadata/<id>); optional, derived from the issuer when absent. Used by the live metadata check.',
          pattern: '^https://portal\\.sso\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/saml/metadata/[^/]+$',
        },
      },
    },
    attributeMappings: mappings,
    application: {
      type: 'object',
      additionalProperties: false,
      description:
        'Optional link to the AWS application this file describes (highlighted in the Identity Center tree).',
      properties: {
        applicationArn: {
          type: 'string',
          description: 'The application ARN: arn:aws:sso::<account>:application/ssoins-…/apl-….',
        },
        region: {
          type: 'string',
          description: 'The AWS Region of the IAM Identity Center instance.',
          examples: ['us-east-1'],
        },
      },
    },
  },
};
const mappingFile = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'attribute-mappings.schema.json',
  title: 'Frontline attribute mappings',
  definitions: { mapping },
  oneOf: [
    mappings,
    {
      type: 'object',
      additionalProperties: false,
      required: ['attributeMappings'],
      properties: { $schema: { type: 'string' }, attributeMappings: mappings },
    },
  ],
};
writeFileSync('schemas/frontline-sso.schema.json', JSON.stringify(config, null, 2) + '\n');
writeFileSync('schemas/attribute-mappings.schema.json', JSON.stringify(mappingFile, null, 2) + '\n');
