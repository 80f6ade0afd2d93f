import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { describe, test } from 'node:test';
import { InputError } from '../../src/core/findings';
import { checkIdpMetadata, metadataJson, parseIdpMetadata } from '../../src/core/saml/metadata';
import { checkSamlResponse, decodeSamlInput, samlJson } from '../../src/core/saml/response';
import { ACS, AUDIENCE, ISSUER, REALM, fixture } from './helpers';

const AT = new Date('2026-12-01T12:01:00Z');
const CERT = fixture('idp', 'idp.pem');
const OTHER_CERT = fixture('idp', 'other.pem');
const expect = { realmSid: REALM, issuer: ISSUER, certificatePem: CERT };
const check = (name: string, at = AT, e = expect) => checkSamlResponse(decodeSamlInput(fixture('saml', name)), e, at);
const errorCodes = (r: { checks: { code: string; severity: string }[] }) =>
  r.checks
    .filter((c) => c.severity === 'error')
    .map((c) => c.code)
    .sort();
const isInputError = (pattern: RegExp) => (err: unknown) => err instanceof InputError && pattern.test(err.message);

describe('SAML response checks (fixtures signed by xmlsec1)', () => {
  test('a valid response from IAM Identity Center passes, with its contents reported', () => {
    const r = check('valid.xml');
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
      signature: { responseSigned: true, assertionSigned: true, valid: true },
      checks: [],
    });
    assert.match(r.signature.algorithm!, /rsa-sha256/);
  });

  test('tampered after signing: both signatures fail', () => {
    const r = check('tampered.xml');
    assert.deepEqual(errorCodes(r), ['saml-assertion-signature-invalid', 'saml-response-signature-invalid']);
    assert.equal(r.signature.valid, false);
  });

  test('signed by another key: fails against the configured certificate, never the embedded one', () => {
    const r = check('other-key.xml');
    assert.deepEqual(errorCodes(r), ['saml-assertion-signature-invalid', 'saml-response-signature-invalid']);
    // The same response does verify with the key that signed it, so the failure above is about the key.
    assert.equal(check('other-key.xml', AT, { ...expect, certificatePem: OTHER_CERT }).signature.valid, true);
  });

  test('either of two configured certificates (rotation) verifies', () => {
    assert.equal(check('valid.xml', AT, { ...expect, certificatePem: OTHER_CERT + CERT }).signature.valid, true);
  });

  test('unsigned response is rejected as Frontline rejects it', () => {
    const r = check('unsigned.xml');
    assert.deepEqual(errorCodes(r), ['saml-response-unsigned']);
    assert.deepEqual(r.signature, {
      responseSigned: false,
      assertionSigned: false,
      valid: false,
      algorithm: undefined,
    });
  });

  test('without a certificate the signatures are reported as not verified', () => {
    const r = check('valid.xml', AT, {
      realmSid: REALM,
      issuer: ISSUER,
      certificatePem: undefined as unknown as string,
    });
    assert.equal(r.signature.valid, null);
    assert.ok(r.checks.some((c) => c.code === 'saml-signature-not-checked' && c.severity === 'warning'));
  });

  test('wrong audience and wrong destination', () => {
    assert.deepEqual(errorCodes(check('wrong-audience.xml')), ['saml-audience']);
    assert.deepEqual(errorCodes(check('wrong-destination.xml')), ['saml-destination', 'saml-recipient']);
  });

  test('wrong issuer', () => {
    const r = check('valid.xml', AT, { ...expect, issuer: ISSUER.replace('us-east-1', 'eu-west-1') });
    assert.deepEqual(errorCodes(r), ['saml-issuer', 'saml-issuer']);
  });

  test('expired and not yet valid, against a given instant', () => {
    assert.deepEqual(errorCodes(check('valid.xml', new Date('2026-12-01T13:00:00Z'))), ['saml-expired']);
    assert.deepEqual(errorCodes(check('valid.xml', new Date('2026-12-01T12:06:00Z'))), ['saml-confirmation-expired']);
    const early = check('valid.xml', new Date('2026-12-01T11:50:00Z'));
    assert.deepEqual(errorCodes(early), ['saml-not-yet-valid']);
    assert.match(early.checks[0]!.message, /5 minutes from now.*clock skew/);
  });

  test('missing roles attribute', () => {
    assert.deepEqual(errorCodes(check('missing-roles.xml')), ['saml-attribute-roles-missing']);
  });

  test('signature wrapping: an extra assertion, or a copy with the signed ID, is rejected', () => {
    for (const name of ['wrapping.xml', 'wrapping-duplicate-id.xml']) {
      const r = check(name);
      assert.ok(errorCodes(r).includes('saml-assertion-count'), name);
      assert.equal(r.signature.valid, false, name);
      // The attacker's assertion is never reported as if it were the signed one.
      assert.notEqual(r.attributes.email?.[0] === 'mallory@example.com' && r.signature.valid, true);
    }
  });

  test('the reported assertion is the signed one even if the document holds other content', () => {
    const r = check('valid.xml');
    assert.equal(r.nameId, 'jane.doe@example.com');
  });

  test('encrypted assertion is rejected', () => {
    assert.deepEqual(errorCodes(check('encrypted.xml')), ['saml-encrypted-assertion']);
  });

  test('SHA-1 signatures verify but are flagged', () => {
    const r = check('sha1.xml');
    assert.equal(r.signature.valid, true);
    assert.deepEqual(
      r.checks.map((c) => c.code),
      ['saml-signature-sha1'],
    );
  });

  test('XXE and billion laughs are refused before parsing', () => {
    assert.throws(() => check('xxe.xml'), isInputError(/DTD or entity/));
    assert.throws(() => check('billion-laughs.xml'), isInputError(/DTD or entity/));
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

  test('bad input: empty, truncated base64, not XML, not a response, too large', () => {
    assert.throws(() => decodeSamlInput('  '), isInputError(/empty/));
    assert.throws(() => decodeSamlInput(fixture('saml', 'valid.b64').slice(0, 101)), isInputError(/truncated/));
    const truncatedXml = decodeSamlInput(fixture('saml', 'valid.b64').slice(0, 400));
    assert.throws(() => checkSamlResponse(truncatedXml, expect, AT), isInputError(/not well-formed/));
    assert.throws(() => decodeSamlInput('hello world!'), isInputError(/neither XML nor base64/));
    assert.throws(
      () => decodeSamlInput(Buffer.from('aGVsbG8gd29ybGQ=').toString()),
      isInputError(/neither XML nor DEFLATE/),
    );
    assert.throws(() => checkSamlResponse('<a/>', expect, AT), isInputError(/not a SAML response/));
    assert.throws(() => decodeSamlInput('A'.repeat(5 * 1024 * 1024 + 1)), isInputError(/5 MB/));
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
    assert.throws(() => parseIdpMetadata('<md:EntityDescriptor'), isInputError(/not well-formed/));
  });

  test('no certificate and a broken certificate are errors', () => {
    const noCert = xml.replace(/<md:KeyDescriptor[\s\S]*<\/md:KeyDescriptor>/, '');
    assert.ok(checkIdpMetadata(noCert, AT).findings.some((f) => f.code === 'metadata-no-certificate'));
    const broken = xml.replace(/<ds:X509Certificate>[A-Za-z0-9+/=]{40}/, '<ds:X509Certificate>');
    assert.ok(checkIdpMetadata(broken, AT).findings.some((f) => f.code === 'metadata-certificate-unreadable'));
  });
});
