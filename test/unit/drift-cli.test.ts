import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { DEFAULT_SWITCHES, IdentityCenterEmulator } from '../../tools/emulator/server';
import { loadSeed } from '../../tools/emulator/seed';
import { FIXTURES, IDP_ID, ISSUER, tempDir } from './helpers';

const ROOT = join(FIXTURES, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const EXAMPLE = join(ROOT, 'examples', 'frontline-sso.json');

interface DriftJson {
  file: string;
  metadataUrl: string | null;
  fetched: boolean;
  findings: Array<{ code: string; severity: string; message: string }>;
}

/** Runs the shipped CLI asynchronously (the emulator answers from this process meanwhile). */
function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string; json: () => DriftJson[] }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: ROOT, timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 99) : 0;
      resolve({ code, stdout, stderr, json: () => JSON.parse(stdout) as DriftJson[] });
    });
  });
}

describe('frontline-sso drift (dist/cli.js against the emulator)', () => {
  const emulator = new IdentityCenterEmulator(loadSeed());
  let origin = '';
  before(async () => {
    assert.ok(existsSync(CLI), 'dist/cli.js is missing: run npm run build');
    origin = await emulator.start();
  });
  beforeEach(() => {
    emulator.switches = { ...DEFAULT_SWITCHES };
    emulator.resetStats();
  });
  after(() => emulator.stop());

  test('in sync: {file, metadataUrl, fetched, findings} and exit 0', async () => {
    const r = await cli(['drift', 'examples/frontline-sso.json', '--metadata-url', origin, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json(), [
      {
        file: 'examples/frontline-sso.json',
        metadataUrl: `${origin}/saml/metadata/${IDP_ID}`,
        fetched: true,
        findings: [],
      },
    ]);
    const human = await cli(['drift', 'examples/frontline-sso.json', '--metadata-url', origin]);
    assert.match(
      human.stdout,
      /live metadata http:\/\/127\.0\.0\.1:\d+\/saml\/metadata\/\S+\n {2}✓ matches the live metadata/,
    );
  });

  test('a second certificate in AWS: a rotation warning, exit 0', async () => {
    emulator.switches.metadataSecondCertificate = true;
    const r = await cli(['drift', 'examples/frontline-sso.json', '--metadata-url', origin, '--json']);
    assert.equal(r.code, 0);
    const [finding] = r.json()[0]!.findings;
    assert.equal(finding.code, 'drift-rotation');
    assert.equal(finding.severity, 'warning');
    assert.match(
      finding.message,
      /SHA-256 8B:98:E3:34:.*expires 2031-11-29\. Upload it to Frontline before you make it active in AWS\./,
    );
  });

  test('the active certificate swapped: "AWS no longer signs with it", exit 1', async () => {
    emulator.switches.metadataSwapActive = true;
    const r = await cli(['drift', 'examples/frontline-sso.json', '--metadata-url', origin, '--json']);
    assert.equal(r.code, 1);
    assert.deepEqual(
      r.json()[0]!.findings.map((f) => [f.code, f.severity]),
      [['drift-certificate', 'error']],
    );
  });

  test('404, an HTML page, no answer: exit 0 with one info finding; --strict makes it exit 1', async () => {
    for (const [fail, reason, extra] of [
      ['404', /answered 404 Not Found/, []],
      ['html', /answered with an HTML page/, []],
      ['hang', /sent nothing for 1 s/, ['--timeout', '1']],
    ] as const) {
      emulator.switches.metadataFail = fail;
      const r = await cli(['drift', 'examples/frontline-sso.json', '--metadata-url', origin, '--json', ...extra]);
      assert.equal(r.code, 0, fail);
      const [result] = r.json();
      assert.equal(result?.fetched, false);
      assert.equal(result.findings.length, 1);
      assert.equal(result.findings[0]!.severity, 'info');
      assert.match(result.findings[0]!.message, reason);
      const strict = await cli([
        'drift',
        'examples/frontline-sso.json',
        '--metadata-url',
        origin,
        '--strict',
        ...extra,
      ]);
      assert.equal(strict.code, 1, `--strict with ${fail}`);
      assert.match(strict.stdout, /error {3}The live metadata check did not run/);
    }
  });

  test('several configs for one application: one fetch', async () => {
    const r = await cli([
      'drift',
      'examples/frontline-sso.json',
      'examples/frontline-sso.json',
      '--metadata-url',
      origin,
      '--json',
    ]);
    assert.equal(r.code, 0);
    assert.equal(r.json().length, 2);
    assert.equal(emulator.stats.byOperation.GetSamlMetadata, 1);
  });

  test('a config cannot point the check at a loopback address; only the command line can', async () => {
    const dir = tempDir();
    copyFileSync(join(ROOT, 'examples', 'aws-idc.pem'), join(dir, 'aws-idc.pem'));
    const hostile = readFileSync(EXAMPLE, 'utf8').replace(
      '"metadataFile": "./aws-idc-metadata.xml"',
      `"metadataUrl": "${origin}/saml/metadata/${IDP_ID}"`,
    );
    writeFileSync(join(dir, 'frontline-sso.json'), hostile);
    const r = await cli(['drift', join(dir, 'frontline-sso.json'), '--json']);
    assert.equal(r.code, 0);
    assert.equal(emulator.stats.requests, 0, 'nothing was fetched');
    assert.match(
      r.json()[0].findings[0].message,
      /identityProvider\.metadataUrl: a loopback address is fetched only when given explicitly/,
    );
  });

  test('bad input: a wrong --metadata-url, an unreadable config or none at all exit 2', async () => {
    const foreign = await cli(['drift', 'examples/frontline-sso.json', '--metadata-url', 'https://evil.example/x']);
    assert.equal(foreign.code, 2);
    assert.match(foreign.stderr, /^frontline-sso drift: --metadata-url: only https:\/\/portal\.sso\./);
    assert.equal((await cli(['drift', 'missing.frontline-sso.json'])).code, 2);
    assert.equal((await cli(['drift'])).code, 2);
    assert.equal((await cli(['drift', 'examples/frontline-sso.json', '--timeout', 'soon'])).code, 2);
    const dir = tempDir();
    writeFileSync(join(dir, 'frontline-sso.json'), '{ "identityProvider": ');
    const broken = await cli(['drift', join(dir, 'frontline-sso.json')]);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /not a valid JSON object; run "frontline-sso lint"/);
  });

  test('the issuer decides the URL when no --metadata-url is given', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'frontline-sso.json'),
      JSON.stringify({ identityProvider: { issuer: 'https://idp.example.com/saml', ssoUrl: ISSUER } }),
    );
    const r = await cli(['drift', join(dir, 'frontline-sso.json'), '--json']);
    assert.equal(r.code, 0);
    assert.equal(r.json()[0].metadataUrl, null);
    assert.match(
      r.json()[0].findings[0].message,
      /not an IAM Identity Center address.*set identityProvider\.metadataUrl/,
    );
  });
});
