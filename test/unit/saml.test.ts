import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { describe, test } from 'node:test';
import { InputError } from '../../src/core/common/findings';
import { frontlineConfigSamlExpectations as frontline } from '../../src/core/providers/saml';
import { formatXml } from '../../src/core/saml/format';
import { checkIdpMetadata, metadataJson, parseIdpMetadata } from '../../src/core/saml/metadata';
import { checkSamlResponse, decodeSamlInput, samlJson } from '../../src/core/saml/response';
import { ACS, AUDIENCE, ISSUER, REALM, fixture, openssl } from './helpers';

const AT = new Date('2026-12-01T12:01:00Z');
const CERT = fixture('idp', 'idp.pem');
const OTHER_CERT = fixture('idp', 'other.pem');
const OTHER_AUDIENCE = 'https://iam.twilio.com/v2/saml2/metadata/JBfedcba9876543210fedcba9876543210';
const expect = frontline({ realmSid: REALM, issuer: ISSUER, certificatePem: CERT });
const check = async (name: string, at = AT, e: Parameters<typeof checkSamlResponse>[1] = expect) =>
  checkSamlResponse(decodeSamlInput(fixture('saml', name)), e, at);
const errorCodes = (r: { checks: { code: string; severity: string }[] }) =>
  r.checks
    .filter((c) => c.severity === 'error')
    .map((c) => c.code)
    .sort();
const codes = (r: { checks: { code: string }[] }) => r.checks.map((c) => c.code).sort();
const messageOf = (r: { checks: { code: string; message: string }[] }, code: string) =>
  r.checks.find((c) => c.code === code)?.message ?? assert.fail(`no ${code} in ${codes(r).join(', ')}`);
const isInputError = (pattern: RegExp) => (err: unknown) => err instanceof InputError && pattern.test(err.message);
/** SHA-256 fingerprint as openssl prints it: an independent check of the fingerprints in messages. */
const fingerprint = (pem: string) =>
  openssl(['x509', '-noout', '-fingerprint', '-sha256'], pem).trim().replace(/^.*=/, '');

