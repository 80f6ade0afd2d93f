// The XML and signature stack: bundled separately (dist/saml.js) and loaded on first use.
export { checkIdpMetadata, metadataJson, parseIdpMetadata } from './metadata';
export type { MetadataReport } from './metadata';
export { checkSamlResponse, decodeSamlInput, samlJson, samlVerdict } from './response';
export type { SamlExpectations, SamlReport, SignatureReport } from './response';
export { DEFAULT_CLOCK_SKEW_SECONDS, MAX_CLOCK_SKEW_SECONDS, parseSamlTime } from './time';
export { XML_LIMITS } from './xml';
export { formatXml } from './format';
export { MAX_HAR_BYTES, MAX_HAR_RESPONSES, findSamlRequestsInHar, looksLikeHar } from './har';
export type { HarSamlRequest } from './har';
export { maskText, redactUrl, redactedSamlJson, redactedSamlReport } from './redact';
