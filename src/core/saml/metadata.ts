import { utf8Decode } from '../common/bytes';
import { CertificateInfo, decodeCertificates } from '../certificates/certificates';
import { Finding, InputError, isInputError, finding } from '../common/findings';
import { IdpMetadata } from '../values/idpMetadata';
import { checkIdpUrl } from '../values/idpUrl';
import { NS, attr, childElements, descendants, firstChild, parseXmlSafely, text } from './xml';

const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

export interface MetadataReport extends IdpMetadata {
  region?: string;
  accountId?: string;
  decodedCertificates: CertificateInfo[];
  findings: Finding[];
}

/** Reads the parts of IdP metadata the Frontline setup uses. Throws InputError when it is not IdP metadata. */
export function parseIdpMetadata(input: string | Uint8Array): IdpMetadata {
  const xml = typeof input === 'string' ? input : utf8Decode(input);
  const doc = parseXmlSafely(xml, 'metadata file');
  const entity = [doc.documentElement, ...descendants(doc, NS.metadata, 'EntityDescriptor')].find(
    (e) =>
      e.namespaceURI === NS.metadata &&
      e.localName === 'EntityDescriptor' &&
      firstChild(e, NS.metadata, 'IDPSSODescriptor'),
  );
  if (!entity) {
    throw new InputError(
      doc.documentElement.localName === 'EntityDescriptor'
        ? 'This metadata describes no identity provider (it has no IDPSSODescriptor); download the IAM Identity Center metadata file of the application.'
        : `This is not SAML metadata (the root element is <${doc.documentElement.nodeName}>); download the IAM Identity Center metadata file of the application.`,
    );
  }
  const idp = firstChild(entity, NS.metadata, 'IDPSSODescriptor') as Element;
  const sso = childElements(idp, NS.metadata, 'SingleSignOnService');
  const slo = childElements(idp, NS.metadata, 'SingleLogoutService');
  const location = (services: Element[], binding: string) =>
    attr(
      services.find((s) => attr(s, 'Binding') === binding),
      'Location',
    );
  const certificates = childElements(idp, NS.metadata, 'KeyDescriptor')
    .filter((k) => (attr(k, 'use') ?? 'signing') === 'signing')
    .flatMap((k) => descendants(k, NS.dsig, 'X509Certificate'))
    .map((c) => (text(c) ?? '').replace(/\s+/g, ''))
    .filter(Boolean);
  const ssoPost = location(sso, POST);
  const ssoRedirect = location(sso, REDIRECT);
  return {
    issuer: attr(entity, 'entityID') ?? '',
    ssoUrl: ssoPost ?? ssoRedirect ?? attr(sso[0], 'Location'),
    ssoRedirectUrl: ssoRedirect,
    sloUrl: location(slo, POST) ?? location(slo, REDIRECT) ?? attr(slo[0], 'Location'),
    certificates,
  };
}

/** Parses metadata and checks it as the Frontline setup needs it. */
export function checkIdpMetadata(input: string | Uint8Array, now: Date = new Date()): MetadataReport {
  const metadata = parseIdpMetadata(input);
  const findings: Finding[] = [];
  if (!metadata.issuer)
    findings.push(
      finding(
        'metadata-no-entity-id',
        'error',
        'The metadata has no entityID: there is no issuer URL to give Frontline.',
      ),
    );
  const issuer = metadata.issuer ? checkIdpUrl('issuer', metadata.issuer) : undefined;
  findings.push(...(issuer?.findings ?? []));
  if (!metadata.ssoUrl) {
    findings.push(
      finding(
        'metadata-no-sso',
        'error',
        'The metadata has no SingleSignOnService: there is no sign-in URL to give Frontline.',
      ),
    );
  } else {
    findings.push(
      ...checkIdpUrl('ssoUrl', metadata.ssoUrl).findings.filter(
        (f) => !issuer?.findings.some((i) => i.message === f.message),
      ),
    );
    if (metadata.ssoRedirectUrl && metadata.ssoRedirectUrl !== metadata.ssoUrl) {
      findings.push(
        finding(
          'metadata-sso-bindings-differ',
          'warning',
          'The POST and Redirect sign-in URLs differ; IAM Identity Center publishes one URL for both. Frontline uses the POST one.',
        ),
      );
    }
  }
  const decodedCertificates: CertificateInfo[] = [];
  if (metadata.certificates.length === 0) {
    findings.push(
      finding(
        'metadata-no-certificate',
        'error',
        'The metadata has no signing certificate (KeyDescriptor use="signing"); Frontline needs it to check responses.',
      ),
    );
  }
  for (const [i, base64] of metadata.certificates.entries()) {
    try {
      const [cert] = decodeCertificates(base64, now);
      if (cert) {
        decodedCertificates.push(cert);
        findings.push(...cert.findings);
      }
    } catch (err) {
      if (!isInputError(err)) throw err;
      findings.push(
        finding(
          'metadata-certificate-unreadable',
          'error',
          `Signing certificate ${i + 1} in the metadata cannot be read: ${err.message}`,
        ),
      );
    }
  }
  return {
    ...metadata,
    region: issuer?.info?.region,
    accountId: issuer?.info?.accountId,
    decodedCertificates,
    findings,
  };
}

export function metadataJson(report: MetadataReport): Record<string, unknown> {
  return {
    issuer: report.issuer,
    ssoUrl: report.ssoUrl ?? null,
    sloUrl: report.sloUrl ?? null,
    region: report.region ?? null,
    accountId: report.accountId ?? null,
    certificates: report.decodedCertificates.map((c) => c.pem),
    findings: report.findings.map(({ code, severity, message }) => ({ code, severity, message })),
  };
}
