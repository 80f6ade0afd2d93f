import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EMULATOR_ENV, IdentityCenterEmulator } from '../../tools/emulator/server';
import { linkingConfig, loadSeed } from '../../tools/emulator/seed';
import { lintText } from '../../src/core/lint';
import { FakeEndpoint } from '../aws/fakeEndpoint';
import { EXTENSION_ID, api, reportAfter, waitFor, workspaceUri } from './helpers';

interface Node {
  kind: string;
  app?: { name: string; applicationArn: string };
  displayName?: string;
  exists?: boolean;
  problem?: { kind: string; message: string; action?: string };
  label?: string;
  value?: string;
}

interface Tree {
  provider: vscode.TreeDataProvider<Node> & { refresh(): void };
  view: vscode.TreeView<Node>;
  configScans(): number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const FRONTLINE_ARN = 'arn:aws:sso::123456789012:application/ssoins-0123456789abcdef/apl-0123456789abcdef';

describe('Identity Center tree (against the emulator)', () => {
  const emulator = new IdentityCenterEmulator(loadSeed(), { pageSize: 2 });
  const config = () => vscode.workspace.getConfiguration('frontlineSso');
  let tree: Tree;
  let provider: Tree['provider'];
  let endpoint = '';

  before(async () => {
    // The extension runs in this process, so these are the credentials its SDK clients find.
    Object.assign(process.env, EMULATOR_ENV);
    // The emulator's live metadata publishes the workspace certificate (made anew for each run).
    emulator.switches.metadataActiveCertificate = readFileSync(workspaceUri('aws-idc.pem').fsPath, 'utf8');
    endpoint = await emulator.start();
    await config().update('aws.endpoint', endpoint, vscode.ConfigurationTarget.Global);
    await config().update('aws.region', 'us-east-1', vscode.ConfigurationTarget.Global);
    tree = (await api()).tree as unknown as Tree;
    provider = tree.provider;
  });

  after(async () => {
    await config().update('aws.endpoint', undefined, vscode.ConfigurationTarget.Global);
    await config().update('aws.region', undefined, vscode.ConfigurationTarget.Global);
    await config().update('aws.timeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    await emulator.stop();
  });

  const children = async (node?: Node) => (await provider.getChildren(node)) ?? [];
  const applications = async () => {
    const [connection] = await children();
    const [instance] = await children(connection);
    return children(instance);
  };

  it('searches the workspace for config files only once the view is shown, then when a config changes', async () => {
    // Activation and the suites before this one never showed the view: no search, not even after a config changes.
    assert.equal(tree.configScans(), 0);
    const configUri = workspaceUri('frontline-sso.json');
    const original = await vscode.workspace.fs.readFile(configUri);
    await vscode.workspace.fs.writeFile(configUri, original);
    const otherUri = workspaceUri('notes.txt');
    await vscode.workspace.fs.writeFile(otherUri, Buffer.from('not a config'));
    await sleep(800);
    assert.equal(tree.configScans(), 0, 'no search before the view is shown');

    await vscode.commands.executeCommand('frontlineSso.applications.focus');
    await waitFor('the view to be visible', () => tree.view.visible);
    await waitFor('the first search', () => tree.configScans() === 1);

    await vscode.workspace.fs.writeFile(otherUri, Buffer.from('still not a config'));
    await sleep(800);
    assert.equal(tree.configScans(), 1, 'a file that is not a config starts no search');
    await vscode.workspace.fs.writeFile(configUri, original);
    await waitFor('a search after the config changed', () => tree.configScans() === 2);
    await vscode.workspace.fs.delete(otherUri);
  });

  it('expands profile → instance → applications → details and assignments', async () => {
    provider.refresh();
    const apps = await applications();
    // Linked or likely Frontline first, then custom SAML, then the rest (the emulator's seed has Flex, GitHub and a
    // custom SAML application besides Frontline since issue 26).
    assert.deepEqual(
      apps.map((a) => a.app?.name),
      ['Twilio-Frontline', 'Flex-contact-center', 'GitHub-octo-org', 'Wiki', 'internal-dashboard', 'Salesforce'],
    );
    const item = await provider.getTreeItem(apps[0]!);
    // The workspace's frontline-sso.json links it: its provider and lint state instead of a guess.
    assert.match(String(item.description), /enabled · SAML · custom SAML · for Twilio Frontline · lint clean/);
    const [details, assignments] = await children(apps[0]);
    const fields = await children(details);
    assert.ok(
      fields.some((f) => f.label === 'Assignment required' && f.value === 'yes'),
      JSON.stringify(fields),
    );
    assert.ok(fields.some((f) => f.label === 'Tag team' && f.value === 'support'));
    const principals = await children(assignments);
    assert.deepEqual(
      principals.map((p) => p.displayName),
      ['Support agents', 'Night shift', 'Jane Doe', 'deleted user u-deleted'],
    );
  });

  it('says with words, not only icons, what a node means (screen readers)', async () => {
    provider.refresh();
    const apps = await applications();
    const label = async (n: Node) => (await provider.getTreeItem(n)).accessibilityInformation?.label ?? '';
    const disabled = apps.find((a) => a.app?.name === 'internal-dashboard')!;
    assert.equal(await label(disabled), 'internal-dashboard, application, disabled, nobody can sign in, OAUTH');
    assert.equal(
      await label(apps[0]!),
      'Twilio-Frontline, application, enabled, SAML, custom SAML, for Twilio Frontline, lint clean',
    );
    const [, assignments] = await children(apps[0]);
    const deleted = (await children(assignments)).find((p) => p.exists === false)!;
    assert.equal(
      await label(deleted),
      'Warning: deleted user u-deleted, user still assigned but not in the identity store',
    );
    emulator.switches.accessDenied = ['ListApplications'];
    try {
      provider.refresh();
      const [error] = await applications();
      assert.equal(
        await label(error!),
        'Error: Access denied to sso:ListApplications. Add it to the IAM policy of your role (see the README\'s "IAM policy"), or use the managed policies AWSSSOReadOnly and AWSSSODirectoryReadOnly. Activate to show the IAM policy.',
      );
    } finally {
      emulator.switches.accessDenied = [];
    }
  });

  it("a linked application shows its config's provider and lint state; a catalog one AWS's name for its provider", async () => {
    const flexArn = 'arn:aws:sso::123456789012:application/ssoins-0123456789abcdef/apl-3333333333333333';
    // A path with Markdown in it: the tooltip must show it as text.
    const configUri = workspaceUri('flex_*[x](y)*.frontline-sso.json');
    const text = linkingConfig(loadSeed(), flexArn, { connection: 'JQ0123456789abcdef0123456789abcdef' });
    // What the linter says of it (no identityProvider section: one error), counted as the sidebar counts.
    const expected = lintText(text, { kind: 'config' }).filter((f) => f.severity !== 'info').length;
    assert.ok(expected > 0);
    await vscode.workspace.fs.writeFile(configUri, Buffer.from(text));
    try {
      const flexItem = async () => {
        const flex = (await applications()).find((a) => a.app?.applicationArn === flexArn);
        return flex ? provider.getTreeItem(flex) : undefined;
      };
      const item = await waitFor('the Flex node to show its config', async () => {
        provider.refresh();
        const i = await flexItem();
        return i && /for Twilio Flex/.test(String(i.description)) ? i : undefined;
      });
      assert.equal(
        String(item.description),
        `enabled · SAML · custom SAML · for Twilio Flex (enhanced SSO) · ${expected === 1 ? '1 lint finding' : `${expected} lint findings`}`,
      );
      const tooltip = item.tooltip as vscode.MarkdownString;
      assert.equal(tooltip.isTrusted, false);
      assert.ok(
        tooltip.value.includes(
          'Linked in flex\\_\\*\\[x\\](y)\\*.frontline-sso.json for **Twilio Flex (enhanced SSO)**: 1 lint finding',
        ),
        tooltip.value,
      );
      const salesforce = (await applications()).find((a) => a.app?.name === 'Salesforce')!;
      assert.equal(String((await provider.getTreeItem(salesforce)).description), 'enabled · SAML · Salesforce');
    } finally {
      await vscode.workspace.fs.delete(configUri);
    }
    await waitFor('the Flex node to lose its config', async () => {
      provider.refresh();
      const flex = (await applications()).find((a) => a.app?.applicationArn === flexArn);
      const description = flex ? String((await provider.getTreeItem(flex)).description) : '';
      return description === 'enabled · SAML · custom SAML' ? true : undefined;
    });
  });

  it("application actions use the tree's session: description as JSON, and the comparison with the config", async () => {
    provider.refresh();
    const frontline = (await applications()).find((a) => a.app?.name === 'Twilio-Frontline')!;
    emulator.resetStats();
    const json = await reportAfter(/Twilio-Frontline\.json/, () =>
      vscode.commands.executeCommand('frontlineSso.apps.showJson', frontline),
    );
    const description = JSON.parse(json.getText());
    assert.equal(description.Name, 'Twilio-Frontline');
    assert.equal(description.$metadata, undefined);
    assert.equal(emulator.stats.rejectedSignatures, 0);
    // Compare shows its report, then waits on a notification button: not awaited here.
    const compared = reportAfter(/Compare Twilio-Frontline/, () => {
      void vscode.commands.executeCommand('frontlineSso.apps.compareWithConfig', frontline);
      return Promise.resolve();
    });
    const text = (await compared).getText();
    // The workspace's frontline-sso.json names this application, so it is compared without asking; the report shows
    // the config's own values, which it could not if the config had not been read.
    assert.match(text, /^# Twilio-Frontline and frontline-sso\.json$/m);
    assert.match(
      text,
      new RegExp(`\\| Application ARN in the config \\| \`${FRONTLINE_ARN.replace(/[/.]/g, '\\$&')}\` \\|`),
    );
    assert.match(text, /\| Region of the config \| `us-east-1` \|/);
    assert.match(
      text,
      /\| Issuer URL in the config \| `https:\/\/portal\.sso\.us-east-1\.amazonaws\.com\/saml\/assertion\//,
    );
    assert.match(text, /\| Assignments \| `4` \|/);
    assert.match(text, /does not expose the ACS URL/);
    // The comparison also covers what the API cannot show: the config against the live metadata.
    assert.match(text, /## Live metadata\n\n✅ The config matches the metadata IAM Identity Center publishes now\./);
    assert.doesNotMatch(text, /❌/);
    // Four assignments at two per page (this suite's emulator pages by two).
    assert.equal(emulator.stats.byOperation.ListApplicationAssignments, 2);
  });

  it('access denied becomes a node that names the missing action; the policy opens with it selected', async () => {
    emulator.switches.accessDenied = ['ListApplications'];
    provider.refresh();
    const [error] = await applications();
    assert.equal(error?.kind, 'error');
    assert.equal(error?.problem?.kind, 'access-denied');
    assert.match(error!.problem!.message, /sso:ListApplications/);
    const item = await provider.getTreeItem(error!);
    assert.equal(item.command?.command, 'frontlineSso.apps.showPolicy');

    // Show Required IAM Policy: the shipped policy file, read-only, with the refused action selected.
    const shipped = readFileSync(
      join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'docs', 'iam-policy.json'),
      'utf8',
    );
    const policy = await reportAfter(/IAM policy for Frontline SSO\.json/, () =>
      vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? [])),
    );
    assert.equal(policy.getText(), shipped);
    const actions = JSON.parse(policy.getText()).Statement[0].Action as string[];
    assert.ok(actions.includes('sso:ListApplications') && actions.includes('identitystore:ListUsers'));
    const editor = await waitFor('the policy editor', () =>
      vscode.window.visibleTextEditors.find((e) => e.document === policy),
    );
    assert.equal(policy.getText(editor.selection), '"sso:ListApplications"');

    emulator.switches.accessDenied = [];
    provider.refresh();
    await waitFor('applications after refresh', async () => (await applications()).length === 6);
  });

  it('expired credentials offer "Sign in again"', async () => {
    emulator.switches.expiredToken = true;
    try {
      provider.refresh();
      const [connection] = await children();
      const [error] = await children(connection);
      assert.equal(error?.problem?.kind, 'expired-credentials');
      const item = await provider.getTreeItem(error!);
      assert.equal(item.command?.command, 'frontlineSso.apps.signIn');
      assert.match(String(item.contextValue), /ssoExpired/);
    } finally {
      emulator.switches.expiredToken = false;
      provider.refresh();
    }
  });

  it('an endpoint that never answers becomes a timeout node within the timeout setting', async () => {
    const silent = new FakeEndpoint();
    silent.behaviour = () => undefined;
    const silentUrl = await silent.start();
    try {
      await config().update('aws.timeoutSeconds', 1, vscode.ConfigurationTarget.Global);
      await config().update('aws.endpoint', silentUrl, vscode.ConfigurationTarget.Global);
      provider.refresh();
      const [connection] = await children();
      const started = Date.now();
      const [error] = await children(connection);
      const elapsed = Date.now() - started;
      assert.equal(error?.problem?.kind, 'timeout');
      assert.match(error!.problem!.message, /did not answer ListInstances within 1 second\./);
      assert.match(error!.problem!.message, /frontlineSso\.aws\.timeoutSeconds/);
      assert.ok(elapsed < 3500, `gave up after ${elapsed} ms`);
    } finally {
      await config().update('aws.timeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
      await config().update('aws.endpoint', endpoint, vscode.ConfigurationTarget.Global);
      await silent.stop();
    }
  });

  it('an endpoint setting that is not http(s) is refused with a node that opens the setting', async () => {
    try {
      await config().update('aws.endpoint', 'file:///etc/passwd', vscode.ConfigurationTarget.Global);
      provider.refresh();
      const [connection] = await children();
      const [error] = await children(connection);
      assert.equal(error?.problem?.kind, 'bad-settings');
      assert.match(
        error!.problem!.message,
        /^The endpoint "file:\/\/\/etc\/passwd" in frontlineSso\.aws\.endpoint uses file:/,
      );
      const item = await provider.getTreeItem(error!);
      assert.equal(item.command?.command, 'workbench.action.openSettings');
      assert.deepEqual(item.command?.arguments, ['frontlineSso.aws.endpoint']);
    } finally {
      await config().update('aws.endpoint', endpoint, vscode.ConfigurationTarget.Global);
    }
  });

  describe('profile and Region pickers', () => {
    const saved: Record<string, string | undefined> = {};
    before(() => {
      const dir = mkdtempSync(join(tmpdir(), 'aws-config-'));
      writeFileSync(
        join(dir, 'config'),
        '[profile beta]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = ReadOnly\nregion = eu-west-1\n\n' +
          '[profile alpha]\nregion = us-east-1\n\n[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = eu-west-1\n',
      );
      for (const key of ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE']) saved[key] = process.env[key];
      process.env.AWS_CONFIG_FILE = join(dir, 'config');
      process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'no-credentials');
    });
    after(async () => {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      await config().update('aws.profile', undefined, vscode.ConfigurationTarget.Global);
      await config().update('aws.region', 'us-east-1', vscode.ConfigurationTarget.Global);
    });

    /** Runs a picker command, moves down `steps` items as a keyboard user would, and accepts. */
    const pick = async (command: string, steps: number) => {
      const done = vscode.commands.executeCommand(command);
      await sleep(700);
      for (let i = 0; i < steps; i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await done;
    };

    it('Choose AWS Profile lists the profiles of AWS_CONFIG_FILE, sorted, after the default chain', async () => {
      // Default credential chain, alpha, beta: two steps down is beta.
      await pick('frontlineSso.apps.selectProfile', 2);
      await waitFor('the profile setting', () => config().get('aws.profile') === 'beta');
      assert.equal(config().inspect('aws.profile')?.globalValue, 'beta', 'remembered in the user settings');
      await pick('frontlineSso.apps.selectProfile', 0);
      await waitFor('the default chain', () => config().get('aws.profile') === '');
    });

    it('Choose AWS Region stores the Region picked', async () => {
      // us-east-1 is first, us-east-2 second.
      await pick('frontlineSso.apps.selectRegion', 1);
      await waitFor('the Region setting', () => config().get('aws.region') === 'us-east-2');
      assert.equal(config().inspect('aws.region')?.globalValue, 'us-east-2');
      const tree = (await api()).tree as unknown as Tree;
      await waitFor('the view description', () => /us-east-2/.test(String(tree.view.description)));
    });
  });

  it('the view shows the tree in the sidebar', async () => {
    await vscode.commands.executeCommand('frontlineSso.applications.focus');
    const exports = await api();
    await waitFor('the view to be visible', () => exports.tree.view.visible);
    assert.equal(exports.loadedParts().aws, true);
  });
});
