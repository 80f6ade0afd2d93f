/**
 * Code that activation must not pay for. In the bundle these become separate files (dist/features.js, dist/saml.js,
 * dist/aws.js; see scripts/build.mjs), read from disk only when a feature is first used: activation only registers.
 */
export type FeaturesModule = typeof import('./features');
export type SamlModule = typeof import('./core/saml/index');
export type AwsModule = typeof import('./aws/index');

let features: FeaturesModule | undefined;
let saml: SamlModule | undefined;
let aws: AwsModule | undefined;

/** What the features do once used: commands, providers, panels and every check (src/features.ts). */
export function loadFeatures(): FeaturesModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  features ??= require('./features') as FeaturesModule;
  return features;
}

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

/**
 * Whether each lazy part has been loaded yet (for the activation benchmark and tests). Asked of Node's module cache:
 * dist/features.js carries its own copy of this module, so a part it loads is not in this copy's variables.
 */
export function loadedParts(): { features: boolean; saml: boolean; aws: boolean } {
  // Each part by its bundled name (dist/) and by its source name (compiled tests).
  const loaded = (...ids: string[]) =>
    ids.some((id) => {
      try {
        return require.cache[require.resolve(id)] !== undefined;
      } catch {
        return false;
      }
    });
  return {
    features: loaded('./features.js', './features'),
    saml: loaded('./saml.js', './core/saml/index'),
    aws: loaded('./aws.js', './aws/index'),
  };
}
