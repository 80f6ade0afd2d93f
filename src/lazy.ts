/**
 * Code that activation must not pay for. In the bundle these become separate files (dist/saml.js, dist/aws.js;
 * see scripts/build.mjs), so they are read from disk only when a feature first needs them.
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

/** Whether a lazy part has been loaded yet (for the activation benchmark and tests). */
export function loadedParts(): { saml: boolean; aws: boolean } {
  return { saml: saml !== undefined, aws: aws !== undefined };
}
