import { sha256 as sha256Sync } from '@noble/hashes/sha2';
import { certificateDerList, findPemBlocks } from '../certificates/certificates';
import { children, readElement } from '../certificates/der';
import { certificateSpki, readSubjectPublicKey, webCryptoCurve } from '../certificates/x509';
import { base64ToBytes, bytesEqual, bytesToBase64, colonHex, toArrayBuffer, utf8Encode } from '../common/bytes';
import { excerpt } from '../common/text';
import { Finding, finding, isInputError } from '../common/findings';
import { C14N, CanonicalLimitError, canonicalize, isCanonicalization } from './c14n';
import { NS, XML_LIMITS, attr, childElements, elementsWithId, parseXmlSafely, positionOf, text } from './xml';

/**
 * Enveloped XML signatures as SAML uses them (one Reference to the element that holds the signature), checked with
 * the configured certificate only, in the order that keeps hostile input cheap: the SignedInfo signature is
 * verified with the configured key first, and only then is the signed element canonicalised and digested. The
 * Reference is read from the canonical SignedInfo that was verified, never from the raw one. When a signature does
 * not verify, the same steps run again, within the same caps, to say why: another certificate in KeyInfo (a
 * rotation), content changed after signing (digests differ), or another key (digests match).
 * Canonicalisation is xml-crypto's (src/core/saml/c14n.ts); digests and signatures are WebCrypto's
 * (globalThis.crypto.subtle, in Node and browsers alike), so the check is asynchronous.
 */

const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const EXC_NS = 'http://www.w3.org/2001/10/xml-exc-c14n#';

interface SignatureMethod {
  /** WebCrypto's name of the digest. */
  hash: 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';
  pss?: boolean;
  ecdsa?: boolean;
}

const SIGNATURE_METHODS: Record<string, SignatureMethod> = {
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1': { hash: 'SHA-1' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': { hash: 'SHA-256' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384': { hash: 'SHA-384' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': { hash: 'SHA-512' },
  'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1': { hash: 'SHA-256', pss: true },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256': { hash: 'SHA-256', ecdsa: true },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384': { hash: 'SHA-384', ecdsa: true },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512': { hash: 'SHA-512', ecdsa: true },
};

const DIGEST_METHODS: Record<string, string> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'SHA-1',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'SHA-256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'SHA-384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'SHA-512',
};

/**
 * Most bytes of namespace declarations one canonical form of a document of `length` characters may carry (see
 * c14n.ts). An identity provider's response re-declares less than its own length (a declaration is rendered again
 * where an element first uses it, and the response has at most one such element per declaration it writes out).
 */
export function canonicalNamespaceBudget(length: number): number {
  return Math.min(length, XML_LIMITS.maxBytes) + 64 * 1024;
}

/** A certificate or bare public key the signatures are checked with. */
export interface TrustedKey {
  /** The public key as DER SubjectPublicKeyInfo. */
  spki: Uint8Array;
  /** SHA-256 fingerprint of the certificate, or of the public key's DER (SubjectPublicKeyInfo) for a bare key. */
  sha256: string;
}

/** The configured keys, and why any part of the configured text cannot be used (findings, never exceptions). */
export interface TrustedKeys {
  keys: TrustedKey[];
  problems: Finding[];
}

const PUBLIC_KEY_LABEL = /^PUBLIC KEY$/;

function unusable(reason: string): Finding {
  return finding(
    'saml-certificate-unusable',
    'error',
    `The configured IdP certificate cannot be used to verify the signatures: ${reason} Use the certificate downloaded from IAM Identity Center (-----BEGIN CERTIFICATE-----).`,
  );
}

/**
 * The configured certificates (several during a rotation) and bare public keys (-----BEGIN PUBLIC KEY-----, which
 * node-saml accepts too), from PEM text. What is not a certificate or a key becomes a finding: a bad certificate file
 * is a problem of the configuration, not of the response.
 */
