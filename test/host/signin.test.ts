import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListInstancesCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { fromSSO } from '@aws-sdk/credential-providers';
import * as vscode from 'vscode';
import { IdentityCenterEmulator } from '../../tools/emulator/server';
import { loadSeed } from '../../tools/emulator/seed';
import { FakeEndpoint } from '../aws/fakeEndpoint';
import { api, noticeAfter, reportAfter, waitFor, workspaceUri } from './helpers';

interface Node {
  kind: string;
  instance?: { instanceArn: string };
  signIn?: { status: { state: string } };
}

interface Tree {
  provider: vscode.TreeDataProvider<Node> & { refresh(): void };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const SAVED = [
  'HOME',
  'USERPROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_PROFILE',
  'AWS_ENDPOINT_URL_SSO',
];

describe('Signing in to IAM Identity Center (against the emulator)', () => {
  const emulator = new IdentityCenterEmulator(loadSeed(), { pageSize: 2 });
  const config = () => vscode.workspace.getConfiguration('frontlineSso');
  const saved: Record<string, string | undefined> = {};
  let endpoint = '';
  let home = '';
  let configFile = '';
  let cacheFile = '';
  let provider: Tree['provider'];
  let originalConfig = '';

  const root = async () => {
    const [node] = (await provider.getChildren(undefined)) ?? [];
    assert.ok(node, 'a top node');
    return { node, item: await provider.getTreeItem(node) };
  };

  /** A token as the AWS CLI gets one: the OIDC device flow against the emulator, not the extension's code. */
  const cliToken = async () => {
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${endpoint}${path}`, { method: 'POST', body: JSON.stringify(body) });
      return (await res.json()) as Record<string, string & number>;
    };
    const client = await post('/client/register', {
      clientName: 'botocore-client-corp',
      clientType: 'public',
      scopes: ['sso:account:access'],
    });
    const device = await post('/device_authorization', { ...client, startUrl: `${endpoint}/start` });
    await post('/__emulator/oidc/approve', { userCode: device.userCode });
    await sleep(1100);
    const token = await post('/token', {
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      grantType: 'urn:ietf:params:oauth:grant-type:device_code',
      deviceCode: device.deviceCode,
    });
    assert.ok(token.accessToken, JSON.stringify(token));
    return { client, token };
  };

  before(async () => {
    for (const key of SAVED) saved[key] = process.env[key];
    endpoint = await emulator.start();
    home = mkdtempSync(join(tmpdir(), 'frontline-sso-home-'));
    mkdirSync(join(home, '.aws'));
    configFile = join(home, '.aws', 'config');
    cacheFile = join(home, '.aws', 'sso', 'cache', `${sha1('corp')}.json`);
    originalConfig =
      `# Team AWS config: keep these comments\n[sso-session corp]\nsso_start_url = ${endpoint}/start\n` +
      `sso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n[profile corp-admin]\n` +
      `sso_session = corp\nsso_account_id = 123456789012\nsso_role_name = AdministratorAccess\n` +
      `region   =   us-east-1   ; where Identity Center lives\n`;
    writeFileSync(configFile, originalConfig);
    // The extension runs in this process: this is the home folder, and the profile, it sees.
    Object.assign(process.env, {
      HOME: home,
      USERPROFILE: home,
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    });
    for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE', 'AWS_ENDPOINT_URL_SSO'])
      delete process.env[key];
    await config().update('aws.endpoint', endpoint, vscode.ConfigurationTarget.Global);
    await config().update('aws.region', 'us-east-1', vscode.ConfigurationTarget.Global);
    await config().update('aws.profile', 'corp-admin', vscode.ConfigurationTarget.Global);
    provider = ((await api()).tree as unknown as Tree).provider;
  });

  after(async () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await config().update('aws.endpoint', undefined, vscode.ConfigurationTarget.Global);
    await config().update('aws.region', undefined, vscode.ConfigurationTarget.Global);
    await config().update('aws.profile', undefined, vscode.ConfigurationTarget.Global);
    await emulator.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('without a sign-in, and with an expired one, the top node is "Sign in"', async () => {
    provider.refresh();
    const missing = await root();
    assert.equal(missing.item.label, 'Sign in');
    assert.equal(missing.item.description, 'corp: not signed in');
    assert.equal(missing.item.collapsibleState, vscode.TreeItemCollapsibleState.None);
    assert.equal(missing.item.command?.command, 'frontlineSso.apps.signIn');

    // A token the AWS CLI left behind an hour ago, without a refresh token.
    mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
    writeFileSync(
      cacheFile,
      JSON.stringify({
        startUrl: `${endpoint}/start`,
        region: 'us-east-1',
        accessToken: 'expired-token',
        expiresAt: new Date(Date.now() - 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      }),
    );
    provider.refresh();
    const expired = await root();
    assert.equal(expired.item.label, 'Sign in');
    assert.match(String(expired.item.description), /^corp: expired at \d\d:\d\d$/);
    assert.match(
      String(expired.item.accessibilityInformation?.label),
      /^Sign in\. The sign-in to the sso-session corp expired at/,
    );
  });

  it('signs in from the "Sign in" node with a device code; the tree then lists with the session', async () => {
    provider.refresh();
    const { node } = await root();
    let signedIn: Thenable<unknown> | undefined;
    const notice = await noticeAfter('info', /confirm the code [A-Z]{4}-[A-Z]{4}/, async () => {
      signedIn = vscode.commands.executeCommand('frontlineSso.apps.signIn', node);
    });
    const userCode = /code ([A-Z]{4}-[A-Z]{4})/.exec(notice)?.[1];
    assert.match(
      notice,
      new RegExp(`^To sign in to corp, confirm the code ${userCode} in the browser \\(${endpoint}/device\\)\\.$`),
    );
    // The user confirms the code in the browser.
    const approved = await fetch(`${endpoint}/__emulator/oidc/approve`, {
      method: 'POST',
      body: JSON.stringify({ userCode }),
    });
    assert.equal(approved.status, 200);
    const result = (await signedIn) as { ssoSession: string; expiresAt: string; cacheFile: string };
    assert.equal(result.ssoSession, 'corp');
    assert.equal(result.cacheFile, cacheFile);
    await waitFor('the success message', async () =>
      (await api()).notices().some((n) => n.level === 'info' && /^Signed in to corp until \d\d:\d\d\./.test(n.message)),
    );

    const cached = JSON.parse(readFileSync(cacheFile, 'utf8'));
    assert.equal(cached.expiresAt, result.expiresAt);
    assert.ok(cached.refreshToken && cached.clientId && cached.clientSecret);
    if (process.platform !== 'win32') assert.equal(statSync(cacheFile).mode & 0o777, 0o600);

    // The tree was refreshed by the sign-in: who is signed in, and until when; its lists use the session.
    const used = emulator.oidc.stats.credentialsUsed;
    const signed = await waitFor('the signed-in top node', async () => {
      const r = await root();
      return r.item.label === 'Profile corp-admin' ? r : undefined;
    });
    assert.match(String(signed.item.description), /^AdministratorAccess in 123456789012 · signed in until \d\d:\d\d$/);
    const [instance] = (await provider.getChildren(signed.node)) ?? [];
    assert.equal(instance?.kind, 'instance', JSON.stringify(instance));
    assert.ok(emulator.oidc.stats.credentialsUsed > used, 'sso-admin was called with the role credentials');
  });

  it("the cache file is read by the AWS SDK's own fromSSO, and its credentials sign an sso-admin call", async () => {
    process.env.AWS_ENDPOINT_URL_SSO = endpoint;
    // Resolved here, not counted at the emulator: the tree may sign requests of its own meanwhile.
    let credentials;
    try {
      credentials = await fromSSO({ profile: 'corp-admin' })();
    } finally {
      delete process.env.AWS_ENDPOINT_URL_SSO;
    }
    assert.match(credentials.accessKeyId, /^ASIAEMU/, 'role credentials from GetRoleCredentials');
    // The emulator refuses an ASIAEMU key it did not issue or whose session token does not match.
    const client = new SSOAdminClient({ region: 'us-east-1', endpoint, credentials });
    try {
      const out = await client.send(new ListInstancesCommand({}));
      assert.equal(out.Instances?.length, 1);
    } finally {
      client.destroy();
    }
  });

  it('a session written to the cache in a terminal is picked up without a reload, if the endpoint in use issued it', async () => {
    rmSync(cacheFile);
    provider.refresh();
    assert.equal((await root()).item.label, 'Sign in');
    const { client, token } = await cliToken();
    // As `aws sso login` writes it: nothing says which endpoint issued it, so it counts as AWS's own, and its tokens
    // are not sent to the endpoint in use (the emulator).
    const asAwsCliWritesIt = {
      startUrl: `${endpoint}/start`,
      region: 'us-east-1',
      accessToken: token.accessToken,
      expiresAt: new Date(Date.now() + Number(token.expiresIn) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      registrationExpiresAt: new Date(Number(client.clientSecretExpiresAt) * 1000).toISOString(),
      refreshToken: token.refreshToken,
    };
    writeFileSync(cacheFile, JSON.stringify(asAwsCliWritesIt));
    const elsewhere = await waitFor('the top node to notice the file', async () => {
      const r = await root();
      return r.item.description === 'corp: signed in at another endpoint' ? r : undefined;
    });
    assert.equal(elsewhere.item.label, 'Sign in');
    assert.match(
      String(elsewhere.item.accessibilityInformation?.label),
      /The sign-in to the sso-session corp was made at AWS's own endpoint, and its tokens go only there/,
    );
    // As `frontline-sso login --endpoint` writes it: the emulator issued it. No refresh: the tree notices by itself.
    writeFileSync(cacheFile, JSON.stringify({ ...asAwsCliWritesIt, issuingEndpoint: endpoint }));
    const signed = await waitFor('the top node to notice the sign-in', async () => {
      const r = await root();
      return r.item.label === 'Profile corp-admin' ? r : undefined;
    });
    const [instance] = (await provider.getChildren(signed.node)) ?? [];
    assert.equal(instance?.kind, 'instance');
  });

  it('Choose Account and Role shows the exact lines, then writes only its sections and uses the profile', async () => {
    let chosen: Thenable<unknown> | undefined;
    const preview = await reportAfter(/AWS config preview\.ini/, async () => {
      chosen = vscode.commands.executeCommand('frontlineSso.chooseAccountRole', {
        ssoSession: 'corp',
        accountId: '210987654321',
        roleName: 'SupportReadOnly',
        profileName: 'support',
        region: 'eu-west-1',
      });
    });
    const block =
      '[profile support]\nsso_session = corp\nsso_account_id = 210987654321\nsso_role_name = SupportReadOnly\nregion = eu-west-1\n';
    assert.ok(preview.getText().includes(block), preview.getText());
    assert.match(preview.getText(), /# \[sso-session corp\]: already as shown, unchanged/);
    // "Write, and use profile support in the sidebar" is the first choice.
    await sleep(700);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const result = (await chosen) as { profile: string; written: boolean };
    assert.deepEqual(
      { ...result, configFile: undefined },
      { profile: 'support', configFile: undefined, written: true },
    );
    const written = readFileSync(configFile, 'utf8');
    assert.equal(written, `${originalConfig}\n${block}`);
    await waitFor('the sidebar profile', () => config().get('aws.profile') === 'support');
    await config().update('aws.profile', 'corp-admin', vscode.ConfigurationTarget.Global);
  });
  it("a workspace's endpoint setting is never used: the sidebar renews the sign-in at the user's own endpoint only", async () => {
    // What a cloned repository could carry: an endpoint of its own, where the renewal would send the refresh token and
    // the client secret. It records every request.
    const planted = new FakeEndpoint();
    const received: string[] = [];
    planted.behaviour = (req, res, body) => {
      received.push(`${req.method} ${req.url} ${body}`);
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end('{"error":"invalid_request"}');
    };
    const plantedUrl = await planted.start();
    const settingsFile = workspaceUri('.vscode', 'settings.json').fsPath;
    try {
      // A sign-in at the user's endpoint (the emulator) that is five minutes from expiry, so the sidebar renews it.
      const { client, token } = await cliToken();
      const nearExpiry = {
        startUrl: `${endpoint}/start`,
        region: 'us-east-1',
        accessToken: token.accessToken,
        expiresAt: new Date(Date.now() + 5 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        registrationExpiresAt: new Date(Number(client.clientSecretExpiresAt) * 1000).toISOString(),
        refreshToken: token.refreshToken,
        issuingEndpoint: endpoint,
      };
      mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
      writeFileSync(cacheFile, JSON.stringify(nearExpiry));
      mkdirSync(workspaceUri('.vscode').fsPath, { recursive: true });
      writeFileSync(
        settingsFile,
        JSON.stringify({ 'frontlineSso.aws.endpoint': plantedUrl, 'frontlineSso.signIn.flow': 'device' }),
      );
      // The other setting proves the file was read.
      await waitFor('the workspace settings to load', () => config().get<string>('signIn.flow') === 'device');

      // The sidebar loads: its top node reads the sign-in, and renews it because it is close to expiry.
      provider.refresh();
      const signed = await root();
      await provider.getChildren(signed.node);
      assert.deepEqual(received, [], 'the workspace endpoint got no request at all');
      // The renewal went to the user's own endpoint, which issued the sign-in.
      assert.equal(config().get<string>('aws.endpoint'), endpoint);
      const renewed = JSON.parse(readFileSync(cacheFile, 'utf8')) as typeof nearExpiry;
      assert.notEqual(renewed.accessToken, nearExpiry.accessToken);
      assert.ok(Date.parse(renewed.expiresAt) > Date.parse(nearExpiry.expiresAt));
      assert.equal(renewed.issuingEndpoint, endpoint);
      assert.equal(signed.item.label, 'Profile corp-admin');
    } finally {
      rmSync(workspaceUri('.vscode').fsPath, { recursive: true, force: true });
      await waitFor('the workspace settings to unload', () => config().get<string>('signIn.flow') === 'auto');
      await planted.stop();
    }
  });
});
