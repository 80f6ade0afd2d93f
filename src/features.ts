// Everything the features do once they are used: one lazily loaded bundle (dist/features.js), so that activation
// (src/extension.ts and each feature's register.ts) only registers commands, providers and views.
export * as values from './values/feature';
export * as certificates from './certificates/feature';
export * as saml from './saml/feature';
export * as lint from './lint/feature';
export * as configurator from './configurator/feature';
export * as drift from './drift/feature';
export * as signin from './signin/feature';
export * as tree from './tree/feature';
export * as readiness from './readiness/feature';
