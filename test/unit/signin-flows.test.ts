import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { isoSeconds, readCachedToken, tokenCacheFile, writeCachedToken } from '../../src/aws/sso/cache';
import { resolveCall } from '../../src/aws/sso/endpoints';
import { cliFlow, extensionFlow } from '../../src/aws/sso/flowChoice';
import { CallbackError, codeChallenge, pkcePair, randomState, startLoopback } from '../../src/aws/sso/pkce';
import { DeviceCodeExpiredError, PollAnswer, pollForToken } from '../../src/aws/sso/polling';
import { writeFileAtomic } from '../../src/io/atomicWrite';
import { expiryText } from '../../src/core/signin/signInExpiry';
import { startUrlProblem, suggestedSessionName } from '../../src/signin/names';
import { tempDir } from './helpers';

const POSIX = process.platform !== 'win32';

describe('the token cache the AWS CLI and SDKs share (docs/domain.md §5)', () => {
  let home = '';
  before(() => {
    home = tempDir();
    process.env.HOME = home;
    process.env.USERPROFILE = home;
  });

  test('the file is ~/.aws/sso/cache/<sha1 hex of the session name>, or of the start URL for legacy profiles', () => {
    // FIPS 180 test vector: SHA-1("abc").
    assert.equal(
      tokenCacheFile({ sessionName: 'abc', startUrl: 'https://ignored' }),
      join(home, '.aws', 'sso', 'cache', 'a9993e364706816aba3e25717850c26c9cd0d89d.json'),
    );
    const url = 'https://d-9067c0ffee.awsapps.com/start';
    assert.equal(
      tokenCacheFile({ startUrl: url }),
      join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(url).digest('hex')}.json`),
    );
  });

  test('written with the AWS CLI fields, mode 0600 whatever the umask, and read back', async () => {
    const file = tokenCacheFile({ sessionName: 'corp', startUrl: 'https://x' });
    const previous = process.umask(0);
    try {
      await writeCachedToken(file, {
        startUrl: 'https://corp.awsapps.com/start',
        region: 'us-east-1',
        accessToken: 'aoa-secret',
        expiresAt: isoSeconds(new Date('2030-01-02T03:04:05.678Z')),
        clientId: 'client',
        clientSecret: 'secret',
        registrationExpiresAt: '2030-03-01T00:00:00Z',
        refreshToken: undefined,
      });
    } finally {
      process.umask(previous);
    }
    if (POSIX) {
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.equal(statSync(join(home, '.aws', 'sso', 'cache')).mode & 0o777, 0o700);
    }
    const text = readFileSync(file, 'utf8');
    assert.deepEqual(JSON.parse(text), {
      startUrl: 'https://corp.awsapps.com/start',
      region: 'us-east-1',
      accessToken: 'aoa-secret',
      expiresAt: '2030-01-02T03:04:05Z',
      clientId: 'client',
      clientSecret: 'secret',
      registrationExpiresAt: '2030-03-01T00:00:00Z',
    });
    const read = await readCachedToken(file);
    assert.equal(read.state, 'ok');
    assert.equal(read.state === 'ok' && read.value.expiresAt, '2030-01-02T03:04:05Z');

    // A token file another tool left readable by others is made private again when rewritten.
    if (POSIX) {
      chmodSync(file, 0o644);
      await writeCachedToken(file, { accessToken: 'new', expiresAt: '2030-01-01T00:00:00Z' });
      assert.equal(statSync(file).mode & 0o777, 0o600);
    }
    assert.deepEqual(
      readdirSync(join(home, '.aws', 'sso', 'cache')).filter((f) => f.endsWith('.tmp')),
      [],
    );
  });

  test('a damaged or hostile cache file is reported, not trusted', async () => {
    const dir = tempDir();
    const cases: Array<[string, string | Buffer, RegExp]> = [
      ['not-json.json', '{"accessToken": ', /is not JSON/],
      ['array.json', '[]', /does not hold a JSON object/],
      ['no-token.json', '{"expiresAt": "2030-01-01T00:00:00Z"}', /has no accessToken/],
      ['bad-date.json', '{"accessToken": "x", "expiresAt": "tomorrow"}', /has no valid expiresAt/],
      ['huge.json', Buffer.alloc(200 * 1024, 0x20), /files over 64 KB are not read/],
    ];
    for (const [name, content, message] of cases) {
      writeFileSync(join(dir, name), content);
      const read = await readCachedToken(join(dir, name));
      assert.equal(read.state, 'unreadable', name);
      assert.match(read.state === 'unreadable' ? read.message : '', message, name);
    }
    assert.equal((await readCachedToken(join(dir, 'absent.json'))).state, 'missing');
    if (POSIX) {
      execFileSync('mkfifo', [join(dir, 'fifo.json')]);
      const started = Date.now();
      const read = await readCachedToken(join(dir, 'fifo.json'));
      assert.equal(read.state, 'unreadable');
      assert.ok(Date.now() - started < 1000, 'a FIFO does not block the read');
    }
  });

  test('an atomic write follows a link (a config kept in a dotfiles folder stays a link) and can keep the mode', async () => {
    if (!POSIX) return;
    const dir = tempDir();
    mkdirSync(join(dir, 'dotfiles'));
    writeFileSync(join(dir, 'dotfiles', 'config'), 'old\n');
    chmodSync(join(dir, 'dotfiles', 'config'), 0o640);
    symlinkSync(join(dir, 'dotfiles', 'config'), join(dir, 'config'));
    await writeFileAtomic(join(dir, 'config'), 'new\n', { mode: 0o600, keepMode: true });
    assert.ok(lstatSync(join(dir, 'config')).isSymbolicLink());
    assert.equal(readlinkSync(join(dir, 'config')), join(dir, 'dotfiles', 'config'));
    assert.equal(readFileSync(join(dir, 'dotfiles', 'config'), 'utf8'), 'new\n');
    assert.equal(statSync(join(dir, 'dotfiles', 'config')).mode & 0o777, 0o640);
  });
});

describe('the browser flow: PKCE and the loopback listener (RFC 7636, RFC 8252)', () => {
  /** A GET to the listener, as the browser makes it; resolves with the status and page, or the connection error. */
  const get = (url: string) =>
    new Promise<{ status: number; body: string } | { error: string }>((resolve) => {
      const req = request(url, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
      req.end();
    });

  test('S256 matches RFC 7636 appendix B, and verifiers are 43–128 unreserved characters', () => {
    assert.equal(
      codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'),
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
    const { verifier, challenge } = pkcePair();
    assert.match(verifier, /^[A-Za-z0-9\-._~]{43,128}$/);
    assert.equal(challenge, codeChallenge(verifier));
    assert.notEqual(pkcePair().verifier, verifier);
    assert.notEqual(randomState(), randomState());
  });

  test('the right state gives the code; the listener then closes (one callback only)', async () => {
    const state = randomState();
    const listener = await startLoopback({ state, timeoutMs: 5000 });
    assert.match(listener.redirectUri, /^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    // Other paths (the browser's favicon) are not the callback.
    const favicon = await get(listener.redirectUri.replace('/oauth/callback', '/favicon.ico'));
    assert.equal('status' in favicon && favicon.status, 404);
    const page = await get(`${listener.redirectUri}?code=the-code&state=${state}`);
    assert.equal('status' in page && page.status, 200);
    assert.match('body' in page ? page.body : '', /Signed in/);
    assert.equal(await listener.code, 'the-code');
    await new Promise((r) => setTimeout(r, 300));
    const again = await get(`${listener.redirectUri}?code=other&state=${state}`);
    assert.deepEqual(again, { error: 'ECONNREFUSED' });
  });

  test('a callback with another state gets an error page and does not end the sign-in: the right one still counts', async () => {
    const state = randomState();
    const listener = await startLoopback({ state, timeoutMs: 5000 });
    let settled = false;
    void listener.code.then(
      () => (settled = true),
      () => (settled = true),
    );
    // A stale tab, or any local process, comes first: with another state, and with none.
    for (const query of [
      `code=stolen&state=${randomState()}`,
      'code=x',
      `error=access_denied&state=${randomState()}`,
    ]) {
      const page = await get(`${listener.redirectUri}?${query}`);
      assert.equal('status' in page && page.status, 400, query);
      assert.match('body' in page ? page.body : '', /does not belong to the sign-in under way/);
    }
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(settled, false, 'the sign-in is still waiting');
    const page = await get(`${listener.redirectUri}?code=the-code&state=${state}`);
    assert.equal('status' in page && page.status, 200);
    assert.equal(await listener.code, 'the-code');
  });

  test('callbacks with another state do not keep the listener past its time-out', async () => {
    const started = Date.now();
    const listener = await startLoopback({ state: randomState(), timeoutMs: 400 });
    await get(`${listener.redirectUri}?code=stolen&state=${randomState()}`);
    await assert.rejects(listener.code, (err: unknown) => err instanceof CallbackError && err.reason === 'timeout');
    const waited = Date.now() - started;
    assert.ok(waited >= 390 && waited < 1500, `gave up after ${waited} ms`);
  });

  test('a denial in the browser is reported with its reason', async () => {
    const state = randomState();
    const listener = await startLoopback({ state, timeoutMs: 5000 });
    await get(`${listener.redirectUri}?error=access_denied&error_description=User%20said%20no&state=${state}`);
    await assert.rejects(listener.code, /not completed in the browser \(access_denied: User said no\)/);
  });

  test('the listener is bounded in time and can be cancelled', async () => {
    const started = Date.now();
    const slow = await startLoopback({ state: 's', timeoutMs: 300 });
    await assert.rejects(slow.code, (err: unknown) => err instanceof CallbackError && err.reason === 'timeout');
    const waited = Date.now() - started;
    assert.ok(waited >= 290 && waited < 1500, `gave up after ${waited} ms`);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(await get(slow.redirectUri), { error: 'ECONNREFUSED' });

    const controller = new AbortController();
    const cancelled = await startLoopback({ state: 's', timeoutMs: 60_000, signal: controller.signal });
    controller.abort();
    await assert.rejects(cancelled.code, { name: 'AbortError' });
  });
});

describe('device authorization: polling CreateToken (RFC 8628 §3.4–3.5)', () => {
  /** A fake clock: sleeping advances it, so the test takes no time. */
  const clock = () => {
    let now = 0;
    const waits: number[] = [];
    return {
      waits,
      now: () => now,
      sleep: async (ms: number) => {
        waits.push(ms);
        now += ms;
      },
    };
  };
  const answers = <T>(...list: Array<PollAnswer<T>>) => {
    let polls = 0;
    return {
      polls: () => polls,
      poll: async () => list[Math.min(polls++, list.length - 1)] as PollAnswer<T>,
    };
  };

  test('waits the interval before each poll, and returns the token', async () => {
    const c = clock();
    const a = answers<string>({ kind: 'pending' }, { kind: 'pending' }, { kind: 'token', token: 'T' });
    assert.equal(await pollForToken(a.poll, { intervalSeconds: 2, expiresInSeconds: 600, ...c }), 'T');
    assert.deepEqual(c.waits, [2000, 2000, 2000]);
  });

  test('slow_down adds 5 seconds to every later wait', async () => {
    const c = clock();
    const a = answers<string>(
      { kind: 'slow-down' },
      { kind: 'pending' },
      { kind: 'slow-down' },
      { kind: 'token', token: 'T' },
    );
    await pollForToken(a.poll, { intervalSeconds: 1, expiresInSeconds: 600, ...c });
    assert.deepEqual(c.waits, [1000, 6000, 6000, 11000]);
  });

  test('an absent interval means 5 seconds; an absurd one is bounded to a minute', async () => {
    const c = clock();
    await pollForToken(answers<string>({ kind: 'token', token: 'T' }).poll, {
      intervalSeconds: undefined,
      expiresInSeconds: 600,
      ...c,
    });
    const d = clock();
    await pollForToken(answers<string>({ kind: 'token', token: 'T' }).poll, {
      intervalSeconds: 86_400,
      expiresInSeconds: 600,
      ...d,
    });
    assert.deepEqual([c.waits, d.waits], [[5000], [60_000]]);
  });

  test('stops when the device code expires, without polling after it', async () => {
    const c = clock();
    const a = answers<string>({ kind: 'pending' });
    await assert.rejects(
      pollForToken(a.poll, { intervalSeconds: 1, expiresInSeconds: 3, ...c }),
      (err: unknown) => err instanceof DeviceCodeExpiredError,
    );
    assert.equal(a.polls(), 3);
    assert.ok(c.now() <= 3000);
  });

  test('cancelling stops the wait at once', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const polling = pollForToken(answers<string>({ kind: 'pending' }).poll, {
      intervalSeconds: 30,
      expiresInSeconds: 600,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(polling, { name: 'AbortError' });
    assert.ok(Date.now() - started < 1000);
  });
});

describe('which flow, where (docs/domain.md §5)', () => {
  test('VS Code: the browser flow on the desktop, a device code in remote windows and on the web', () => {
    assert.equal(extensionFlow({ uiKind: 'desktop', remoteName: undefined }, 'auto').flow, 'browser');
    assert.equal(extensionFlow({ uiKind: 'desktop', remoteName: 'ssh-remote' }, 'auto').flow, 'device');
    assert.equal(extensionFlow({ uiKind: 'desktop', remoteName: 'wsl' }, undefined).flow, 'device');
    assert.equal(extensionFlow({ uiKind: 'web', remoteName: undefined }, 'auto').flow, 'device');
    assert.equal(extensionFlow({ uiKind: 'web', remoteName: undefined }, 'browser').flow, 'browser');
    assert.equal(extensionFlow({ uiKind: 'desktop', remoteName: undefined }, 'device').flow, 'device');
  });

  test('the CLI: the browser flow unless --device, SSH, a Codespace or no display', () => {
    assert.equal(cliFlow({ DISPLAY: ':0' }, 'linux', false).flow, 'browser');
    assert.equal(cliFlow({}, 'darwin', false).flow, 'browser');
    assert.equal(cliFlow({}, 'win32', false).flow, 'browser');
    assert.equal(cliFlow({ DISPLAY: ':0' }, 'linux', true).reason, '--device');
    assert.match(cliFlow({ SSH_CONNECTION: '1 2 3 4' }, 'darwin', false).reason, /SSH/);
    assert.match(cliFlow({}, 'linux', false).reason, /no display/);
    assert.equal(cliFlow({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux', false).flow, 'browser');
  });
});

describe('where sign-in calls go: the setting, then the SDK variables', () => {
  test('setting, AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, or AWS itself', () => {
    const env = { AWS_ENDPOINT_URL_SSO_OIDC: 'http://127.0.0.1:1', AWS_ENDPOINT_URL: 'http://127.0.0.1:2' };
    assert.equal(
      resolveCall({ endpoint: 'http://127.0.0.1:3', env }, 'SSO_OIDC', 'us-east-1').endpoint,
      'http://127.0.0.1:3',
    );
    assert.equal(resolveCall({ env }, 'SSO_OIDC', 'us-east-1').endpoint, 'http://127.0.0.1:1');
    assert.equal(resolveCall({ env }, 'SSO', 'us-east-1').endpoint, 'http://127.0.0.1:2');
    assert.equal(resolveCall({ env: {} }, 'SSO', 'us-east-1').endpoint, undefined);
    assert.equal(
      resolveCall({ env: { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' } }, 'SSO_OIDC', 'us-east-1').endpoint,
      undefined,
    );
    assert.equal(resolveCall({ env, timeoutSeconds: 3 }, 'SSO', 'us-east-1').timeoutMs, 3000);
  });

  test('a bad endpoint, Region or timeout names where it came from', () => {
    assert.throws(
      () => resolveCall({ env: { AWS_ENDPOINT_URL_SSO: 'ftp://x' } }, 'SSO', 'us-east-1'),
      /in AWS_ENDPOINT_URL_SSO uses ftp:/,
    );
    assert.throws(
      () => resolveCall({ endpoint: 'nope', origin: 'cli', env: {} }, 'SSO', 'us-east-1'),
      /in --endpoint is not a URL/,
    );
    assert.throws(() => resolveCall({ env: {} }, 'SSO', 'mars-1'), /not an AWS Region name/);
    assert.throws(
      () => resolveCall({ env: {}, timeoutSeconds: 0 }, 'SSO', 'us-east-1'),
      /frontlineSso\.aws\.timeoutSeconds/,
    );
  });
});

describe('adding a session: what the user types', () => {
  test('start URLs: https only (http for the local emulator), and a name is suggested from the host', () => {
    assert.equal(startUrlProblem('https://my-company.awsapps.com/start'), undefined);
    assert.equal(startUrlProblem(' https://d-9067c0ffee.awsapps.com/start/# '), undefined);
    assert.equal(startUrlProblem('http://127.0.0.1:4599/start'), undefined);
    assert.match(startUrlProblem('http://my-company.awsapps.com/start') ?? '', /must use https/);
    assert.match(startUrlProblem('my-company.awsapps.com') ?? '', /not a URL/);
    assert.match(startUrlProblem('') ?? '', /Paste the AWS access portal URL/);
    assert.equal(suggestedSessionName('https://my-company.awsapps.com/start', []), 'my-company');
    assert.equal(suggestedSessionName('https://my-company.awsapps.com/start', ['my-company']), 'my-company-2');
    assert.equal(suggestedSessionName('http://127.0.0.1:4599/start', []), 'sso');
  });

  test('until when: the time today, the weekday this week, the date later; past times are "expired at"', () => {
    const now = new Date(2030, 0, 7, 9, 0); // a Monday
    assert.equal(expiryText(new Date(2030, 0, 7, 17, 42).toISOString(), now), 'until 17:42');
    assert.equal(expiryText(new Date(2030, 0, 8, 8, 5).toISOString(), now), 'until Tue 08:05');
    assert.equal(expiryText(new Date(2030, 1, 1, 8, 5).toISOString(), now), 'until 2030-02-01 08:05');
    assert.equal(expiryText(new Date(2030, 0, 7, 7, 30).toISOString(), now), 'expired at 07:30');
  });
});
