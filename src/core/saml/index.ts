// The XML and signature stack: bundled separately (dist/saml.js) and loaded on first use.
export { checkIdpMetadata, metadataJson, parseIdpMetadata } from './metadata';
export type { MetadataReport } from './metadata';
export { checkSamlResponse, decodeSamlInput, samlJson } from './response';
export type { SamlExpectations, SamlReport, SignatureReport } from './response';
export { formatXml } from './format';
