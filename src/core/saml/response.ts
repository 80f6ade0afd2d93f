import { Finding, InputError, finding, plainFindings } from '../common/findings';
import { excerpt } from '../common/text';
import { SignatureCheck, canonicalNamespaceBudget, checkEnvelopedSignature, trustedKeys } from './signature';
import { SAML_CHECK_CODES } from './codes';
import { DEFAULT_CLOCK_SKEW_SECONDS, duration, parseSamlTime } from './time';
import { NS, attr, childElements, descendants, firstChild, parseXmlSafely, positionOf, text } from './xml';

export { decodeSamlInput } from './decode';

/** One attribute the service provider reads. */
export interface SamlAttributeExpectation {
  /** The name exactly as the service provider reads it (case-sensitive). */
  name: string;
  required: boolean;
  /** The only values the service provider accepts, when it documents them. */
  allowedValues?: string[];
  /** What to map it to in IAM Identity Center, quoted in the finding when it is missing. */
  suggestedValue?: string;
}

/**
 * What the service provider expects, as plain values: computed from a provider definition and its params
 * (src/core/providers/saml.ts), so that these checks never know which provider they check.
 */
export interface ServiceProviderExpectations {
  /** How messages name the service provider ("Frontline would reject this response"). */
  name: string;
  /** The ACS URL: Destination and Recipient must be exactly this (a query string included). */
  acsUrl?: string;
  /** The audience (SP entity ID) every AudienceRestriction must name. */
  audience?: string;
  /** Said when acsUrl and audience are unknown, in place of comparing them (e.g. no Realm SID given). */
  notCompared?: Finding;
  attributes: SamlAttributeExpectation[];
  /** Accepted NameID formats by their short name (emailAddress, persistent …), the preferred first. */
  nameIdFormats?: string[];
  /** The Identity Center value for the Subject mapping, e.g. `${user:email}`. */
  nameIdSource?: string;
  /** Whether the service provider needs the Response signed (unsigned: error; otherwise a warning). */
  responseSigned?: boolean;
  /** Whether the service provider needs the Assertion signed (unsigned: error; otherwise a warning). */
  assertionSigned?: boolean;
  /** The service provider's own error text for an unsigned response, quoted in the finding. */
  unsignedResponseError?: string;
  /** The signature digest the service provider needs; a weaker one is an error instead of a warning. */
  algorithm?: 'SHA-256' | 'SHA-1';
  /** Whether the service provider refuses encrypted assertions. */
  refusesEncryptedAssertions?: boolean;
}

/** What the response is checked against: from the config file, or given on the command line. */
export interface SamlExpectations {
  /** The service provider's expectations; without them only the SAML 2.0 profile is checked. */
  serviceProvider?: ServiceProviderExpectations;
  issuer?: string;
  /** PEM text of the IdP certificate(s) to verify signatures with. Never taken from the message itself. */
  certificatePem?: string;
  /** How far the clocks of the identity provider and this machine may differ (default 180 seconds). */
  clockSkewSeconds?: number;
}

export interface SignatureReport {
  responseSigned: boolean;
  assertionSigned: boolean;
  /** true: every signature present verified with the configured certificate; null: no certificate to check with. */
  valid: boolean | null;
  algorithm?: string;
  /** SHA-256 fingerprints of the configured certificates the signatures were checked with. */
  configuredSha256: string[];
  /** SHA-256 fingerprints of certificates the message carries in KeyInfo (only compared, never trusted). */
  keyInfoSha256: string[];
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
  /** The instant the times were checked against (ISO-8601 UTC). */
  checkedAt: string;
  /** The clock-skew allowance the times were checked with. */
  clockSkewSeconds: number;
  /** The decoded XML as received. */
  xml: string;
  /** How the verdict names the service provider checked against, when one was given. */
  serviceProvider?: string;
}

const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
const ENTITY_FORMAT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:entity';
const SHORT_FORMAT = /^urn:oasis:names:tc:SAML:(?:1\.1|2\.0):nameid-format:/;
const WEAK_ALGORITHM = /sha1|md5/i;

