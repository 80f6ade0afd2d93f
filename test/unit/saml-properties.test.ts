// Property-based checks over SAML decoding and checking (decodeSamlInput, checkSamlResponse), IdP metadata
// (parseIdpMetadata, checkIdpMetadata) and HAR files: nothing throws but InputError, every finding is well-formed with
// a known code, a response whose signatures still verify after an edit reports exactly the signed content, and time
// grows linearly with the input. Case counts are bounded so the suite stays fast; a failure prints the shrunk input.
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Finding, isInputError } from '../../src/core/common/findings';
import { frontlineConfigSamlExpectations as frontline } from '../../src/core/providers/saml';
import { SAML_CHECK_CODES } from '../../src/core/saml/codes';
import { formatXml } from '../../src/core/saml/format';
import { findSamlRequestsInHar } from '../../src/core/saml/har';
import { checkIdpMetadata, parseIdpMetadata } from '../../src/core/saml/metadata';
import { checkSamlResponse, decodeSamlInput } from '../../src/core/saml/response';
import { parseSamlTime } from '../../src/core/saml/time';
import { ACS, AUDIENCE, ISSUER, REALM, fixture, assertLinear, assertLinearAsync } from './helpers';
import { harFile, harPost } from './saml-helpers';

const AT = new Date('2026-12-01T12:01:00Z');
const CERT = fixture('idp', 'idp.pem');
const EXPECT = frontline({ realmSid: REALM, issuer: ISSUER, certificatePem: CERT });
const RUNS = { numRuns: 150, seed: 20261201 } as const;
const SIGNED = ['valid.xml', 'inclusive.xml', 'inclusive-comments.xml', 'sha1.xml'].map((f) => fixture('saml', f));
const METADATA = fixture('idp', 'metadata.xml');

/** Runs `fn`; an InputError is an accepted outcome (undefined), anything else thrown fails the property. */
function orInputError<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    if (isInputError(err)) {
      assert.ok(err.message.length > 0 && err.message.length <= 1000, `InputError of ${err.message.length} chars`);
      return undefined;
    }
    throw err;
  }
}

function assertWellFormed(findings: readonly Finding[], known: (code: string) => boolean): void {
  assert.ok(findings.length <= 101, `${findings.length} findings`);
  for (const f of findings) {
    assert.ok(known(f.code), `unknown code ${f.code}`);
    assert.ok(['error', 'warning', 'info'].includes(f.severity), `severity ${f.severity}`);
    assert.ok(f.message.length > 0 && f.message.length <= 1000, `message of ${f.code} is ${f.message.length} chars`);
    assert.doesNotMatch(f.message, /\bundefined\b|\[object Object\]|\bNaN\b/, f.message);
  }
}
const samlCode = (code: string) => Object.prototype.hasOwnProperty.call(SAML_CHECK_CODES, code);
const metadataCode = (code: string) => /^(metadata|cert|idp)-[A-Za-z0-9-]+$/.test(code);

/** orInputError for an asynchronous `fn`: the SAML check verifies signatures with WebCrypto. */
async function orInputErrorAsync<T>(fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    return orInputError(() => {
      throw err;
    });
  }
}

async function checkResponse(text: string) {
  const report = await orInputErrorAsync(async () => checkSamlResponse(decodeSamlInput(text), EXPECT, AT));
  if (report) assertWellFormed(report.checks, samlCode);
  return report;
}

/** Text edited at random places: what a damaged paste or a tampering attempt looks like. */
const mutated = (base: string, inserts: fc.Arbitrary<string>) =>
  fc
    .array(fc.record({ at: fc.nat({ max: base.length }), cut: fc.nat({ max: 40 }), insert: inserts }), {
      minLength: 1,
      maxLength: 4,
    })
    .map((edits) =>
      edits.reduce((t, e) => {
        const at = Math.min(e.at, t.length);
        return t.slice(0, at) + e.insert + t.slice(at + e.cut);
      }, base),
    );
const XML_BITS = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom(
    '<',
    '>',
    '/>',
    '</saml2:Assertion>',
    '<saml2:Assertion ID="_a0f1c2d3e4">',
    '<!-- x -->',
    '<![CDATA[x]]>',
    '&amp;',
    '&#x0;',
    '&lt;',
    '"',
    ' xmlns:x="urn:x"',
    ' ID="_r9e8d7c6b5"',
    'mallory@example.com',
    '2026-12-01T12:00:00',
    '\ufeff',
    '\u0000',
    '\r\n',
  ),
);

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ESC[c]!);

