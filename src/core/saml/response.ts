import { inflateRawSync } from 'node:zlib';
import { SignedXml } from 'xml-crypto';
import { certificateDerList, derToPem } from '../certificates';
import { Finding, InputError, finding, plainFindings } from '../findings';
import { KNOWN_ROLES } from '../mappings';
import { frontlineValues } from '../realm';
import { MAX_XML_BYTES, NS, attr, childElements, descendants, firstChild, parseXmlSafely, text } from './xml';

/** What the response is checked against: from the config file, or given on the command line. */
export interface SamlExpectations {
  realmSid?: string;
  issuer?: string;
  /** PEM text of the IdP certificate(s) to verify signatures with. Never taken from the message itself. */
  certificatePem?: string;
}

export interface SignatureReport {
  responseSigned: boolean;
  assertionSigned: boolean;
  /** true: every signature present verified with the configured certificate; null: no certificate to check with. */
  valid: boolean | null;
  algorithm?: string;
}

export interface SamlReport {
  destination: string | null;
  issuer: string | null;
  audience: string | null;
  nameId: string | null;
  nameIdFormat: string | null;
  attributes: Record<string, string[]>;
  notBefore: string | null;
  notOnOrAfter: string | null;
  signature: SignatureReport;
  checks: Finding[];
  /** The decoded XML as received. */
  xml: string;
}

const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
const SHORT_FORMAT = /^urn:oasis:names:tc:SAML:(?:1\.1|2\.0):nameid-format:/;
const WEAK_ALGORITHM = /sha1|md5/i;

/**
 * Turns what a user copied into the response XML: raw XML, base64 (HTTP-POST), URL-encoded base64 (a form body, with
 * or without `SAMLResponse=`), or DEFLATE + base64 (HTTP-Redirect).
 */
export function decodeSamlInput(input: string | Uint8Array): string {
  const raw = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
  if (Buffer.byteLength(raw, 'utf8') > MAX_XML_BYTES) {
    throw new InputError('The input is larger than 5 MB, which no SAML response is; it was not read.');
  }
  let s = raw.replace(/^\ufeff/, '').trim();
  if (s === '')
    throw new InputError("The input is empty: paste a SAMLResponse (base64 from the browser's form data, or the XML).");
  if (s.startsWith('<')) return s;
  const field = /(?:^|[?&\s])SAMLResponse=([^&\s]*)/.exec(s) ?? /^SAMLResponse=([^&\s]*)/.exec(s);
  if (field) s = field[1] as string;
  if (/%[0-9A-Fa-f]{2}/.test(s)) {
    try {
      s = decodeURIComponent(s);
    } catch {
      throw new InputError('The input looks URL-encoded but has a broken %-escape; copy the SAMLResponse value again.');
    }
  }
  s = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 === 1) {
    throw new InputError(
      'The input is neither XML nor base64 (it may be truncated or contain other text); copy the whole SAMLResponse value.',
    );
  }
  const bytes = Buffer.from(s, 'base64');
  const asText = bytes
    .toString('utf8')
    .replace(/^\ufeff/, '')
    .trim();
  if (asText.startsWith('<')) return asText;
  try {
    const inflated = inflateRawSync(bytes, { maxOutputLength: MAX_XML_BYTES }).toString('utf8').trim();
    if (inflated.startsWith('<')) return inflated;
  } catch {
    // Not DEFLATE data either: fall through to the message below.
  }
  throw new InputError(
    'The base64 decodes to data that is neither XML nor DEFLATE-compressed XML; it is not a SAML response, or it is truncated.',
  );
}

interface SignatureCheck {
  present: boolean;
  valid: boolean | null;
  algorithm?: string;
  /** Canonical XML of the signed element, when the signature verified: the only content safe to report. */
  signedXml?: string;
  problem?: Finding;
}

