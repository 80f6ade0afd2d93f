/**
 * Hostile inputs for the XML, SAML and HAR readers, generated: one case per finding, added to as findings come in.
 * Used by test/unit/saml-attacks.test.ts (each case ends with the expected outcome) and by bench/saml.ts (each case
 * ends within 1 s and 256 MB through the CLI). Every case names the issue it comes from.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { SignedXml } from 'xml-crypto';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures');
const read = (...parts: string[]) => readFileSync(join(FIXTURES, ...parts), 'utf8');

export const REALM = 'JB0123456789abcdef0123456789abcdef';
export const CERT_FILE = join(FIXTURES, 'idp', 'idp.pem');

export type AttackKind = 'response' | 'metadata' | 'har';

export interface Attack {
  name: string;
  /** Where the finding comes from: "issue 12 item 4", "issue 13 item 4", "XSW3"… */
  source: string;
  kind: AttackKind;
  input: string;
  /**
   * What must happen: the input is refused with a message matching `refused`, or checked with these error codes
   * among its findings (and the signature never valid).
   */
  refused?: RegExp;
  errors?: string[];
  /** A value an attacker planted that must never be reported as the user's. */
  neverReported?: string;
}

const VALID = read('saml', 'valid.xml').trim();
const SAMLP = 'xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"';
const SIGNED_ASSERTION = /<saml2:Assertion [\s\S]*<\/saml2:Assertion>/;
const ATTACKER = 'mallory@example.com';
const signedAssertion = () => SIGNED_ASSERTION.exec(VALID)![0];
/** The signed assertion with the attacker's identity and a new ID: what a wrapping attack wants read. */
const evilAssertion = () =>
  signedAssertion()
    .replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/, '')
    .replace('ID="_a0f1c2d3e4"', 'ID="_evil"')
    .replace(/jane\.doe@example\.com/g, ATTACKER);

