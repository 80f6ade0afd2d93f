/**
 * The config file format (docs/configuration.md): every section and property with the help text that
 * hovers and completion show. The linter's list of known properties and the JSON schemas (`npm run generate`) are
 * made from this one table.
 */
export interface PropertyHelp {
  description: string;
  /** What completion inserts as the value. */
  snippet: '' | 'object' | 'array';
  examples?: string[];
}

export const CONFIG_FORMAT = {
  '': {
    $schema: { description: 'The JSON schema of this file (optional).', snippet: '' },
    realmSid: {
      description: 'The Frontline Realm SID (Frontline Console → SSO): JB followed by 32 hex digits.',
      snippet: '',
      examples: ['JB0123456789abcdef0123456789abcdef'],
    },
    workspaceId: {
      description: 'The Workspace ID users type in the Frontline app (set on the Frontline Console SSO page).',
      snippet: '',
    },
    serviceProvider: {
      description:
        'The values typed into the IAM Identity Center application. Optional; when present they must agree with realmSid.',
      snippet: 'object',
    },
    identityProvider: {
      description: 'The values pasted into the Frontline Console, from the IAM Identity Center application.',
      snippet: 'object',
    },
    attributeMappings: {
      description: 'Attribute mappings of the IAM Identity Center application (Actions → Edit attribute mappings).',
      snippet: 'array',
    },
    application: {
      description:
        'Optional link to the AWS application this file describes (highlighted in the Identity Center tree).',
      snippet: 'object',
    },
  },
  serviceProvider: {
    id: {
      description:
        "The service provider (docs/providers/): `twilio-flex`, `github-org`, `custom` … Without it the file is Frontline's, with the top-level realmSid.",
      snippet: '',
    },
    params: {
      description:
        "The provider's params, as copied from its console (e.g. Flex's `connection`, GitHub's `organization`); the ACS URL and audience are made from them.",
      snippet: 'object',
    },
    acsUrl: {
      description:
        "Application ACS URL: https://iam.twilio.com/v2/saml2/authenticate/<RealmSID> for Frontline; with an `id`, optional and checked against the provider's.",
      snippet: '',
    },
    audience: {
      description:
        "Application SAML audience: https://iam.twilio.com/v2/saml2/metadata/<RealmSID> for Frontline; with an `id`, optional and checked against the provider's.",
      snippet: '',
    },
  },
  identityProvider: {
    issuer: {
      description:
        'Identity provider issuer: the IAM Identity Center issuer URL (https://portal.sso.<region>.amazonaws.com/saml/assertion/<id>).',
      snippet: '',
    },
    ssoUrl: { description: 'SSO URL: the IAM Identity Center sign-in URL; the same as the issuer URL.', snippet: '' },
    certificate: {
      description: 'X.509 certificate: the PEM text of the IAM Identity Center certificate.',
      snippet: '',
    },
    certificateFile: {
      description: 'Path of the certificate file, relative to this config file (instead of certificate).',
      snippet: '',
      examples: ['./aws-idc.pem'],
    },
    metadataFile: {
      description:
        'Path of the IAM Identity Center metadata XML, relative to this file; checked against issuer, ssoUrl and the certificate.',
      snippet: '',
      examples: ['./aws-idc-metadata.xml'],
    },
    metadataUrl: {
      description:
        'Where IAM Identity Center publishes the metadata live (https://portal.sso.<region>.amazonaws.com/saml/metadata/<id>); optional, derived from the issuer when absent. Used by the live metadata check.',
      snippet: '',
    },
  },
  application: {
    applicationArn: {
      description: 'The application ARN: arn:aws:sso::<account>:application/ssoins-…/apl-….',
      snippet: '',
    },
    region: {
      description: 'The AWS Region of the IAM Identity Center instance.',
      snippet: '',
      examples: ['us-east-1'],
    },
  },
} satisfies Record<string, Record<string, PropertyHelp>>;

export type ConfigSection = keyof typeof CONFIG_FORMAT;

/** The properties each section may hold ('' is the top level). */
export const CONFIG_KEYS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(CONFIG_FORMAT).map(([section, properties]) => [section, Object.keys(properties)]),
);

/** The fields of one attribute mapping. */
export const MAPPING_FORMAT: Record<'attribute' | 'value' | 'format', PropertyHelp> = {
  attribute: {
    description: 'User attribute in the application. Frontline needs Subject, email and roles (case-sensitive).',
    snippet: '',
    examples: ['Subject', 'email', 'roles'],
  },
  value: {
    description:
      'What it maps to: a ${user:…} variable or a literal string. Frontline: Subject and email → ${user:email}; roles → agent.',
    snippet: '',
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
    description:
      'Format. Subject: unspecified, emailAddress, persistent or transient (the guide uses emailAddress). Other attributes: usually unspecified.',
    snippet: '',
    examples: ['emailAddress', 'unspecified', 'persistent', 'transient', 'uri', 'basic'],
  },
};