function verifyEnvelopedSignature(
  xml: string,
  doc: Document,
  element: Element,
  label: string,
  certificates: string[],
): SignatureCheck {
  const signature = firstChild(element, NS.dsig, 'Signature');
  if (!signature) return { present: false, valid: null };
  const signedInfo = firstChild(signature, NS.dsig, 'SignedInfo');
  const algorithm = attr(firstChild(signedInfo, NS.dsig, 'SignatureMethod'), 'Algorithm');
  const references = childElements(signedInfo ?? signature, NS.dsig, 'Reference');
  const id = attr(element, 'ID');
  // Defeat signature wrapping: the signature must cover exactly the element that holds it, and that ID must be unique.
  if (references.length !== 1 || !id || attr(references[0], 'URI') !== `#${id}`) {
    return {
      present: true,
      valid: false,
      algorithm,
      problem: finding(
        `saml-${label}-signature-reference`,
        'error',
        `The ${label} signature does not sign the ${label} that contains it (its reference points elsewhere); this is how signature-wrapping attacks look.`,
      ),
    };
  }
  const sameId = descendants(doc, '*', '*').filter(
    (e) => attr(e, 'ID') === id || attr(e, 'Id') === id || attr(e, 'id') === id,
  );
  if (sameId.length > 1) {
    return {
      present: true,
      valid: false,
      algorithm,
      problem: finding(
        `saml-${label}-duplicate-id`,
        'error',
        `Several elements carry the ID ${id}; the message is ambiguous (signature wrapping) and is rejected.`,
      ),
    };
  }
  if (certificates.length === 0) return { present: true, valid: null, algorithm };
  for (const publicCert of certificates) {
    const verifier = new SignedXml({ publicCert, getCertFromKeyInfo: () => null });
    try {
      verifier.loadSignature(signature);
      if (verifier.checkSignature(xml)) {
        return { present: true, valid: true, algorithm, signedXml: verifier.getSignedReferences()[0] };
      }
    } catch {
      // A malformed signature is reported like a wrong one, below.
    }
  }
  return {
    present: true,
    valid: false,
    algorithm,
    problem: finding(
      `saml-${label}-signature-invalid`,
      'error',
      `The ${label} signature does not verify with the configured IdP certificate: the message was changed after signing, or it was signed with another key. Check that Frontline and this check use the certificate of the same IAM Identity Center application.`,
    ),
  };
}

function toPemList(pem: string | undefined): string[] {
  if (!pem) return [];
  return certificateDerList(pem).map(derToPem);
}

function parseSigned(signedXml: string | undefined, ns: string, localName: string): Element | undefined {
  if (!signedXml) return undefined;
  const el = parseXmlSafely(signedXml, 'signed content').documentElement;
  return el.namespaceURI === ns && el.localName === localName ? el : undefined;
}

