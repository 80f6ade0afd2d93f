import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EMULATOR_ENV, IdentityCenterEmulator, loadSeed } from '../../tools/emulator/server';
import { api, reportAfter, waitFor } from './helpers';

interface Node {
  kind: string;
  app?: { name: string };
  displayName?: string;
  problem?: { kind: string; message: string };
  label?: string;
  value?: string;
}

describe('Identity Center tree (against the emulator)', () => {
  const emulator = new IdentityCenterEmulator(loadSeed(), { pageSize: 2 });
  const config = () => vscode.workspace.getConfiguration('frontlineSso');
  let provider: vscode.TreeDataProvider<Node> & { refresh(): void };

  before(async () => {
    // The extension runs in this process, so these are the credentials its SDK clients find.
    Object.assign(process.env, EMULATOR_ENV);
    const endpoint = await emulator.start();
    await config().update('aws.endpoint', endpoint, vscode.ConfigurationTarget.Global);
    await config().update('aws.region', 'us-east-1', vscode.ConfigurationTarget.Global);
    provider = (await api()).tree.provider as unknown as typeof provider;
  });

  after(async () => {
    await config().update('aws.endpoint', undefined, vscode.ConfigurationTarget.Global);
    await config().update('aws.region', undefined, vscode.ConfigurationTarget.Global);
    await emulator.stop();
  });

  const children = async (node?: Node) => (await provider.getChildren(node)) ?? [];

  it('expands profile → instance → applications → details and assignments', async () => {
    const [connection] = await children();
    assert.equal(connection?.kind, 'connection');
    const [instance] = await children(connection);
    assert.equal(instance?.kind, 'instance');
    const apps = await children(instance);
    // Likely Frontline first, then custom SAML, then the rest.
    assert.deepEqual(
      apps.map((a) => a.app?.name),
      ['Twilio-Frontline', 'internal-dashboard', 'Salesforce'],
    );
    const item = await provider.getTreeItem(apps[0]!);
    assert.match(String(item.description), /enabled · SAML · custom SAML · likely Frontline/);
    const [details, assignments] = await children(apps[0]);
    const fields = await children(details);
    assert.ok(
      fields.some((f) => f.label === 'Assignment required' && f.value === 'yes'),
      JSON.stringify(fields),
    );
    const principals = await children(assignments);
    assert.deepEqual(
      principals.map((p) => p.displayName),
      ['Support agents', 'Jane Doe', 'deleted user u-deleted'],
    );
  });

  it("application actions use the tree's session: description as JSON, and the comparison with the config", async () => {
    const [connection] = await children();
    const [instance] = await children(connection);
    const frontline = (await children(instance)).find((a) => a.app?.name === 'Twilio-Frontline')!;
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
    // The workspace's frontline-sso.json names this application, so it is compared without asking; only the API's
    // limits are left to report.
    assert.match((await compared).getText(), /does not expose the ACS URL/);
    assert.doesNotMatch((await compared).getText(), /❌/);
    // Three assignments at two per page (this suite's emulator pages by two).
    assert.equal(emulator.stats.byOperation.ListApplicationAssignments, 2);
  });

  it('access denied becomes a node that names the missing action; refresh recovers', async () => {
    emulator.switches.accessDenied = ['ListApplications'];
    provider.refresh();
    const [connection] = await children();
    const [instance] = await children(connection);
    const [error] = await children(instance);
    assert.equal(error?.kind, 'error');
    assert.equal(error?.problem?.kind, 'access-denied');
    assert.match(error!.problem!.message, /sso:ListApplications/);
    const item = await provider.getTreeItem(error!);
    assert.equal(item.command?.command, 'frontlineSso.apps.showPolicy');
    emulator.switches.accessDenied = [];
    provider.refresh();
    const [again] = await children();
    const [instance2] = await children(again);
    await waitFor('applications after refresh', async () => (await children(instance2)).length === 3);
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

  it('the view shows the tree in the sidebar', async () => {
    await vscode.commands.executeCommand('frontlineSso.applications.focus');
    const exports = await api();
    await waitFor('the view to be visible', () => exports.tree.view.visible);
    assert.equal(exports.loadedParts().aws, true);
  });
});
