// Issue 24 (SAML checker and certificates), through the shipped CLI (dist/cli.js) as users run it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse as parseJsonc } from 'jsonc-parser';
import { FIXTURES, ISSUER, REALM, fixture, openssl, tempDir } from './helpers';
import { harFile } from './saml-helpers';

const ROOT = join(FIXTURES, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const CERT = join(FIXTURES, 'idp', 'idp.pem');
const SAML = (name: string) => join(FIXTURES, 'saml', name);
const AT = ['--at', '2026-12-01T12:01:00Z'];
const EXPECT = ['--realm', REALM, '--issuer', ISSUER, '--cert', CERT, ...AT];

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}

type Check = { code: string; severity: string; message: string };
const checksOf = (r: ReturnType<typeof cli>) => (r.json() as { checks: Check[] }).checks;
const dir = tempDir();
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('saml: what the Web Browser SSO profile requires (issue 24)', () => {
  test('an assertion without <AuthnStatement> is refused with the reason', () => {
    const r = cli(['saml', SAML('no-authn-statement.xml'), ...EXPECT, '--json']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const checks = checksOf(r);
    assert.deepEqual(
      checks.map((c) => [c.code, c.severity]),
      [['saml-authn-statement-missing', 'error']],
      'the response is otherwise valid: signed by xmlsec1 with the configured key',
    );
    assert.match(checks[0]!.message, /<saml2:Assertion> has no <AuthnStatement>.*profiles §4\.1\.4\.2/);
    const text = cli(['saml', SAML('no-authn-statement.xml'), ...EXPECT]);
    assert.match(text.stdout, /^Frontline would reject this response: 1 error\./);
    assert.match(text.stdout, /\[saml-authn-statement-missing\]/);
  });

  test('a Reference with URI="" is refused for what it is, not as wrapping', () => {
    const xml = readFileSync(SAML('valid.xml'), 'utf8').replace('URI="#_r9e8d7c6b5"', 'URI=""');
    const r = cli(['saml', file('uri-empty.xml', xml), ...EXPECT, '--json']);
    assert.equal(r.code, 1);
    const reference = checksOf(r).find((c) => c.code === 'saml-response-signature-reference');
    assert.ok(reference, JSON.stringify(checksOf(r)));
    assert.match(reference.message, /Reference has URI="", which points at the whole document/);
    assert.match(reference.message, /must point at the ID of the element it signs \(URI="#_r9e8d7c6b5"/);
    assert.doesNotMatch(reference.message, /wrapping/);
  });
});

describe('saml: an empty CDATA section inside a signed element (issue 24)', () => {
  test('a response xmlsec1 verifies is verified', () => {
    const r = cli(['saml', SAML('cdata-empty.xml'), ...EXPECT, '--json']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(checksOf(r), []);
    assert.equal(r.json().signature.valid, true);
    assert.equal(r.json().nameId, 'jane.doe@example.com');
  });

  test('the same response with the NameID changed after signing is refused with the reason', () => {
    const r = cli(['saml', SAML('cdata-tampered.xml'), ...EXPECT, '--json']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.deepEqual(
      checksOf(r).map((c) => c.code),
      ['saml-response-signature-content-changed', 'saml-assertion-signature-content-changed'],
    );
    assert.equal(r.json().signature.valid, false);
  });
});

describe('saml --cert and a config certificate that is not a certificate (issue 24)', () => {
  const notCertificate = file('not-a-cert.pem', Buffer.from('hello, this is not DER at all').toString('base64'));

  test('base64 that is not a certificate: a clear finding, not an unexpected failure', () => {
    for (const args of [[], ['--json']]) {
      const r = cli(['saml', SAML('valid.xml'), '--realm', REALM, '--cert', notCertificate, ...AT, ...args]);
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.stderr, '');
      assert.match(
        r.stdout,
        /The configured IdP certificate cannot be used to verify the signatures: the data is not an X\.509 certificate/,
      );
      assert.doesNotMatch(r.stdout, /no IdP certificate was given/);
    }
    const json = cli(['saml', SAML('valid.xml'), '--realm', REALM, '--cert', notCertificate, ...AT, '--json']);
    assert.deepEqual(
      checksOf(json).map((c) => [c.code, c.severity]),
      [
        ['saml-certificate-unusable', 'error'],
        ['saml-no-issuer', 'info'],
      ],
    );
    // cert says the same about the same file.
    assert.match(cli(['cert', notCertificate]).stderr, /not an X\.509 certificate/);
  });

  test("a config's certificateFile that is not a certificate: the same finding", () => {
    const config = parseJsonc(readFileSync(join(ROOT, 'examples', 'frontline-sso.json'), 'utf8')) as {
      identityProvider: Record<string, unknown>;
    };
    delete config.identityProvider.metadataFile;
    delete config.identityProvider.certificate;
    config.identityProvider.certificateFile = './not-a-cert.pem';
    const path = file('bad-cert.frontline-sso.json', JSON.stringify(config, null, 2));
    const r = cli(['saml', SAML('valid.b64'), '--config', path, ...AT, '--json']);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(
      checksOf(r).map((c) => c.code),
      ['saml-certificate-unusable'],
    );
  });

  test('a private key given as the certificate: a finding that says so', () => {
    const key = file('key.pem', fixture('idp', 'idp.key'));
    const r = cli(['saml', SAML('valid.xml'), '--realm', REALM, '--cert', key, ...AT, '--json']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(checksOf(r)[0]!.message, /This is a private key, not a certificate/);
  });

  test('a bare public key (-----BEGIN PUBLIC KEY-----) verifies, as with node-saml', () => {
    const publicKey = file('idp-public.pem', openssl(['x509', '-in', CERT, '-pubkey', '-noout']));
    const args = ['saml', SAML('valid.xml'), '--realm', REALM, '--issuer', ISSUER, ...AT, '--json'];
    const r = cli([...args, '--cert', publicKey]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(checksOf(r), []);
    assert.equal(r.json().signature.valid, true);
    // The key of another certificate: the response carries its signer in KeyInfo, which is not the configured key.
    const otherKey = file(
      'other-public.pem',
      openssl(['x509', '-in', join(FIXTURES, 'idp', 'other.pem'), '-pubkey', '-noout']),
    );
    const other = cli([...args, '--cert', otherKey]);
    assert.equal(other.code, 1);
    assert.ok(checksOf(other).some((c) => c.code === 'saml-response-signature-certificate-changed'));
    // A key and a certificate in one file (a rotation): both are used.
    const both = file('both.pem', readFileSync(otherKey, 'utf8') + readFileSync(CERT, 'utf8'));
    assert.equal(cli([...args, '--cert', both]).code, 0);
  });
});

describe('saml --redact: nothing personal through the URL, and text and JSON mask alike (issue 24)', () => {
  const b64 = fixture('saml', 'valid.b64').trim();
  const url = `https://iam.twilio.com/v2/saml2/authenticate/${REALM}?SAMLResponse=${encodeURIComponent(b64)}&login_hint=jane.doe%40example.com&session=s3ss10n-1d-0123456789`;
  const har = file(
    'query.har',
    harFile([
      {
        startedDateTime: '2026-12-01T12:00:30.000Z',
        request: { method: 'GET', url, headers: [], queryString: [] },
        response: { status: 200, content: { size: 0, text: '' } },
      },
    ]),
  );
  const secrets = [b64.slice(0, 40), encodeURIComponent(b64).slice(0, 40), 'login_hint', 'jane.doe', 's3ss10n'];

  test('a HAR request URL is shown as origin and path only, in text and JSON', () => {
    const plain = cli(['saml', har, ...EXPECT]);
    assert.ok(plain.stdout.includes('login_hint'), 'without --redact the URL is shown whole, so the test can fail');
    const text = cli(['saml', har, ...EXPECT, '--redact']);
    assert.equal(text.code, 0, text.stdout + text.stderr);
    assert.ok(text.stdout.includes(`GET https://iam.twilio.com/v2/saml2/authenticate/${REALM} (query string)`));
    const json = cli(['saml', har, ...EXPECT, '--redact', '--json']);
    assert.equal(json.code, 0, json.stderr);
    assert.equal(json.json()[0].url, `https://iam.twilio.com/v2/saml2/authenticate/${REALM}`);
    for (const output of [text.stdout, json.stdout]) {
      for (const secret of secrets) assert.ok(!output.includes(secret), `${secret} survived`);
    }
  });

  test('destination, issuer, audience, times and attribute names: the JSON masks what the text masks', () => {
    const xml = fixture('saml', 'unsigned.xml')
      .replace(/Destination="[^"]*"/, 'Destination="https://203.0.113.9/acs/jane.doe@example.com"')
      .replace(/(<saml2:Issuer[^>]*>)[^<]*/g, '$1https://idp.example/for/jane.doe@example.com')
      .replace(/<saml2:Audience>[^<]*/, '<saml2:Audience>https://sp.example/198.51.100.4')
      .replace(/NotBefore="[^"]*"/, 'NotBefore="jane.doe@example.com"')
      .replace('NotOnOrAfter="2026-12-01T13:00:00.000Z"', 'NotOnOrAfter="2001:db8::7"')
      .replace('Name="roles"', 'Name="roles-of-jane.doe@example.com"');
    const path = file('personal.xml', xml);
    const text = cli(['saml', path, '--redact', ...AT]).stdout;
    const json = cli(['saml', path, '--redact', '--json', ...AT]).json() as Record<string, unknown>;
    const line = (label: string) => new RegExp(`^- ${label}: (.*)$`, 'm').exec(text)?.[1];
    assert.equal(line('Destination'), json.destination);
    assert.equal(line('Issuer'), json.issuer);
    assert.equal(line('Audience'), json.audience);
    assert.equal(line('Valid'), `${json.notBefore as string} – ${json.notOnOrAfter as string}`);
    assert.deepEqual(
      [...text.matchAll(/^- Attribute `(.*)`: /gm)].map((m) => m[1]),
      Object.keys(json.attributes as object),
    );
    assert.deepEqual(
      [...text.matchAll(/^- (?:error|warning|info) `([a-z0-9-]+)`: (.*)$/gm)].map((m) => [m[1], m[2]]),
      (json.checks as Check[]).map((c) => [c.code, c.message]),
    );
    for (const output of [text, JSON.stringify(json)]) {
      for (const secret of ['jane.doe', '203.0.113.9', '198.51.100.4', '2001:db8::7']) {
        assert.ok(!output.includes(secret), `${secret} survived`);
      }
    }
    assert.equal(json.destination, 'https://•.•.•.•/acs/•••@example.com');
  });
});
