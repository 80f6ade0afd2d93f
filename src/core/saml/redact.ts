import { certificateDerList, certificateSha256 } from '../certificates/certificates';
import { ipVersion } from '../common/ip';
import type { SamlReport } from './response';
import { samlVerdict } from './response';

/**
 * A report to paste into a support ticket: the verdict and every check, with personal data masked. The NameID and
 * every attribute value (names, addresses, group names) are masked wherever they appear, then any remaining email
 * address or IP address, and certificates are named by their SHA-256 fingerprints. `roles` values stay: they are
 * Frontline's role names, not personal data, and the likeliest cause of a failed sign-in.
 */

const MASK = '•••';
/** Attributes whose values are configuration, not personal data. */
const KEPT_ATTRIBUTES = new Set(['roles']);
const EMAIL =
  /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+)/g;
const IP_CANDIDATE = /(?<![0-9A-Za-z:.])[0-9A-Fa-f:.]{2,45}(?![0-9A-Za-z:])/g;
const PEM = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
const LONG_BASE64 = /[A-Za-z0-9+/]{120,}={0,2}/g;

/** A masked stand-in that keeps what helps a diagnosis: the email domain, the IP version, the length. */
export function maskValue(value: string): string {
  const email = /^[^@\s]+@([^@\s]+)$/.exec(value.trim());
  if (email) return `${MASK}@${email[1]}`;
  const ip = ipVersion(value.trim());
  if (ip) return ip === 4 ? '•.•.•.•' : '•:•:•';
  return value === '' ? '' : `${MASK} (${[...value].length} characters)`;
}

function certificateName(pem: string): string {
  let sha256: string | undefined;
  try {
    const ders = certificateDerList(pem);
    sha256 = ders.length === 1 ? certificateSha256(ders[0]!) : undefined;
  } catch {
    sha256 = undefined;
  }
  return sha256 ? `‹certificate SHA-256 ${sha256}›` : '‹certificate›';
}

/** Masks every email and IP address in free text, and replaces certificates and other long base64 data. */
export function maskText(text: string, sensitive: readonly string[] = []): string {
  let out = text;
  for (const value of [...new Set(sensitive)].filter((v) => v.trim().length > 0).sort((a, b) => b.length - a.length)) {
    out = out.split(value).join(maskValue(value));
  }
  return out
    .replace(PEM, (pem) => certificateName(pem))
    .replace(LONG_BASE64, '‹base64 data›')
    .replace(EMAIL, (_m, domain: string) => `${MASK}@${domain}`)
    .replace(IP_CANDIDATE, (m) => (ipVersion(m) ? maskValue(m) : m));
}

function sensitiveValues(report: SamlReport): string[] {
  const values = report.nameId ? [report.nameId] : [];
  for (const [name, list] of Object.entries(report.attributes)) {
    if (!KEPT_ATTRIBUTES.has(name)) values.push(...list);
  }
  return values;
}

/** A SAML report with its personal data masked: what `saml --redact` prints and Copy Redacted Report copies. */
export interface RedactedSamlReport {
  verdict: string;
  checkedAt: string;
  clockSkewSeconds: number;
  destination: string | null;
  issuer: string | null;
  audience: string | null;
  nameId: string | null;
  nameIdFormat: string | null;
  notBefore: string | null;
  notOnOrAfter: string | null;
  /** Attribute names (masked where a value appears in them) with their masked values. */
  attributes: Array<[string, string[]]>;
  /** Fingerprints are kept: they name certificates, not people. */
  signature: {
    responseSigned: boolean;
    assertionSigned: boolean;
    valid: boolean | null;
    algorithm: string | null;
    configuredSha256: string[];
    keyInfoSha256: string[];
  };
  checks: Array<{ code: string; severity: string; message: string }>;
}

/**
 * The one place that decides what a redacted report keeps: the CLI's text and JSON and the VS Code command all
 * render this, so what one of them masks the others mask too.
 */
