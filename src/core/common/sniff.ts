/**
 * Cheap guesses at what a selected text is, so that the editor's context menu offers only the commands that can use
 * it. They look at a bounded prefix and never decode anything: a wrong guess costs a menu entry, not a check.
 */
const SCAN = 64 * 1024;

const head = (text: string) => (text.length > SCAN ? text.slice(0, SCAN) : text);

/** A PEM certificate block, or base64 that starts like a DER certificate (as in SAML metadata). */
export function looksLikeCertificate(text: string): boolean {
  const t = head(text);
  if (/-----BEGIN (X509 |TRUSTED )?CERTIFICATE-----/.test(t)) return true;
  return /^\s*MII[A-Za-z0-9+/]{200,}/.test(t);
}

/** A SAML response: its XML, a SAMLResponse form field, or base64 of `<samlp:Response`, `<saml2p:Response` or `<?xml `. */
export function looksLikeSamlResponse(text: string): boolean {
  const t = head(text);
  if (/SAMLResponse=|<(saml2?p|samlp2?):Response[\s>]|"log"\s*:\s*\{/.test(t)) return true;
  // Base64 of "<samlp:Response", "<saml2p:Response" and "<?xml " (URL-encoded or not).
  return /^\s*(PHNhbWxwOlJlc3BvbnNl|PHNhbWwycDpSZXNwb25zZ|PD94bWwg)[A-Za-z0-9+/%=]{100,}/.test(t);
}

/** A Realm SID, a Frontline ACS URL or audience, or an IAM Identity Center SAML URL. */
export function looksLikeFrontlineValues(text: string): boolean {
  const t = head(text);
  return /JB[0-9a-fA-F]{32}|iam\.twilio\.com\/v2\/saml2\/|portal\.sso\.[a-z0-9-]+\.amazonaws\.com/.test(t);
}

/** Hover and CodeLens skip larger documents: scanning them on every keystroke is not worth it. */
const MAX_CERTIFICATE_SCAN_CHARS = 1024 * 1024;

/** Whether a document's text may hold a PEM block worth scanning for hovers, CodeLens and the decode command. */
export function mayHoldCertificate(text: string): boolean {
  return text.length <= MAX_CERTIFICATE_SCAN_CHARS && text.includes('-----BEGIN');
}
