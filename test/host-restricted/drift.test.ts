// Runs in a window whose folder is not trusted (Restricted Mode): see the "restricted mode" label in .vscode-test.mjs.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { IdentityCenterEmulator } from '../../tools/emulator/server';
import { loadSeed } from '../../tools/emulator/seed';
import { api, codeOf, waitFor, workspaceUri } from '../host/helpers';

describe('live metadata check in Restricted Mode', () => {
  const emulator = new IdentityCenterEmulator(loadSeed());
  const settings = () => vscode.workspace.getConfiguration('frontlineSso');

  before(async () => {
    await api();
    assert.equal(vscode.workspace.isTrusted, false, 'this suite runs in an untrusted window');
    // A user setting (not the workspace's): the check would fetch from here if it ran.
    await settings().update('aws.endpoint', await emulator.start(), vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await settings().update('aws.endpoint', undefined, vscode.ConfigurationTarget.Global);
    await emulator.stop();
  });

  it('fetches nothing; one information finding says why and how to enable it', async () => {
    const uri = workspaceUri('live.frontline-sso.json');
    writeFileSync(uri.fsPath, readFileSync(workspaceUri('frontline-sso.json').fsPath, 'utf8'));
    await vscode.window.showTextDocument(uri);
    const [info, ...rest] = await waitFor('the live finding', () => {
      const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'frontline-sso live');
      return d.length > 0 ? d : undefined;
    });
    assert.deepEqual(rest, []);
    assert.equal(info && codeOf(info), 'drift-untrusted');
    assert.equal(info.severity, vscode.DiagnosticSeverity.Information);
    assert.match(
      info.message,
      /runs only in a trusted workspace.*Trust this workspace \(Workspaces: Manage Workspace Trust\)/,
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      info.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Manage Workspace Trust'],
    );
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(emulator.stats.requests, 0, 'nothing was fetched');
  });
});