function timeOf(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function minutes(ms: number): string {
  const m = Math.round(Math.abs(ms) / 60000);
  return m < 1 ? 'less than a minute' : m === 1 ? '1 minute' : m < 120 ? `${m} minutes` : `${Math.round(m / 60)} hours`;
}

/** Decodes the XML of a SAML response and checks it as Frontline would. Throws InputError when it is not one. */
export function checkSamlResponse(xml: string, expect: SamlExpectations, now: Date = new Date()): SamlReport {
  const doc = parseXmlSafely(xml, 'SAML response');
  const root = doc.documentElement;
  if (root.namespaceURI !== NS.protocol || root.localName !== 'Response') {
    throw new InputError(
      `This XML is not a SAML response (its root element is <${root.nodeName}>, not <samlp:Response>).`,
    );
  }
  const checks: Finding[] = [];
  const certificates = toPemList(expect.certificatePem);
  const values = expect.realmSid ? frontlineValues(expect.realmSid) : undefined;

  const responseSig = verifyEnvelopedSignature(xml, doc, root, 'response', certificates);
  // The Response and Assertion reported are the signed ones whenever a signature verified.
  const response = parseSigned(responseSig.signedXml, NS.protocol, 'Response') ?? root;
  const encrypted = childElements(response, NS.assertion, 'EncryptedAssertion');
  if (encrypted.length > 0) {
    checks.push(
      finding(
        'saml-encrypted-assertion',
        'error',
        'The assertion is encrypted; Frontline rejects encrypted assertions. IAM Identity Center does not encrypt them: is this response from another IdP?',
      ),
    );
  }
  const assertions = childElements(response, NS.assertion, 'Assertion');
  const allAssertions = descendants(doc, NS.assertion, 'Assertion');
  if (
    (assertions.length !== 1 || allAssertions.length !== assertions.length) &&
    !(encrypted.length > 0 && allAssertions.length === 0)
  ) {
    checks.push(
      finding(
        'saml-assertion-count',
        'error',
        allAssertions.length === 0 && encrypted.length === 0
          ? 'The response contains no assertion, so it signs nobody in.'
          : `The response must contain exactly one assertion, directly inside it; it has ${allAssertions.length}. Extra assertions are how signature-wrapping attacks look.`,
      ),
    );
  }
  const rawAssertion = assertions[0];
  const assertionSig = rawAssertion
    ? verifyEnvelopedSignature(xml, doc, rawAssertion, 'assertion', certificates)
    : ({ present: false, valid: null } as SignatureCheck);
  const assertion = parseSigned(assertionSig.signedXml, NS.assertion, 'Assertion') ?? rawAssertion;

  for (const sig of [responseSig, assertionSig]) if (sig.problem) checks.push(sig.problem);
  if (!responseSig.present) {
    checks.push(
      finding(
        'saml-response-unsigned',
        'error',
        'The Response is not signed; Frontline rejects it ("The Message of SAML response is not signed"). IAM Identity Center signs both the response and the assertion.',
      ),
    );
  }
  if (rawAssertion && !assertionSig.present) {
    checks.push(
      finding(
        'saml-assertion-unsigned',
        'warning',
        'The assertion is not signed; IAM Identity Center signs it, so this response may come from elsewhere.',
      ),
    );
  }
  const present = [responseSig, assertionSig].filter((s) => s.present);
  if (present.length > 0 && certificates.length === 0) {
    checks.push(
      finding(
        'saml-signature-not-checked',
        'warning',
        'The signatures were not verified: no IdP certificate was given (a config file with the certificate, or --cert). The certificate inside the message is never trusted.',
      ),
    );
  }
  const algorithm = responseSig.algorithm ?? assertionSig.algorithm;
  if (present.some((s) => s.algorithm && WEAK_ALGORITHM.test(s.algorithm))) {
    checks.push(
      finding(
        'saml-signature-sha1',
        'warning',
        `The response is signed with ${algorithm}; SHA-1 is weak. IAM Identity Center signs with rsa-sha256 when its certificate is SHA-256.`,
      ),
    );
  }

  const status = attr(firstChild(firstChild(response, NS.protocol, 'Status'), NS.protocol, 'StatusCode'), 'Value');
  if (status !== SUCCESS) {
    const sub = attr(
      firstChild(
        firstChild(firstChild(response, NS.protocol, 'Status'), NS.protocol, 'StatusCode'),
        NS.protocol,
        'StatusCode',
      ),
      'Value',
    );
    const message = text(firstChild(firstChild(response, NS.protocol, 'Status'), NS.protocol, 'StatusMessage'));
    checks.push(
      finding(
        'saml-status',
        'error',
        `The IdP answered with status ${status ?? '(none)'}${sub ? ` / ${sub}` : ''}${message ? `: ${message}` : ''}, not Success: the user was not signed in by IAM Identity Center.`,
      ),
    );
  }

  const destination = attr(response, 'Destination') ?? null;
  if (values) {
    if (destination !== values.acsUrl) {
      checks.push(
        finding(
          'saml-destination',
          'error',
          `Destination is ${destination ?? '(missing)'}, but Frontline's ACS URL is ${values.acsUrl}. Set the Application ACS URL in IAM Identity Center to that value.`,
        ),
      );
    }
  }
  const responseIssuer = text(firstChild(response, NS.assertion, 'Issuer')) ?? null;
  const assertionIssuer = text(firstChild(assertion, NS.assertion, 'Issuer')) ?? null;
  const issuer = assertionIssuer ?? responseIssuer;
  if (expect.issuer) {
    for (const [where, value] of [
      ['response', responseIssuer],
      ['assertion', assertionIssuer],
    ] as const) {
      if (value !== null && value !== expect.issuer.trim()) {
        checks.push(
          finding(
            'saml-issuer',
            'error',
            `The ${where} Issuer is ${value}, but Frontline is configured with ${expect.issuer}. Paste the IAM Identity Center issuer URL of this application into the Frontline Console.`,
          ),
        );
      }
    }
  }

  const subject = firstChild(assertion, NS.assertion, 'Subject');
  const nameIdEl = firstChild(subject, NS.assertion, 'NameID');
  const nameId = text(nameIdEl) ?? null;
  const nameIdFormat = attr(nameIdEl, 'Format') ?? null;
  if (assertion) {
    if (!nameId)
      checks.push(
        finding(
          'saml-nameid-missing',
          'error',
          'The assertion has no NameID; map Subject to ${user:email} in IAM Identity Center.',
        ),
      );
    else if (!/^[^@\s]+@[^@\s]+$/.test(nameId))
      checks.push(
        finding(
          'saml-nameid-not-email',
          'warning',
          `The NameID "${nameId}" is not an email address; Frontline identifies users by email (map Subject to \${user:email}).`,
        ),
      );
    if (nameIdFormat && nameIdFormat.replace(SHORT_FORMAT, '') !== 'emailAddress') {
      checks.push(
        finding(
          'saml-nameid-format',
          'info',
          `The NameID format is ${nameIdFormat}; the Frontline guide uses emailAddress.`,
        ),
      );
    }
  }
  const bearer = childElements(subject ?? response, NS.assertion, 'SubjectConfirmation').find(
    (c) => attr(c, 'Method') === BEARER,
  );
  const confirmation = firstChild(bearer, NS.assertion, 'SubjectConfirmationData');
  if (assertion && values) {
    const recipient = attr(confirmation, 'Recipient');
    if (recipient !== values.acsUrl) {
      checks.push(
        finding(
          'saml-recipient',
          'error',
          `The bearer SubjectConfirmationData Recipient is ${recipient ?? '(missing)'}, but must be the ACS URL ${values.acsUrl}.`,
        ),
      );
    }
  }

  const conditions = firstChild(assertion, NS.assertion, 'Conditions');
  const audiences = childElements(conditions ?? response, NS.assertion, 'AudienceRestriction').flatMap((r) =>
    childElements(r, NS.assertion, 'Audience').map((a) => text(a) ?? ''),
  );
  const audience = audiences[0] ?? null;
  if (assertion && values && !audiences.includes(values.audience)) {
    checks.push(
      finding(
        'saml-audience',
        'error',
        `The Audience is ${audiences.join(', ') || '(missing)'}, but Frontline expects ${values.audience}. Set the Application SAML audience in IAM Identity Center to that value.`,
      ),
    );
  }

  const notBefore = attr(conditions, 'NotBefore') ?? null;
  const notOnOrAfter = attr(conditions, 'NotOnOrAfter') ?? null;
  const skewNote = 'If the times look right, the clock of this machine or of the service differs (clock skew).';
  const start = timeOf(notBefore ?? undefined);
  const end = timeOf(notOnOrAfter ?? undefined);
  if (start && now < start) {
    checks.push(
      finding(
        'saml-not-yet-valid',
        'error',
        `The assertion is not valid until ${notBefore}, ${minutes(start.getTime() - now.getTime())} from now (${now.toISOString()}). ${skewNote}`,
      ),
    );
  }
  if (end && now >= end) {
    checks.push(
      finding(
        'saml-expired',
        'error',
        `The assertion expired at ${notOnOrAfter}, ${minutes(now.getTime() - end.getTime())} before ${now.toISOString()}; a captured response is only valid for a short time. ${skewNote}`,
      ),
    );
  }
  const confirmationEnd = timeOf(attr(confirmation, 'NotOnOrAfter'));
  if (confirmationEnd && now >= confirmationEnd && !(end && now >= end)) {
    checks.push(
      finding(
        'saml-confirmation-expired',
        'error',
        `The bearer confirmation expired at ${attr(confirmation, 'NotOnOrAfter')}; the response had to be posted to Frontline before then.`,
      ),
    );
  }
  const session = timeOf(attr(firstChild(assertion, NS.assertion, 'AuthnStatement'), 'SessionNotOnOrAfter'));
  if (session && now >= session) {
    checks.push(
      finding(
        'saml-session-expired',
        'warning',
        `The session ended at ${session.toISOString()} (SessionNotOnOrAfter); the user must sign in again.`,
      ),
    );
  }

  const attributes: Record<string, string[]> = {};
  for (const statement of childElements(assertion ?? response, NS.assertion, 'AttributeStatement')) {
    for (const a of childElements(statement, NS.assertion, 'Attribute')) {
      const name = attr(a, 'Name') ?? '';
      attributes[name] = [
        ...(attributes[name] ?? []),
        ...childElements(a, NS.assertion, 'AttributeValue').map((v) => text(v) ?? ''),
      ];
    }
  }
  if (assertion) checkAttributes(attributes, checks);
  if (!values)
    checks.push(
      finding(
        'saml-no-realm',
        'info',
        "No Realm SID was given, so Destination, Recipient and Audience were not compared with Frontline's values.",
      ),
    );
  if (!expect.issuer)
    checks.push(finding('saml-no-issuer', 'info', 'No issuer URL was given, so the Issuer was not compared.'));

  const verified = present.length > 0 && present.every((s) => s.valid === true);
  return {
    destination,
    issuer,
    audience,
    nameId,
    nameIdFormat,
    attributes,
    notBefore,
    notOnOrAfter,
    signature: {
      responseSigned: responseSig.present,
      assertionSigned: assertionSig.present,
      valid: certificates.length === 0 ? null : verified,
      algorithm,
    },
    checks,
    xml,
  };
}

function checkAttributes(attributes: Record<string, string[]>, checks: Finding[]): void {
  for (const required of ['email', 'roles']) {
    if (attributes[required]) continue;
    const variant = Object.keys(attributes).find((k) => k.toLowerCase() === required);
    checks.push(
      variant
        ? finding(
            'saml-attribute-case',
            'error',
            `The attribute is named "${variant}", but Frontline reads "${required}" (names are case-sensitive). Rename it in the IAM Identity Center attribute mappings.`,
          )
        : finding(
            `saml-attribute-${required}-missing`,
            'error',
            `The "${required}" attribute is missing; add it to the application's attribute mappings (${required === 'email' ? '${user:email}' : 'agent'}).`,
          ),
    );
  }
  for (const role of attributes.roles ?? []) {
    if (!(KNOWN_ROLES as readonly string[]).includes(role)) {
      checks.push(
        finding('saml-role-unknown', 'warning', `"${role}" is not a known Frontline role; the known role is "agent".`),
      );
    }
  }
}

export function samlJson(report: SamlReport): Record<string, unknown> {
  const { xml: _xml, checks, signature, ...rest } = report;
  return {
    ...rest,
    signature: {
      responseSigned: signature.responseSigned,
      assertionSigned: signature.assertionSigned,
      valid: signature.valid,
    },
    checks: plainFindings(checks),
  };
}
