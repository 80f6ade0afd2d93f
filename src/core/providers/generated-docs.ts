/** What scripts/generate.mjs needs to make docs/providers/ and schemas/sso-provider.schema.json (one entry point). */
export { BUILTIN_PROVIDERS } from './registry';
export { providerPage, providersIndex, providersTable } from './docs';
export { providerSchema } from './format';
