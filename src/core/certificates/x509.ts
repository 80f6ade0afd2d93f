import { md5, sha1 } from '@noble/hashes/legacy';
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  Certificate,
  GeneralName,
  KeyUsage,
  SubjectAlternativeName,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_keyUsage,
  id_ce_subjectAltName,
  id_ce_subjectKeyIdentifier,
} from '@peculiar/asn1-x509';
import { bytesEqual, utf8Decode } from '../common/bytes';
import { DerElement, children, integerBits, oidText, readElement, unsignedInteger } from './der';

/**
 * X.509 facts read from the DER with @peculiar/asn1-x509 and a little DER of our own, printed as Node's
 * X509Certificate (OpenSSL) prints them, so reports, hovers and the CLI read the same as before core left node:crypto
 * (the unit tests compare with both on Debian's CA bundle).
 */

/** OpenSSL's short names of the attributes seen in certificate names; others print as their OID. */
const ATTRIBUTE_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'street',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.13': 'description',
  '2.5.4.15': 'businessCategory',
  '2.5.4.16': 'postalAddress',
  '2.5.4.17': 'postalCode',
  '2.5.4.18': 'postOfficeBox',
  '2.5.4.20': 'telephoneNumber',
  '2.5.4.41': 'name',
  '2.5.4.42': 'GN',
  '2.5.4.43': 'initials',
  '2.5.4.44': 'generationQualifier',
  '2.5.4.45': 'x500UniqueIdentifier',
  '2.5.4.46': 'dnQualifier',
  '2.5.4.65': 'pseudonym',
  '2.5.4.72': 'role',
  '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'emailAddress',
  '1.2.840.113549.1.9.2': 'unstructuredName',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.3.6.1.4.1.311.60.2.1.1': 'jurisdictionL',
  '1.3.6.1.4.1.311.60.2.1.2': 'jurisdictionST',
  '1.3.6.1.4.1.311.60.2.1.3': 'jurisdictionC',
};

/** The characters of a name value as OpenSSL reads its string type (ASN1_STRFLGS_UTF8_CONVERT). */
function valueCodePoints(bytes: Uint8Array, value: DerElement): number[] {
  const content = bytes.subarray(value.start, value.end);
  switch (value.tag) {
    case 0x0c: // UTF8String
      return [...utf8Decode(content)].map((c) => c.codePointAt(0) as number);
    case 0x1e: {
      // BMPString: 2 bytes a character
      const out: number[] = [];
      for (let i = 0; i + 1 < content.length; i += 2)
        out.push(((content[i] as number) << 8) | (content[i + 1] as number));
      return out;
    }
    case 0x1c: {
      // UniversalString: 4 bytes a character
      const out: number[] = [];
      for (let i = 0; i + 3 < content.length; i += 4) {
        out.push(
          (((content[i] as number) << 24) |
            ((content[i + 1] as number) << 16) |
            ((content[i + 2] as number) << 8) |
            (content[i + 3] as number)) >>>
            0,
        );
      }
      return out;
    }
    default:
      // PrintableString, IA5String, T61String and any other type: one byte a character (ISO-8859-1).
      return [...content];
  }
}

const RFC2253_SPECIAL = new Set([...',+"\\<>;'].map((c) => c.charCodeAt(0)));

