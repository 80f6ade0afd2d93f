// `crypto` for xml-crypto in the web bundle. The extension uses only xml-crypto's canonicalisation (src/core/saml/
// c14n.ts); xml-crypto's signing, HMAC and certificate helpers, which need Node's crypto, are never called. Should
// one be, it says so instead of failing on an undefined function.
const unused = (name) => () => {
  throw new Error(`xml-crypto's ${name} is not part of the browser build (signatures are checked by src/core).`);
};
export const createSign = unused('createSign');
export const createVerify = unused('createVerify');
export const createHmac = unused('createHmac');
export const createHash = unused('createHash');
export const timingSafeEqual = unused('timingSafeEqual');
export class X509Certificate {
  constructor() {
    unused('X509Certificate')();
  }
}
export const constants = {};
export default { createSign, createVerify, createHmac, createHash, timingSafeEqual, X509Certificate, constants };