export async function trustedKeys(pem: string | undefined): Promise<TrustedKeys> {
  if (!pem) return { keys: [], problems: [] };
  const keys: TrustedKey[] = [];
  const problems: Finding[] = [];
  const publicKeyBlocks = findPemBlocks(pem, PUBLIC_KEY_LABEL);
  for (const [i, block] of publicKeyBlocks.entries()) {
    const spki = await readablePublicKey(block.body);
    if (spki) {
      keys.push({ spki, sha256: colonHex(sha256Sync(spki)) });
    } else {
      problems.push(unusable(`public key ${i + 1} is not a public key that can be read (it may be damaged).`));
    }
  }
  // What is left once the public keys are taken out must be certificates, or nothing.
  let rest = pem;
  for (const block of [...publicKeyBlocks].reverse()) {
    rest = rest.slice(0, block.offset) + rest.slice(block.offset + block.length);
  }
  if (publicKeyBlocks.length === 0 || rest.trim() !== '') {
    let ders: Uint8Array[] = [];
    try {
      ders = certificateDerList(rest);
    } catch (err) {
      if (!isInputError(err)) throw err;
      problems.push(unusable(err.message));
    }
    for (const [i, der] of ders.entries()) {
      const certificate = certificateKey(der);
      if (certificate?.spki) {
        keys.push({ spki: certificate.spki, sha256: certificate.sha256 });
      } else {
        problems.push(
          unusable(
            `${ders.length > 1 ? `certificate ${i + 1}` : 'the data'} is not an X.509 certificate (it does not decode as DER); it may be damaged or of another kind.`,
          ),
        );
      }
    }
  }
  return { keys, problems };
}

export interface SignatureCheck {
  present: boolean;
  /** true: verified with a configured certificate; false: does not; null: no certificate to check with. */
  valid: boolean | null;
  algorithm?: string;
  digestAlgorithm?: string;
  /** SHA-256 fingerprint of the certificate in KeyInfo, if any (never trusted, only compared). */
  keyInfoSha256?: string;
  problems: Finding[];
}

interface ReferenceInfo {
  uri: string | undefined;
  transforms: string[];
  inclusivePrefixes: string[];
  digestAlgorithm: string | undefined;
  digestValue: string;
}

function readReference(reference: Element): ReferenceInfo {
  const transforms = childElements(
    childElements(reference, NS.dsig, 'Transforms')[0] ?? reference.ownerDocument!,
    NS.dsig,
    'Transform',
  );
  const prefixList = transforms.flatMap((t) => childElements(t, EXC_NS, 'InclusiveNamespaces'));
  return {
    uri: attr(reference, 'URI'),
    transforms: transforms.map((t) => attr(t, 'Algorithm') ?? ''),
    inclusivePrefixes: prefixList.flatMap((p) => (attr(p, 'PrefixList') ?? '').split(/\s+/)).filter(Boolean),
    digestAlgorithm: attr(childElements(reference, NS.dsig, 'DigestMethod')[0], 'Algorithm'),
    digestValue: (text(childElements(reference, NS.dsig, 'DigestValue')[0]) ?? '').replace(/\s+/g, ''),
  };
}

/** A public key's imports into WebCrypto, by algorithm: each key is imported once per use it is put to. */
const imported = new WeakMap<Uint8Array, Map<string, Promise<CryptoKey | undefined>>>();

/** The key imported for the signature method, or undefined when the key is of another type (it cannot verify). */
function importFor(method: SignatureMethod, spki: Uint8Array): Promise<CryptoKey | undefined> {
  let byAlgorithm = imported.get(spki);
  if (!byAlgorithm) imported.set(spki, (byAlgorithm = new Map()));
  const id = `${method.pss ? 'pss' : method.ecdsa ? 'ecdsa' : 'pkcs1'} ${method.hash}`;
  let key = byAlgorithm.get(id);
  if (!key) {
    key = (async () => {
      let algorithm: RsaHashedImportParams | EcKeyImportParams;
      try {
        const info = readSubjectPublicKey(spki, readElement(spki, 0));
        if (method.ecdsa) {
          const namedCurve = webCryptoCurve(info.curveOid);
          if (!namedCurve) return undefined;
          algorithm = { name: 'ECDSA', namedCurve };
        } else {
          if (!info.rsa) return undefined;
          algorithm = { name: method.pss ? 'RSA-PSS' : 'RSASSA-PKCS1-v1_5', hash: method.hash };
        }
        return await crypto.subtle.importKey('spki', toArrayBuffer(spki), algorithm, false, ['verify']);
      } catch {
        return undefined;
      }
    })();
    byAlgorithm.set(id, key);
  }
  return key;
}

