/** What an IdP metadata file says (parsed by core/saml/metadata.ts, which loads the XML stack). */
export interface IdpMetadata {
  issuer: string;
  ssoUrl?: string;
  /** Location of the HTTP-Redirect SingleSignOnService, when it differs from the POST one. */
  ssoRedirectUrl?: string;
  sloUrl?: string;
  /** Signing certificates as base64 DER (as in ds:X509Certificate, whitespace removed). */
  certificates: string[];
}
