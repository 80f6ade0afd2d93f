/**
 * The SAML and AWS parts, loaded on first use: in the bundle these are separate files (dist/saml.js, dist/aws.js; see
 * scripts/build.mjs), so that neither activation nor a CLI command that needs neither pays for the XML/signature
 * stack or the AWS SDK. A leaf: feature code and the CLI import it, and it imports nothing of theirs.
 */
export type SamlModule = typeof import('./core/saml/index');
export type AwsModule = typeof import('./aws/index');

let saml: SamlModule | undefined;
let aws: AwsModule | undefined;

export function loadSaml(): SamlModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  saml ??= require('./core/saml/index') as SamlModule;
  return saml;
}

export function loadAws(): AwsModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  aws ??= require('./aws/index') as AwsModule;
  return aws;
}
