import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { IdentityCenterEmulator } from '../../tools/emulator/server';
import { loadSeed } from '../../tools/emulator/seed';
import { FakeEndpoint } from './fakeEndpoint';
import { tempDir } from '../unit/helpers';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

interface Run {
  child: ChildProcess;
  stderr: () => string;
  /** Resolves when standard error matches. */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  done: Promise<{ code: number | null; stdout: string; stderr: string; ms: number }>;
}

describe('frontline-sso login through dist/cli.js (against the emulator)', () => {
  const emulator = new IdentityCenterEmulator(loadSeed());
  let endpoint = '';
  let home = '';

  /** `frontline-sso login …`. */
  const run = (args: string[], env: Record<string, string> = {}): Run => runCli(['login', ...args], env);

  /** The CLI as a user runs it: its own process, a HOME of its own, no AWS credentials in the environment. */
  const runCli = (args: string[], env: Record<string, string> = {}): Run => {
    const started = Date.now();
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
    const child = spawn(process.execPath, [CLI, ...args], {
      env: {
        ...clean,
        HOME: home,
        USERPROFILE: home,
        AWS_CONFIG_FILE: join(home, '.aws', 'config'),
        AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const listeners = new Set<() => void>();
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString();
      for (const l of listeners) l();
    });
    const done = new Promise<{ code: number | null; stdout: string; stderr: string; ms: number }>((resolve) =>
      child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started })),
    );
    return {
      child,
      stderr: () => stderr,
      done,
      waitForStderr: (pattern, timeoutMs = 15_000) =>
        new Promise((resolve, reject) => {
          const check = () => {
            const m = pattern.exec(stderr);
            if (m) {
              listeners.delete(check);
              clearTimeout(timer);
              resolve(m);
            }
          };
          const timer = setTimeout(() => {
            listeners.delete(check);
            reject(new Error(`stderr never matched ${pattern}: ${stderr}`));
          }, timeoutMs);
          listeners.add(check);
          check();
        }),
    };
  };

  before(async () => {
    endpoint = await emulator.start();
    home = tempDir();
    mkdirSync(join(home, '.aws'));
    writeFileSync(
      join(home, '.aws', 'config'),
      `[sso-session corp]\nsso_start_url = ${endpoint}/start\nsso_region = us-east-1\n\n` +
        `[profile corp-admin]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = ReadOnly\n`,
    );
  });
  after(() => emulator.stop());

  test('login --device: the code on stderr, slow_down honoured, the token cached for the AWS CLI, JSON on stdout', async () => {
    emulator.switches.oidcSlowDownOnce = true;
    const cli = run(['--sso-session', 'corp', '--device', '--json', '--endpoint', endpoint]);
    const [, url, userCode] = await cli.waitForStderr(/Open (\S+)\nand confirm the code: ([A-Z]{4}-[A-Z]{4})\n/);
    assert.equal(url, `${endpoint}/device?user_code=${userCode}`);
    // The user confirms the code in the browser.
    const approved = await fetch(`${endpoint}/__emulator/oidc/approve`, {
      method: 'POST',
      body: JSON.stringify({ userCode }),
    });
    assert.equal(approved.status, 200);
    const result = await cli.done;
    emulator.switches.oidcSlowDownOnce = false;
    assert.equal(result.code, 0, result.stderr);
    const out = JSON.parse(result.stdout);
    const cacheFile = join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update('corp').digest('hex')}.json`);
    assert.deepEqual(Object.keys(out), ['ssoSession', 'startUrl', 'region', 'expiresAt', 'cacheFile']);
    assert.deepEqual(
      { ...out, expiresAt: undefined },
      { ssoSession: 'corp', startUrl: `${endpoint}/start`, region: 'us-east-1', expiresAt: undefined, cacheFile },
    );
    assert.match(out.expiresAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8'));
    assert.equal(cached.expiresAt, out.expiresAt);
    if (process.platform !== 'win32') assert.equal(statSync(cacheFile).mode & 0o777, 0o600);
    // The first poll was told to slow down; the next came 5 seconds later than the interval, and was not early.
    assert.equal(emulator.oidc.stats.createToken.SlowDownException, 1);
    assert.equal(emulator.oidc.stats.createToken.token, 1);
    assert.ok(result.ms >= 6000, `took ${result.ms} ms`);
    assert.match(result.stderr, /Waiting for you to confirm code/);
    assert.equal((result.stderr.match(/Waiting for you/g) ?? []).length, 1, 'one waiting line, not one per poll');
    // Nothing secret on either stream.
    for (const secret of [cached.accessToken, cached.refreshToken, cached.clientSecret])
      assert.ok(!result.stdout.includes(secret) && !result.stderr.includes(secret));
  });

  test('the standard AWS_ENDPOINT_URL variable and --profile work without --endpoint', async () => {
    const cli = run(['--profile', 'corp-admin', '--device'], { AWS_ENDPOINT_URL: endpoint });
    const [, userCode] = await cli.waitForStderr(/confirm the code: ([A-Z]{4}-[A-Z]{4})/);
    await fetch(`${endpoint}/__emulator/oidc/approve`, { method: 'POST', body: JSON.stringify({ userCode }) });
    const result = await cli.done;
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Signed in to sso-session corp until \S+Z\.\nThe token is cached in .+\.json/);
  });

  test('over SSH the device flow is chosen by itself, and Ctrl+C cancels', async () => {
    const cli = run(['--sso-session', 'corp', '--endpoint', endpoint], { SSH_CONNECTION: '10.0.0.1 22 10.0.0.2 22' });
    await cli.waitForStderr(/confirm the code/);
    assert.match(cli.stderr(), /Using a device code: an SSH session/);
    cli.child.kill('SIGINT');
    const result = await cli.done;
    assert.equal(result.code, 2);
    assert.match(result.stderr, /frontline-sso login: Cancelled\.\n$/);
  });

  test('what to sign in to is checked, with the sessions there are', async () => {
    const unknown = await run(['--sso-session', 'nope']).done;
    assert.equal(unknown.code, 2);
    assert.match(
      unknown.stderr,
      /^frontline-sso login: There is no \[sso-session nope\] \(the sessions in .+config: corp\)\.\n$/,
    );
    const plain = await run([], { AWS_PROFILE: 'corp-admin-typo' }).done;
    assert.equal(plain.code, 2);
    assert.match(
      plain.stderr,
      /Profile corp-admin-typo does not sign in through IAM Identity Center\. Pass --sso-session NAME/,
    );
    const both = await run(['--sso-session', 'corp', '--profile', 'corp-admin']).done;
    assert.match(both.stderr, /not both/);
    const badEndpoint = await run(['--sso-session', 'corp', '--device', '--endpoint', 'file:///etc/passwd']).done;
    assert.equal(badEndpoint.code, 2);
    assert.match(badEndpoint.stderr, /in --endpoint uses file:/);
  });
  describe('cached secrets go only to the endpoint that issued them', () => {
    /** Another endpoint the user names with --endpoint: it records everything it is sent, and answers nothing useful. */
    const other = new FakeEndpoint();
    const received: string[] = [];
    let otherUrl = '';
    const cacheDir = () => join(home, '.aws', 'sso', 'cache');
    const tokenFile = () => join(cacheDir(), `${createHash('sha1').update('corp').digest('hex')}.json`);
    /** Every secret in the cache folder: tokens, refresh tokens and client secrets. */
    const cachedSecrets = () =>
      readdirSync(cacheDir()).flatMap((f) => {
        const o = JSON.parse(readFileSync(join(cacheDir(), f), 'utf8')) as Record<string, unknown>;
        return ['accessToken', 'refreshToken', 'clientSecret'].map((k) => o[k]).filter((v) => typeof v === 'string');
      }) as string[];

    before(async () => {
      other.behaviour = (req, res, body) => {
        received.push(`${req.method} ${req.url} ${JSON.stringify(req.headers)} ${body}`);
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end('{"error":"invalid_request"}');
      };
      otherUrl = await other.start();
    });
    after(() => other.stop());

    test("a token from AWS's own endpoint is never sent to --endpoint: the command says why and sends nothing", async () => {
      mkdirSync(cacheDir(), { recursive: true });
      // As `aws sso login` leaves it: issued by AWS's own endpoint, valid for an hour, renewable.
      writeFileSync(
        tokenFile(),
        JSON.stringify({
          startUrl: `${endpoint}/start`,
          region: 'us-east-1',
          accessToken: 'aws-issued-access-token',
          expiresAt: new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          clientId: 'aws-issued-client',
          clientSecret: 'aws-issued-client-secret',
          registrationExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
          refreshToken: 'aws-issued-refresh-token',
        }),
      );
      received.length = 0;
      const listing = await runCli(['apps', '--profile', 'corp-admin', '--region', 'us-east-1', '--endpoint', otherUrl])
        .done;
      assert.equal(listing.code, 2, listing.stderr);
      assert.match(
        listing.stderr,
        /^frontline-sso apps: The sign-in to the sso-session corp was made at AWS's own endpoint, and its tokens go only there, not to "http:\/\/127\.0\.0\.1:\d+" \(--endpoint\)\. Sign in again to use that endpoint, or leave out --endpoint to use the sign-in you have\.\n$/,
      );
      assert.deepEqual(received, [], 'no request at all');
    });

    test('login --endpoint registers anew there: the client secret another endpoint issued is not reused', async () => {
      // A sign-in at the emulator leaves its registration and token in the cache.
      const first = run(['--sso-session', 'corp', '--device', '--endpoint', endpoint]);
      const [, userCode] = await first.waitForStderr(/confirm the code: ([A-Z]{4}-[A-Z]{4})/);
      await fetch(`${endpoint}/__emulator/oidc/approve`, { method: 'POST', body: JSON.stringify({ userCode }) });
      assert.equal((await first.done).code, 0);
      const secrets = cachedSecrets();
      assert.ok(secrets.length >= 4, 'a token, a refresh token and client secrets are cached');

      received.length = 0;
      const elsewhere = await run(['--sso-session', 'corp', '--device', '--endpoint', otherUrl, '--timeout', '5']).done;
      assert.equal(elsewhere.code, 2, elsewhere.stderr);
      assert.ok(
        received.length > 0 && received.every((r) => r.startsWith('POST /client/register ')),
        received.join('\n'),
      );
      for (const secret of secrets)
        assert.ok(!received.some((r) => r.includes(secret)), 'no cached secret reaches the other endpoint');
    });

    test('plain http:// to another machine is refused before anything is sent', async () => {
      const plain = await run(['--sso-session', 'corp', '--device', '--endpoint', 'http://sso.example.com']).done;
      assert.equal(plain.code, 2);
      assert.match(
        plain.stderr,
        /\nfrontline-sso login: The endpoint "http:\/\/sso\.example\.com" in --endpoint uses plain http:\/\/ to "sso\.example\.com", which is not this machine: sign-in tokens and signed requests would cross the network unencrypted\. http:\/\/ is accepted only for 127\.0\.0\.1, ::1 and localhost\./,
      );
      const apps = await runCli(['apps', '--region', 'us-east-1', '--endpoint', 'http://10.1.2.3:4599']).done;
      assert.equal(apps.code, 2);
      assert.match(apps.stderr, /uses plain http:\/\/ to "10\.1\.2\.3", which is not this machine/);
    });
  });
});
