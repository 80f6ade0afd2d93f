// Issue 24 item 11: a CA bundle is decoded whole, a file past the bound is decoded in part with a finding, and junk
// stays cheap; through the shipped CLI (dist/cli.js).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate } from '@peculiar/asn1-x509';
import { FIXTURES, openssl, tempDir } from './helpers';

const ROOT = join(FIXTURES, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const dir = tempDir();

function cli(args: string[]) {
  const start = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  assert.notEqual(r.signal, 'SIGTERM', `frontline-sso ${args.join(' ')} did not finish`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - start };
}

type CertJson = { sha256: string; findings: Array<{ code: string; severity: string; message: string }> };

/** The smallest certificate Node still reads (Ed25519, empty names, no extensions, a 1-byte signature): 105 bytes. */
function tinyCertificatePem(): string {
  const keyFile = join(dir, 'tiny.key');
  openssl(['genpkey', '-algorithm', 'ed25519', '-out', keyFile]);
  const pem = openssl(['req', '-x509', '-key', keyFile, '-subj', '/', '-days', '1']);
  const cert = AsnConvert.parse(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'), Certificate);
  cert.tbsCertificate.serialNumber = new Uint8Array([1]).buffer;
  cert.tbsCertificate.extensions = undefined;
  cert.tbsCertificate.version = 0;
  cert.signatureValue = new Uint8Array([0]).buffer;
  const der = Buffer.from(AsnConvert.serialize(cert));
  return `-----BEGIN CERTIFICATE-----\n${der.toString('base64')}\n-----END CERTIFICATE-----\n`;
}

describe('cert: bundles of certificates (issue 24)', () => {
  test('a CA bundle of 200 certificates is decoded whole, as openssl reads it', () => {
    const pems = ['idp.pem', 'other.pem'].map((name) => readFileSync(join(FIXTURES, 'idp', name), 'utf8'));
    const bundle = join(dir, 'bundle.crt');
    writeFileSync(bundle, Array.from({ length: 200 }, (_, i) => `# cert ${i}\n${pems[i % 2]}`).join(''));
    const r = cli(['cert', bundle, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const certificates = JSON.parse(r.stdout) as CertJson[];
    assert.equal(certificates.length, 200);
    const fingerprint = (pem: string) =>
      openssl(['x509', '-noout', '-fingerprint', '-sha256'], pem).split('=')[1]!.trim();
    assert.equal(certificates[0]!.sha256, fingerprint(pems[0]!));
    assert.equal(certificates[199]!.sha256, fingerprint(pems[1]!));
    assert.ok(certificates.every((c) => c.findings.every((f) => f.code !== 'cert-bundle-truncated')));
    const text = cli(['cert', bundle]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^Certificate 1 of 200\n/);
    assert.match(text.stdout, /\nCertificate 200 of 200\n/);
  });

  test('past 5,000 certificates: the first 5,000 decoded and a finding that counts the rest', () => {
    const tiny = tinyCertificatePem();
    const file = join(dir, 'many.pem');
    writeFileSync(file, tiny.repeat(5003));
    assert.ok(readFileSync(file).length < 1024 * 1024, 'within the 1 MB input bound');
    const json = cli(['cert', file, '--json']);
    assert.equal(json.code, 0, json.stderr);
    const certificates = JSON.parse(json.stdout) as CertJson[];
    assert.equal(certificates.length, 5000);
    assert.deepEqual(
      certificates[4999]!.findings.filter((f) => f.code === 'cert-bundle-truncated'),
      [
        {
          code: 'cert-bundle-truncated',
          severity: 'warning',
          message:
            'The input holds 5,003 certificates; the first 5,000 are decoded and 3 left out (more than any CA bundle holds). Split the file to decode the rest.',
        },
      ],
    );
    const text = cli(['cert', file]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /\nCertificate 5000 of 5000\n/);
    assert.match(text.stdout, /warning The input holds 5,003 certificates; the first 5,000 are decoded and 3 left out/);
  });

  test('1 MB of junk certificate blocks ends fast with one line', () => {
    const file = join(dir, 'junk.pem');
    writeFileSync(file, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'.repeat(17_000));
    const r = cli(['cert', file]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^frontline-sso cert: The data is not an X\.509 certificate/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.ok(r.ms < 10_000, `${Math.round(r.ms)} ms (npm run bench measures it)`);
  });
});