/** Well-formed XML built from SAML's vocabulary, in random shapes and with random values. */
const samlLikeXml = (() => {
  const names = fc.constantFrom(
    'saml2p:Response',
    'saml2p:Status',
    'saml2p:StatusCode',
    'saml2:Assertion',
    'saml2:Issuer',
    'saml2:Subject',
    'saml2:NameID',
    'saml2:SubjectConfirmation',
    'saml2:SubjectConfirmationData',
    'saml2:Conditions',
    'saml2:AudienceRestriction',
    'saml2:Audience',
    'saml2:AuthnStatement',
    'saml2:AttributeStatement',
    'saml2:Attribute',
    'saml2:AttributeValue',
    'saml2:EncryptedAssertion',
    'ds:Signature',
    'ds:SignedInfo',
    'ds:CanonicalizationMethod',
    'ds:SignatureMethod',
    'ds:Reference',
    'ds:Transforms',
    'ds:Transform',
    'ds:DigestMethod',
    'ds:DigestValue',
    'ds:SignatureValue',
    'ds:KeyInfo',
    'ds:X509Data',
    'ds:X509Certificate',
    'x:other',
  );
  const attrNames = fc.constantFrom(
    'ID',
    'Version',
    'IssueInstant',
    'Destination',
    'NotBefore',
    'NotOnOrAfter',
    'SessionNotOnOrAfter',
    'Recipient',
    'Method',
    'Name',
    'Format',
    'URI',
    'Algorithm',
    'Value',
    'PrefixList',
  );
  const values = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom(
      '_r9e8d7c6b5',
      '#_r9e8d7c6b5',
      '_a0f1c2d3e4',
      '#_a0f1c2d3e4',
      '2026-12-01T12:00:00Z',
      '2026-12-01T12:00:00',
      '2026-02-30T00:00:00Z',
      '275761-01-01T00:00:00Z',
      'never',
      ACS,
      AUDIENCE,
      ISSUER,
      'urn:oasis:names:tc:SAML:2.0:cm:bearer',
      'urn:oasis:names:tc:SAML:2.0:status:Success',
      'http://www.w3.org/2001/10/xml-exc-c14n#',
      'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
      'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
      'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      'http://www.w3.org/2000/09/xmldsig#hmac-sha1',
      'http://www.w3.org/2001/04/xmlenc#sha256',
      'AAAA',
    ),
  );
  type Node = string | { name: string; attributes: Array<[string, string]>; children: Node[] };
  const { node } = fc.letrec<{ node: Node }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.string({ maxLength: 10 }),
      fc.record({
        name: names,
        attributes: fc.uniqueArray(fc.tuple(attrNames, values), { selector: (a) => a[0], maxLength: 4 }),
        children: fc.array(tie('node'), { maxLength: 5 }),
      }),
    ),
  }));
  const render = (n: Node): string =>
    typeof n === 'string'
      ? escape(n)
      : `<${n.name}${n.attributes.map(([k, v]) => ` ${k}="${escape(v)}"`).join('')}>${n.children.map(render).join('')}</${n.name}>`;
  const NS =
    'xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:x="urn:x"';
  return fc
    .array(node, { maxLength: 6 })
    .map((children) => `<saml2p:Response ${NS} ID="_r9e8d7c6b5">${children.map(render).join('')}</saml2p:Response>`);
})();

describe('properties of SAML decoding and checking', () => {
  test('any text, bytes or encoding of them: a report or an InputError, nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('base64')),
          fc.string().map((s) => `SAMLResponse=${encodeURIComponent(Buffer.from(s).toString('base64'))}&RelayState=`),
          fc.string().map((s) => deflateRawSync(Buffer.from(s)).toString('base64')),
          fc.string().map((s) => `<${s}`),
        ),
        async (text) => {
          await checkResponse(text);
        },
      ),
      RUNS,
    );
  });

  test('SAML-shaped XML in random arrangements: well-formed findings with known codes', async () => {
    await fc.assert(
      fc.asyncProperty(samlLikeXml, async (xml) => {
        await checkResponse(xml);
        await checkResponse(Buffer.from(xml).toString('base64'));
      }),
      RUNS,
    );
  });

  test('edited signed responses: when the signatures still verify, the report is the signed content', async () => {
    const original = await checkSamlResponse(SIGNED[0]!, EXPECT, AT);
    const reported = (r: typeof original) => ({
      destination: r.destination,
      issuer: r.issuer,
      audience: r.audience,
      nameId: r.nameId,
      attributes: r.attributes,
      notOnOrAfter: r.notOnOrAfter,
    });
    let stillValid = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: SIGNED.length - 1 }).chain((i) => mutated(SIGNED[i]!, XML_BITS)),
        async (xml) => {
          const report = await checkResponse(xml);
          if (report?.signature.valid === true) {
            stillValid++;
            assert.deepEqual(reported(report), reported(original));
          }
        },
      ),
      { ...RUNS, numRuns: 300 },
    );
    // Edits outside signed content (the XML declaration, whitespace between elements) do keep them valid.
    assert.ok(stillValid > 0, 'some edits keep the signatures valid, so the property was exercised');
  });

  test('times: xs:dateTime round-trips as UTC; anything else is refused, never thrown', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
        (date) => {
          const iso = date.toISOString();
          for (const text of [iso, iso.replace('Z', ''), iso.replace('.000Z', 'Z'), iso.replace('Z', '+00:00')]) {
            const parsed = parseSamlTime(text);
            assert.ok(parsed.ok, text);
            assert.equal(parsed.date.getTime(), date.getTime(), text);
          }
        },
      ),
      RUNS,
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = parseSamlTime(text);
        if (parsed.ok) assert.ok(Number.isFinite(parsed.date.getTime()));
      }),
      RUNS,
    );
  });
});