describe('SAML response checks (fixtures signed by xmlsec1)', () => {
  test('a valid response from IAM Identity Center passes, with its contents reported', async () => {
    const r = await check('valid.xml');
    assert.deepEqual(r.checks, []);
    assert.deepEqual(samlJson(r), {
      destination: ACS,
      issuer: ISSUER,
      audience: AUDIENCE,
      nameId: 'jane.doe@example.com',
      nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
      attributes: { email: ['jane.doe@example.com'], roles: ['agent'] },
      notBefore: '2026-12-01T11:55:00.000Z',
      notOnOrAfter: '2026-12-01T13:00:00.000Z',
      signature: {
        responseSigned: true,
        assertionSigned: true,
        valid: true,
        algorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
        configuredSha256: [fingerprint(CERT)],
        keyInfoSha256: [fingerprint(CERT)],
      },
      checkedAt: '2026-12-01T12:01:00.000Z',
      clockSkewSeconds: 180,
      verdict: 'Frontline should accept this response: all checks passed.',
      checks: [],
    });
  });

  test('tampered after signing: both signatures fail, and the message says the content changed', async () => {
    const r = await check('tampered.xml');
    assert.deepEqual(errorCodes(r), [
      'saml-assertion-signature-content-changed',
      'saml-response-signature-content-changed',
    ]);
    assert.equal(r.signature.valid, false);
    const message = messageOf(r, 'saml-assertion-signature-content-changed');
    assert.match(message, /<saml2:Assertion> was changed after signing: its digest is \S+, but the signature says \S+/);
    assert.match(message, /copy it again, raw/);
  });

  test('signed by the certificate in KeyInfo, not the configured one: a rotation, with both fingerprints', async () => {
    const r = await check('other-key.xml');
    assert.deepEqual(errorCodes(r), [
      'saml-assertion-signature-certificate-changed',
      'saml-response-signature-certificate-changed',
    ]);
    const message = messageOf(r, 'saml-response-signature-certificate-changed');
    assert.ok(message.includes(`KeyInfo (SHA-256 ${fingerprint(OTHER_CERT)})`), message);
    assert.ok(message.includes(`configured one (SHA-256 ${fingerprint(CERT)})`), message);
    assert.match(message, /now signs with another certificate.*Download the application's current certificate/);
    assert.deepEqual(r.signature.keyInfoSha256, [fingerprint(OTHER_CERT)]);
    // The same response verifies with the key that signed it, so the failure above is about the key.
    assert.equal((await check('other-key.xml', AT, { ...expect, certificatePem: OTHER_CERT })).signature.valid, true);
  });

  test('signed with another key and no KeyInfo: the digests match, so the message names the key', async () => {
    const r = await check('wrong-key.xml');
    assert.deepEqual(errorCodes(r), ['saml-assertion-signature-wrong-key', 'saml-response-signature-wrong-key']);
    assert.match(messageOf(r, 'saml-response-signature-wrong-key'), /content matches its digest.*another key/);
    assert.equal((await check('wrong-key.xml', AT, { ...expect, certificatePem: OTHER_CERT })).signature.valid, true);
  });

  test('a made-up signature over the whole response fails without trusting anything in it', async () => {
    const r = await check('made-up-signature.xml');
    assert.equal(r.signature.valid, false);
    assert.ok(errorCodes(r).includes('saml-response-signature-content-changed'), codes(r).join());
  });

  test('either of two configured certificates (rotation) verifies', async () => {
    assert.equal(
      (await check('valid.xml', AT, { ...expect, certificatePem: OTHER_CERT + CERT })).signature.valid,
      true,
    );
  });

  test('unsigned response is rejected as Frontline rejects it', async () => {
    const r = await check('unsigned.xml');
    assert.deepEqual(errorCodes(r), ['saml-response-unsigned']);
    assert.equal(r.signature.valid, false);
  });

  test('without a certificate the signatures are reported as not verified', async () => {
    const r = await check('valid.xml', AT, frontline({ realmSid: REALM, issuer: ISSUER }));
    assert.equal(r.signature.valid, null);
    assert.ok(r.checks.some((c) => c.code === 'saml-signature-not-checked' && c.severity === 'warning'));
  });

  test('wrong audience and wrong destination name the element, the actual and the expected value', async () => {
    const audience = await check('wrong-audience.xml');
    assert.deepEqual(errorCodes(audience), ['saml-audience']);
    assert.match(messageOf(audience, 'saml-audience'), new RegExp(`names ${OTHER_AUDIENCE}.*expects ${AUDIENCE}`));
    const destination = await check('wrong-destination.xml');
    assert.deepEqual(errorCodes(destination), ['saml-destination', 'saml-recipient']);
    assert.match(messageOf(destination, 'saml-destination'), /<saml2p:Response> Destination is https:\/\/\S+JBfedcba/);
    assert.match(messageOf(destination, 'saml-recipient'), /<saml2:SubjectConfirmationData> Recipient is/);
  });

  test('issue 13 item 1: every AudienceRestriction must name Frontline, and only the signed Conditions count', async () => {
    const two = await check('audience-two-restrictions.xml');
    assert.deepEqual(errorCodes(two), ['saml-audience']);
    assert.match(messageOf(two, 'saml-audience'), new RegExp(`2 of 2 names ${OTHER_AUDIENCE}.*in every one`));
    const outside = await check('audience-outside-conditions.xml');
    assert.deepEqual(errorCodes(outside), ['saml-audience-missing']);
    assert.equal(outside.audience, null, 'the audience outside Conditions is not reported as the audience');
    assert.ok(codes(outside).includes('saml-audience-misplaced'));
    // Without a realm to compare with, a missing restriction is still an error.
    const noRealm = await check('audience-outside-conditions.xml', AT, frontline({ certificatePem: CERT }));
    assert.ok(errorCodes(noRealm).includes('saml-audience-missing'));
  });

  test('issue 13 item 2: Conditions and the bearer confirmation with Recipient and NotOnOrAfter are required', async () => {
    assert.deepEqual(errorCodes(await check('no-conditions.xml')), ['saml-conditions-missing']);
    assert.deepEqual(errorCodes(await check('no-time-bounds.xml')), ['saml-confirmation-notonorafter-missing']);
    assert.deepEqual(errorCodes(await check('bearer-not-before.xml')), ['saml-confirmation-notbefore']);
    // Late enough that every time bound would have passed: the response without any is still refused.
    assert.deepEqual(errorCodes(await check('no-time-bounds.xml', new Date('2030-01-01T00:00:00Z'))), [
      'saml-confirmation-notonorafter-missing',
    ]);
  });

  test('issue 13 item 2: an unparseable time is an error that names the element and the value', async () => {
    const r = await check('time-unparseable.xml');
    assert.deepEqual(errorCodes(r), ['saml-time-invalid', 'saml-time-invalid']);
    const messages = r.checks.filter((c) => c.code === 'saml-time-invalid').map((c) => c.message);
    assert.ok(messages.some((m) => /<saml2:Conditions> NotOnOrAfter is "never"/.test(m)));
    assert.ok(messages.some((m) => /<saml2:SubjectConfirmationData> NotOnOrAfter is "275761-01-01T00:00:00Z"/.test(m)));
  });

  test('issue 13 item 2: times without a zone are read as UTC, with a warning', async () => {
    const r = await check('time-no-zone.xml');
    assert.deepEqual(errorCodes(r), []);
    assert.ok(r.checks.filter((c) => c.code === 'saml-time-not-utc').length >= 3);
    assert.deepEqual(errorCodes(await check('time-no-zone.xml', new Date('2026-12-01T13:03:01Z'))), ['saml-expired']);
  });

  test('clock skew: 3 minutes by default, configurable, and said when it is what lets a time pass', async () => {
    // NotOnOrAfter is 13:00 for the assertion and 12:05 for the bearer confirmation.
    const within = await check('valid.xml', new Date('2026-12-01T12:06:00Z'));
    assert.deepEqual(errorCodes(within), []);
    assert.match(messageOf(within, 'saml-clock-skew-used'), /NotOnOrAfter \(2026-12-01T12:05:00.000Z\).*3 minutes/);
    assert.deepEqual(errorCodes(await check('valid.xml', new Date('2026-12-01T12:08:00Z'))), [
      'saml-confirmation-expired',
    ]);
    assert.deepEqual(errorCodes(await check('valid.xml', new Date('2026-12-01T13:03:00Z'))), ['saml-expired']);
    const strict = { ...expect, clockSkewSeconds: 0 };
    assert.deepEqual(errorCodes(await check('valid.xml', new Date('2026-12-01T12:05:00Z'), strict)), [
      'saml-confirmation-expired',
    ]);
    const early = await check('valid.xml', new Date('2026-12-01T11:50:00Z'));
    assert.deepEqual(errorCodes(early), ['saml-not-yet-valid']);
    assert.match(messageOf(early, 'saml-not-yet-valid'), /5 minutes after .*clock/);
    assert.deepEqual(errorCodes(await check('valid.xml', new Date('2026-12-01T11:53:00Z'))), []);
  });

  test('issue 13 item 3: the Issuer is required and must be the expected one', async () => {
    const none = await check('no-issuer.xml');
    assert.deepEqual(errorCodes(none), ['saml-assertion-issuer-missing', 'saml-response-issuer-missing']);
    assert.match(messageOf(none, 'saml-assertion-issuer-missing'), new RegExp(`has no <Issuer>; expected ${ISSUER}`));
    // Required even when no issuer is expected.
    assert.ok(
      errorCodes(await check('no-issuer.xml', AT, frontline({ certificatePem: CERT }))).includes(
        'saml-assertion-issuer-missing',
      ),
    );
    const other = ISSUER.replace('us-east-1', 'eu-west-1');
    const wrong = await check('valid.xml', AT, { ...expect, issuer: other });
    assert.deepEqual(errorCodes(wrong), ['saml-issuer', 'saml-issuer']);
    assert.match(
      messageOf(wrong, 'saml-issuer'),
      new RegExp(`is ${ISSUER}, but Frontline is configured with ${other}`),
    );
  });

  test('issue 13 item 4: namespace bounds end hostile responses early, with a clear message', async () => {
    await assert.rejects(() => check('namespace-long.xml'), isInputError(/namespace "x" .* 2,000 characters/));
    const start = performance.now();
    const repeated = await check('namespace-repeated.xml');
    assert.ok(performance.now() - start < 5000, 'bounded (the benchmark holds the real budget)');
    assert.deepEqual(errorCodes(repeated), ['saml-assertion-signature-too-large', 'saml-response-signature-too-large']);
    assert.match(messageOf(repeated, 'saml-assertion-signature-too-large'), /repeat more than \d+ KB of namespace/);
  });

  test('issue 13 item 5: inclusive c14n in the second signature verifies (with and without comments)', async () => {
    for (const name of ['inclusive.xml', 'inclusive-comments.xml']) {
      const r = await check(name);
      assert.deepEqual(r.checks, [], name);
      assert.equal(r.signature.valid, true, name);
    }
    // The comment is not signed content (a same-document reference drops comments): removing it keeps the digest.
    const withoutComment = fixture('saml', 'inclusive-comments.xml').replace('<!-- signed by the test IdP -->', '');
    assert.equal((await checkSamlResponse(withoutComment, expect, AT)).signature.valid, true);
    // Changing the signed content still fails the assertion signature.
    const edited = fixture('saml', 'inclusive.xml').replace('>agent<', '>admin<');
    assert.ok(
      errorCodes(await checkSamlResponse(edited, expect, AT)).includes('saml-assertion-signature-content-changed'),
    );
  });

  test('missing roles attribute', async () => {
    assert.deepEqual(errorCodes(await check('missing-roles.xml')), ['saml-attribute-roles-missing']);
  });

  test('signature wrapping: an extra assertion, or a copy with the signed ID, is rejected', async () => {
    for (const name of ['wrapping.xml', 'wrapping-duplicate-id.xml']) {
      const r = await check(name);
      assert.ok(errorCodes(r).includes('saml-assertion-count'), name);
      assert.equal(r.signature.valid, false, name);
      // Nothing is reported from either assertion: the attacker's is never taken for the signed one.
      assert.equal(r.nameId, null, name);
      assert.deepEqual(r.attributes, {}, name);
    }
  });

  test('encrypted assertion is rejected', async () => {
    assert.deepEqual(errorCodes(await check('encrypted.xml')), ['saml-encrypted-assertion']);
  });

  test('SHA-1 signatures verify but are flagged', async () => {
    const r = await check('sha1.xml');
    assert.equal(r.signature.valid, true);
    assert.deepEqual(codes(r), ['saml-signature-sha1']);
  });

  test('XXE and billion laughs are refused before parsing', async () => {
    await assert.rejects(() => check('xxe.xml'), isInputError(/DTD or entity/));
    await assert.rejects(() => check('billion-laughs.xml'), isInputError(/DTD or entity/));
  });

  test('every transport encoding decodes to the same XML', () => {
    const xml = fixture('saml', 'valid.xml').trim();
    const b64 = fixture('saml', 'valid.b64');
    assert.equal(decodeSamlInput(b64), xml);
    assert.equal(decodeSamlInput(fixture('saml', 'valid.form.txt')), xml);
    assert.equal(decodeSamlInput(encodeURIComponent(b64)), xml);
    assert.equal(decodeSamlInput(b64.replace(/.{76}/g, '$&\n')), xml);
    assert.equal(decodeSamlInput(fixture('saml', 'valid.deflate.b64')), xml);
    assert.equal(decodeSamlInput(deflateRawSync(Buffer.from(xml)).toString('base64')), xml);
    assert.equal(decodeSamlInput(Buffer.from(xml)), xml);
  });

  test('bad input: empty, truncated base64, not XML, not a response, too large', async () => {
    assert.throws(() => decodeSamlInput('  '), isInputError(/empty/));
    assert.throws(() => decodeSamlInput(fixture('saml', 'valid.b64').slice(0, 101)), isInputError(/truncated/));
    assert.throws(() => decodeSamlInput('hello world!'), isInputError(/neither XML nor base64/));
    assert.throws(
      () => decodeSamlInput(Buffer.from('aGVsbG8gd29ybGQ=').toString()),
      isInputError(/neither XML nor DEFLATE/),
    );
    await assert.rejects(() => checkSamlResponse('<a/>', expect, AT), isInputError(/not a SAML response/));
    assert.throws(() => decodeSamlInput('A'.repeat(5 * 1024 * 1024 + 1)), isInputError(/5 MB/));
  });
});

describe('XML bounds and messages (issue 12 item 4)', () => {
  const parse = async (xml: string) => checkSamlResponse(xml, expect, AT);
  const PARSER_INTERNALS = /invalid doc source|Hierarchy request error|xmldom|col:undefined|line:0|@#\[/;
  const refused = async (xml: string, pattern: RegExp) =>
    assert.rejects(
      () => parse(xml),
      (err: unknown) => {
        assert.ok(err instanceof InputError, String(err));
        assert.match(err.message, pattern);
        assert.doesNotMatch(err.message, PARSER_INTERNALS);
        return true;
      },
    );

  test('an empty document says it is empty', async () => {
    await refused('', /The SAML response is empty\./);
    assert.throws(() => parseIdpMetadata('\ufeff \n'), isInputError(/^The metadata file is empty\.$/));
  });

  test('a truncated document names the element that is not closed and where it was opened', async () => {
    const truncated = decodeSamlInput(fixture('saml', 'valid.b64').slice(0, 400));
    await refused(
      truncated,
      /ends in the middle of the tag "<saml2:Issuer .* inside <saml2p:Response> \(opened at line 2, column 1\): it is truncated/,
    );
    const signed = fixture('saml', 'valid.xml');
    await refused(
      signed.slice(0, signed.indexOf('jane.doe@example.com')),
      /ends before <saml2:NameID> \(opened at line \d+, column \d+\) is closed, inside 3 more unclosed elements: it is truncated/,
    );
    await refused(
      signed.slice(0, signed.indexOf('<saml2:Assertion') + 20),
      /ends in the middle of the tag "<saml2:Assertion xml…" inside <saml2p:Response> \(opened at line 2, column 1\)/,
    );
    await refused(
      '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"',
      /ends in the middle of the tag/,
    );
  });

  test('mismatched tags and other syntax errors say where, in plain words', async () => {
    await refused(
      '<a>\n  <b></c></a>',
      /<\/c> at line 2, column \d+ does not close <b> \(opened at line 2, column 3\)/,
    );
    await refused('<a>&nbsp;</a>', /undefined entity at line 1/);
    await refused('<a/><b/>', /not well-formed XML at line 1, column \d+: documents may contain only one root/);
    await refused('<x:a/>', /unbound namespace prefix/);
  });

  test('unclosed nesting, in XML and wrapped in base64, stops at the depth limit at once', async () => {
    for (const n of [40_000, 200_000]) {
      const nested = '<a>'.repeat(n);
      const start = performance.now();
      await refused(nested, /nests elements more than 100 deep \(<a> at line 1, column 301\)/);
      await refused(decodeSamlInput(Buffer.from(nested).toString('base64')), /more than 100 deep/);
      assert.throws(() => parseIdpMetadata(nested), isInputError(/The metadata file nests elements/));
      assert.ok(performance.now() - start < 2000, `${n}: linear, not 20 s`);
    }
  });

  test('element, attribute and namespace limits', async () => {
    await refused(`<a>${'<b/>'.repeat(50_001)}</a>`, /more than 50,000 elements/);
    await refused(
      `<a ${Array.from({ length: 65 }, (_, i) => `a${i}="x"`).join(' ')}/>`,
      /more than 64 attributes on one element/,
    );
    await refused(
      `<a>${Array.from({ length: 65 }, (_, i) => `<b xmlns:p${i}="urn:p${i}">`).join('')}`,
      /more than 64 namespace declarations in scope/,
    );
    await refused(`<a xmlns:x="${'u'.repeat(100_000)}"/>`, /name of 100,000 characters/);
  });
});

describe('formatted XML for reading', () => {
  test('indented, text-only elements on one line, everything escaped, the declaration kept', async () => {
    const formatted = formatXml(fixture('saml', 'valid.xml'));
    assert.match(formatted, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<saml2p:Response /);
    assert.match(formatted, /\n {2}<saml2:Assertion /);
    assert.match(formatted, /\n {6}<saml2:NameID Format="[^"]+">jane\.doe@example\.com<\/saml2:NameID>\n/);
    assert.equal(
      formatXml('<a x="1&quot;2&#10;" y="&lt;">t &amp; &lt;u&gt;<!-- c --><b><![CDATA[<x>]]></b><c/></a>'),
      '<a x="1&quot;2&#10;" y="&lt;">\n  t &amp; &lt;u&gt;\n  <!-- c -->\n  <b><![CDATA[<x>]]></b>\n  <c/>\n</a>\n',
    );
    // What it writes reads back as the same document.
    const again = await checkSamlResponse(formatted, frontline({ realmSid: REALM, issuer: ISSUER }), AT);
    assert.equal(again.nameId, 'jane.doe@example.com');
    assert.deepEqual(again.attributes, (await check('valid.xml')).attributes);
  });

  test('what cannot be parsed is shown as it is', () => {
    assert.equal(formatXml('<a><b></a>'), '<a><b></a>');
    assert.equal(formatXml(fixture('saml', 'xxe.xml')), fixture('saml', 'xxe.xml'));
  });
});

describe('IdP metadata', () => {
  const xml = fixture('idp', 'metadata.xml');

  test('issuer, sign-in and sign-out URLs, certificate, region and account', () => {
    const report = checkIdpMetadata(xml, AT);
    assert.deepEqual(report.findings, []);
    const json = metadataJson(report);
    assert.equal(json.issuer, ISSUER);
    assert.equal(json.ssoUrl, ISSUER);
    assert.equal(json.sloUrl, ISSUER.replace('/assertion/', '/logout/'));
    assert.equal(json.region, 'us-east-1');
    assert.equal(json.accountId, '123456789012');
    assert.deepEqual(
      (json.certificates as string[]).map((p) => p.replace(/\s/g, '')),
      [CERT.replace(/\s/g, '')],
    );
    assert.equal(new X509Certificate(CERT).fingerprint256, fingerprint(CERT));
  });

  test('not metadata, an SP metadata file, hostile XML', () => {
    assert.throws(() => parseIdpMetadata('<html/>'), isInputError(/not SAML metadata/));
    assert.throws(
      () =>
        parseIdpMetadata(
          '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"><md:SPSSODescriptor/></md:EntityDescriptor>',
        ),
      isInputError(/no identity provider/),
    );
    assert.throws(() => parseIdpMetadata(fixture('saml', 'xxe.xml')), isInputError(/DTD/));
    assert.throws(() => parseIdpMetadata('<md:EntityDescriptor'), isInputError(/ends in the middle of the tag/));
    assert.throws(
      () => parseIdpMetadata(xml.slice(0, 1500)),
      isInputError(/^The metadata file ends before <ds:X509Certificate> \(opened at line 7, column 11\) is closed/),
    );
  });

  test('no certificate and a broken certificate are errors', () => {
    const noCert = xml.replace(/<md:KeyDescriptor[\s\S]*<\/md:KeyDescriptor>/, '');
    assert.ok(checkIdpMetadata(noCert, AT).findings.some((f) => f.code === 'metadata-no-certificate'));
    const broken = xml.replace(/<ds:X509Certificate>[A-Za-z0-9+/=]{40}/, '<ds:X509Certificate>');
    assert.ok(checkIdpMetadata(broken, AT).findings.some((f) => f.code === 'metadata-certificate-unreadable'));
  });
});
