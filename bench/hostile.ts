// "Hostile inputs": each runs through the shipped CLI (dist/cli.js) in its own process; the figures are its wall time
// and peak memory (RSS). Budget per case: ≤ 1 s and ≤ 256 MB.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, single } from './lib';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

interface Case {
  name: string;
  args: string[];
  stdin?: string;
  /** A different time budget (an endpoint that never answers is given up on after its documented timeout). */
  budgetMs?: number;
}

/** The timeout the endpoint cases pass (--timeout); the CLI must give up within it, plus start-up. */
const ENDPOINT_TIMEOUT_S = 3;

const pem = (body: string) => `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;

function cases(dir: string, silentPort: number): Case[] {
  const write = (name: string, text: string | Buffer) => {
    writeFileSync(join(dir, name), text);
    return name;
  };
  spawnSync('mkfifo', [join(dir, 'pipe.pem')]);
  symlinkSync('loop-b', join(dir, 'loop-a'));
  symlinkSync('loop-a', join(dir, 'loop-b'));
  write('huge.pem', '');
  truncateSync(join(dir, 'huge.pem'), 300 * 1024 * 1024);
  let deep = '"x"';
  for (let i = 0; i < 99; i++) deep = `{"a": ${deep}}`;
  const config = (fields: Record<string, unknown>) =>
    JSON.stringify({ realmSid: 'JB0123456789abcdef0123456789abcdef', ...fields });
  return [
    { name: 'FIFO as a certificate', args: ['cert', 'pipe.pem'] },
    { name: '/dev/zero as a certificate', args: ['cert', '/dev/zero'] },
    { name: '/dev/urandom as metadata', args: ['metadata', '/dev/urandom'] },
    { name: 'symlink loop', args: ['cert', 'loop-a'] },
    { name: '300 MB file', args: ['saml', 'huge.pem'] },
    { name: '/dev/zero on standard input', args: ['cert', '-'], stdin: '/dev/zero' },
    {
      name: 'config naming a FIFO and /dev/zero',
      args: [
        'lint',
        write(
          'files.frontline-sso.json',
          config({ identityProvider: { certificateFile: 'pipe.pem', metadataFile: '/dev/zero' } }),
        ),
      ],
    },
    { name: 'JSON nested 99 deep', args: ['lint', write('deep.frontline-sso.json', `{"realmSid": ${deep}}`)] },
    { name: '10,000 nested [', args: ['lint', write('brackets.frontline-sso.json', '['.repeat(10_000))] },
    {
      name: '40,000 unknown keys',
      args: [
        'lint',
        write('keys.frontline-sso.json', `{${Array.from({ length: 40_000 }, (_, i) => `"k${i}":1`).join(',')}}`),
      ],
    },
    { name: '1 MB of commas', args: ['lint', write('commas.frontline-sso.json', ','.repeat(1024 * 1024 - 1))] },
    {
      name: '60 MB config',
      args: ['lint', write('large.frontline-sso.json', `{"x":"${'a'.repeat(60 * 1024 * 1024)}"}`)],
    },
    {
      name: '1 MB of escaped quotes in a string',
      args: ['lint', write('quotes.frontline-sso.json', `{"realmSid":"${'\\"'.repeat(500_000)}"}`)],
    },
    { name: 'UTF-16 config', args: ['lint', write('utf16.frontline-sso.json', Buffer.from(config({}), 'utf16le'))] },
    { name: 'Realm SID: 100,000 dots then x', args: ['values', `${'.'.repeat(100_000)}x`] },
    {
      name: 'issuer: 100,000 slashes',
      args: [
        'lint',
        write(
          'slashes.frontline-sso.json',
          config({ identityProvider: { issuer: `https://portal.sso.us-east-1.amazonaws.com${'/'.repeat(100_000)}x` } }),
        ),
      ],
    },
    {
      name: 'Realm SID: 60,000 Cyrillic letters',
      args: ['lint', write('cyrillic.frontline-sso.json', config({ realmSid: `JB${'\u0412'.repeat(60_000)}` }))],
    },
    { name: 'PEM body: 200,000 spaces', args: ['cert', write('spaces.pem', pem(`${' '.repeat(200_000)}!`))] },
    {
      // Up to MAX_CERTIFICATES (5,000) blocks are decoded: the first one fails, and the rest cost only the scan.
      name: '1 MB of junk certificate blocks (17,000)',
      args: ['cert', write('junk-blocks.pem', pem('AAAA').repeat(17_000))],
    },
    { name: '10 MB PEM of junk', args: ['cert', write('junk-10mb.pem', pem('A'.repeat(10 * 1024 * 1024)))] },
    {
      name: '1 MB of BEGIN CERTIFICATE lines',
      args: ['cert', write('begins.pem', '-----BEGIN CERTIFICATE-----\n'.repeat(37_000))],
    },
    {
      name: `AWS endpoint that accepts and never answers (apps --timeout ${ENDPOINT_TIMEOUT_S})`,
      args: [
        'apps',
        '--region',
        'us-east-1',
        '--endpoint',
        `http://127.0.0.1:${silentPort}`,
        '--timeout',
        `${ENDPOINT_TIMEOUT_S}`,
      ],
      budgetMs: ENDPOINT_TIMEOUT_S * 1000 + 1000,
    },
    {
      name: `metadata URL that accepts and never answers (drift --timeout ${ENDPOINT_TIMEOUT_S})`,
      args: [
        'drift',
        write(
          'live.frontline-sso.json',
          config({
            identityProvider: {
              issuer:
                'https://portal.sso.us-east-1.amazonaws.com/saml/assertion/MTIzNDU2Nzg5MDEyX2lucy0wMTIzNDU2Nzg5YWJjZGVm',
            },
          }),
        ),
        '--metadata-url',
        `http://127.0.0.1:${silentPort}`,
        '--timeout',
        `${ENDPOINT_TIMEOUT_S}`,
      ],
      budgetMs: ENDPOINT_TIMEOUT_S * 1000 + 1000,
    },
  ];
}