describe('properties of IdP metadata and HAR reading', () => {
  test('metadata: random text, edits of the real file, SAML-shaped XML', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          mutated(METADATA, XML_BITS),
          samlLikeXml.map((x) => x.replace(/saml2p:/g, 'md:')),
        ),
        (text) => {
          orInputError(() => parseIdpMetadata(text));
          const report = orInputError(() => checkIdpMetadata(text, AT));
          if (report) assertWellFormed(report.findings, metadataCode);
        },
      ),
      RUNS,
    );
  });

  test('HAR: any JSON, edited HAR files; every request found carries a SAMLResponse', () => {
    const har = harFile([
      harPost('2026-12-01T12:00:00.000Z', { text: `SAMLResponse=${fixture('saml', 'valid.b64')}` }),
    ]);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify({ log: { entries: [v, { request: v }] } })),
          mutated(har, fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('{', '}', '[', ']', '"', ',', ':'))),
        ),
        (text) => {
          const found = orInputError(() => findSamlRequestsInHar(text)) ?? [];
          found.forEach((r, i) => {
            assert.equal(r.index, i + 1);
            assert.ok(r.samlResponse.length > 0);
          });
        },
      ),
      RUNS,
    );
  });
});

/** 8× the input against the 64× a quadratic algorithm would take. */
const linear = (name: string, make: (n: number) => string, run: (input: string) => void, n = 2_000) =>
  assertLinear(name, make, run, { n, scale: 8 });

describe('time grows linearly with the input', () => {
  const VALID = SIGNED[0]!;
  const inAssertion = (content: string) =>
    VALID.replace(
      '<saml2:AttributeStatement>',
      `<saml2:AttributeStatement xmlns:x="urn:x:${'n'.repeat(200)}">${content}`,
    );
  const FAMILIES: Array<[string, (n: number) => string]> = [
    [
      'attribute values',
      (n) =>
        inAssertion(
          `<saml2:Attribute Name="g">${'<saml2:AttributeValue>g</saml2:AttributeValue>'.repeat(n)}</saml2:Attribute>`,
        ),
    ],
    [
      're-declared namespaces',
      (n) =>
        inAssertion(
          `<saml2:Attribute Name="x"><saml2:AttributeValue>${'<x:v/>'.repeat(n)}</saml2:AttributeValue></saml2:Attribute>`,
        ),
    ],
    [
      // The same depth at both sizes (canonicalisation copies the text once per enclosing element; depth itself is
      // bounded by XML_LIMITS.maxDepth), and text long enough at both sizes (200 KB and 1.6 MB) that V8 keeps it in
      // the same kind of memory: with 20 KB against 160 KB, the step between the two made a linear cost look 40–60×.
      'nested elements',
      (n) => inAssertion(`${'<x:v>'.repeat(20)}${'t'.repeat(n * 100)}${'</x:v>'.repeat(20)}`),
    ],
    ['comments and text', (n) => inAssertion('<!--c-->t'.repeat(Math.min(n, 9_000)) + 'u'.repeat(n * 20))],
    [
      'attributes',
      (n) => inAssertion(`<x:v ${Array.from({ length: 60 }, (_, i) => `a${i}="v"`).join(' ')}/>`.repeat(n / 4)),
    ],
    ['unclosed nesting', (n) => '<a>'.repeat(n * 5)],
    ['IDs', (n) => inAssertion(Array.from({ length: n }, (_, i) => `<x:v ID="_id${i}"/>`).join(''))],
  ];

  test('checking responses (signatures, canonicalisation, the checks) and formatting them', async () => {
    for (const [name, make] of FAMILIES) {
      await assertLinearAsync(
        name,
        make,
        async (xml) => {
          await orInputErrorAsync(() => checkSamlResponse(xml, EXPECT, AT));
        },
        { n: 2_000, scale: 8 },
      );
      linear(`formatting ${name}`, make, (xml) => formatXml(xml));
    }
  });

  test('decoding, metadata and HAR files', () => {
    const b64 = fixture('saml', 'valid.b64');
    linear(
      'base64 with line breaks',
      (n) => b64.repeat(Math.ceil(n / 50)).replace(/.{76}/g, '$&\n'),
      (t) => {
        orInputError(() => decodeSamlInput(t));
      },
    );
    linear(
      'metadata with many KeyDescriptors',
      (n) => METADATA.replace('<md:KeyDescriptor', `${'<md:Extensions/>'.repeat(n)}<md:KeyDescriptor`),
      (t) => {
        orInputError(() => checkIdpMetadata(t, AT));
      },
    );
    linear(
      'HAR files with many entries',
      (n) =>
        harFile(
          Array.from({ length: n / 4 }, (_, i) => harPost(`t${i}`, { text: i % 50 ? 'a=b' : 'SAMLResponse=abcd' })),
        ),
      (t) => {
        findSamlRequestsInHar(t);
      },
    );
  });
});
