import { sha1 } from '@noble/hashes/legacy';
import { sha256 } from '@noble/hashes/sha2';
import { ruleFinding } from '../lint/rules';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate } from '@peculiar/asn1-x509';
import { base64ToBytes, bytesToBase64, colonHex, utf8Decode, utf8Encode } from '../common/bytes';
import { Finding, InputError, isInputError } from '../common/findings';
import { describeSize, excerpt } from '../common/text';
import { x509Facts } from './x509';

import { MAX_CERTIFICATE_INPUT_BYTES } from '../common/limits';

export { MAX_CERTIFICATE_INPUT_BYTES };
/** The AWS console marks a certificate yellow at 90 days or less before expiry (docs/domain.md §3). */
export const EXPIRY_WARNING_DAYS = 90;
const DAY_MS = 86_400_000;

export interface CertificateInfo {
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  daysRemaining: number;
  sha1: string;
  sha256: string;
  publicKey: { algorithm: string; bits: number; curve?: string };
  signatureAlgorithm: string;
  selfSigned: boolean;
  subjectAltNames: string[];
  keyUsage: string[];
  isCa: boolean;
  /** PEM text of this certificate, normalised (64-column lines, no headers). */
  pem: string;
  findings: Finding[];
}

/** A PEM block found in text, with where it is (for hovers and CodeLens). */
export interface PemBlock {
  label: string;
  offset: number;
  length: number;
  body: string;
}

/**
 * Most certificates decoded from one input. A PEM file holds one certificate or a chain, a CA bundle about 150
 * (Debian's ca-certificates.crt: 144, about 0.6 ms each); past this bound the first ones are decoded and the rest
 * counted, so a file of junk blocks costs bounded time (the input is at most MAX_CERTIFICATE_INPUT_BYTES as well).
 */
export const MAX_CERTIFICATES = 5000;
/** The labels of a certificate block (RFC 7468 and the older variants openssl reads). */
export const CERTIFICATE_LABEL = /^(X509 |TRUSTED )?CERTIFICATE$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The complete PEM blocks with an accepted label, in one linear pass: each BEGIN line is matched with the next END line
 * of the same label (a regular expression with a back-reference rescans the rest of the text for every unmatched BEGIN).
 */
export function findPemBlocks(text: string, accept: RegExp = CERTIFICATE_LABEL): PemBlock[] {
  const blocks: PemBlock[] = [];
  const BEGIN = '-----BEGIN ';
  // Where each label's END line was last found (-1: nowhere after that point), so no search covers the text twice.
  const ends = new Map<string, number>();
  let at = text.indexOf(BEGIN);
  while (at >= 0) {
    const labelStart = at + BEGIN.length;
    const labelEnd = text.indexOf('-----', labelStart);
    if (labelEnd < 0) break;
    const label = text.slice(labelStart, labelEnd);
    const next = text.indexOf(BEGIN, labelStart);
    // Only accepted labels are searched for an END line, so the number of full scans stays fixed.
    if (accept.test(label)) {
      const endLine = `-----END ${label}-----`;
      let end = ends.get(label);
      if (end === undefined || (end >= 0 && end < labelEnd)) {
        end = text.indexOf(endLine, labelEnd + 5);
        ends.set(label, end);
      }
      // An END that comes after the next BEGIN belongs to that one: this block is unterminated.
      if (end >= 0 && (next < 0 || end < next)) {
        blocks.push({ label, offset: at, length: end + endLine.length - at, body: text.slice(labelEnd + 5, end) });
      }
    }
    at = next;
  }
  return blocks;
}

/** Signature algorithm OIDs, named as `openssl x509 -text` names them. */
const SIGNATURE_ALGORITHMS: Record<string, string> = {
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassaPss',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.14': 'sha224WithRSAEncryption',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.1': 'ecdsa-with-SHA224',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.3.101.112': 'ED25519',
  '1.3.101.113': 'ED448',
  '1.2.840.10040.4.3': 'dsaWithSHA1',
  '2.16.840.1.101.3.4.3.1': 'dsa_with_SHA224',
  '2.16.840.1.101.3.4.3.2': 'dsa_with_SHA256',
  '2.16.840.1.101.3.4.3.3': 'dsa_with_SHA384',
  '2.16.840.1.101.3.4.3.4': 'dsa_with_SHA512',
  '2.16.840.1.101.3.4.3.10': 'ecdsa_with_SHA3-256',
  '2.16.840.1.101.3.4.3.11': 'ecdsa_with_SHA3-384',
  '2.16.840.1.101.3.4.3.12': 'ecdsa_with_SHA3-512',
  '2.16.840.1.101.3.4.3.14': 'RSA-SHA3-256',
  '2.16.840.1.101.3.4.3.15': 'RSA-SHA3-384',
  '2.16.840.1.101.3.4.3.16': 'RSA-SHA3-512',
  '1.2.156.10197.1.501': 'SM2-with-SM3',
};

