import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import {
  certificateJson,
  daysUntil,
  decodeCertificates,
  describeExpiry,
  describeKey,
  findPemBlocks,
  validityText,
} from '../../src/core/certificates/certificates';
import { InputError } from '../../src/core/common/findings';
import { FIXTURES, GeneratedCert, makeCert, openssl, tempDir } from './helpers';

// A minute ahead, so certificates made by before() are already valid "now".
const NOW = new Date(Date.now() + 60_000);
const codes = (findings: { code: string }[]) => findings.map((f) => f.code).sort();
const daysFromNow = (days: number) => new Date(NOW.getTime() + days * 86_400_000);

/** What openssl says about a certificate, to compare with. */
function opensslFacts(pemFile: string) {
  const out = openssl(['x509', '-in', pemFile, '-noout', '-serial', '-fingerprint', '-sha1', '-startdate', '-enddate']);
  const sha256 = openssl(['x509', '-in', pemFile, '-noout', '-fingerprint', '-sha256']);
  const text = openssl(['x509', '-in', pemFile, '-noout', '-text']);
  const get = (re: RegExp, s = out) => (re.exec(s)?.[1] ?? '').trim();
  return {
    serial: get(/serial=(\S+)/),
    sha1: get(/SHA1 Fingerprint=(\S+)/i),
    sha256: get(/SHA256 Fingerprint=(\S+)/i, sha256),
    notBefore: new Date(get(/notBefore=(.+)/)).toISOString(),
    notAfter: new Date(get(/notAfter=(.+)/)).toISOString(),
    bits: Number(get(/Public-Key: \((\d+) bit\)/, text) || 0),
    signature: get(/Signature Algorithm: (\S+)/, text),
  };
}