/** One value escaped as OpenSSL's ASN1_STRFLGS_ESC_2253 | ASN1_STRFLGS_ESC_CTRL do (non-ASCII stays as it is). */
function escapeValue(codePoints: number[]): string {
  let out = '';
  codePoints.forEach((c, i) => {
    const first = i === 0;
    const last = i === codePoints.length - 1;
    if (c >= 0x80) out += String.fromCodePoint(Math.min(c, 0x10ffff));
    else if (RFC2253_SPECIAL.has(c) || (first && (c === 0x20 || c === 0x23)) || (last && c === 0x20)) {
      out += `\\${String.fromCharCode(c)}`;
    } else if (c < 0x20 || c === 0x7f) out += `\\${c.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += String.fromCharCode(c);
  });
  return out;
}

export interface NamePart {
  oid: string;
  /** The printed value, escaped. */
  value: string;
}

/** The relative distinguished names of a Name, in certificate order, each a list of attributes. */
export function readName(bytes: Uint8Array, name: DerElement): NamePart[][] {
  return children(bytes, name).map((rdn) =>
    children(bytes, rdn).map((pair) => {
      const [type, value] = children(bytes, pair);
      if (!type || !value) throw new Error('an attribute without a type or value');
      return { oid: oidText(bytes, type), value: escapeValue(valueCodePoints(bytes, value)) };
    }),
  );
}

/** Lines as Node's X509Certificate subject and issuer give them (one RDN a line, "CN=…"). */
export function nameLines(name: NamePart[][]): string[] {
  return name.map((rdn) => rdn.map((p) => `${ATTRIBUTE_NAMES[p.oid] ?? p.oid}=${p.value}`).join(' + '));
}

/** Names compared as OpenSSL compares an issuer with a subject: letter case and runs of spaces do not count. */
function sameName(a: NamePart[][], b: NamePart[][]): boolean {
  const canonical = (n: NamePart[][]) =>
    JSON.stringify(
      n.map((rdn) =>
        rdn
          .map((p) => [
            p.oid,
            p.value
              .replace(/\s+/g, ' ')
              .trim()
              .replace(/[A-Z]/g, (c) => c.toLowerCase()),
          ])
          .sort(),
      ),
    );
  return canonical(a) === canonical(b);
}

/** Node's escaping of subject alternative names that could be misread (CVE-2021-44532): JSON-like quotes. */
function altName(prefix: string | undefined, value: string, utf8: boolean): string {
  const safe = ![...value].some((ch) => {
    const c = ch.charCodeAt(0);
    return ch === '"' || ch === '\\' || ch === ',' || ch === "'" || c < 0x20 || c === 0x7f || (!utf8 && c > 0x7e);
  });
  if (safe) return prefix ? `${prefix}:${value}` : value;
  let out = prefix ? `"${prefix}:` : '"';
  for (const ch of value) {
    const c = ch.charCodeAt(0);
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if ((c >= 0x20 && ch !== ',' && c <= 0x7e) || (utf8 && c > 0x7f)) out += ch;
    else out += `\\u00${c.toString(16).padStart(2, '0')}`;
  }
  return `${out}"`;
}

function ipText(ip: string): string {
  // asn1-x509 gives IPv6 in its short form; Node prints all eight groups in upper-case hex without leading zeros.
  if (!ip.includes(':')) return ip;
  const [head = '', tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups
    .map((g) =>
      parseInt(g || '0', 16)
        .toString(16)
        .toUpperCase(),
    )
    .join(':');
}

function generalNameText(name: GeneralName): string {
  if (name.dNSName !== undefined) return altName('DNS', name.dNSName, false);
  if (name.rfc822Name !== undefined) return altName('email', name.rfc822Name, false);
  if (name.uniformResourceIdentifier !== undefined) return altName('URI', name.uniformResourceIdentifier, false);
  if (name.iPAddress !== undefined) return `IP Address:${ipText(name.iPAddress)}`;
  if (name.registeredID !== undefined) return `Registered ID:${name.registeredID}`;
  if (name.directoryName !== undefined) {
    const der = new Uint8Array(AsnConvert.serialize(name.directoryName));
    const parts = readName(der, readElement(der, 0));
    return `DirName:${altName(undefined, nameLines(parts).reverse().join(','), true)}`;
  }
  if (name.otherName !== undefined) return 'othername:<unsupported>';
  if (name.x400Address !== undefined) return 'X400Name:<unsupported>';
  return 'EdiPartyName:<unsupported>';
}

export type PublicKeyFacts = { algorithm: string; bits: number; curve?: string };

/** Named curves: the name Node shows (NIST's where there is one) and the size openssl prints. */
const CURVES: Record<string, { name: string; bits: number; webCrypto?: string }> = {
  '1.2.840.10045.3.1.7': { name: 'P-256', bits: 256, webCrypto: 'P-256' },
  '1.3.132.0.34': { name: 'P-384', bits: 384, webCrypto: 'P-384' },
  '1.3.132.0.35': { name: 'P-521', bits: 521, webCrypto: 'P-521' },
  '1.3.132.0.33': { name: 'P-224', bits: 224 },
  '1.2.840.10045.3.1.1': { name: 'P-192', bits: 192 },
  '1.3.132.0.10': { name: 'secp256k1', bits: 256 },
  '1.3.36.3.3.2.8.1.1.7': { name: 'brainpoolP256r1', bits: 256 },
  '1.3.36.3.3.2.8.1.1.11': { name: 'brainpoolP384r1', bits: 384 },
  '1.3.36.3.3.2.8.1.1.13': { name: 'brainpoolP512r1', bits: 512 },
};

const KEY_RSA = '1.2.840.113549.1.1.1';
const KEY_RSA_PSS = '1.2.840.113549.1.1.10';
const KEY_EC = '1.2.840.10045.2.1';
const KEY_DSA = '1.2.840.10040.4.1';
/** Key sizes as `openssl x509 -text` prints them, for keys whose size is fixed by their type. */
const FIXED_KEYS: Record<string, { algorithm: string; bits: number }> = {
  '1.3.101.112': { algorithm: 'Ed25519', bits: 256 },
  '1.3.101.113': { algorithm: 'Ed448', bits: 456 },
  '1.3.101.110': { algorithm: 'X25519', bits: 253 },
  '1.3.101.111': { algorithm: 'X448', bits: 448 },
};

export interface SubjectPublicKey {
  /** The algorithm OID, and for EC keys the curve's OID. */
  algorithmOid: string;
  curveOid?: string;
  /** RSA keys: modulus and exponent. */
  rsa?: { n: bigint; e: bigint; bits: number };
  facts: PublicKeyFacts;
}

/** Reads a SubjectPublicKeyInfo. Throws when it is damaged. */
export function readSubjectPublicKey(bytes: Uint8Array, spki: DerElement): SubjectPublicKey {
  const [algorithm, key] = children(bytes, spki);
  if (!algorithm || !key || key.tag !== 0x03) throw new Error('not a SubjectPublicKeyInfo');
  const [oid, params] = children(bytes, algorithm);
  if (!oid || oid.tag !== 0x06) throw new Error('no key algorithm');
  const algorithmOid = oidText(bytes, oid);
  if (algorithmOid === KEY_RSA || algorithmOid === KEY_RSA_PSS) {
    const sequence = readElement(bytes, key.start + 1, key.end);
    const [n, e] = children(bytes, sequence);
    if (!n || !e || n.tag !== 0x02 || e.tag !== 0x02) throw new Error('not an RSA public key');
    const modulus = bytes.subarray(n.start, n.end);
    const bits = integerBits(modulus);
    return {
      algorithmOid,
      rsa: { n: unsignedInteger(modulus), e: unsignedInteger(bytes.subarray(e.start, e.end)), bits },
      facts: { algorithm: algorithmOid === KEY_RSA ? 'RSA' : 'RSA-PSS', bits },
    };
  }
  if (algorithmOid === KEY_EC) {
    const curveOid = params && params.tag === 0x06 ? oidText(bytes, params) : undefined;
    const curve = curveOid ? CURVES[curveOid] : undefined;
    return {
      algorithmOid,
      curveOid,
      facts: { algorithm: 'EC', bits: curve?.bits ?? 0, curve: curve?.name ?? 'unknown curve' },
    };
  }
  if (algorithmOid === KEY_DSA) {
    const [p] = params && params.tag === 0x30 ? children(bytes, params) : [];
    return { algorithmOid, facts: { algorithm: 'DSA', bits: p ? integerBits(bytes.subarray(p.start, p.end)) : 0 } };
  }
  return { algorithmOid, facts: FIXED_KEYS[algorithmOid] ?? { algorithm: 'UNKNOWN', bits: 0 } };
}

/** The SubjectPublicKeyInfo of a DER certificate, as its bytes. Throws when the certificate is damaged. */
export function certificateSpki(der: Uint8Array): Uint8Array {
  const [tbs] = children(der, readElement(der, 0));
  if (!tbs) throw new Error('no TBSCertificate');
  const fields = children(der, tbs);
  const spki = fields[fields[0]?.tag === 0xa0 ? 6 : 5];
  if (!spki || spki.tag !== 0x30) throw new Error('no SubjectPublicKeyInfo');
  return der.subarray(spki.offset, spki.end);
}

/** The WebCrypto curve name of an EC key, for the SAML signature check (P-256, P-384, P-521). */
export function webCryptoCurve(curveOid: string | undefined): string | undefined {
  return curveOid ? CURVES[curveOid]?.webCrypto : undefined;
}

/** PKCS#1 v1.5 signature algorithms: the digest and its DigestInfo prefix (RFC 8017 §9.2 note 1). */
const RSA_SIGNATURES: Record<string, { hash: (data: Uint8Array) => Uint8Array; prefix: string }> = {
  '1.2.840.113549.1.1.4': { hash: md5, prefix: '3020300c06082a864886f70d020505000410' },
  '1.2.840.113549.1.1.5': { hash: sha1, prefix: '3021300906052b0e03021a05000414' },
  '1.2.840.113549.1.1.14': { hash: sha224, prefix: '302d300d06096086480165030402040500041c' },
  '1.2.840.113549.1.1.11': { hash: sha256, prefix: '3031300d060960864801650304020105000420' },
  '1.2.840.113549.1.1.12': { hash: sha384, prefix: '3041300d060960864801650304020205000430' },
  '1.2.840.113549.1.1.13': { hash: sha512, prefix: '3051300d060960864801650304020305000440' },
};
/** Which key type signs with which signature algorithm family, to refuse a mismatch as OpenSSL does. */
const SIGNATURE_KEY: Array<[RegExp, string]> = [
  [/^1\.2\.840\.113549\.1\.1\.(4|5|11|12|13|14)$|^2\.16\.840\.1\.101\.3\.4\.3\.1[456]$/, KEY_RSA],
  [/^1\.2\.840\.113549\.1\.1\.10$/, KEY_RSA_PSS],
  [/^1\.2\.840\.10045\.4\.|^2\.16\.840\.1\.101\.3\.4\.3\.1[012]$/, KEY_EC],
  [/^1\.2\.840\.10040\.4\.3$|^2\.16\.840\.1\.101\.3\.4\.3\.[1-4]$/, KEY_DSA],
  [/^1\.3\.101\.112$/, '1.3.101.112'],
  [/^1\.3\.101\.113$/, '1.3.101.113'],
];

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}

/** RSASSA-PKCS1-v1_5 verification (RFC 8017 §8.2.2), synchronous, for the self-signed check of the decoder. */
function verifyRsaPkcs1(
  key: { n: bigint; e: bigint; bits: number },
  algorithmOid: string,
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  const scheme = RSA_SIGNATURES[algorithmOid];
  if (!scheme || key.n === 0n) return false;
  const k = Math.ceil(key.bits / 8);
  if (signature.length !== k) return false;
  const s = unsignedInteger(signature);
  if (s >= key.n) return false;
  let m = modPow(s, key.e, key.n);
  const encoded = new Uint8Array(k);
  for (let i = k - 1; i >= 0 && m > 0n; i--, m >>= 8n) encoded[i] = Number(m & 0xffn);
  const digestInfo = new Uint8Array([...hexBytes(scheme.prefix), ...scheme.hash(data)]);
  const padding = k - digestInfo.length - 3;
  if (padding < 8) return false;
  const expected = new Uint8Array(k);
  expected[1] = 1;
  expected.fill(0xff, 2, 2 + padding);
  expected.set(digestInfo, 3 + padding);
  return bytesEqual(encoded, expected);
}

/** The serial number as Node gives it (OpenSSL's BN_bn2hex): upper-case hex bytes, "0" for zero, "-" if negative. */
function serialText(content: Uint8Array): string {
  const negative = ((content[0] ?? 0) & 0x80) !== 0;
  let value = unsignedInteger(content);
  if (negative) value = (1n << BigInt(content.length * 8)) - value;
  if (value === 0n) return '0';
  const hex = value.toString(16).toUpperCase();
  return `${negative ? '-' : ''}${hex.length % 2 ? '0' : ''}${hex}`;
}

export interface DecodedX509 {
  serialHex: string;
  subject: string[];
  issuer: string[];
  publicKey: SubjectPublicKey;
  subjectAltNames: string[];
  keyUsage: string[];
  isCa: boolean;
  selfSigned: boolean;
}

/**
 * Facts of a certificate parsed by asn1-x509 (`asn`) from `der`. Throws a plain Error when a part is damaged (the
 * caller words the message).
 */
export function x509Facts(der: Uint8Array, asn: Certificate): DecodedX509 {
  const certificate = readElement(der, 0);
  const [tbs] = children(der, certificate);
  if (!tbs) throw new Error('no TBSCertificate');
  const fields = children(der, tbs);
  const at = fields[0]?.tag === 0xa0 ? 1 : 0; // [0] version is optional
  const [serial, , issuer, , subject, spki] = fields.slice(at);
  if (!serial || !issuer || !subject || !spki) throw new Error('a TBSCertificate without its fields');
  const subjectName = readName(der, subject);
  const issuerName = readName(der, issuer);
  const publicKey = readSubjectPublicKey(der, spki);

  const extensions = asn.tbsCertificate.extensions ?? [];
  const extension = <T>(oid: string, type: new () => T): T | undefined => {
    const found = extensions.find((e) => e.extnID === oid);
    return found ? AsnConvert.parse(found.extnValue, type) : undefined;
  };
  const keyUsage = extension(id_ce_keyUsage, KeyUsage);
  const san = extension(id_ce_subjectAltName, SubjectAlternativeName);
  // The small extensions every CA certificate has are read from their DER directly: asn1-x509's schema parser costs
  // more than the rest of the decoding (a CA bundle has 144 certificates).
  const raw = (oid: string): Uint8Array | undefined => {
    const found = extensions.find((e) => e.extnID === oid);
    return found ? new Uint8Array(found.extnValue.buffer) : undefined;
  };
  const basic = raw(id_ce_basicConstraints);
  const basicFields = basic ? children(basic, readElement(basic, 0)) : [];
  const cA = basicFields[0]?.tag === 0x01 && basic?.[basicFields[0].start] !== 0;
  const ski = raw(id_ce_subjectKeyIdentifier);
  const subjectKeyId = ski ? ((e) => ski.subarray(e.start, e.end))(readElement(ski, 0)) : undefined;
  const aki = raw(id_ce_authorityKeyIdentifier);
  const akiKeyId = aki ? children(aki, readElement(aki, 0)).find((e) => e.tag === 0x80) : undefined;
  const authorityKeyId = aki && akiKeyId ? aki.subarray(akiKeyId.start, akiKeyId.end) : undefined;
  // OpenSSL's X509_check_ca() === 1: a CA by basicConstraints, unless its key usage forbids signing certificates.
  const mayCertify = !keyUsage || keyUsage.toJSON().includes('keyCertSign');
  const isCa = mayCertify && cA;

  // Self-signed as OpenSSL's X509_check_issued(cert, cert) and a signature that verifies with its own key. RSA
  // PKCS#1 v1.5 signatures are verified here; other algorithms (ECDSA, EdDSA, PSS) need asynchronous WebCrypto, so
  // for them the issuer, key identifiers, key usage and key type are what decide.
  const keyIdsAgree = !subjectKeyId || !authorityKeyId || bytesEqual(subjectKeyId, authorityKeyId);
  const signatureOid = asn.signatureAlgorithm.algorithm;
  const keyMatches = SIGNATURE_KEY.some(([re, keyOid]) => re.test(signatureOid) && keyOid === publicKey.algorithmOid);
  let selfSigned = sameName(subjectName, issuerName) && keyIdsAgree && mayCertify && keyMatches;
  if (selfSigned && publicKey.rsa && RSA_SIGNATURES[signatureOid]) {
    selfSigned = verifyRsaPkcs1(
      publicKey.rsa,
      signatureOid,
      der.subarray(tbs.offset, tbs.end),
      new Uint8Array(asn.signatureValue),
    );
  }

  return {
    serialHex: serialText(der.subarray(serial.start, serial.end)),
    subject: nameLines(subjectName),
    issuer: nameLines(issuerName),
    publicKey,
    subjectAltNames: Array.from(san ?? [], generalNameText),
    keyUsage: keyUsage ? keyUsage.toJSON() : [],
    isCa,
    selfSigned,
  };
}
