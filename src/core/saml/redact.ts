import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type { SamlReport } from './response';
import { samlJson, samlVerdict } from './response';

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
  const ip = isIP(value.trim());
  if (ip) return ip === 4 ? '•.•.•.•' : '•:•:•';
  return value === '' ? '' : `${MASK} (${[...value].length} characters)`;
}

function certificateName(pem: string): string {
  try {
    return `‹certificate SHA-256 ${new X509Certificate(pem).fingerprint256}›`;
  } catch {
    return '‹certificate›';
  }
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
    .replace(IP_CANDIDATE, (m) => (isIP(m) ? maskValue(m) : m));
}

function sensitiveValues(report: SamlReport): string[] {
  const values = report.nameId ? [report.nameId] : [];
  for (const [name, list] of Object.entries(report.attributes)) {
    if (!KEPT_ATTRIBUTES.has(name)) values.push(...list);
  }
  return values;
}

/** samlJson with personal data masked (`saml --redact --json`). */
export function redactedSamlJson(report: SamlReport): Record<string, unknown> {
  const sensitive = sensitiveValues(report);
  const json = samlJson(report);
  const attributes = Object.fromEntries(
    Object.entries(report.attributes).map(([name, list]) => [
      name,
      KEPT_ATTRIBUTES.has(name) ? list.map((v) => maskText(v)) : list.map(maskValue),
    ]),
  );
  const checks = (json.checks as Array<{ code: string; severity: string; message: string }>).map((c) => ({
    ...c,
    message: maskText(c.message, sensitive),
  }));
  return {
    ...json,
    nameId: report.nameId === null ? null : maskValue(report.nameId),
    attributes,
    checks,
    redacted: true,
  };
}

/** The redacted report as Markdown text, for the clipboard and `saml --redact`. */
export function redactedSamlReport(report: SamlReport, origin?: string): string {
  const sensitive = sensitiveValues(report);
  const sig = report.signature;
  const mask = (v: string | null) => (v === null ? '(none)' : maskText(v, sensitive));
  const lines = [
    '## Frontline SSO: SAML response check (personal data masked)',
    '',
    `**Verdict:** ${samlVerdict(report)}`,
    '',
    `- Checked at: ${report.checkedAt} (clock skew allowed: ${report.clockSkewSeconds} s)${origin ? `; from ${maskText(origin)}` : ''}`,
    `- Signatures: response ${sig.responseSigned ? 'signed' : 'unsigned'}, assertion ${sig.assertionSigned ? 'signed' : 'unsigned'}; ${sig.valid === null ? 'not verified (no certificate given)' : sig.valid ? 'verified' : 'NOT valid'}${sig.algorithm ? ` (${sig.algorithm.replace(/^.*#/, '')})` : ''}`,
    ...sig.configuredSha256.map((f) => `- Configured certificate: SHA-256 ${f}`),
    ...sig.keyInfoSha256.map((f) => `- Certificate in the response (KeyInfo): SHA-256 ${f}`),
    `- Destination: ${mask(report.destination)}`,
    `- Issuer: ${mask(report.issuer)}`,
    `- Audience: ${mask(report.audience)}`,
    `- NameID: ${report.nameId === null ? '(none)' : maskValue(report.nameId)} (${report.nameIdFormat ?? 'no format'})`,
    `- Valid: ${mask(report.notBefore)} – ${mask(report.notOnOrAfter)}`,
    ...Object.entries(report.attributes).map(
      ([name, list]) =>
        `- Attribute \`${maskText(name, sensitive)}\`: ${(KEPT_ATTRIBUTES.has(name) ? list.map((v) => maskText(v)) : list.map(maskValue)).join(', ') || '(no value)'}`,
    ),
    '',
    '### Checks',
    '',
    ...(report.checks.length === 0
      ? ['- ✓ no problems found']
      : report.checks.map((c) => `- ${c.severity} \`${c.code}\`: ${maskText(c.message, sensitive)}`)),
    '',
  ];
  return lines.join('\n');
}