export function redactSamlReport(report: SamlReport): RedactedSamlReport {
  const sensitive = sensitiveValues(report);
  const mask = (v: string | null) => (v === null ? null : maskText(v, sensitive));
  const sig = report.signature;
  return {
    verdict: samlVerdict(report),
    checkedAt: report.checkedAt,
    clockSkewSeconds: report.clockSkewSeconds,
    destination: mask(report.destination),
    issuer: mask(report.issuer),
    audience: mask(report.audience),
    nameId: report.nameId === null ? null : maskValue(report.nameId),
    nameIdFormat: mask(report.nameIdFormat),
    notBefore: mask(report.notBefore),
    notOnOrAfter: mask(report.notOnOrAfter),
    attributes: Object.entries(report.attributes).map(([name, list]) => [
      maskText(name, sensitive),
      KEPT_ATTRIBUTES.has(name) ? list.map((v) => maskText(v)) : list.map(maskValue),
    ]),
    signature: {
      responseSigned: sig.responseSigned,
      assertionSigned: sig.assertionSigned,
      valid: sig.valid,
      algorithm: sig.algorithm ?? null,
      configuredSha256: sig.configuredSha256,
      keyInfoSha256: sig.keyInfoSha256,
    },
    checks: report.checks.map((c) => ({
      code: c.code,
      severity: c.severity,
      message: maskText(c.message, sensitive),
    })),
  };
}

/**
 * A URL from a HAR file as a redacted report shows it: origin and path only. The query string can carry the whole
 * base64 SAMLResponse (the NameID and every attribute), login_hint addresses and session IDs.
 */
export function redactUrl(url: string | null): string | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    return maskText(`${parsed.origin === 'null' ? `${parsed.protocol}` : parsed.origin}${parsed.pathname}`);
  } catch {
    return maskText(url.replace(/[?#][\s\S]*$/, ''));
  }
}

/** The redacted report as JSON (`saml --redact --json`). */
export function redactedSamlJson(report: SamlReport): Record<string, unknown> {
  const redacted = redactSamlReport(report);
  return { ...redacted, attributes: Object.fromEntries(redacted.attributes), redacted: true };
}

/** The redacted report as Markdown text, for the clipboard and `saml --redact`. */
export function redactedSamlReport(report: SamlReport, origin?: string): string {
  const r = redactSamlReport(report);
  const sig = r.signature;
  const shown = (v: string | null) => v ?? '(none)';
  const lines = [
    '## Frontline SSO: SAML response check (personal data masked)',
    '',
    `**Verdict:** ${r.verdict}`,
    '',
    `- Checked at: ${r.checkedAt} (clock skew allowed: ${r.clockSkewSeconds} s)${origin ? `; from ${maskText(origin)}` : ''}`,
    `- Signatures: response ${sig.responseSigned ? 'signed' : 'unsigned'}, assertion ${sig.assertionSigned ? 'signed' : 'unsigned'}; ${sig.valid === null ? 'not verified (no certificate given)' : sig.valid ? 'verified' : 'NOT valid'}${sig.algorithm ? ` (${sig.algorithm.replace(/^.*#/, '')})` : ''}`,
    ...sig.configuredSha256.map((f) => `- Configured certificate: SHA-256 ${f}`),
    ...sig.keyInfoSha256.map((f) => `- Certificate in the response (KeyInfo): SHA-256 ${f}`),
    `- Destination: ${shown(r.destination)}`,
    `- Issuer: ${shown(r.issuer)}`,
    `- Audience: ${shown(r.audience)}`,
    `- NameID: ${shown(r.nameId)} (${r.nameIdFormat ?? 'no format'})`,
    `- Valid: ${shown(r.notBefore)} – ${shown(r.notOnOrAfter)}`,
    ...r.attributes.map(([name, list]) => `- Attribute \`${name}\`: ${list.join(', ') || '(no value)'}`),
    '',
    '### Checks',
    '',
    ...(r.checks.length === 0
      ? ['- ✓ no problems found']
      : r.checks.map((c) => `- ${c.severity} \`${c.code}\`: ${c.message}`)),
    '',
  ];
  return lines.join('\n');
}