export async function hostileInputs(): Promise<void> {
  // A server that accepts connections and never answers: while this process waits on a case (spawnSync), the kernel
  // still completes each connection, so the CLI sees an endpoint that is there and silent.
  const silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const silentPort = (silent.address() as AddressInfo).port;
  const dir = mkdtempSync(join(tmpdir(), 'frontline-sso-hostile-'));
  mkdirSync(dir, { recursive: true });
  try {
    let slowest = { name: '', ms: 0 };
    let over = 0;
    for (const c of cases(dir, silentPort)) {
      const start = performance.now();
      const r = spawnSync(
        process.execPath,
        ['--require', join(ROOT, 'bench', 'peak-rss.cjs'), join(ROOT, 'dist', 'cli.js'), ...c.args],
        {
          cwd: dir,
          env: { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDHOSTILE', AWS_SECRET_ACCESS_KEY: 'hostile' },
          stdio: [c.stdin ? openSync(c.stdin, 'r') : 'ignore', 'ignore', 'pipe', 'pipe'],
          timeout: 30_000,
          encoding: 'utf8',
        },
      );
      const ms = performance.now() - start;
      const rssMiB = (JSON.parse(String(r.output[3] ?? '{}')) as { maxRssKiB?: number }).maxRssKiB ?? NaN;
      if (r.signal) throw new Error(`hostile input "${c.name}" did not finish: ${r.signal}`);
      const budget = c.budgetMs ?? 1000;
      const within = ms <= budget && rssMiB / 1024 <= 256;
      if (!within) over++;
      single(`hostile: ${c.name} (time)`, 'ms', ms, { text: `≤ ${budget} ms`, ok: (v) => v <= budget });
      single(`hostile: ${c.name} (peak RSS)`, 'MiB', rssMiB / 1024, { text: '≤ 256 MiB', ok: (v) => v <= 256 });
      if (!c.budgetMs && ms > slowest.ms) slowest = { name: c.name, ms };
    }
    single(`hostile: slowest case (${slowest.name})`, 'ms', slowest.ms, { text: '≤ 1000 ms', ok: (v) => v <= 1000 });
    single('hostile: cases over budget', 'cases', over, { text: '0', ok: (v) => v === 0 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
    silent.close();
  }
}
