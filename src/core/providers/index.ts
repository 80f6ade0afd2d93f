/** Service provider definitions: data, checks and values. Loaded only by what uses providers. */
export * from './types';
export * from './registry';
export * from './values';
export * from './format';
export { compilePattern, matchesPattern, MAX_PARAM_LENGTH, MAX_PATTERN_LENGTH } from './pattern';
export type { CompiledPattern } from './pattern';
export * from './saml';
export * from './user';
