// What the features do once used, in the browser (vscode.dev, github.dev): the part of src/features.ts that needs
// no Node and no AWS access. scripts/build.mjs bundles it in place of src/features.ts into dist/web/extension.js,
// where its modules are evaluated on first use only, as dist/features.js is loaded on first use on the desktop.
export * as values from '../values/feature';
export * as certificates from '../certificates/feature';
export * as saml from '../saml/feature';
export * as lint from '../lint/feature';
export * as configurator from '../configurator/feature';