const DIGEST_BYTES = { 'SHA-1': 20, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };

async function verifyWith(
  method: SignatureMethod,
  data: Uint8Array,
  signature: Uint8Array,
  spki: Uint8Array,
): Promise<boolean> {
  const key = await importFor(method, spki);
  // A key of another type (an EC key for an RSA algorithm) simply does not verify.
  if (!key) return false;
  const algorithm: AlgorithmIdentifier | RsaPssParams | EcdsaParams = method.pss
    ? { name: 'RSA-PSS', saltLength: DIGEST_BYTES[method.hash] }
    : method.ecdsa
      ? { name: 'ECDSA', hash: method.hash }
      : { name: 'RSASSA-PKCS1-v1_5' };
  try {
    return await crypto.subtle.verify(algorithm, key, toArrayBuffer(signature), toArrayBuffer(data));
  } catch {
    return false;
  }
}

/** The DER of a PEM public key's body when WebCrypto or this decoder can read it, else undefined. */
async function readablePublicKey(body: string): Promise<Uint8Array | undefined> {
  const base64 = body.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return undefined;
  const spki = base64ToBytes(base64);
  try {
    const element = readElement(spki, 0);
    if (element.end !== spki.length) return undefined;
    const info = readSubjectPublicKey(spki, element);
    // RSA and EC keys are imported once, which reads them as the signature check will.
    if (info.rsa) {
      await crypto.subtle.importKey(
        'spki',
        toArrayBuffer(spki),
        { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
        false,
        ['verify'],
      );
    } else if (webCryptoCurve(info.curveOid)) {
      const namedCurve = webCryptoCurve(info.curveOid) as string;
      await crypto.subtle.importKey('spki', toArrayBuffer(spki), { name: 'ECDSA', namedCurve }, false, ['verify']);
    }
    return spki;
  } catch {
    return undefined;
  }
}

/** A certificate's public key and SHA-256 fingerprint; undefined when it is not a certificate. */
function certificateKey(der: Uint8Array): { sha256: string; spki?: Uint8Array } | undefined {
  try {
    // A certificate is a SEQUENCE of the signed part, the algorithm and the signature, spanning the whole data. Its
    // structure is walked without asn1-x509's schema parser, which would cost more than the signature check.
    const certificate = readElement(der, 0);
    const parts = children(der, certificate);
    if (certificate.tag !== 0x30 || certificate.end !== der.length || parts.length !== 3) return undefined;
    children(der, parts[0]!);
  } catch {
    return undefined;
  }
  let spki: Uint8Array | undefined;
  try {
    spki = certificateSpki(der);
    readSubjectPublicKey(spki, readElement(spki, 0));
  } catch {
    spki = undefined;
  }
  return { sha256: colonHex(sha256Sync(der)), spki };
}

/**
 * Checks the signature that `element` (the Response or the Assertion) holds as a direct child. `label` names it in
 * finding codes and messages.
 */
export async function checkEnvelopedSignature(
  element: Element,
  label: 'response' | 'assertion',
  keys: TrustedKey[],
  maxNamespaceBytes: number,
): Promise<SignatureCheck> {
  const Label = label === 'response' ? 'Response' : 'Assertion';
  const where = `<${excerpt(element.nodeName, 80)}>`;
  const signatures = childElements(element, NS.dsig, 'Signature');
  if (signatures.length === 0) return { present: false, valid: null, problems: [] };
  const fail = (code: string, message: string, extra: Partial<SignatureCheck> = {}): SignatureCheck => ({
    present: true,
    valid: false,
    ...extra,
    problems: [finding(`saml-${label}-signature-${code}`, 'error', message)],
  });
  if (signatures.length > 1) {
    return fail('malformed', `${where} holds ${signatures.length} signatures; a SAML ${Label} carries one.`);
  }
  const signature = signatures[0]!;
  const signedInfos = childElements(signature, NS.dsig, 'SignedInfo');
  const values = childElements(signature, NS.dsig, 'SignatureValue');
  if (signedInfos.length !== 1 || values.length !== 1) {
    return fail(
      'malformed',
      `The ${Label} signature (${positionOf(signature)}) has ${signedInfos.length} SignedInfo and ${values.length} SignatureValue elements; an XML signature has one of each.`,
    );
  }
  const signedInfo = signedInfos[0]!;
  const c14nMethod = childElements(signedInfo, NS.dsig, 'CanonicalizationMethod')[0];
  const c14nAlgorithm = attr(c14nMethod, 'Algorithm');
  const algorithm = attr(childElements(signedInfo, NS.dsig, 'SignatureMethod')[0], 'Algorithm');
  const method = algorithm ? SIGNATURE_METHODS[algorithm] : undefined;
  const rawReferences = childElements(signedInfo, NS.dsig, 'Reference');
  const id = attr(element, 'ID');
  const keyInfoCertificate = (
    text(
      childElements(childElements(signature, NS.dsig, 'KeyInfo')[0] ?? signature, NS.dsig, 'X509Data').flatMap((d) =>
        childElements(d, NS.dsig, 'X509Certificate'),
      )[0],
    ) ?? ''
  ).replace(/\s+/g, '');
  const keyInfo = keyInfoCertificate ? certificateFingerprint(keyInfoCertificate) : undefined;
  const base = { algorithm, keyInfoSha256: keyInfo?.sha256 };

  // Defeat signature wrapping: the signature must cover exactly the element that holds it, and that ID must be unique.
  const uri = rawReferences.length === 1 ? attr(rawReferences[0], 'URI') : undefined;
  if (rawReferences.length === 1 && id && (uri === '' || uri === undefined)) {
    // URI="" (or none) means the whole document: valid XML-DSig, but SAML requires the signed element's ID.
    return fail(
      'reference',
      `The ${Label} signature's Reference has ${uri === undefined ? 'no URI' : 'URI=""'}, which points at the whole document; a SAML signature must point at the ID of the element it signs (URI="#${excerpt(id, 120)}", SAML core §5.4.2), so service providers refuse it. The identity provider signs in a way SAML does not allow.`,
      base,
    );
  }
  if (rawReferences.length !== 1 || !id || uri !== `#${id}`) {
    return fail(
      'reference',
      `The ${Label} signature does not sign the ${where} that contains it (it has ${rawReferences.length} references${rawReferences.length === 1 ? ` to "${excerpt(attr(rawReferences[0], 'URI') ?? '', 120)}"` : ''}, expected one to "#${excerpt(id ?? '(no ID)', 120)}"); this is how signature-wrapping attacks look.`,
      base,
    );
  }
  if (elementsWithId(element.ownerDocument!, id) > 1) {
    return fail(
      'duplicate-id',
      `Several elements carry the ID ${excerpt(id, 120)}; the message is ambiguous (signature wrapping) and is rejected.`,
      base,
    );
  }
  if (!isCanonicalization(c14nAlgorithm)) {
    return fail(
      'unsupported',
      `The ${Label} SignedInfo uses the canonicalisation ${excerpt(c14nAlgorithm ?? '(none)', 120)}; SAML signatures use exclusive (${C14N.exclusive}) or inclusive c14n.`,
      base,
    );
  }
  if (!method) {
    return fail(
      'unsupported',
      /hmac/i.test(algorithm ?? '')
        ? `The ${Label} is signed with ${excerpt(algorithm ?? '', 120)}, a shared-secret (HMAC) algorithm that a certificate cannot check; refused.`
        : `The ${Label} is signed with ${excerpt(algorithm ?? '(no SignatureMethod)', 120)}, which this check does not support (RSA with SHA-1/256/384/512, RSA-PSS, ECDSA).`,
      base,
    );
  }
  const signatureValue = (text(values[0]) ?? '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signatureValue)) {
    return fail('malformed', `The ${Label} SignatureValue is not base64 (${positionOf(values[0])}).`, base);
  }
  if (keys.length === 0) return { present: true, valid: null, ...base, problems: [] };

  const signatureBytes = base64ToBytes(signatureValue);
  const prefixes = childElements(c14nMethod!, EXC_NS, 'InclusiveNamespaces').flatMap((p) =>
    (attr(p, 'PrefixList') ?? '').split(/\s+/).filter(Boolean),
  );
  let canonicalSignedInfo: string;
  try {
    canonicalSignedInfo = canonicalize(signedInfo, {
      algorithm: c14nAlgorithm!,
      keepComments: true,
      inclusivePrefixes: prefixes,
      maxNamespaceBytes,
    });
  } catch (err) {
    if (err instanceof CanonicalLimitError) return tooLarge(label, err, base);
    throw err;
  }
  const signedBytes = utf8Encode(canonicalSignedInfo);
  let trusted: TrustedKey | undefined;
  for (const k of keys) {
    if (await verifyWith(method, signedBytes, signatureBytes, k.spki)) {
      trusted = k;
      break;
    }
  }

  const digest = async (reference: ReferenceInfo): Promise<{ expected: string; actual: string } | Finding> => {
    const problem = transformProblem(Label, reference);
    if (problem) return problem;
    const hash = DIGEST_METHODS[reference.digestAlgorithm ?? ''];
    if (!hash) {
      return finding(
        `saml-${label}-signature-unsupported`,
        'error',
        `The ${Label} Reference uses the digest ${excerpt(reference.digestAlgorithm ?? '(none)', 120)}, which this check does not support (SHA-1/256/384/512).`,
      );
    }
    const c14n = reference.transforms.find(isCanonicalization) ?? C14N.inclusive;
    let canonical: string;
    try {
      canonical = canonicalize(element, {
        algorithm: c14n,
        keepComments: false,
        exclude: reference.transforms.includes(ENVELOPED) ? signature : undefined,
        inclusivePrefixes: reference.inclusivePrefixes,
        maxNamespaceBytes,
      });
    } catch (err) {
      if (err instanceof CanonicalLimitError) return tooLarge(label, err, base).problems[0]!;
      throw err;
    }
    const actual = await crypto.subtle.digest(hash, toArrayBuffer(utf8Encode(canonical)));
    return { expected: reference.digestValue, actual: bytesToBase64(new Uint8Array(actual)) };
  };
  const digestAlgorithm = (ref: ReferenceInfo) => ref.digestAlgorithm;

  if (trusted) {
    // Only what the key signed counts: read the Reference from the canonical SignedInfo.
    let signedReference: ReferenceInfo;
    try {
      const signed = parseXmlSafely(canonicalSignedInfo, 'signed SignedInfo').documentElement!;
      const refs = childElements(signed, NS.dsig, 'Reference');
      if (refs.length !== 1 || attr(refs[0], 'URI') !== `#${id}`) {
        return fail('reference', `The ${Label} signature's signed Reference does not point at "#${id}".`, base);
      }
      signedReference = readReference(refs[0]!);
    } catch (err) {
      if (!isInputError(err)) throw err;
      return fail('malformed', `The ${Label} SignedInfo cannot be read after canonicalisation: ${err.message}`, base);
    }
    const result = await digest(signedReference);
    const info = { ...base, digestAlgorithm: digestAlgorithm(signedReference) };
    if ('code' in result) return { present: true, valid: false, ...info, problems: [result] };
    if (result.actual !== result.expected) {
      return { present: true, valid: false, ...info, problems: [contentChanged(label, where, result)] };
    }
    return { present: true, valid: true, ...info, problems: [] };
  }

  // Not signed by a configured key: find out why, for the message.
  const reference = readReference(rawReferences[0]!);
  const info = { ...base, digestAlgorithm: digestAlgorithm(reference) };
  const configured =
    keys.length <= 2
      ? keys.map((k) => k.sha256).join(' or ')
      : `${keys[0]!.sha256}, ${keys[1]!.sha256} or ${keys.length - 2} more`;
  const problems: Finding[] = [];
  const result = await digest(reference);
  const digestsMatch = !('code' in result) && result.actual === result.expected;
  if (keyInfo && !keys.some((k) => k.sha256 === keyInfo.sha256 || (keyInfo.spki && bytesEqual(k.spki, keyInfo.spki)))) {
    const signedByKeyInfo = keyInfo.spki ? await verifyWith(method, signedBytes, signatureBytes, keyInfo.spki) : false;
    problems.push(
      finding(
        `saml-${label}-signature-certificate-changed`,
        'error',
        signedByKeyInfo
          ? `The ${Label} is signed with the certificate it carries in KeyInfo (SHA-256 ${keyInfo.sha256}), not with the configured one (SHA-256 ${configured}): the identity provider now signs with another certificate, as after a certificate rotation. Download the application's current certificate from IAM Identity Center and update Frontline and the config.`
          : `The ${Label} carries a certificate in KeyInfo (SHA-256 ${keyInfo.sha256}) other than the configured one (SHA-256 ${configured}), and the signature verifies with neither: the signed part was changed, or the signature is made up.`,
      ),
    );
  }
  if ('code' in result) problems.push(result);
  else if (!digestsMatch) problems.push(contentChanged(label, where, result));
  else if (problems.length === 0) {
    problems.push(
      finding(
        `saml-${label}-signature-wrong-key`,
        'error',
        `The ${Label}'s content matches its digest, but the SignatureValue does not verify with the configured certificate (SHA-256 ${configured}): it was signed with another key. Check that Frontline and this check use the certificate of the same IAM Identity Center application.`,
      ),
    );
  }
  return { present: true, valid: false, ...info, problems };
}

function describeBytes(n: number): string {
  return n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`;
}

function contentChanged(label: string, where: string, digests: { expected: string; actual: string }): Finding {
  return finding(
    `saml-${label}-signature-content-changed`,
    'error',
    `The ${where} was changed after signing: its digest is ${digests.actual}, but the signature says ${excerpt(digests.expected, 120) || '(empty)'}. Something edited, reformatted or re-encoded the response; copy it again, raw (the SAMLResponse value exactly as the browser sent it).`,
  );
}

function tooLarge(label: string, err: CanonicalLimitError, base: Partial<SignatureCheck>): SignatureCheck {
  return {
    present: true,
    valid: false,
    ...base,
    problems: [
      finding(
        `saml-${label}-signature-too-large`,
        'error',
        `The ${label === 'response' ? 'Response' : 'Assertion'} signature was not checked: canonicalising it would repeat more than ${describeBytes(err.limitBytes)} of namespace declarations (one declaration copied onto thousands of elements), which no identity provider's response does.`,
      ),
    ],
  };
}

