import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import * as vscode from 'vscode';
import { EMULATOR_ENV, IdentityCenterEmulator } from '../../tools/emulator/server';
import { linkingConfig, loadSeed } from '../../tools/emulator/seed';
import type { ReadinessReport } from '../../src/core/readiness/readinessReport';
import { api, noticeAfter, reportAfter, waitFor, workspaceUri } from './helpers';

interface Node {
  kind: string;
  app?: { name: string; applicationArn: string };
}

interface Panel {
  report: ReadinessReport | undefined;
  handled: number;
  panel: vscode.WebviewPanel;
  receive(raw: unknown): Promise<void>;
  exportCsv(target?: vscode.Uri): Promise<vscode.Uri | undefined>;
}

interface Exports {
  tree: { provider: vscode.TreeDataProvider<Node> & { refresh(): void } };
  readiness: { panelFor(arn: string): Panel | undefined };
}

const FRONTLINE = 'arn:aws:sso::123456789012:application/ssoins-0123456789abcdef/apl-0123456789abcdef';
const FLEX = 'arn:aws:sso::123456789012:application/ssoins-0123456789abcdef/apl-3333333333333333';
/** Past the 1 MB config cap. */
const HUGE_PADDING = 2 * 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Check Sign-in Readiness (against the emulator)', () => {
  const emulator = new IdentityCenterEmulator(loadSeed());
  const config = () => vscode.workspace.getConfiguration('frontlineSso');
  let exports: Exports;

  before(async () => {
    Object.assign(process.env, EMULATOR_ENV);
    const endpoint = await emulator.start();
    await config().update('aws.endpoint', endpoint, vscode.ConfigurationTarget.Global);
    await config().update('aws.region', 'us-east-1', vscode.ConfigurationTarget.Global);
    exports = (await api()) as unknown as Exports;
    exports.tree.provider.refresh();
  });

  after(async () => {
    for (const arn of [FRONTLINE, FLEX]) exports.readiness.panelFor(arn)?.panel.dispose();
    await config().update('aws.endpoint', undefined, vscode.ConfigurationTarget.Global);
    await config().update('aws.region', undefined, vscode.ConfigurationTarget.Global);
    await emulator.stop();
  });

  const frontlineNode = async () => {
    const provider = exports.tree.provider;
    const [connection] = (await provider.getChildren()) ?? [];
    const [instance] = (await provider.getChildren(connection)) ?? [];
    return ((await provider.getChildren(instance)) ?? []).find((n) => n.app?.applicationArn === FRONTLINE)!;
  };

  /** Runs the command and waits for the report of a new check to reach the panel and its page. */
  const checkFrom = async (...args: unknown[]): Promise<Panel> => {
    const before = exports.readiness.panelFor(FRONTLINE)?.report;
    await vscode.commands.executeCommand('frontlineSso.readiness.check', ...args);
    const panel = await waitFor('the report', () => {
      const p = exports.readiness.panelFor(FRONTLINE);
      return p?.report && p.report !== before ? p : undefined;
    });
    return panel;
  };

  it('on an application node: the report in a webview, and "N ready · M not ready" on the node', async () => {
    const node = await frontlineNode();
    const panel = await checkFrom(node);
    const report = panel.report!;
    assert.deepEqual(report.summary, { users: 7, ready: 2, notReady: 5, groups: 2, emptyGroups: 1 });
    assert.equal(report.emailSource, '${user:email}');
    assert.equal(panel.panel.title, 'Readiness: Twilio-Frontline');
    // The page loaded under its Content Security Policy, ran its script and said it is ready.
    await waitFor('the page to say it is ready', () => panel.handled > 0);
    const item = await exports.tree.provider.getTreeItem((await frontlineNode())!);
    assert.match(String(item.description), / · 2 ready · 5 not ready$/);
    assert.match(String(item.accessibilityInformation?.label), /sign-in readiness: 2 ready, 5 not ready$/);
  });

  it('Export CSV writes one row per user', async () => {
    const panel = exports.readiness.panelFor(FRONTLINE)!;
    const target = workspaceUri('readiness-export.csv');
    let written: vscode.Uri | undefined;
    await noticeAfter(
      'info',
      /^Exported 7 users to readiness-export\.csv\. It holds names and email addresses: share it with care\.$/,
      async () => (written = await panel.exportCsv(target)),
    );
    assert.equal(written?.toString(), target.toString());
    const csv = Buffer.from(await vscode.workspace.fs.readFile(target)).toString('utf8');
    const lines = csv.trimEnd().split('\r\n');
    // Every cell quoted: a spreadsheet that splits on ";" keeps each cell whole.
    assert.equal(lines[0], '"Ready","Display name","User name","Email","Assigned via","Problems","User ID"');
    assert.equal(lines.length, 8);
    assert.ok(
      lines.some((l) =>
        /^"no","Lee Chen","lee\.chen","","group Support agents","Lee Chen has no email address, so/.test(l),
      ),
      csv,
    );
    await vscode.workspace.fs.delete(target);
  });

  it("follows the linked config's mapping: ${user:preferredUsername} checks the user name", async () => {
    const uri = workspaceUri('frontline-sso.json');
    const original = await vscode.workspace.fs.readFile(uri);
    const text = Buffer.from(original)
      .toString('utf8')
      .replace(/"\$\{user:email\}"/g, '"${user:preferredUsername}"');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    try {
      const panel = await checkFrom(await frontlineNode());
      assert.equal(panel.report!.emailSource, '${user:preferredUsername}');
      assert.ok(panel.report!.findings.some((f) => /as mapped in frontline-sso\.json/.test(f.message)));
      const lee = panel.report!.users.find((u) => u.userId === 'u-lee')!;
      assert.equal(lee.email, 'lee.chen');
    } finally {
      await vscode.workspace.fs.writeFile(uri, original);
    }
  });

  it("checks for the linked config's provider: a Flex application's users need a name for full_name", async () => {
    const uri = workspaceUri('flex.frontline-sso.json');
    const text = linkingConfig(loadSeed(), FLEX, { connection: 'JQ0123456789abcdef0123456789abcdef' });
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    try {
      await vscode.commands.executeCommand('frontlineSso.readiness.check', FLEX);
      const panel = await waitFor(
        'the Flex report',
        () => exports.readiness.panelFor(FLEX)?.report && exports.readiness.panelFor(FLEX),
      );
      const report = panel.report!;
      assert.deepEqual(report.provider, { id: 'twilio-flex', name: 'Twilio Flex (enhanced SSO)' });
      assert.deepEqual(
        report.claims.map((c) => `${c.claim} ← ${c.variable}`),
        ['email ← ${user:email}', 'full_name ← ${user:name}'],
      );
      // Robin has an address but no name: ready for Frontline, not for Flex.
      const robin = report.users.find((u) => u.userId === 'u-robin')!;
      assert.equal(robin.ready, false);
      assert.match(
        robin.findings[0]!.message,
        /empty full_name \(\$\{user:name\}\) and Twilio Flex \(enhanced SSO\) cannot sign them in/,
      );
      assert.deepEqual(
        report.users
          .filter((u) => u.ready)
          .map((u) => u.userId)
          .sort(),
        ['u-jane', 'u-omar'],
      );
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('a FIFO or an oversized file named like a config links nothing: the check keeps the default mapping', async () => {
    // A cloned repository may name anything like a config; the search must neither stall nor take such a file's word.
    const uri = workspaceUri('frontline-sso.json');
    const original = await vscode.workspace.fs.readFile(uri);
    const fifo = workspaceUri('stuck.frontline-sso.json');
    const huge = workspaceUri('huge.frontline-sso.json');
    // Only the oversized config links the application, with another mapping: read, it would change the check.
    const text = Buffer.from(original).toString('utf8');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text.replace('apl-0123456789abcdef', 'apl-ffffffffffffffff')));
    const linking = text.replace(/"\$\{user:email\}"/g, '"${user:preferredUsername}"');
    await vscode.workspace.fs.writeFile(huge, Buffer.from(linking + ' '.repeat(HUGE_PADDING)));
    execFileSync('mkfifo', [fifo.fsPath]);
    try {
      const panel = await checkFrom(await frontlineNode());
      assert.equal(panel.report!.emailSource, '${user:email}');
    } finally {
      rmSync(fifo.fsPath, { force: true });
      rmSync(huge.fsPath, { force: true });
      await vscode.workspace.fs.writeFile(uri, original);
    }
  });

  it('from the Command Palette: the application the workspace config links comes first', async () => {
    const done = checkFrom();
    await sleep(1500);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const panel = await done;
    assert.equal(panel.report!.applicationName, 'Twilio-Frontline');
  });

  it('a denied permission gives a partial report that names it; the page can open the policy', async () => {
    emulator.switches.accessDenied = ['ListGroupMemberships'];
    try {
      const panel = await checkFrom(await frontlineNode());
      assert.equal(panel.report!.complete, false);
      assert.deepEqual(
        panel.report!.notChecked.map((g) => g.permission),
        ['identitystore:ListGroupMemberships'],
      );
      const item = await exports.tree.provider.getTreeItem((await frontlineNode())!);
      assert.match(String(item.description), /1 ready · 0 not ready · incomplete$/);
      // The page's "Show the IAM policy" link, through the same path as a message from the webview.
      const policy = await reportAfter(/IAM policy for Frontline SSO\.json/, () =>
        panel.receive({ type: 'showPolicy', permission: 'identitystore:ListGroupMemberships' }),
      );
      const editor = await waitFor('the policy editor', () =>
        vscode.window.visibleTextEditors.find((e) => e.document === policy),
      );
      assert.equal(policy.getText(editor.selection), '"identitystore:ListGroupMemberships"');
      const handled = panel.handled;
      await panel.receive({ type: 'showPolicy', permission: 'not a permission; rm -rf /' });
      assert.equal(panel.handled, handled, 'a message outside the protocol is ignored');
    } finally {
      emulator.switches.accessDenied = [];
    }
  });
});