function decodeBase64Strict(body: string, what: string): Uint8Array {
  const compact = body.replace(/\s+/g, '');
  if (!BASE64.test(compact) || compact.length % 4 === 1) {
    throw new InputError(`${what} is not valid base64: it may be truncated or damaged. Copy it again.`);
  }
  return base64ToBytes(compact);
}

/** Splits the data into DER certificates, refusing what is not a certificate with one clear reason. */
export function certificateDerList(input: string | Uint8Array): Uint8Array[] {
  return splitCertificates(input).ders;
}

/** The DER certificates of the input, at most MAX_CERTIFICATES of them, and how many more it holds. */
function splitCertificates(input: string | Uint8Array): { ders: Uint8Array[]; omitted: number } {
  const bytes = typeof input === 'string' ? utf8Encode(input) : input;
  if (bytes.length > MAX_CERTIFICATE_INPUT_BYTES) {
    throw new InputError(
      `The input has ${bytes.length.toLocaleString('en-US')} bytes; certificates are a few KB, so inputs over ${describeSize(MAX_CERTIFICATE_INPUT_BYTES)} are not read.`,
    );
  }
  if (bytes.length === 0 || (typeof input === 'string' && input.trim() === '')) {
    throw new InputError(
      'The input is empty: paste a PEM certificate (-----BEGIN CERTIFICATE-----) or choose a .pem, .crt, .cer or .der file.',
    );
  }
  // DER starts with a SEQUENCE tag; anything else is treated as text.
  if (bytes[0] === 0x30 && typeof input !== 'string') return { ders: [bytes], omitted: 0 };
  const text = utf8Decode(bytes);
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
    throw new InputError(
      'This is a private key, not a certificate. Do not paste it anywhere; Frontline needs only the certificate.',
    );
  }
  if (/-----BEGIN (NEW )?CERTIFICATE REQUEST-----/.test(text)) {
    throw new InputError(
      'This is a certificate signing request (CSR), not a certificate. Use the certificate downloaded from IAM Identity Center.',
    );
  }
  const blocks = findPemBlocks(text);
  const begins = (text.match(/-----BEGIN (X509 |TRUSTED )?CERTIFICATE-----/g) ?? []).length;
  if (begins > blocks.length) {
    throw new InputError(
      'A certificate block is truncated: -----BEGIN CERTIFICATE----- has no matching -----END CERTIFICATE----- line. Copy the whole block.',
    );
  }
  if (blocks.length > 0) {
    const ders = blocks.slice(0, MAX_CERTIFICATES).map((b, i) => {
      // RFC 1421 headers ("Proc-Type: …") may precede the base64 inside a block.
      const body = b.body
        .split(/\r?\n/)
        .filter((line) => !line.includes(':'))
        .join('\n');
      return decodeBase64Strict(body, blocks.length > 1 ? `Certificate ${i + 1}` : 'The certificate');
    });
    return { ders, omitted: blocks.length - ders.length };
  }
  const anyBegin = /-----begin ([^\r\n-]{0,64})-----/i.exec(text);
  if (anyBegin) {
    const label = anyBegin[1] as string;
    if (label.toUpperCase() !== label && /^(x509 |trusted )?certificate$/i.test(label)) {
      throw new InputError(
        `The PEM lines are in the wrong case ("${excerpt(anyBegin[0], 40)}"): they must read -----BEGIN CERTIFICATE----- and -----END CERTIFICATE-----, in capitals.`,
      );
    }
    throw new InputError(
      label.trim()
        ? `This is a "${excerpt(label, 40)}" block, not a certificate. Paste the block that starts with -----BEGIN CERTIFICATE-----.`
        : 'The PEM block has no label; a certificate starts with -----BEGIN CERTIFICATE-----.',
    );
  }
  const trimmed = text.trim();
  if (/^[A-Za-z0-9+/\s]+={0,2}$/.test(trimmed)) {
    return { ders: [decodeBase64Strict(trimmed, 'The base64 text')], omitted: 0 };
  }
  throw new InputError(
    'This is not a certificate: expected PEM (-----BEGIN CERTIFICATE-----), DER, or base64 as in SAML metadata.',
  );
}