/** The verdict in one line, as the CLI, the report and the redacted report start. */
export function samlVerdict(report: Pick<SamlReport, 'checks' | 'serviceProvider'>): string {
  const sp = report.serviceProvider ?? 'The service provider';
  const errors = report.checks.filter((c) => c.severity === 'error').length;
  const warnings = report.checks.filter((c) => c.severity === 'warning').length;
  if (errors > 0) {
    return `${sp} would reject this response: ${errors} error${errors === 1 ? '' : 's'}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}.`;
  }
  return warnings > 0
    ? `${sp} should accept this response, with ${warnings} warning${warnings === 1 ? '' : 's'}.`
    : `${sp} should accept this response: all checks passed.`;
}

/** `<saml2:Conditions>` — how messages name an element: its tag as written in the response. */
function tag(el: Element | undefined, fallback: string): string {
  return `<${excerpt(el?.nodeName ?? fallback, 80)}>`;
}

/** A value from the response, quoted in a message: at most 200 characters. */
function q(value: string): string {
  return excerpt(value, 200);
}

/**
 * Checks the XML of a SAML response as Frontline and the SAML 2.0 Web Browser SSO profile require. Throws InputError
 * when it is not a SAML response at all. `now` is the instant the times are checked against.
 */
export async function checkSamlResponse(
  xml: string,
  expect: SamlExpectations,
  now: Date = new Date(),
): Promise<SamlReport> {
  const doc = parseXmlSafely(xml, 'SAML response');
  const root = doc.documentElement!;
  if (root.namespaceURI !== NS.protocol || root.localName !== 'Response') {
    throw new InputError(
      `This XML is not a SAML response (its root element is <${excerpt(root.nodeName, 80)}>, not <samlp:Response>).`,
    );
  }
  const checks: Finding[] = [];
  const { keys, problems: keyProblems } = await trustedKeys(expect.certificatePem);
  const sp = expect.serviceProvider;
  const spName = sp?.name ?? 'the service provider';
  const values = sp?.acsUrl !== undefined || sp?.audience !== undefined ? sp : undefined;
  const clockSkewSeconds = expect.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  const skewMs = clockSkewSeconds * 1000;
  const response = root;
  const budget = canonicalNamespaceBudget(xml.length);

  const responseSig = await checkEnvelopedSignature(response, 'response', keys, budget);
  const encrypted = childElements(response, NS.assertion, 'EncryptedAssertion');
  if (encrypted.length > 0 && sp?.refusesEncryptedAssertions) {
    checks.push(
      finding(
        'saml-encrypted-assertion',
        'error',
        `The assertion is encrypted; ${spName} rejects encrypted assertions. IAM Identity Center does not encrypt them: is this response from another IdP?`,
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
  // With more than one assertion nothing is reported from any of them: which one would a service provider read?
  const assertion = assertions.length === 1 && allAssertions.length === 1 ? assertions[0] : undefined;
  const assertionSig: SignatureCheck = assertion
    ? await checkEnvelopedSignature(assertion, 'assertion', keys, budget)
    : { present: false, valid: null, problems: [] };

  // An unusable certificate is said once, by its own finding, instead of as "no certificate was given".
  checks.push(...keyProblems);
  checks.push(...signatureChecks(responseSig, assertionSig, assertion, keys.length > 0 || keyProblems.length > 0, sp));
  checkStatus(response, checks);

  const destination = attr(response, 'Destination') ?? null;
  if (destination === null && (values?.acsUrl || responseSig.present)) {
    checks.push(
      finding(
        'saml-destination-missing',
        'error',
        `${tag(response, 'Response')} has no Destination${values?.acsUrl ? `; it must be ${spName}'s ACS URL ${values.acsUrl}` : ''}. A signed response must name the ACS URL it is sent to (SAML bindings §3.5.5.2).`,
      ),
    );
  } else if (values?.acsUrl && destination !== values.acsUrl) {
    checks.push(
      finding(
        'saml-destination',
        'error',
        `${tag(response, 'Response')} Destination is ${q(destination ?? '')}, but ${spName}'s ACS URL is ${values.acsUrl}. Set the Application ACS URL in IAM Identity Center to that value.`,
      ),
    );
  }

  const issuer = checkIssuers(response, assertion, responseSig.present, expect.issuer, spName, checks);
  const subject = firstChild(assertion, NS.assertion, 'Subject');
  const nameIdEl = firstChild(subject, NS.assertion, 'NameID');
  const nameId = text(nameIdEl) ?? null;
  const nameIdFormat = attr(nameIdEl, 'Format') ?? null;
  const conditions = firstChild(assertion, NS.assertion, 'Conditions');
  let audiences: string[] = [];
  if (assertion) {
    checkNameId(nameIdEl, nameId, nameIdFormat, sp, checks);
    const times = new TimeChecks(now, skewMs, spName, checks);
    // Conditions first: once the assertion has expired, the bearer confirmation's expiry adds nothing.
    audiences = checkConditions(assertion, conditions, values?.audience, spName, times, checks);
    checkBearer(subject, assertion, values?.acsUrl, times, checks);
    const authnStatement = firstChild(assertion, NS.assertion, 'AuthnStatement');
    if (!authnStatement) {
      checks.push(
        finding(
          'saml-authn-statement-missing',
          'error',
          `${tag(assertion, 'Assertion')} has no <AuthnStatement>; the Web Browser SSO profile requires one in the bearer assertion (SAML profiles §4.1.4.2), and service providers refuse it ("The Assertion must include an AuthnStatement element"). IAM Identity Center always sends one: is this response from another IdP, or was it edited?`,
        ),
      );
    }
    times.check(authnStatement, 'SessionNotOnOrAfter', 'session');
    times.check(assertion, 'IssueInstant', 'issued', true);
    times.check(response, 'IssueInstant', 'issued', true);
  }
  const misplaced = descendants(doc, NS.assertion, 'AudienceRestriction').filter(
    (r) =>
      (r.parentNode as Element | null)?.namespaceURI !== NS.assertion ||
      (r.parentNode as Element).localName !== 'Conditions',
  );
  if (misplaced.length > 0) {
    checks.push(
      finding(
        'saml-audience-misplaced',
        'warning',
        `${tag(misplaced[0], 'AudienceRestriction')} at ${positionOf(misplaced[0])} is not inside the assertion's <Conditions>, so it restricts nothing and is ignored.`,
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
  if (assertion && sp) checkAttributes(attributes, sp, checks);
  if (!values && sp?.notCompared) checks.push(sp.notCompared);
  if (!expect.issuer)
    checks.push(finding('saml-no-issuer', 'info', 'No issuer URL was given, so the Issuer was not compared.'));

  const present = [responseSig, assertionSig].filter((s) => s.present);
  const verified = present.length > 0 && present.every((s) => s.valid === true);
  return {
    destination,
    issuer,
    audience: audiences[0] ?? null,
    nameId,
    nameIdFormat,
    attributes,
    notBefore: attr(conditions, 'NotBefore') ?? null,
    notOnOrAfter: attr(conditions, 'NotOnOrAfter') ?? null,
    signature: {
      responseSigned: responseSig.present,
      assertionSigned: assertionSig.present,
      valid: keys.length === 0 ? null : verified,
      algorithm: responseSig.algorithm ?? assertionSig.algorithm,
      configuredSha256: keys.map((k) => k.sha256),
      keyInfoSha256: [
        ...new Set([responseSig.keyInfoSha256, assertionSig.keyInfoSha256].filter((s): s is string => !!s)),
      ],
    },
    checks,
    checkedAt: now.toISOString(),
    clockSkewSeconds,
    xml,
    ...(sp ? { serviceProvider: sp.name } : {}),
  };
}

function signatureChecks(
  responseSig: SignatureCheck,
  assertionSig: SignatureCheck,
  assertion: Element | undefined,
  haveKeys: boolean,
  sp: ServiceProviderExpectations | undefined,
): Finding[] {
  const out: Finding[] = [...responseSig.problems, ...assertionSig.problems];
  if (!responseSig.present) {
    const quoted = sp?.unsignedResponseError ? ` ("${sp.unsignedResponseError}")` : '';
    out.push(
      sp?.responseSigned
        ? finding(
            'saml-response-unsigned',
            'error',
            `The Response is not signed; ${sp.name} rejects it${quoted}. IAM Identity Center signs both the response and the assertion.`,
          )
        : finding(
            'saml-response-unsigned',
            'warning',
            'The Response is not signed; IAM Identity Center signs it, so this response may come from elsewhere.',
          ),
    );
  }
  if (assertion && !assertionSig.present) {
    out.push(
      sp?.assertionSigned
        ? finding(
            'saml-assertion-unsigned',
            'error',
            `The assertion is not signed; ${sp.name} requires a signed assertion. IAM Identity Center signs both the response and the assertion.`,
          )
        : finding(
            'saml-assertion-unsigned',
            'warning',
            'The assertion is not signed; IAM Identity Center signs it, so this response may come from elsewhere.',
          ),
    );
  }
  const present = [responseSig, assertionSig].filter((s) => s.present);
  if (present.length > 0 && !haveKeys) {
    out.push(
      finding(
        'saml-signature-not-checked',
        'warning',
        'The signatures were not verified: no IdP certificate was given (a config file with the certificate, or --cert). The certificate inside the message is never trusted.',
      ),
    );
  }
  const weak = present.find((s) => s.algorithm && WEAK_ALGORITHM.test(s.algorithm));
  if (weak) {
    out.push(
      sp?.algorithm === 'SHA-256'
        ? finding(
            'saml-signature-sha1',
            'error',
            `The response is signed with ${q(weak.algorithm!)}; ${sp.name} requires SHA-256. IAM Identity Center signs with rsa-sha256 when its certificate is SHA-256.`,
          )
        : finding(
            'saml-signature-sha1',
            'warning',
            `The response is signed with ${q(weak.algorithm!)}; SHA-1 is weak. IAM Identity Center signs with rsa-sha256 when its certificate is SHA-256.`,
          ),
    );
  }
  return out;
}

function checkStatus(response: Element, checks: Finding[]): void {
  const status = firstChild(response, NS.protocol, 'Status');
  const code = firstChild(status, NS.protocol, 'StatusCode');
  const value = attr(code, 'Value');
  if (value === SUCCESS) return;
  const sub = attr(firstChild(code, NS.protocol, 'StatusCode'), 'Value');
  const message = text(firstChild(status, NS.protocol, 'StatusMessage'));
  checks.push(
    finding(
      'saml-status',
      'error',
      `${code ? `${tag(code, 'StatusCode')} Value is ${q(value ?? '(none)')}` : `${tag(status ?? response, 'Status')} has no <StatusCode>`}${sub ? ` / ${q(sub)}` : ''}${message ? ` ("${q(message)}")` : ''}, not ${SUCCESS}: IAM Identity Center did not sign the user in.`,
    ),
  );
}

/** The assertion's Issuer is required, the Response's too when it is signed (profiles §4.1.4.2). */
function checkIssuers(
  response: Element,
  assertion: Element | undefined,
  responseSigned: boolean,
  expected: string | undefined,
  spName: string,
  checks: Finding[],
): string | null {
  const want = expected?.trim();
  const one = (parent: Element, where: 'Response' | 'assertion', required: boolean): string | null => {
    const el = firstChild(parent, NS.assertion, 'Issuer');
    const value = text(el) ?? null;
    if (!el || !value) {
      if (required) {
        checks.push(
          finding(
            `saml-${where.toLowerCase()}-issuer-missing`,
            'error',
            `${tag(parent, where)} has no <Issuer>${want ? `; expected ${q(want)}` : ''}. The Web Browser SSO profile requires it${where === 'Response' ? ' on a signed response' : ''}, so ${spName} cannot tell which identity provider sent it.`,
          ),
        );
      }
      return null;
    }
    const format = attr(el, 'Format');
    if (format !== undefined && format !== ENTITY_FORMAT) {
      checks.push(
        finding(
          'saml-issuer-format',
          'error',
          `${tag(el, 'Issuer')} in ${tag(parent, where)} has Format ${q(format)}; an identity provider's Issuer has no Format or ${ENTITY_FORMAT}.`,
        ),
      );
    }
    if (want && value !== want) {
      checks.push(
        finding(
          'saml-issuer',
          'error',
          `${tag(el, 'Issuer')} of the ${where} is ${q(value)}, but ${spName} is configured with ${q(want)}. Paste the IAM Identity Center issuer URL of this application into the ${spName} Console.`,
        ),
      );
    }
    return value;
  };
  const responseIssuer = one(response, 'Response', responseSigned);
  const assertionIssuer = assertion ? one(assertion, 'assertion', true) : null;
  return assertionIssuer ?? responseIssuer;
}

/** The full URN of a short NameID format name, as SAML writes it (emailAddress and unspecified are SAML 1.1's). */
function formatUrn(short: string): string {
  const version = short === 'emailAddress' || short === 'unspecified' ? '1.1' : '2.0';
  return `urn:oasis:names:tc:SAML:${version}:nameid-format:${short}`;
}

function checkNameId(
  el: Element | undefined,
  nameId: string | null,
  format: string | null,
  sp: ServiceProviderExpectations | undefined,
  checks: Finding[],
): void {
  const source = sp?.nameIdSource;
  const formats = sp?.nameIdFormats ?? [];
  if (!nameId) {
    checks.push(
      finding(
        'saml-nameid-missing',
        'error',
        `The assertion has no <NameID> in its <Subject>${source ? `; map Subject to ${source} in IAM Identity Center` : ''}.`,
      ),
    );
  } else if (formats[0] === 'emailAddress' && !/^[^@\s]+@[^@\s]+$/.test(nameId)) {
    checks.push(
      finding(
        'saml-nameid-not-email',
        'warning',
        `${tag(el, 'NameID')} is "${q(nameId)}", not an email address; ${sp!.name} identifies users by email (map Subject to ${source ?? '${user:email}'}).`,
      ),
    );
  }
  if (format && formats.length > 0 && !formats.includes(format.replace(SHORT_FORMAT, ''))) {
    checks.push(
      finding(
        'saml-nameid-format',
        'info',
        `${tag(el, 'NameID')} Format is ${q(format)}; the ${sp!.name} guide uses ${formats.map(formatUrn).join(' or ')}.`,
      ),
    );
  }
}

/**
 * Profiles §4.1.4.2: a bearer SubjectConfirmation whose SubjectConfirmationData has Recipient (the ACS URL) and
 * NotOnOrAfter, and no NotBefore. Of several bearer confirmations, the first that meets all of it counts.
 */
function checkBearer(
  subject: Element | undefined,
  assertion: Element,
  acsUrl: string | undefined,
  times: TimeChecks,
  checks: Finding[],
): void {
  const bearers = childElements(subject ?? assertion, NS.assertion, 'SubjectConfirmation').filter(
    (c) => attr(c, 'Method') === BEARER,
  );
  if (bearers.length === 0) {
    checks.push(
      finding(
        'saml-bearer-missing',
        'error',
        `${subject ? tag(subject, 'Subject') : 'The assertion'} has no <SubjectConfirmation Method="${BEARER}">; the Web Browser SSO profile requires one.`,
      ),
    );
    return;
  }
  const problemsOf = (confirmation: Element): Finding[] => {
    const out: Finding[] = [];
    const data = firstChild(confirmation, NS.assertion, 'SubjectConfirmationData');
    if (!data) {
      return [
        finding(
          'saml-confirmation-data-missing',
          'error',
          `The bearer ${tag(confirmation, 'SubjectConfirmation')} has no <SubjectConfirmationData>; it must carry Recipient and NotOnOrAfter.`,
        ),
      ];
    }
    const where = tag(data, 'SubjectConfirmationData');
    const recipient = attr(data, 'Recipient');
    if (recipient === undefined) {
      out.push(
        finding(
          'saml-recipient-missing',
          'error',
          `The bearer ${where} has no Recipient${acsUrl ? `; it must be the ACS URL ${acsUrl}` : ' (the ACS URL)'}.`,
        ),
      );
    } else if (acsUrl && recipient !== acsUrl) {
      out.push(
        finding(
          'saml-recipient',
          'error',
          `The bearer ${where} Recipient is ${q(recipient)}, but must be the ACS URL ${acsUrl}.`,
        ),
      );
    }
    if (attr(data, 'NotOnOrAfter') === undefined) {
      out.push(
        finding(
          'saml-confirmation-notonorafter-missing',
          'error',
          `The bearer ${where} has no NotOnOrAfter; the profile requires it to limit how long the response can be used.`,
        ),
      );
    }
    if (attr(data, 'NotBefore') !== undefined) {
      out.push(
        finding(
          'saml-confirmation-notbefore',
          'error',
          `The bearer ${where} has NotBefore="${q(attr(data, 'NotBefore') ?? '')}"; the Web Browser SSO profile forbids it there.`,
        ),
      );
    }
    return out;
  };
  const chosen = bearers.find((b) => problemsOf(b).length === 0) ?? bearers[0]!;
  checks.push(...problemsOf(chosen));
  times.check(firstChild(chosen, NS.assertion, 'SubjectConfirmationData'), 'NotOnOrAfter', 'confirmation');
}

/** Conditions, its times, and every AudienceRestriction in it (core §2.5.1.4). Returns the audiences named. */
function checkConditions(
  assertion: Element,
  conditions: Element | undefined,
  audience: string | undefined,
  spName: string,
  times: TimeChecks,
  checks: Finding[],
): string[] {
  if (!conditions) {
    checks.push(
      finding(
        'saml-conditions-missing',
        'error',
        `${tag(assertion, 'Assertion')} has no <Conditions>, so no audience restricts it${audience ? ` (expected ${audience})` : ''}; ${spName} requires one.`,
      ),
    );
    return [];
  }
  times.check(conditions, 'NotBefore', 'not-before');
  times.check(conditions, 'NotOnOrAfter', 'expires');
  const restrictions = childElements(conditions, NS.assertion, 'AudienceRestriction');
  const named = restrictions.map((r) => childElements(r, NS.assertion, 'Audience').map((a) => text(a) ?? ''));
  if (restrictions.length === 0) {
    checks.push(
      finding(
        'saml-audience-missing',
        'error',
        `${tag(conditions, 'Conditions')} has no <AudienceRestriction>${audience ? `; expected one naming ${audience}` : ''}. The Web Browser SSO profile requires one.`,
      ),
    );
  } else if (audience) {
    const failing = named.map((list, i) => ({ list, i })).filter(({ list }) => !list.includes(audience));
    const first = failing[0];
    if (first) {
      const names =
        first.list.length > 0
          ? `names ${first.list.slice(0, 3).map(q).join(', ')}${first.list.length > 3 ? ` and ${first.list.length - 3} more` : ''}`
          : 'names no audience';
      const which =
        restrictions.length === 1
          ? 'The Audience'
          : `${tag(restrictions[first.i], 'AudienceRestriction')} ${first.i + 1} of ${restrictions.length}${failing.length > 1 ? ` (and ${failing.length - 1} more like it)` : ''}`;
      checks.push(
        finding(
          'saml-audience',
          'error',
          `${which} ${names}, but ${spName} expects ${audience}${restrictions.length > 1 ? ' in every one' : ''}. Set the Application SAML audience in IAM Identity Center to that value.`,
        ),
      );
    }
  }
  return named.flat();
}

type TimeRole = 'not-before' | 'expires' | 'confirmation' | 'session' | 'issued';

/** Reads the times of one response, checks them against `now` with the clock-skew allowance, and notes findings. */
class TimeChecks {
  private expired = false;
  constructor(
    private readonly now: Date,
    private readonly skewMs: number,
    private readonly spName: string,
    private readonly checks: Finding[],
  ) {}

  check(el: Element | undefined, name: string, role: TimeRole, required = false): void {
    const value = attr(el, name);
    const where = `${tag(el, 'element')} ${name}`;
    if (!el || value === undefined) {
      if (el && required) {
        this.checks.push(finding('saml-time-invalid', 'error', `${where} is missing; it is a required time.`));
      }
      return;
    }
    const parsed = parseSamlTime(value);
    if (!parsed.ok) {
      this.checks.push(
        finding(
          'saml-time-invalid',
          'error',
          `${where} is "${q(value)}", which is not a time (${parsed.reason}); SAML times look like 2026-12-01T12:00:00Z.`,
        ),
      );
      return;
    }
    if (parsed.zone !== 'utc') {
      this.checks.push(
        finding(
          'saml-time-not-utc',
          'warning',
          parsed.zone === 'none'
            ? `${where} is "${q(value)}", without a time zone; SAML times are UTC (core §1.3.3), so it is read as ${parsed.date.toISOString()}.`
            : `${where} is "${q(value)}", with an offset; SAML times are UTC (core §1.3.3). It is read as ${parsed.date.toISOString()}.`,
        ),
      );
    }
    const t = parsed.date.getTime();
    const now = this.now.getTime();
    const at = this.now.toISOString();
    const skew = `${duration(this.skewMs)} of clock skew`;
    const skewNote = `If the times look right, the clock of this machine or of the identity provider is off by more than the ${skew} allowed.`;
    const within = (strictFails: boolean, lenientFails: boolean) => {
      if (strictFails && !lenientFails) {
        this.checks.push(
          finding(
            'saml-clock-skew-used',
            'info',
            `${where} (${value}) passes only thanks to the ${skew} allowed (checked at ${at}).`,
          ),
        );
      }
      return lenientFails;
    };
    if (role === 'not-before' && within(now < t, now + this.skewMs < t)) {
      this.checks.push(
        finding(
          'saml-not-yet-valid',
          'error',
          `${where}: the assertion is not valid until ${value}, ${duration(t - now)} after ${at}. ${skewNote}`,
        ),
      );
    } else if (role === 'issued' && within(now < t, now + this.skewMs < t)) {
      this.checks.push(
        finding(
          'saml-issued-in-future',
          'warning',
          `${where} is ${value}, ${duration(t - now)} after ${at}: it was issued in the future. ${skewNote}`,
        ),
      );
    } else if (role === 'expires' && within(now >= t, now - this.skewMs >= t)) {
      this.expired = true;
      this.checks.push(
        finding(
          'saml-expired',
          'error',
          `${where}: the assertion expired at ${value}, ${duration(now - t)} before ${at}; a captured response is only valid for a short time (pass the capture time with --at). ${skewNote}`,
        ),
      );
    } else if (role === 'confirmation' && within(now >= t, now - this.skewMs >= t) && !this.expired) {
      this.checks.push(
        finding(
          'saml-confirmation-expired',
          'error',
          `${where}: the bearer confirmation expired at ${value}, ${duration(now - t)} before ${at}; the response had to be posted to ${this.spName} before then.`,
        ),
      );
    } else if (role === 'session' && within(now >= t, now - this.skewMs >= t)) {
      this.checks.push(
        finding(
          'saml-session-expired',
          'warning',
          `${where}: the session ended at ${value} (${duration(now - t)} before ${at}); the user must sign in again.`,
        ),
      );
    }
  }
}

/** A code of the list in codes.ts for this attribute, when it has its own (`saml-attribute-email-missing`). */
function missingCode(name: string): string {
  const own = `saml-attribute-${name}-missing`;
  return Object.prototype.hasOwnProperty.call(SAML_CHECK_CODES, own) ? own : 'saml-attribute-missing';
}

function checkAttributes(
  attributes: Record<string, string[]>,
  sp: ServiceProviderExpectations,
  checks: Finding[],
): void {
  const present = Object.keys(attributes);
  for (const { name: required, suggestedValue } of sp.attributes.filter((a) => a.required)) {
    if (Object.prototype.hasOwnProperty.call(attributes, required)) continue;
    const variant = present.find((k) => k.toLowerCase() === required.toLowerCase());
    checks.push(
      variant
        ? finding(
            'saml-attribute-case',
            'error',
            `The attribute is named "${q(variant)}", but ${sp.name} reads "${required}" (names are case-sensitive). Rename it in the IAM Identity Center attribute mappings.`,
          )
        : finding(
            missingCode(required),
            'error',
            `No <Attribute Name="${required}"> in the assertion (it has ${
              present.length > 0
                ? present
                    .slice(0, 5)
                    .map((n) => `"${q(n)}"`)
                    .join(', ') + (present.length > 5 ? ` and ${present.length - 5} more` : '')
                : 'no attributes'
            }); add it to the application's attribute mappings${suggestedValue ? ` (${suggestedValue})` : ''}.`,
          ),
    );
  }
  for (const { name, allowedValues } of sp.attributes) {
    if (!allowedValues || !Object.prototype.hasOwnProperty.call(attributes, name)) continue;
    const unknown = [...new Set(attributes[name])].filter((v) => !allowedValues.includes(v));
    if (unknown.length === 0) continue;
    const listed = `${unknown
      .slice(0, 5)
      .map((v) => `"${q(v)}"`)
      .join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}`;
    const known = allowedValues.map((v) => `"${v}"`).join(', ');
    checks.push(
      name === 'roles'
        ? finding(
            'saml-role-unknown',
            'warning',
            `${listed} ${unknown.length === 1 ? `is not a known ${sp.name} role` : `are not known ${sp.name} roles`}; the known role${allowedValues.length === 1 ? ' is' : 's are'} ${known}.`,
          )
        : finding(
            'saml-attribute-value-unknown',
            'warning',
            `${listed} ${unknown.length === 1 ? 'is not a value' : 'are not values'} ${sp.name} accepts in "${name}"; it accepts ${known}.`,
          ),
    );
  }
}

export function samlJson(report: SamlReport): Record<string, unknown> {
  const { xml: _xml, checks, signature, serviceProvider: _serviceProvider, ...rest } = report;
  return {
    ...rest,
    signature: {
      responseSigned: signature.responseSigned,
      assertionSigned: signature.assertionSigned,
      valid: signature.valid,
      algorithm: signature.algorithm ?? null,
      configuredSha256: signature.configuredSha256,
      keyInfoSha256: signature.keyInfoSha256,
    },
    verdict: samlVerdict(report),
    checks: plainFindings(checks),
  };
}