/** Signs `xml` as an identity provider would, with xml-crypto (test keys): for cases that need a real signature. */
export function sign(
  xml: string,
  options: { id: string; after: string; key?: 'idp' | 'other'; algorithm?: string; c14n?: string },
): string {
  const key = read('idp', `${options.key ?? 'idp'}.key`);
  const cert = read('idp', `${options.key ?? 'idp'}.pem`);
  const c14n = options.c14n ?? 'http://www.w3.org/2001/10/xml-exc-c14n#';
  const signer = new SignedXml({
    privateKey: key,
    publicCert: cert,
    signatureAlgorithm: options.algorithm ?? 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: c14n,
  });
  signer.addReference({
    xpath: `//*[@ID='${options.id}']`,
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', c14n],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  signer.computeSignature(xml, { prefix: 'ds', location: { reference: options.after, action: 'after' } });
  return signer.getSignedXml();
}

/** An IAM Identity Center response of about `bytes` bytes (a long group list), signed like valid.xml. */
export function signedResponseOfSize(bytes: number): string {
  const unsigned = VALID.replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/g, '');
  const value = (i: number) => `<saml2:AttributeValue>${`group-${i}`.padEnd(40, '-')}</saml2:AttributeValue>`;
  const count = Math.max(0, Math.floor((bytes - unsigned.length - 4000) / value(0).length));
  const groups = `<saml2:Attribute Name="groups">${Array.from({ length: count }, (_, i) => value(i)).join('')}</saml2:Attribute>`;
  let xml = unsigned.replace('</saml2:AttributeStatement>', `${groups}</saml2:AttributeStatement>`);
  xml = sign(xml, { id: '_a0f1c2d3e4', after: "//*[local-name()='Assertion']/*[local-name()='Issuer']" });
  return sign(xml, { id: '_r9e8d7c6b5', after: "/*/*[local-name()='Issuer']" });
}

/** A made-up signature over the root: digest and value that no key produced. */
const MADE_UP_SIGNATURE = `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><ds:Reference URI="#_root"><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/><ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=</ds:DigestValue></ds:Reference></ds:SignedInfo><ds:SignatureValue>${'QUFB'.repeat(86)}</ds:SignatureValue></ds:Signature>`;

function responseWith(body: string, attributes = ''): string {
  return `<samlp:Response ${SAMLP} ID="_root" Version="2.0" IssueInstant="2026-12-01T12:00:00Z"${attributes}>${MADE_UP_SIGNATURE}${body}</samlp:Response>`;
}

const har = (entries: unknown[]) => JSON.stringify({ log: { version: '1.2', entries } });

/** Every attack, generated afresh (some are megabytes: call once and reuse). */
export function attacks(): Attack[] {
  const nested = '<a>'.repeat(40_000);
  const ns1000 = `urn:x:${'n'.repeat(994)}`;
  const withSignedInfoIntact = (content: string) =>
    VALID.replace('<saml2:AttributeStatement>', `<saml2:AttributeStatement xmlns:x="${ns1000}">${content}`);
  return [
    // issue 12 item 4: unclosed nesting was quadratic in xmldom (20 s for 40,000).
    {
      name: 'unclosed <a> × 40,000',
      source: 'issue 12 item 4',
      kind: 'response',
      input: nested,
      refused: /more than 100 deep/,
    },
    {
      name: 'unclosed <a> × 200,000',
      source: 'issue 12 item 4',
      kind: 'response',
      input: '<a>'.repeat(200_000),
      refused: /more than 100 deep/,
    },
    {
      name: 'unclosed <a> × 40,000 in base64',
      source: 'issue 12 item 4',
      kind: 'response',
      input: Buffer.from(nested).toString('base64'),
      refused: /more than 100 deep/,
    },
    {
      name: 'unclosed <a> × 40,000 as metadata',
      source: 'issue 12 item 4',
      kind: 'metadata',
      input: nested,
      refused: /The metadata file nests elements more than 100 deep/,
    },
    {
      name: 'closed nesting 20,000 deep',
      source: 'issue 12 item 4',
      kind: 'response',
      input: `${'<a>'.repeat(20_000)}${'</a>'.repeat(20_000)}`,
      refused: /more than 100 deep/,
    },
    { name: 'empty metadata', source: 'issue 12 item 4', kind: 'metadata', input: '', refused: /is empty/ },
    {
      name: 'truncated metadata',
      source: 'issue 12 item 4',
      kind: 'metadata',
      input: read('idp', 'metadata.xml').slice(0, 1500),
      refused: /ends before <ds:X509Certificate> \(opened at line 7, column 11\)/,
    },
    // issue 13 item 4: canonicalisation used 3–4 GB before any key was involved.
    {
      name: '100 kB namespace name on 40,000 elements',
      source: 'issue 13 item 4',
      kind: 'response',
      input: responseWith('<x:a/>'.repeat(40_000), ` xmlns:x="${'u'.repeat(100_000)}"`),
      refused: /name of 100,000 characters/,
    },
    {
      name: '~340 kB response with a made-up signature over the root, c14n would repeat 48 MB',
      source: 'issue 13 item 4',
      kind: 'response',
      input: responseWith('<x:a/>'.repeat(48_000), ` xmlns:x="${ns1000}"`),
      errors: ['saml-response-signature-too-large'],
    },
    {
      name: 'a 300 kB namespace name on the root, made-up signature',
      source: 'issue 13 item 4',
      kind: 'response',
      input: responseWith('<x:a/>'.repeat(6_000), ` xmlns:x="${'u'.repeat(300_000)}"`),
      refused: /name of 300,000 characters/,
    },
    {
      name: '1,000-character namespace re-declared by c14n on 40,000 elements, SignedInfo intact',
      source: 'issue 13 item 4',
      kind: 'response',
      input: withSignedInfoIntact(
        `<saml2:Attribute Name="x"><saml2:AttributeValue>${'<x:v/>'.repeat(40_000)}</saml2:AttributeValue></saml2:Attribute>`,
      ),
      errors: ['saml-response-signature-too-large', 'saml-assertion-signature-too-large'],
    },
    {
      name: '1.9 MB response of 20,000 elements, SignedInfo intact',
      source: 'issue 13 item 4',
      kind: 'response',
      input: withSignedInfoIntact(
        `<saml2:Attribute Name="x">${`<saml2:AttributeValue>${'v'.repeat(50)}</saml2:AttributeValue>`.repeat(19_900)}</saml2:Attribute>`,
      ),
      errors: ['saml-response-signature-content-changed', 'saml-assertion-signature-content-changed'],
    },
    {
      name: '2.1 MB response',
      source: 'XML limits',
      kind: 'response',
      input: withSignedInfoIntact(`<x:v>${'v'.repeat(2_100_000)}</x:v>`),
      refused: /larger than 2 MB/,
    },
    {
      name: '50,001 elements',
      source: 'XML limits',
      kind: 'response',
      input: `<a>${'<b/>'.repeat(50_001)}</a>`,
      refused: /more than 50,000 elements/,
    },
    {
      name: '200,000 attributes on one element',
      source: 'XML limits',
      kind: 'response',
      input: `<a ${Array.from({ length: 200_000 }, (_, i) => `a${i.toString(36)}=""`).join(' ')}/>`,
      refused: /more than 64 attributes on one element/,
    },
    {
      name: '100,001 attributes in all',
      source: 'XML limits',
      kind: 'response',
      input: `<r>${`<e ${Array.from({ length: 50 }, (_, i) => `a${i}=""`).join(' ')}/>`.repeat(2001)}</r>`,
      refused: /more than 100,000 attributes in all/,
    },
    {
      name: '65 namespace declarations in scope',
      source: 'XML limits',
      kind: 'response',
      input: `${Array.from({ length: 65 }, (_, i) => `<b xmlns:p${i}="urn:p${i}">`).join('')}`,
      refused: /more than 64 namespace declarations in scope/,
    },
    {
      name: '10,001 comments',
      source: 'XML limits',
      kind: 'response',
      input: `<a>${'<!--c-->'.repeat(10_001)}</a>`,
      refused: /more than 10,000 comments/,
    },
    {
      name: 'a 1.9 MB attribute value',
      source: 'XML limits',
      kind: 'response',
      input: responseWith('', ` Destination="${'d'.repeat(1_900_000)}"`),
      errors: ['saml-response-signature-content-changed'],
    },
    {
      name: 'DEFLATE bomb (1 GB of "<")',
      source: 'decoding',
      kind: 'response',
      input: deflateRawSync(Buffer.alloc(64 * 1024 * 1024, '<'), { level: 9 }).toString('base64'),
      refused: /decompresses to more than 2 MB/,
    },
    {
      name: 'billion laughs',
      source: 'XXE',
      kind: 'response',
      input: read('saml', 'billion-laughs.xml'),
      refused: /DTD or entity/,
    },
    {
      name: 'external entity',
      source: 'XXE',
      kind: 'metadata',
      input: read('saml', 'xxe.xml'),
      refused: /DTD or entity/,
    },
    // Signature wrapping (XSW1–8 after Somorovsky et al.) and key confusion: the attacker's identity is never read.
    {
      name: 'XSW1: signed Response inside an unsigned evil one',
      source: 'XSW1',
      kind: 'response',
      input: VALID.replace(
        /<saml2p:Response ([^>]*)>/,
        (_m, a: string) =>
          `<saml2p:Response ${a.replace('_r9e8d7c6b5', '_evil_r')}>${evilAssertion()}<saml2p:Response ${a}>`,
      ).replace(/<\/saml2p:Response>$/, '</saml2p:Response></saml2p:Response>'),
      errors: ['saml-assertion-count'],
      neverReported: ATTACKER,
    },
    {
      name: 'XSW3: evil assertion before the signed one',
      source: 'XSW3',
      kind: 'response',
      input: VALID.replace('</saml2p:Status>', `</saml2p:Status>${evilAssertion()}`),
      errors: ['saml-assertion-count'],
      neverReported: ATTACKER,
    },
    {
      name: 'XSW4: evil assertion wrapping the signed one',
      source: 'XSW4',
      kind: 'response',
      input: VALID.replace(SIGNED_ASSERTION, () =>
        evilAssertion().replace('</saml2:Assertion>', `${signedAssertion()}</saml2:Assertion>`),
      ),
      errors: ['saml-assertion-count'],
      neverReported: ATTACKER,
    },
    {
      name: 'XSW7: signed assertion moved into Extensions, evil one in its place',
      source: 'XSW7',
      kind: 'response',
      input: VALID.replace(
        SIGNED_ASSERTION,
        () => `<saml2p:Extensions>${signedAssertion()}</saml2p:Extensions>${evilAssertion()}`,
      ),
      errors: ['saml-assertion-count'],
      neverReported: ATTACKER,
    },
    {
      name: "XSW8: signed assertion inside the evil one's signature Object",
      source: 'XSW8',
      kind: 'response',
      input: VALID.replace(SIGNED_ASSERTION, () =>
        evilAssertion().replace(
          '<saml2:Subject>',
          `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:Object>${signedAssertion()}</ds:Object></ds:Signature><saml2:Subject>`,
        ),
      ),
      errors: ['saml-assertion-count'],
      neverReported: ATTACKER,
    },
    {
      name: "KeyInfo substitution: signed by the attacker with the attacker's certificate",
      source: 'KeyInfo substitution',
      kind: 'response',
      input: sign(
        sign(evilAssertionResponse(), {
          id: '_evil',
          after: "//*[local-name()='Assertion']/*[local-name()='Issuer']",
          key: 'other',
        }),
        { id: '_r9e8d7c6b5', after: "/*/*[local-name()='Issuer']", key: 'other' },
      ),
      errors: ['saml-response-signature-certificate-changed', 'saml-assertion-signature-certificate-changed'],
    },
    {
      name: 'HMAC key confusion',
      source: 'key confusion',
      kind: 'response',
      input: VALID.replace(
        'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
        'http://www.w3.org/2000/09/xmldsig#hmac-sha1',
      ),
      errors: ['saml-response-signature-unsupported'],
    },
    {
      name: 'an XSLT transform in the Reference',
      source: 'extra transforms',
      kind: 'response',
      input: VALID.replace(
        '<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>',
        '<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xslt-19991116"/>',
      ),
      errors: ['saml-response-signature-unsupported'],
    },
    {
      name: '2,000 References in one SignedInfo',
      source: 'signature structure',
      kind: 'response',
      input: VALID.replace(/(<ds:Reference URI="#_r9e8d7c6b5">[\s\S]*?<\/ds:Reference>)/, (r) => r.repeat(2_000)),
      errors: ['saml-response-signature-reference'],
    },
    // HAR files (issue 13, "Where responses come from").
    {
      name: 'HAR nested 200,000 deep',
      source: 'HAR',
      kind: 'har',
      input: `{"log":{"entries":[${'['.repeat(200_000)}`,
      refused: /nesting deeper than 64 levels/,
    },
    {
      name: 'HAR with 45 MB of response bodies',
      source: 'HAR',
      kind: 'har',
      input: har([
        ...Array.from({ length: 9 }, () => ({
          request: { url: 'https://a/' },
          response: { content: { text: 'x'.repeat(5_000_000) } },
        })),
        { request: { method: 'POST', url: 'https://a/', postData: { text: 'SAMLResponse=%%%' } } },
      ]),
      refused: /neither XML nor base64/,
    },
    {
      name: 'HAR with 200,000 SAML requests',
      source: 'HAR',
      kind: 'har',
      input: har(Array.from({ length: 200_000 }, () => ({ request: { url: 'https://a/?SAMLResponse=x' } }))),
      refused: /neither XML nor base64/,
    },
  ];
}

function evilAssertionResponse(): string {
  return VALID.replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/g, '').replace(SIGNED_ASSERTION, () =>
    evilAssertion().replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/, ''),
  );
}