/** PEM armour for one DER certificate: 64-column base64 between the BEGIN and END lines. */
export function derToPem(der: Uint8Array): string {
  return `-----BEGIN CERTIFICATE-----\n${bytesToBase64(der).replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;
}

/** RFC 4514 order (most specific first), as most tools show a distinguished name. */
function formatName(lines: string[]): string {
  return [...lines].reverse().join(', ') || '(empty name)';
}

/** Decodes one DER certificate. Throws InputError when the bytes are not a certificate. */
export function decodeCertificate(der: Uint8Array, now: Date = new Date()): CertificateInfo {
  try {
    return decodeParts(der, now);
  } catch (err) {
    if (isInputError(err)) throw err;
    // A certificate whose outer structure decodes can still hold a damaged public key or extension.
    throw new InputError(
      'The certificate is damaged: part of it (such as its public key) cannot be read. Copy it again.',
    );
  }
}

function decodeParts(der: Uint8Array, now: Date): CertificateInfo {
  let asn: Certificate;
  try {
    // asn1js stops at 10,000 elements by default: a bound we keep (an IAM Identity Center certificate has ~100).
    asn = AsnConvert.parse(der, Certificate);
  } catch (err) {
    throw new InputError(
      /node count|nesting depth|content length/i.test((err as Error).message)
        ? 'This X.509 certificate is too large to decode safely: its structure has over 10,000 elements (for example thousands of name parts). An IAM Identity Center certificate has about a hundred.'
        : 'The data is not an X.509 certificate (it does not decode as DER). It may be damaged or of another kind.',
    );
  }
  const validity = asn.tbsCertificate.validity;
  const notBefore = validDate(validity.notBefore.getTime());
  const notAfter = validDate(validity.notAfter.getTime());
  const facts = x509Facts(der, asn);
  const sigOid = asn.signatureAlgorithm.algorithm;
  const info: CertificateInfo = {
    subject: formatName(facts.subject),
    issuer: formatName(facts.issuer),
    serialNumber: facts.serialHex.replace(/^(00)+(?=.)/, ''),
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    daysRemaining: daysUntil(notAfter, now),
    sha1: colonHex(sha1(der)),
    sha256: colonHex(sha256(der)),
    publicKey: facts.publicKey.facts,
    signatureAlgorithm: SIGNATURE_ALGORITHMS[sigOid] ?? `unknown algorithm (OID ${sigOid})`,
    selfSigned: facts.selfSigned,
    subjectAltNames: facts.subjectAltNames,
    keyUsage: facts.keyUsage,
    isCa: facts.isCa,
    pem: derToPem(der),
    findings: [],
  };
  info.findings = certificateFindings(info, now);
  return info;
}

function validDate(date: Date): Date {
  if (Number.isNaN(date.getTime())) throw new InputError('The certificate has an unreadable date.');
  return date;
}

/** The certificate's SHA-256 fingerprint (AB:CD:…), or undefined when the DER is not an X.509 certificate. */
export function certificateSha256(der: Uint8Array): string | undefined {
  try {
    AsnConvert.parse(der, Certificate);
  } catch {
    return undefined;
  }
  return colonHex(sha256(der));
}

/** Decodes every certificate in the input (PEM with one or many blocks, DER, or bare base64). */
export function decodeCertificates(input: string | Uint8Array, now: Date = new Date()): CertificateInfo[] {
  return decodeCertificateBundle(input, now).certificates;
}

/**
 * Decodes the certificates of a file that may be a whole CA bundle: the first MAX_CERTIFICATES, and a finding that
 * says how many more were left out (never a refusal of the whole file).
 */
export function decodeCertificateBundle(
  input: string | Uint8Array,
  now: Date = new Date(),
): { certificates: CertificateInfo[]; omitted: number; findings: Finding[] } {
  const { ders, omitted } = splitCertificates(input);
  const certificates = ders.map((der) => decodeCertificate(der, now));
  const findings =
    omitted > 0
      ? [
          ruleFinding(
            'cert-bundle-truncated',
            `The input holds ${(ders.length + omitted).toLocaleString('en-US')} certificates; the first ${ders.length.toLocaleString('en-US')} are decoded and ${omitted.toLocaleString('en-US')} left out (more than any CA bundle holds). Split the file to decode the rest.`,
          ),
        ]
      : [];
  return { certificates, omitted, findings };
}

/** Expiry and strength findings, with the AWS console's thresholds. */
export function certificateFindings(info: CertificateInfo, now: Date): Finding[] {
  const findings: Finding[] = [];
  const notBefore = new Date(info.notBefore);
  if (now < notBefore) {
    findings.push(
      ruleFinding(
        'cert-not-yet-valid',
        `The certificate is not valid until ${info.notBefore}; logins fail until then. Check the date or use the active certificate.`,
      ),
    );
  } else if (now >= new Date(info.notAfter)) {
    findings.push(
      ruleFinding(
        'cert-expired',
        `The certificate expired ${describeExpiry(info.daysRemaining)} (${info.notAfter}). Rotate the certificate in IAM Identity Center and paste the new one into the Frontline Console.`,
      ),
    );
  } else if (info.daysRemaining <= EXPIRY_WARNING_DAYS) {
    findings.push(
      ruleFinding(
        'cert-expiring',
        `The certificate expires ${describeExpiry(info.daysRemaining)} (${info.notAfter}). Plan the rotation: add a new certificate in IAM Identity Center and update Frontline.`,
      ),
    );
  }
  if (/sha1|md5/i.test(info.signatureAlgorithm)) {
    findings.push(
      ruleFinding(
        'cert-weak-signature',
        `The certificate is signed with ${info.signatureAlgorithm}; use a SHA-256 certificate.`,
      ),
    );
  }
  if (info.publicKey.algorithm.startsWith('RSA') && info.publicKey.bits < 2048) {
    findings.push(ruleFinding('cert-weak-key', `The RSA key has ${info.publicKey.bits} bits; use 2048 bits or more.`));
  }
  return findings;
}

/** Whole days from `now` to `date`, rounded towards zero: 3.5 days ago reads "3 days ago", as people count. */
export function daysUntil(date: Date | string, now: Date): number {
  return Math.trunc((new Date(date).getTime() - now.getTime()) / DAY_MS) + 0;
}

/** "RSA 2048 bits", "EC P-256 256 bits": the public key as reports show it. */
export function describeKey(key: CertificateInfo['publicKey']): string {
  return `${key.algorithm}${key.curve ? ` ${key.curve}` : ''} ${key.bits} bits`;
}

/** A certificate's facts as label and value, in the order the report and the CLI show them. */
export function certificateFacts(c: CertificateInfo): Array<[string, string]> {
  return [
    ['Subject', c.subject],
    ['Issuer', c.issuer],
    ['Serial number', c.serialNumber],
    ['Valid from', c.notBefore],
    ['Valid until', `${c.notAfter} (${c.daysRemaining} days remaining)`],
    ['Public key', describeKey(c.publicKey)],
    ['Signature algorithm', c.signatureAlgorithm],
    ['SHA-1 fingerprint', c.sha1],
    ['SHA-256 fingerprint', c.sha256],
    ['Subject alternative names', c.subjectAltNames.join(', ')],
    ['Key usage', c.keyUsage.join(', ')],
    ['Self-signed', c.selfSigned ? 'yes' : 'no'],
    ['CA', c.isCa ? 'yes' : 'no'],
  ];
}

/** "not valid until 2027-01-01", "expired 3 days ago", "expires in 412 days". */
export function validityText(info: Pick<CertificateInfo, 'notBefore' | 'notAfter'>, now: Date): string {
  if (now < new Date(info.notBefore)) return `not valid until ${info.notBefore.slice(0, 10)}`;
  const days = daysUntil(info.notAfter, now);
  return now >= new Date(info.notAfter) ? `expired ${describeExpiry(days)}` : `expires ${describeExpiry(days)}`;
}

/** "in 412 days", "today", "3 days ago": for CodeLens, hovers and messages. */
export function describeExpiry(daysRemaining: number): string {
  if (daysRemaining === 0) return 'today';
  if (daysRemaining === 1) return 'tomorrow';
  if (daysRemaining > 0) return `in ${daysRemaining} days`;
  return daysRemaining === -1 ? '1 day ago' : `${-daysRemaining} days ago`;
}

/** The normalised body of a certificate (base64 without armour), for comparisons. */
export function certificateBase64(info: Pick<CertificateInfo, 'pem'>): string {
  return info.pem.replace(/-----[A-Z ]+-----|\s+/g, '');
}

/** The fields the CLI prints (docs/cli.md). */
export function certificateJson(info: CertificateInfo): Record<string, unknown> {
  const { pem: _pem, keyUsage: _ku, isCa: _ca, ...rest } = info;
  return {
    ...rest,
    publicKey: { algorithm: info.publicKey.algorithm, bits: info.publicKey.bits },
    findings: info.findings.map(({ code, severity, message }) => ({ code, severity, message })),
  };
}
