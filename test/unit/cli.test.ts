import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { main } from '../../src/cli/main';
import { ACS, AUDIENCE, FIXTURES, ISSUER, REALM, tempDir } from './helpers';

const ROOT = join(FIXTURES, '..', '..');

async function run(args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    readStdin: async () => ({ ok: true, bytes: Buffer.from(stdin), path: '-' }),
    cwd: ROOT,
    now: () => new Date('2027-01-01T00:00:00Z'),
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

describe('frontline-sso CLI (docs/cli.md)', () => {
  test('values: JSON keys, exit codes', async () => {
    const ok = await run(['values', REALM, '--json']);
    assert.equal(ok.code, 0);
    assert.deepEqual(ok.json(), { realmSid: REALM, acsUrl: ACS, audience: AUDIENCE });
    const human = await run(['values', REALM]);
    assert.match(human.stdout, new RegExp(`ACS URL: +${ACS}`));
    const bad = await run(['values', 'JB123', '--json']);
    assert.equal(bad.code, 1);
    assert.equal(bad.json().findings[0].code, 'realm-sid-length');
    const missing = await run(['values']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Give the Realm SID/);
  });

  test('cert: JSON array with the documented keys; unreadable input exits 2', async () => {
    const r = await run(['cert', 'examples/aws-idc.pem', '--json']);
    assert.equal(r.code, 0);
    const [cert] = r.json();
    assert.equal(cert.subject, 'CN=amazonaws.com, OU=IDAS, O=Amazon, C=US');
    assert.match(cert.sha256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.match(cert.serialNumber, /^[0-9A-F]+$/);
    assert.deepEqual(cert.publicKey, { algorithm: 'RSA', bits: 2048 });
    const stdin = await run(
      ['cert', '-', '--json'],
      (await import('node:fs')).readFileSync(join(ROOT, 'examples/aws-idc.pem'), 'utf8'),
    );
    assert.equal(stdin.json()[0].sha256, cert.sha256);
    for (const [args, pattern] of [
      [['cert', 'test/fixtures/idp/idp.key'], /private key/],
      [['cert', 'nope.pem'], /no such file/],
      [['cert', '-'], /empty/],
    ] as const) {
      const bad = await run([...args]);
      assert.equal(bad.code, 2, args.join(' '));
      assert.match(bad.stderr, pattern);
      assert.equal(bad.stderr.trim().split('\n').length, 1, 'one-line reason');
    }
  });

  test('cert: an expired certificate exits 1', async () => {
    let stdout = '';
    const code = await main(['cert', 'examples/aws-idc.pem', '--json'], {
      stdout: (t) => {
        stdout += t;
      },
      stderr: () => undefined,
      readStdin: async () => ({ ok: true, bytes: Buffer.alloc(0), path: '-' }),
      cwd: ROOT,
      now: () => new Date('2040-01-01T00:00:00Z'),
    });
    assert.equal(code, 1);
    assert.equal(JSON.parse(stdout)[0].findings[0].code, 'cert-expired');
  });

  test('metadata: JSON keys', async () => {
    const r = await run(['metadata', 'examples/aws-idc-metadata.xml', '--json']);
    assert.equal(r.code, 0);
    assert.deepEqual(Object.keys(r.json()).sort(), [
      'accountId',
      'certificates',
      'findings',
      'issuer',
      'region',
      'sloUrl',
      'ssoUrl',
    ]);
    assert.equal(r.json().issuer, ISSUER);
    assert.equal((await run(['metadata', 'test/fixtures/saml/xxe.xml'])).code, 2);
  });

  test('saml: expectations from --config or from flags; --at fixes now', async () => {
    const fromConfig = await run([
      'saml',
      'test/fixtures/saml/valid.b64',
      '--config',
      'examples/frontline-sso.json',
      '--at',
      '2026-12-01T12:01:00Z',
      '--json',
    ]);
    assert.equal(fromConfig.code, 0, fromConfig.stdout);
    assert.deepEqual(fromConfig.json().checks, []);
    assert.equal(fromConfig.json().signature.valid, true);
    const fromFlags = await run([
      'saml',
      'test/fixtures/saml/wrong-audience.xml',
      '--realm',
      REALM,
      '--issuer',
      ISSUER,
      '--cert',
      'examples/aws-idc.pem',
      '--at',
      '2026-12-01T12:01:00Z',
      '--json',
    ]);
    assert.equal(fromFlags.code, 1);
    assert.deepEqual(
      fromFlags.json().checks.map((c: { code: string }) => c.code),
      ['saml-audience'],
    );
    assert.equal((await run(['saml', 'test/fixtures/saml/valid.xml', '--at', 'yesterday'])).code, 2);
    assert.equal((await run(['saml', 'test/fixtures/saml/billion-laughs.xml'])).code, 2);
  });

  test('lint: 1-based positions; syntax error exits 1; missing file exits 2', async () => {
    const r = await run(['lint', 'examples/frontline-sso.json', 'examples/broken.frontline-sso.json', '--json']);
    assert.equal(r.code, 1);
    const [good, broken] = r.json();
    assert.deepEqual(good, { file: 'examples/frontline-sso.json', diagnostics: [] });
    const swapped = broken.diagnostics.find((d: { code: string }) => d.code === 'sp-acsUrl-swapped');
    assert.deepEqual(
      { line: swapped.line, column: swapped.column, endLine: swapped.endLine },
      { line: 6, column: 16, endLine: 6 },
    );
    const dir = tempDir();
    writeFileSync(join(dir, 'frontline-sso.json'), '{ "realmSid": ');
    const syntax = await run(['lint', join(dir, 'frontline-sso.json'), '--json']);
    assert.equal(syntax.code, 1);
    assert.equal(syntax.json()[0].diagnostics[0].code, 'json-syntax');
    assert.equal((await run(['lint', 'missing.frontline-sso.json'])).code, 2);
    assert.equal((await run(['lint'])).code, 2);
  });

  test('an unexpected failure is one line on stderr, with the stack trace only under --debug', async () => {
    const failing = (env: Record<string, string> = {}) => {
      let stderr = '';
      const io = {
        stdout: () => {
          throw new TypeError('stdout is closed');
        },
        stderr: (t: string) => {
          stderr += t;
        },
        readStdin: async () => ({ ok: true as const, bytes: Buffer.alloc(0), path: '-' }),
        cwd: ROOT,
        now: () => new Date(),
        env,
      };
      return { io, stderr: () => stderr };
    };
    const plain = failing();
    assert.equal(await main(['values', REALM], plain.io), 2);
    assert.equal(
      plain.stderr(),
      'frontline-sso values: unexpected failure: stdout is closed (run with --debug for details, and please report it)\n',
    );
    const debug = failing();
    assert.equal(await main(['values', REALM, '--debug'], debug.io), 2);
    assert.match(debug.stderr(), /unexpected failure: TypeError: stdout is closed\n\s+at /);
    const env = failing({ FRONTLINE_SSO_DEBUG: '1' });
    assert.equal(await main(['values', REALM], env.io), 2);
    assert.match(env.stderr(), /\n\s+at /);
  });

  test('unknown command and unknown option exit 2', async () => {
    assert.equal((await run(['frobnicate'])).code, 2);
    const r = await run(['values', REALM, '--frob']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /frob/);
  });

  // `npm test` builds first, so dist/cli.js is there.
  test('the built binary runs with the same contract', () => {
    assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: run npm run build');
    const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'values', REALM, '--json'], {
      encoding: 'utf8',
    });
    assert.equal(r.status, 0);
    assert.equal(JSON.parse(r.stdout).acsUrl, ACS);
    const stdin = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'saml', '-', '--json'], {
      encoding: 'utf8',
      input: 'not a response',
    });
    assert.equal(stdin.status, 2);
    assert.match(stdin.stderr, /neither XML nor/);
  });
});
