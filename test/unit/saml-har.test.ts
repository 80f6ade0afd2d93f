import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { before, describe, test } from 'node:test';
import { InputError } from '../../src/core/common/findings';
import { frontlineConfigSamlExpectations as frontline } from '../../src/core/providers/saml';
import { MAX_HAR_RESPONSES, findSamlRequestsInHar, looksLikeHar } from '../../src/core/saml/har';
import { redactedSamlJson, redactedSamlReport } from '../../src/core/saml/redact';
import { SamlReport, checkSamlResponse, decodeSamlInput } from '../../src/core/saml/response';
import { ACS, ISSUER, REALM, fixture } from './helpers';
import { harFile, harPost } from './saml-helpers';

const AT = new Date('2026-12-01T12:01:00Z');
const B64 = fixture('saml', 'valid.b64').trim();
const XML = fixture('saml', 'valid.xml').trim();
const isInputError = (pattern: RegExp) => (err: unknown) => err instanceof InputError && pattern.test(err.message);

describe('HAR files', () => {
  test('finds the SAMLResponse in a form body, form parameters and a query string, with time and destination', () => {
    const redirect = deflateRawSync(Buffer.from(XML)).toString('base64');
    const text = harFile([
      { startedDateTime: '2026-12-01T11:59:00.000Z', request: { method: 'GET', url: 'https://portal.example/' } },
      harPost('2026-12-01T12:00:00.000Z', { text: `SAMLResponse=${encodeURIComponent(B64)}&RelayState=` }),
      // Firefox lists the decoded parameters; a "+" of the base64 became a space there.
      harPost('2026-12-01T12:00:01.000Z', { params: [{ name: 'SAMLResponse', value: B64.replace(/\+/g, ' ') }] }),
      {
        startedDateTime: '2026-12-01T12:00:02.000Z',
        request: {
          method: 'GET',
          url: `${ACS}?SAMLResponse=${encodeURIComponent(redirect)}`,
          queryString: [{ name: 'SAMLResponse', value: encodeURIComponent(redirect) }],
        },
      },
    ]);
    assert.ok(looksLikeHar(text));
    const found = findSamlRequestsInHar(text);
    assert.deepEqual(
      found.map(({ samlResponse: _s, ...rest }) => rest),
      [
        {
          index: 1,
          entry: 2,
          startedDateTime: '2026-12-01T12:00:00.000Z',
          method: 'POST',
          url: ACS,
          source: 'form body',
        },
        {
          index: 2,
          entry: 3,
          startedDateTime: '2026-12-01T12:00:01.000Z',
          method: 'POST',
          url: ACS,
          source: 'form parameters',
        },
        {
          index: 3,
          entry: 4,
          startedDateTime: '2026-12-01T12:00:02.000Z',
          method: 'GET',
          url: `${ACS}?SAMLResponse=${encodeURIComponent(redirect)}`,
          source: 'query string',
        },
      ],
    );
    for (const request of found) assert.equal(decodeSamlInput(request.samlResponse), XML, request.source);
  });

  test('response bodies of any size are skipped without building them into objects', () => {
    const big = 'x'.repeat(20 * 1024 * 1024);
    const text = harFile([
      { startedDateTime: 't', request: { method: 'GET', url: 'https://a/' }, response: { content: { text: big } } },
      harPost('2026-12-01T12:00:00.000Z', { text: `SAMLResponse=${encodeURIComponent(B64)}` }),
    ]);
    const start = performance.now();
    assert.equal(findSamlRequestsInHar(text).length, 1);
    assert.ok(performance.now() - start < 5000);
  });

  test('no SAML request, too many, and what is not a HAR file', () => {
    assert.deepEqual(findSamlRequestsInHar(harFile([])), []);
    const many = Array.from({ length: MAX_HAR_RESPONSES + 5 }, () => harPost('t', { text: 'SAMLResponse=abcd' }));
    assert.equal(findSamlRequestsInHar(harFile(many)).length, MAX_HAR_RESPONSES);
    assert.equal(looksLikeHar(B64), false);
    assert.equal(looksLikeHar(XML), false);
    assert.equal(looksLikeHar(`SAMLResponse=${B64}`), false);
    assert.ok(looksLikeHar(`\ufeff${harFile([])}`));
    assert.throws(() => findSamlRequestsInHar('{"other": 1}'), isInputError(/not a HAR file/));
    assert.throws(() => findSamlRequestsInHar('{"log": {"entries": [}'), isInputError(/line 1, column \d+/));
    assert.throws(
      () => findSamlRequestsInHar(harFile([harPost('t', { text: 'x' })]).slice(0, 200)),
      isInputError(/truncated|broken string/),
    );
    assert.throws(() => findSamlRequestsInHar('{"log": 1} {}'), isInputError(/more than one value/));
  });

  test('deep nesting is refused without overflowing the stack', () => {
    const deep = `{"log": {"entries": [${'['.repeat(100_000)}${']'.repeat(100_000)}]}}`;
    assert.throws(() => findSamlRequestsInHar(deep), isInputError(/nesting deeper than 64 levels/));
  });
});