describe('generated certificates agree with openssl', () => {
  const dir = tempDir();
  const certs: Record<string, GeneratedCert> = {};
  before(() => {
    certs.rsa1024 = makeCert(dir, 'rsa1024', {
      key: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024'],
      digest: 'sha1',
    });
    certs.rsa2048 = makeCert(dir, 'rsa2048', {
      key: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
      subject: '/C=US/O=Amazon/OU=IDAS/CN=amazonaws.com',
      days: 1825,
    });
    certs.rsa4096 = makeCert(dir, 'rsa4096', { key: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:4096'] });
    certs.p256 = makeCert(dir, 'p256', {
      key: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
      san: 'DNS:sso.example.com,DNS:alt.example.com,IP:10.0.0.1',
    });
    certs.p384 = makeCert(dir, 'p384', {
      key: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'],
      digest: 'sha384',
    });
    certs.ed25519 = makeCert(dir, 'ed25519', { key: ['-algorithm', 'ED25519'] });
    certs.expiring = makeCert(dir, 'expiring', {
      key: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
      days: 30,
    });
  });

  for (const name of ['rsa1024', 'rsa2048', 'rsa4096', 'p256', 'p384', 'ed25519']) {
    test(`${name}: serial, fingerprints, validity, key size and signature match openssl`, () => {
      const cert = certs[name]!;
      const [info] = decodeCertificates(cert.pem, NOW);
      const facts = opensslFacts(cert.certFile);
      assert.equal(info!.serialNumber, facts.serial);
      assert.equal(info!.sha1, facts.sha1);
      assert.equal(info!.sha256, facts.sha256);
      assert.equal(info!.notBefore, facts.notBefore);
      assert.equal(info!.notAfter, facts.notAfter);
      if (facts.bits) assert.equal(info!.publicKey.bits, facts.bits); // openssl prints no size for Ed25519
      assert.equal(info!.signatureAlgorithm, facts.signature);
      assert.equal(info!.selfSigned, true);
    });
  }

  test('key algorithms and curves', () => {
    const key = (n: string) => decodeCertificates(certs[n]!.pem, NOW)[0]!.publicKey;
    assert.deepEqual(key('rsa2048'), { algorithm: 'RSA', bits: 2048 });
    assert.deepEqual(key('p256'), { algorithm: 'EC', bits: 256, curve: 'P-256' });
    assert.deepEqual(key('p384'), { algorithm: 'EC', bits: 384, curve: 'P-384' });
    assert.deepEqual(key('ed25519'), { algorithm: 'Ed25519', bits: 256 });
  });

  test('the AWS-like certificate reads as the console shows it, with no findings', () => {
    const [info] = decodeCertificates(certs.rsa2048!.pem, NOW);
    assert.equal(info!.subject, 'CN=amazonaws.com, OU=IDAS, O=Amazon, C=US');
    assert.equal(info!.issuer, info!.subject);
    assert.deepEqual(info!.findings, []);
    assert.ok(info!.daysRemaining >= 1823 && info!.daysRemaining <= 1825);
    assert.deepEqual(info!.keyUsage, ['digitalSignature', 'keyCertSign']);
  });

  test('weak key and SHA-1 signature are warnings', () => {
    const [info] = decodeCertificates(certs.rsa1024!.pem, NOW);
    assert.deepEqual(codes(info!.findings), ['cert-weak-key', 'cert-weak-signature']);
    assert.ok(info!.findings.every((f) => f.severity === 'warning'));
  });

  test('expired, expiring and not-yet-valid', () => {
    // openssl 3.0 cannot back-date a certificate, so "now" moves instead: the same thing for the decoder.
    const notAfter = Date.parse(decodeCertificates(certs.expiring!.pem, NOW)[0]!.notAfter);
    const expired = decodeCertificates(certs.expiring!.pem, new Date(notAfter + 3.5 * 86_400_000))[0]!;
    assert.deepEqual(codes(expired.findings), ['cert-expired']);
    assert.equal(expired.findings[0]!.severity, 'error');
    assert.match(expired.findings[0]!.message, /3 days ago/);
    const expiring = decodeCertificates(certs.expiring!.pem, NOW)[0]!;
    assert.deepEqual(codes(expiring.findings), ['cert-expiring']);
    assert.equal(expiring.findings[0]!.severity, 'warning');
    assert.deepEqual(codes(decodeCertificates(certs.expiring!.pem, daysFromNow(-10))[0]!.findings), [
      'cert-not-yet-valid',
    ]);
    // The AWS console's threshold: 90 days left warns, 91 does not.
    assert.deepEqual(
      codes(
        decodeCertificates(
          certs.rsa4096!.pem,
          new Date(Date.parse(decodeCertificates(certs.rsa4096!.pem)[0]!.notAfter) - 90.5 * 86_400_000),
        )[0]!.findings,
      ),
      ['cert-expiring'],
    );
    assert.deepEqual(
      decodeCertificates(
        certs.rsa4096!.pem,
        new Date(Date.parse(decodeCertificates(certs.rsa4096!.pem)[0]!.notAfter) - 91.5 * 86_400_000),
      )[0]!.findings,
      [],
    );
  });

  test('subject alternative names', () => {
    assert.deepEqual(decodeCertificates(certs.p256!.pem, NOW)[0]!.subjectAltNames, [
      'DNS:sso.example.com',
      'DNS:alt.example.com',
      'IP Address:10.0.0.1',
    ]);
  });

  test('a three-certificate chain decodes in order, and only the root is self-signed', () => {
    const root = makeCert(dir, 'root', { key: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'] });
    const mid = makeCert(dir, 'mid', {
      key: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
      issuer: root,
    });
    const leaf = makeCert(dir, 'leaf', {
      key: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
      issuer: mid,
    });
    const chain = decodeCertificates(leaf.pem + mid.pem + root.pem, NOW);
    assert.deepEqual(
      chain.map((c) => c.subject),
      ['O=Test, CN=leaf', 'O=Test, CN=mid', 'O=Test, CN=root'],
    );
    assert.deepEqual(
      chain.map((c) => c.selfSigned),
      [false, false, true],
    );
  });

  test('DER, bare base64, CRLF, indentation and Bag Attributes all decode to the same certificate', () => {
    const pem = certs.rsa2048!.pem;
    const der = Buffer.from(
      openssl(['x509', '-in', certs.rsa2048!.certFile, '-outform', 'DER']).length
        ? readDer(certs.rsa2048!.certFile)
        : Buffer.alloc(0),
    );
    const base64 = pem.replace(/-----[A-Z ]+-----|\s/g, '');
    const variants = [
      der,
      base64,
      pem.replace(/\n/g, '\r\n'),
      pem
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n'),
      `Bag Attributes\n    friendlyName: aws\nsubject=/CN=amazonaws.com\n${pem}`,
    ];
    const expected = decodeCertificates(pem, NOW)[0]!.sha256;
    for (const v of variants) assert.equal(decodeCertificates(v, NOW)[0]!.sha256, expected);
  });

  function readDer(file: string): Buffer {
    const out = `${file}.der`;
    openssl(['x509', '-in', file, '-outform', 'DER', '-out', out]);
    return readFileSync(out);
  }

  test('bad input: private key, CSR, truncated, random bytes, empty, too large', () => {
    const rejects = (input: string | Buffer, pattern: RegExp) =>
      assert.throws(
        () => decodeCertificates(input, NOW),
        (err: unknown) => err instanceof InputError && pattern.test(err.message),
      );
    rejects(certs.rsa2048!.keyPem, /private key.*Do not paste it/);
    rejects(readFileSync(`${dir}/rsa2048.csr`, 'utf8'), /signing request/);
    rejects(certs.rsa2048!.pem.slice(0, 300), /truncated/);
    rejects(
      certs
        .rsa2048!.pem.replace(/-----END CERTIFICATE-----/, '')
        .concat('-----END CERTIFICATE-----')
        .replace(/\n[A-Za-z0-9+/]{64}\n/, '\n'),
      /not an X\.509|not valid base64/,
    );
    rejects(Buffer.from([0x30, 0x82, 0x01, 0x0a, 1, 2, 3, 4, 5]), /not an X\.509/);
    rejects(Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7919) % 256)), /not a certificate|not an X\.509/);
    rejects('', /empty/);
    rejects('   \n', /empty/);
    rejects(Buffer.alloc(1024 * 1024 + 1, 0x41), /over 1 MB/);
    rejects('hello, world', /not a certificate/);
    rejects('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n', /"PUBLIC KEY" block/);
  });

  test('the --json shape has exactly the documented keys', () => {
    const json = certificateJson(decodeCertificates(certs.p256!.pem, NOW)[0]!);
    assert.deepEqual(
      Object.keys(json).sort(),
      [
        'daysRemaining',
        'findings',
        'issuer',
        'notAfter',
        'notBefore',
        'publicKey',
        'serialNumber',
        'selfSigned',
        'sha1',
        'sha256',
        'signatureAlgorithm',
        'subject',
        'subjectAltNames',
      ].sort(),
    );
    assert.deepEqual(json.publicKey, { algorithm: 'EC', bits: 256 });
  });
});

test('PEM blocks are located for hovers and CodeLens', () => {
  const text = 'x\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\ny';
  const [block] = findPemBlocks(text);
  assert.equal(block!.offset, 2);
  assert.equal(text.slice(block!.offset, block!.offset + block!.length).endsWith('-----END CERTIFICATE-----'), true);
});

test('expiry wording', () => {
  assert.equal(describeExpiry(412), 'in 412 days');
  assert.equal(describeExpiry(0), 'today');
  assert.equal(describeExpiry(-3), '3 days ago');
  assert.equal(describeExpiry(-1), '1 day ago');
  const now = new Date('2027-01-01T12:00:00Z');
  assert.equal(daysUntil('2027-01-05T00:00:00Z', now), 3);
  assert.equal(daysUntil('2026-12-28T00:00:00Z', now), -4);
  const window = { notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2027-04-01T00:00:00.000Z' };
  assert.equal(validityText(window, now), 'expires in 89 days');
  assert.equal(validityText(window, new Date('2027-04-04T12:00:00Z')), 'expired 3 days ago');
  assert.equal(validityText(window, new Date('2025-12-01T00:00:00Z')), 'not valid until 2026-01-01');
  assert.equal(describeKey({ algorithm: 'EC', bits: 256, curve: 'P-256' }), 'EC P-256 256 bits');
  assert.equal(describeKey({ algorithm: 'RSA', bits: 2048 }), 'RSA 2048 bits');
});

// Debian's CA bundle: real-world certificates of many kinds; every one must agree with openssl.
const CA_DIR = '/usr/share/ca-certificates/mozilla';
test(
  'the CA certificates Debian ships agree with openssl',
  { skip: !existsSync(CA_DIR) && 'ca-certificates is not installed' },
  () => {
    const files = readdirSync(CA_DIR)
      .filter((f) => f.endsWith('.crt'))
      .slice(0, 40);
    assert.ok(files.length > 0);
    for (const f of files) {
      const path = `${CA_DIR}/${f}`;
      const [info] = decodeCertificates(readFileSync(path), NOW);
      const facts = opensslFacts(path);
      assert.equal(info!.sha256, facts.sha256, f);
      assert.equal(info!.sha1, facts.sha1, f);
      assert.equal(info!.serialNumber, facts.serial, f);
      assert.equal(info!.notAfter, facts.notAfter, f);
      if (facts.bits) assert.equal(info!.publicKey.bits, facts.bits, f);
      assert.equal(info!.signatureAlgorithm, facts.signature, f);
    }
  },
);

/** What Node's X509Certificate (OpenSSL) says, in the decoder's terms: core decoded with it until issue 27. */
function nodeFacts(pem: string) {
  const x509 = new X509Certificate(pem);
  const name = (multiline: string | undefined) =>
    (multiline ?? '').split('\n').filter(Boolean).reverse().join(', ') || '(empty name)';
  return {
    subject: name(x509.subject),
    issuer: name(x509.issuer),
    serialNumber: x509.serialNumber.toUpperCase().replace(/^(00)+(?=.)/, ''),
    sha1: x509.fingerprint,
    sha256: x509.fingerprint256,
    notBefore: new Date(x509.validFrom).toISOString(),
    notAfter: new Date(x509.validTo).toISOString(),
    subjectAltNames: x509.subjectAltName ? x509.subjectAltName.split(/, (?=[A-Za-z ]+:)/) : [],
    isCa: x509.ca,
    selfSigned: x509.checkIssued(x509) && x509.verify(x509.publicKey),
  };
}

// Issue 27 item 3: the decoder no longer uses node:crypto (core runs in a browser too); it reads every certificate
// as Node's X509Certificate did: names, alternative names, serial, fingerprints, CA flag and self-signature.
test(
  "every certificate of Debian's CA bundle and the fixtures decodes as Node's X509Certificate reads it",
  { skip: !existsSync(CA_DIR) && 'ca-certificates is not installed' },
  () => {
    const pems = [
      ...readdirSync(CA_DIR)
        .filter((f) => f.endsWith('.crt'))
        .map((f) => readFileSync(`${CA_DIR}/${f}`, 'utf8')),
      ...['idp.pem', 'other.pem'].map((f) => readFileSync(`${FIXTURES}/idp/${f}`, 'utf8')),
    ];
    assert.ok(pems.length > 100);
    for (const pem of pems) {
      const [info] = decodeCertificates(pem, NOW);
      const expected = nodeFacts(pem);
      const actual = Object.fromEntries(Object.keys(expected).map((k) => [k, info![k as keyof typeof info]]));
      assert.deepEqual(actual, expected, expected.subject);
    }
  },
);
