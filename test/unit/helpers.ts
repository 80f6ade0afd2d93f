import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referencedFiles } from '../../src/core/config/file';
import { LoadedFile, LoadedFiles } from '../../src/core/common/loadedFile';

export const REALM = 'JB0123456789abcdef0123456789abcdef';
export const OTHER_REALM = 'JBfedcba9876543210fedcba9876543210';
export const ACCOUNT = '123456789012';
export const INSTANCE = 'ins-0123456789abcdef';
export const IDP_ID = Buffer.from(`${ACCOUNT}_${INSTANCE}`).toString('base64');
export const ISSUER = `https://portal.sso.us-east-1.amazonaws.com/saml/assertion/${IDP_ID}`;
export const ACS = `https://iam.twilio.com/v2/saml2/authenticate/${REALM}`;
export const AUDIENCE = `https://iam.twilio.com/v2/saml2/metadata/${REALM}`;
export const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures');

export function fixture(...parts: string[]): string {
  return readFileSync(join(FIXTURES, ...parts), 'utf8');
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'frontline-sso-test-'));
}

export function openssl(args: string[], input?: string): string {
  return execFileSync('openssl', args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

export interface GeneratedCert {
  pem: string;
  keyPem: string;
  certFile: string;
  keyFile: string;
}

/**
 * Makes a certificate with openssl (an independent implementation), so tests compare our decoding against it.
 * `key` is an openssl genpkey algorithm spec.
 */
export function makeCert(
  dir: string,
  name: string,
  options: {
    key: string[];
    subject?: string;
    days?: number;
    digest?: string;
    san?: string;
    issuer?: GeneratedCert;
  },
): GeneratedCert {
  const keyFile = join(dir, `${name}.key`);
  const certFile = join(dir, `${name}.pem`);
  openssl(['genpkey', ...options.key, '-out', keyFile]);
  const subject = options.subject ?? `/CN=${name}/O=Test`;
  const ext = join(dir, `${name}.ext`);
  writeFileSync(
    ext,
    [
      'basicConstraints=critical,CA:' + (options.issuer ? 'FALSE' : 'TRUE'),
      'keyUsage=critical,digitalSignature,keyCertSign',
      ...(options.san ? [`subjectAltName=${options.san}`] : []),
    ].join('\n') + '\n',
  );
  const csr = join(dir, `${name}.csr`);
  openssl(['req', '-new', '-key', keyFile, '-subj', subject, '-out', csr]);
  const validity = ['-days', String(options.days ?? 365)];
  const digest = options.key.some((k) => /ED25519|ED448/i.test(k)) ? [] : [`-${options.digest ?? 'sha256'}`];
  const signer = options.issuer
    ? ['-CA', options.issuer.certFile, '-CAkey', options.issuer.keyFile]
    : ['-key', keyFile];
  openssl([
    'x509',
    '-req',
    '-in',
    csr,
    ...signer,
    ...validity,
    ...digest,
    '-extfile',
    ext,
    '-set_serial',
    `0x${Math.floor(Math.random() * 1e12).toString(16)}`,
    '-out',
    certFile,
  ]);
  return { pem: readFileSync(certFile, 'utf8'), keyPem: readFileSync(keyFile, 'utf8'), certFile, keyFile };
}

/** The files a config names, loaded synchronously through `read` (as the CLI and extension do asynchronously). */
export function loadFiles(text: string, read: (path: string) => Uint8Array): LoadedFiles {
  const files = new Map<string, LoadedFile>();
  for (const ref of referencedFiles(text)) {
    try {
      files.set(ref.path, { ok: true, bytes: read(ref.path) });
    } catch (err) {
      const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
      files.set(ref.path, { ok: false, problem: missing ? 'missing' : 'unreadable', message: (err as Error).message });
    }
  }
  return files;
}

/** The fastest of five runs, in ms: the least disturbed by garbage collection and other work on the machine. */
function fastest(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

async function fastestAsync(run: () => Promise<void>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/** assertLinear for an asynchronous `run` (the SAML check, which verifies signatures with WebCrypto). */
export async function assertLinearAsync(
  name: string,
  make: (n: number) => string,
  run: (input: string) => Promise<void>,
  { n = 8_000, scale = 16 }: { n?: number; scale?: number } = {},
): Promise<void> {
  const small = make(n);
  const large = make(scale * n);
  await run(small);
  await run(large);
  const ratio = (await fastestAsync(() => run(large))) / Math.max(await fastestAsync(() => run(small)), 0.05);
  assert.ok(ratio < scale * 4, `${name}: ${scale}× the input took ${ratio.toFixed(1)}× the time`);
}

/**
 * Asserts that time grows linearly with the input: `scale`× the input must take far less than the `scale`²× a
 * quadratic algorithm would (the margin absorbs garbage collection and a busy machine).
 */
export function assertLinear(
  name: string,
  make: (n: number) => string,
  run: (input: string) => void,
  { n = 8_000, scale = 16 }: { n?: number; scale?: number } = {},
): void {
  const small = make(n);
  const large = make(scale * n);
  run(small);
  run(large);
  const ratio =
    fastest(() => run(large)) /
    Math.max(
      fastest(() => run(small)),
      0.05,
    );
  assert.ok(ratio < scale * 4, `${name}: ${scale}× the input took ${ratio.toFixed(1)}× the time`);
}