describe('redacted report', () => {
  /** A response full of personal data: NameID, names, addresses, an IP, emails in several attributes. */
  const personal = XML.replace('jane.doe@example.com</saml2:NameID>', 'jdoe.personal</saml2:NameID>').replace(
    '</saml2:AttributeStatement>',
    [
      ['givenName', 'Jane'],
      ['familyName', 'Doe-Smith'],
      ['displayName', 'Jane Doe-Smith'],
      ['address', '12 Rue de Rivoli, 75001 Paris'],
      ['clientIp', '203.0.113.7'],
      ['clientIp6', '2001:db8::1'],
      ['otherMail', 'jane.private+sso@mail.example.net'],
      ['manager', 'Boss Person &lt;boss@corp.example.org&gt;'],
      ['roles', 'Agent'],
    ]
      .map(
        ([name, value]) =>
          `<saml2:Attribute Name="${name}"><saml2:AttributeValue>${value}</saml2:AttributeValue></saml2:Attribute>`,
      )
      .join('') + '</saml2:AttributeStatement>',
  );
  let report: SamlReport;
  before(async () => {
    report = await checkSamlResponse(
      personal,
      frontline({ realmSid: REALM, issuer: ISSUER, certificatePem: fixture('idp', 'idp.pem') }),
      AT,
    );
  });
  const EMAILS = [...new Set(personal.match(/[A-Za-z0-9.+_-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g))];

  test('no email address of the input survives, in the text or in JSON', () => {
    assert.ok(EMAILS.length >= 3, EMAILS.join());
    // The unredacted report carries them, in values and in messages, so the test can fail.
    assert.ok(JSON.stringify(report).includes('jane.private+sso@mail.example.net'));
    assert.ok(report.checks.some((c) => c.message.includes('"jdoe.personal"')));
    for (const output of [redactedSamlReport(report, 'sign-in.har'), JSON.stringify(redactedSamlJson(report))]) {
      for (const email of EMAILS) assert.ok(!output.includes(email), `${email} survived`);
      for (const secret of ['Jane', 'Doe-Smith', 'Rivoli', '203.0.113.7', '2001:db8::1', 'jdoe.personal', 'Boss']) {
        assert.ok(!output.includes(secret), `${secret} survived`);
      }
    }
  });

  test('keeps what a diagnosis needs: verdict, every check, roles, fingerprints, URLs, email domains', () => {
    const text = redactedSamlReport(report);
    assert.match(text, /\*\*Verdict:\*\* Frontline would reject this response: 2 errors/);
    for (const check of report.checks) assert.ok(text.includes(`\`${check.code}\``), check.code);
    assert.match(text, /Attribute `roles`: agent, Agent/);
    assert.match(text, /Configured certificate: SHA-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
    assert.ok(text.includes(`Destination: ${ACS}`));
    assert.match(text, /NameID: ••• \(13 characters\)/);
    assert.match(text, /Attribute `email`: •••@example\.com/);
    assert.match(text, /Attribute `clientIp`: •\.•\.•\.•/);
    assert.match(text, /Attribute `givenName`: ••• \(4 characters\)/);
    const json = redactedSamlJson(report);
    assert.equal(json.redacted, true);
    assert.deepEqual((json.attributes as Record<string, string[]>).roles, ['agent', 'Agent']);
  });
});