function transformProblem(Label: string, reference: ReferenceInfo): Finding | undefined {
  const label = Label.toLowerCase();
  const unknown = reference.transforms.filter((t) => t !== ENVELOPED && !isCanonicalization(t));
  const c14nIndex = reference.transforms.findIndex(isCanonicalization);
  const ordered =
    reference.transforms.filter((t) => t === ENVELOPED).length <= 1 &&
    reference.transforms.filter(isCanonicalization).length <= 1 &&
    (c14nIndex === -1 || c14nIndex === reference.transforms.length - 1);
  if (unknown.length === 0 && ordered) return undefined;
  return finding(
    `saml-${label}-signature-unsupported`,
    'error',
    unknown.length > 0
      ? `The ${Label} Reference uses the transform ${excerpt(unknown[0] || '(no Algorithm)', 120)}; SAML signatures use only enveloped-signature and a canonicalisation.`
      : `The ${Label} Reference's transforms (${excerpt(reference.transforms.join(', '), 300)}) are not enveloped-signature followed by one canonicalisation.`,
  );
}

function certificateFingerprint(base64: string): { sha256: string; spki?: Uint8Array } | undefined {
  // Read leniently, as Buffer.from(…, 'base64') did: the KeyInfo certificate is only compared, never trusted.
  return certificateKey(base64ToBytes(base64));
}
