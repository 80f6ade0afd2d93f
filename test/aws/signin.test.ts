import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { fromSSO } from '@aws-sdk/credential-providers';
import { IdentityCenter } from '../../src/aws/identityCenter';
import { readSsoConfig, targetOfProfile } from '../../src/aws/sso/sessions';
import { AccessPortal } from '../../src/aws/sso/portal';
import { SignInUi, accessToken, sessionStatus, signIn } from '../../src/aws/sso/signIn';
import { SignInTarget } from '../../src/aws/sso/cache';
import { EMULATOR_ENV, IdentityCenterEmulator } from '../../tools/emulator/server';
import { loadSeed } from '../../tools/emulator/seed';
import { FakeEndpoint, json } from './fakeEndpoint';
import { failure } from './helpers';
import { tempDir } from '../unit/helpers';

// The SDK's notice about Node versions stays out of the output; no static credentials, so profiles decide.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED =
  EMULATOR_ENV.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE', 'AWS_ENDPOINT_URL', 'AWS_REGION'])
  delete process.env[key];

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

describe('signing in to IAM Identity Center (against the emulator)', () => {
  const emulator = new IdentityCenterEmulator(loadSeed(), { pageSize: 2 });
  let endpoint = '';
  let home = '';
  let target: SignInTarget;
  const logged: string[] = [];

  /** A device-flow UI that approves the code through the emulator's control endpoint, as a user would in the browser. */
  const approvingUi = (extra: Partial<SignInUi> = {}): SignInUi & { opened: string[]; codes: string[] } => {
    const opened: string[] = [];
    const codes: string[] = [];
    return {
      flow: 'device',
      opened,
      codes,
      openBrowser: (url) => opened.push(url),
      showDeviceCode: ({ userCode }) => {
        codes.push(userCode);
        void fetch(`${endpoint}/__emulator/oidc/approve`, { method: 'POST', body: JSON.stringify({ userCode }) });
      },
      log: (line) => logged.push(line),
      ...extra,
    };
  };

  before(async () => {
    endpoint = await emulator.start();
    home = tempDir();
    process.env.HOME = home;
    process.env.USERPROFILE = home;
    mkdirSync(join(home, '.aws'));
    process.env.AWS_CONFIG_FILE = join(home, '.aws', 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(home, '.aws', 'credentials');
    writeFileSync(
      process.env.AWS_CONFIG_FILE,
      `# the team's sessions\n[sso-session corp]\nsso_start_url = ${endpoint}/start\nsso_region = us-east-1\n` +
        `sso_registration_scopes = sso:account:access\n\n[profile corp-admin]\nsso_session = corp\n` +
        `sso_account_id = 123456789012\nsso_role_name = AdministratorAccess\nregion = us-east-1\n\n` +
        `[profile legacy]\nsso_start_url = ${endpoint}/legacy\nsso_region = us-east-1\n` +
        `sso_account_id = 123456789012\nsso_role_name = ReadOnly\n`,
    );
    const config = await readSsoConfig();
    const found = targetOfProfile(config, 'corp-admin');
    assert.ok('target' in found, JSON.stringify(found));
    target = found.target;
  });
  after(() => emulator.stop());
  beforeEach(() => {
    logged.length = 0;
    emulator.switches = { ...emulator.switches, oidcAutoApprove: false, oidcDeviceCodeSeconds: 600, oidcInterval: 1 };
  });
  afterEach(() => {
    // Nothing secret in the log, whatever the test did.
    const cache = join(home, '.aws', 'sso', 'cache');
    for (const file of existsSync(cache) ? readdirSync(cache) : []) {
      const content = JSON.parse(readFileSync(join(cache, file), 'utf8')) as Record<string, unknown>;
      for (const key of ['accessToken', 'refreshToken', 'clientSecret'])
        if (typeof content[key] === 'string')
          assert.ok(!logged.some((l) => l.includes(content[key] as string)), `${key} is not logged`);
    }
  });

  test('the device flow writes the token where the AWS CLI and SDKs read it; the SDK signs sso-admin calls with it', async () => {
    const ui = approvingUi();
    const started = Date.now();
    const result = await signIn(target, { endpoint }, ui);
    const ended = Date.now();
    assert.match(ui.codes[0] ?? '', /^[A-Z]{4}-[A-Z]{4}$/);
    assert.deepEqual(ui.opened, [`${endpoint}/device?user_code=${ui.codes[0]}`]);
    assert.ok(!logged.some((l) => l.includes(ui.codes[0] as string)), 'the user code is not logged');
    assert.ok(logged.some((l) => /device authorization/.test(l)));

    // ~/.aws/sso/cache/<sha1 hex of the session name>.json, mode 0600, the AWS CLI's fields.
    const file = join(home, '.aws', 'sso', 'cache', `${sha1('corp')}.json`);
    assert.equal(result.cacheFile, file);
    if (process.platform !== 'win32') {
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.equal(statSync(join(home, '.aws', 'sso', 'cache')).mode & 0o777, 0o700);
    }
    const cached = JSON.parse(readFileSync(file, 'utf8'));
    assert.deepEqual(Object.keys(cached), [
      'startUrl',
      'region',
      'accessToken',
      'expiresAt',
      'clientId',
      'clientSecret',
      'registrationExpiresAt',
      'refreshToken',
      'issuingEndpoint',
    ]);
    // The endpoint that issued the token is recorded: its secrets go nowhere else.
    assert.equal(cached.issuingEndpoint, endpoint);
    assert.equal(cached.startUrl, `${endpoint}/start`);
    assert.equal(cached.region, 'us-east-1');
    assert.match(cached.expiresAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // The emulator's tokens live an hour from when they are issued (times are written to the second).
    const expires = Date.parse(cached.expiresAt);
    assert.ok(expires >= started + 3599_000 && expires <= ended + 3600_000, `expires at ${cached.expiresAt}`);
    assert.equal(result.expiresAt, cached.expiresAt);
    // No temporary file is left behind.
    assert.deepEqual(
      readdirSync(join(home, '.aws', 'sso', 'cache')).filter((f) => f.endsWith('.tmp')),
      [],
    );

    // The AWS SDK's own provider (not our code) reads the file and gets role credentials from the portal.
    process.env.AWS_ENDPOINT_URL_SSO = endpoint;
    try {
      const credentials = await fromSSO({ profile: 'corp-admin' })();
      assert.match(credentials.accessKeyId, /^ASIAEMU/);
      const used = emulator.oidc.stats.credentialsUsed;
      // And the tree's client, given the profile, lists instances with them.
      const api = new IdentityCenter({ profile: 'corp-admin', region: 'us-east-1', endpoint });
      try {
        assert.equal((await api.listInstances()).length, 1);
      } finally {
        api.dispose();
      }
      assert.ok(emulator.oidc.stats.credentialsUsed > used, 'sso-admin saw the role credentials');
    } finally {
      delete process.env.AWS_ENDPOINT_URL_SSO;
    }
  });

  test('the endpoint setting also routes the access portal: the tree needs no AWS_ENDPOINT_URL_SSO', async () => {
    await signIn(target, { endpoint }, approvingUi());
    const used = emulator.oidc.stats.credentialsUsed;
    const api = new IdentityCenter({ profile: 'corp-admin', region: 'us-east-1', endpoint });
    try {
      assert.equal((await api.listInstances()).length, 1);
    } finally {
      api.dispose();
    }
    assert.ok(emulator.oidc.stats.credentialsUsed > used);
  });

  test('the client registration is reused until it expires', async () => {
    await signIn(target, { endpoint }, approvingUi());
    const registered = emulator.stats.byOperation.RegisterClient ?? 0;
    await signIn(target, { endpoint }, approvingUi());
    assert.equal(emulator.stats.byOperation.RegisterClient ?? 0, registered);
    assert.ok(logged.some((l) => /Reusing the client registration/.test(l)));
  });

  /**
   * A browser sign-in the emulator approves at once: the browser follows the authorize page's redirect to
   * http://127.0.0.1:<port>/oauth/callback. `first` runs before that, with the listener's address.
   */
  const browserSignIn = async (first?: (redirectUri: string) => Promise<void>) => {
    emulator.switches.oidcAutoApprove = true;
    const visited: string[] = [];
    const result = await signIn(
      target,
      { endpoint },
      {
        flow: 'browser',
        log: (l) => logged.push(l),
        openBrowser: async (url: string) => {
          await first?.(new URL(url).searchParams.get('redirect_uri') ?? '');
          visited.push(url);
          const authorize = await fetch(url, { redirect: 'manual' });
          const location = authorize.headers.get('location') ?? '';
          visited.push(location);
          const page = await fetch(location);
          visited.push(`${page.status} ${await page.text()}`);
        },
      },
    );
    return { result, visited };
  };

  test('the browser flow (PKCE): the browser comes back to the loopback listener with the code', async () => {
    const { result, visited } = await browserSignIn();
    const authorize = new URL(visited[0] as string);
    assert.equal(`${authorize.origin}${authorize.pathname}`, `${endpoint}/authorize`);
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(authorize.searchParams.get('response_type'), 'code');
    assert.match(authorize.searchParams.get('redirect_uri') ?? '', /^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    assert.match(visited[1] as string, /^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback\?code=.+&state=/);
    assert.match(visited[2] as string, /^200 .*Signed in/s);
    assert.ok(logged.some((l) => /browser \(authorization code with PKCE\)/.test(l)));
    const cached = JSON.parse(readFileSync(result.cacheFile, 'utf8'));
    assert.ok(cached.accessToken && cached.refreshToken);
  });

  test('the browser flow: a callback with another state gets an error page, and the sign-in still completes', async () => {
    let stray = '';
    const { result, visited } = await browserSignIn(async (redirectUri) => {
      // A tab left from an earlier sign-in (or any local process) reaches the listener first.
      const early = await fetch(`${redirectUri}?code=stale-code&state=stale-state`);
      stray = `${early.status} ${await early.text()}`;
    });
    assert.match(stray, /^400 .*does not belong to the sign-in under way/s);
    assert.match(visited[2] as string, /^200 .*Signed in/s);
    assert.equal(result.flow, 'browser');
    assert.ok(JSON.parse(readFileSync(result.cacheFile, 'utf8')).refreshToken);
  });

  test('the browser flow: a denial in the browser ends the sign-in with a message', async () => {
    const problem = await failure(() =>
      signIn(
        target,
        { endpoint },
        {
          flow: 'browser',
          openBrowser: async (url: string) => {
            const form = await (await fetch(url)).text();
            const request = /name="request" value="([^"]+)"/.exec(form)?.[1] ?? '';
            const decided = await fetch(`${endpoint}/authorize/decide`, {
              method: 'POST',
              body: new URLSearchParams({ request, decision: 'deny' }),
              redirect: 'manual',
            });
            await fetch(decided.headers.get('location') ?? '');
          },
        },
      ),
    );
    assert.equal(problem.kind, 'sign-in-denied');
    assert.match(problem.message, /not completed in the browser \(access_denied\)/);
  });

  test('a denied device code, and one that expires unconfirmed, end with what to do', async () => {
    const denied = await failure(() =>
      signIn(
        target,
        { endpoint },
        {
          ...approvingUi(),
          showDeviceCode: ({ userCode }) =>
            void fetch(`${endpoint}/__emulator/oidc/approve`, {
              method: 'POST',
              body: JSON.stringify({ userCode, deny: true }),
            }),
        },
      ),
    );
    assert.equal(denied.kind, 'sign-in-denied');
    assert.match(denied.message, /denied in the browser/);

    emulator.switches.oidcDeviceCodeSeconds = 2;
    const expired = await failure(() =>
      signIn(target, { endpoint }, { ...approvingUi(), showDeviceCode: () => undefined }),
    );
    assert.equal(expired.kind, 'sign-in-code-expired');
    assert.match(expired.message, /expired before it was confirmed/);
    assert.ok(expired.ms < 4000, `gave up after ${expired.ms} ms`);
    assert.ok(logged.some((l) => /ended: The sign-in code expired/.test(l)));
  });

  test('a session close to expiry is renewed with its refresh token; a revoked one says to sign in again', async () => {
    const first = await signIn(target, { endpoint }, approvingUi());
    const before = JSON.parse(readFileSync(first.cacheFile, 'utf8'));
    // 55 minutes later the one-hour token is within the renewal window.
    const later = () => new Date(Date.parse(before.expiresAt) - 5 * 60_000);
    const status = await sessionStatus(target, { endpoint }, { now: later });
    assert.equal(status.state, 'signed-in');
    assert.equal(status.state === 'signed-in' && status.refreshed, true);
    const after = JSON.parse(readFileSync(first.cacheFile, 'utf8'));
    assert.notEqual(after.accessToken, before.accessToken);
    assert.notEqual(after.refreshToken, before.refreshToken);
    assert.equal(after.clientId, before.clientId);
    assert.ok(Date.parse(after.expiresAt) > Date.parse(before.expiresAt));

    await fetch(`${endpoint}/__emulator/oidc/revoke`, { method: 'POST' });
    const gone = await sessionStatus(target, { endpoint }, { now: () => new Date(Date.parse(after.expiresAt) + 1000) });
    assert.equal(gone.state, 'signed-out');
    assert.match(
      gone.state === 'signed-out' ? gone.message : '',
      /expired at .* could not be renewed: .*no longer be renewed/,
    );
  });

  test('cached secrets go only to the endpoint that issued them: another endpoint gets no request at all', async () => {
    const other = new FakeEndpoint();
    const received: string[] = [];
    other.behaviour = (req, res, body) => {
      received.push(`${req.method} ${req.url} ${JSON.stringify(req.headers)} ${body}`);
      json(400, { error: 'invalid_request' })(req, res, body, 0);
    };
    const otherUrl = await other.start();
    try {
      // Signed in at the emulator: its secrets are renewed there (also written with a trailing slash)...
      const first = await signIn(target, { endpoint }, approvingUi());
      const cached = JSON.parse(readFileSync(first.cacheFile, 'utf8'));
      const nearExpiry = () => new Date(Date.parse(cached.expiresAt) - 5 * 60_000);
      const renewed = await sessionStatus(target, { endpoint: `${endpoint}/` }, { now: nearExpiry });
      assert.equal(renewed.state === 'signed-in' && renewed.refreshed, true);
      // ...but not at another endpoint, and neither is a token `aws sso login` got from AWS's own endpoint.
      for (const issuer of ['emulator', 'aws']) {
        if (issuer === 'aws') {
          const { issuingEndpoint: _dropped, ...asAwsCliWritesIt } = JSON.parse(readFileSync(first.cacheFile, 'utf8'));
          writeFileSync(first.cacheFile, JSON.stringify(asAwsCliWritesIt));
        }
        const status = await sessionStatus(target, { endpoint: otherUrl }, { now: nearExpiry });
        assert.equal(status.state, 'signed-out', issuer);
        assert.equal(status.state === 'signed-out' && status.reason, 'other-endpoint');
        assert.match(
          status.state === 'signed-out' ? status.message : '',
          new RegExp(
            `^The sign-in to the sso-session corp was made at ${issuer === 'aws' ? "AWS's own endpoint" : `the endpoint "${endpoint}"`}, and its tokens go only there, not to "${otherUrl}" \\(frontlineSso\\.aws\\.endpoint\\)\\. Sign in again to use that endpoint, or clear frontlineSso\\.aws\\.endpoint in your user settings to use the sign-in you have\\.$`,
          ),
        );
        const portal = await failure(() => accessToken(target, { endpoint: otherUrl }));
        assert.equal(portal.kind, 'sso-expired');
        const api = new IdentityCenter({ profile: 'corp-admin', region: 'us-east-1', endpoint: otherUrl });
        try {
          const listing = await failure(() => api.listInstances());
          assert.match(listing.message, /its tokens go only there/);
        } finally {
          api.dispose();
        }
      }
      assert.deepEqual(received, [], 'no request at all');
      // The SDK's endpoint variables choose an endpoint too, and the same rule applies to them.
      process.env.AWS_ENDPOINT_URL_SSO_OIDC = otherUrl;
      try {
        const status = await sessionStatus(target, {}, { now: nearExpiry });
        assert.match(
          status.state === 'signed-out' ? status.message : '',
          /\(AWS_ENDPOINT_URL_SSO_OIDC\)\. .*unset AWS_ENDPOINT_URL_SSO_OIDC/,
        );
      } finally {
        delete process.env.AWS_ENDPOINT_URL_SSO_OIDC;
      }
      assert.deepEqual(received, []);
    } finally {
      await other.stop();
    }
  });

  test('the access portal lists accounts and roles across pages', async () => {
    await signIn(target, { endpoint }, approvingUi());
    const portal = new AccessPortal('us-east-1', { endpoint });
    try {
      const token = await accessToken(target, { endpoint });
      const accounts = await portal.listAccounts(token);
      assert.deepEqual(
        accounts.map((a) => `${a.accountName} ${a.accountId}`),
        ['acme-management 123456789012', 'acme-sandbox 345678901234', 'acme-support 210987654321'],
      );
      assert.deepEqual(await portal.listAccountRoles(token, '123456789012'), ['AdministratorAccess', 'ReadOnly']);
      const expired = await failure(() => portal.listAccounts('not-a-token'));
      assert.equal(expired.kind, 'sso-expired');
    } finally {
      portal.dispose();
    }
  });

  test('a legacy profile signs in under the sha1 of its start URL', async () => {
    const config = await readSsoConfig();
    const legacy = targetOfProfile(config, 'legacy');
    assert.ok('target' in legacy);
    // Asked for the browser flow, a legacy profile confirms a device code, as in the AWS CLI.
    const result = await signIn(legacy.target, { endpoint }, { ...approvingUi(), flow: 'browser' });
    assert.equal(result.flow, 'device');
    assert.equal(result.cacheFile, join(home, '.aws', 'sso', 'cache', `${sha1(`${endpoint}/legacy`)}.json`));
    // No scopes: no refresh token, as the AWS CLI's legacy sign-in.
    assert.equal(JSON.parse(readFileSync(result.cacheFile, 'utf8')).refreshToken, undefined);
  });

  test('the SDK endpoint variables are honoured without the setting', async () => {
    process.env.AWS_ENDPOINT_URL_SSO_OIDC = endpoint;
    try {
      const result = await signIn(target, {}, approvingUi());
      assert.ok(existsSync(result.cacheFile));
    } finally {
      delete process.env.AWS_ENDPOINT_URL_SSO_OIDC;
    }
    // sso-admin and identitystore (the tree), with static credentials so that only the endpoints are under test.
    Object.assign(process.env, EMULATOR_ENV, {
      AWS_ENDPOINT_URL_SSO_ADMIN: endpoint,
      AWS_ENDPOINT_URL_IDENTITYSTORE: endpoint,
    });
    const api = new IdentityCenter({ region: 'us-east-1' });
    try {
      const [instance] = await api.listInstances();
      const principal = await api.principal(instance!.identityStoreId, {
        principalType: 'USER',
        principalId: 'u-jane',
      });
      assert.equal(principal.displayName, 'Jane Doe');
    } finally {
      api.dispose();
      for (const key of [
        'AWS_ACCESS_KEY_ID',
        'AWS_SECRET_ACCESS_KEY',
        'AWS_ENDPOINT_URL_SSO_ADMIN',
        'AWS_ENDPOINT_URL_IDENTITYSTORE',
      ])
        delete process.env[key];
    }
  });

  test('an endpoint variable that is not http(s) is named in the message', async () => {
    process.env.AWS_ENDPOINT_URL = 'file:///etc/passwd';
    try {
      const problem = await failure(() => signIn(target, {}, approvingUi()));
      assert.equal(problem.kind, 'bad-settings');
      assert.match(problem.message, /in AWS_ENDPOINT_URL uses file:/);
    } finally {
      delete process.env.AWS_ENDPOINT_URL;
    }
  });
});

describe('sign-in endpoints as hostile input', () => {
  const fake = new FakeEndpoint();
  let endpoint = '';
  const target: SignInTarget = {
    sessionName: 'hostile',
    startUrl: 'https://example.awsapps.com/start',
    region: 'us-east-1',
    scopes: ['sso:account:access'],
  };
  before(async () => {
    endpoint = await fake.start();
    process.env.HOME = tempDir();
    process.env.USERPROFILE = process.env.HOME;
  });
  after(() => fake.stop());
  const ui: SignInUi = { flow: 'device', openBrowser: () => undefined };

  test('an endpoint that never answers gives up within the timeout, naming the setting', async () => {
    fake.behaviour = () => undefined;
    const problem = await failure(() => signIn(target, { endpoint, timeoutSeconds: 1 }, ui));
    assert.equal(problem.kind, 'timeout');
    assert.match(problem.message, /did not answer RegisterClient within 1 second\..*frontlineSso\.aws\.timeoutSeconds/);
    assert.ok(problem.ms < 1600, `gave up after ${problem.ms} ms`);
  });

  test('a captive portal page is reported as such', async () => {
    fake.behaviour = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>Sign in to the Wi-Fi</html>');
    };
    const problem = await failure(() => signIn(target, { endpoint, timeoutSeconds: 2 }, ui));
    assert.equal(problem.kind, 'bad-response');
    assert.match(problem.message, /answered RegisterClient with HTTP 200 and a "text\/html" page/);
  });

  test('a verification page that is not a web address is never opened', async () => {
    const opened: string[] = [];
    fake.behaviour = (req, res, _body) =>
      json(
        200,
        req.url === '/client/register'
          ? { clientId: 'c', clientSecret: 's', clientSecretExpiresAt: Math.floor(Date.now() / 1000) + 86_400 }
          : {
              deviceCode: 'd',
              userCode: 'ABCD-EFGH',
              verificationUri: 'javascript:alert(1)',
              expiresIn: 600,
              interval: 1,
            },
      )(req, res, _body, 0);
    const problem = await failure(() =>
      signIn(target, { endpoint, timeoutSeconds: 2 }, { flow: 'device', openBrowser: (u) => opened.push(u) }),
    );
    assert.equal(problem.kind, 'bad-response');
    assert.match(problem.message, /verificationUri is not an http\(s\) URL/);
    assert.deepEqual(opened, []);
  });
});
