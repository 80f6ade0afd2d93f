import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAllEditors, waitFor, workspaceUri } from './helpers';

describe('configurator', () => {
  afterEach(closeAllEditors);

  it('opens from the command, loads a config, and saves the form as an undoable edit', async () => {
    const exports = await api();
    const panel = await exports.configurator.open(workspaceUri('frontline-sso.json'));
    await waitFor('the webview to be ready', () => panel.whenReady().then(() => true), 30_000);
    const state = panel.state as { realmSid: string; workspaceId: string; mappings: unknown[] };
    assert.equal(state.realmSid, 'JB0123456789abcdef0123456789abcdef');
    assert.equal(state.mappings.length, 3);

    panel.setState({ ...(panel.state as object), workspaceId: 'acme-night-shift' });
    const saved = await panel.save();
    assert.equal(saved?.toString(), workspaceUri('frontline-sso.json').toString());
    const doc = await vscode.workspace.openTextDocument(workspaceUri('frontline-sso.json'));
    assert.match(doc.getText(), /"workspaceId": "acme-night-shift"/);
    // Comments and the certificate file reference survive the save.
    assert.match(doc.getText(), /\/\/ A complete, correct setup/);
    assert.match(doc.getText(), /"certificateFile": "\.\/aws-idc\.pem"/);
    assert.equal(doc.isDirty, false);
  });

  it('never overwrites unsaved changes: a dirty document is edited in place and left unsaved', async () => {
    const exports = await api();
    const uri = workspaceUri('frontline-sso.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(1, 0), '  // typed but not saved\n'));
    assert.ok(doc.isDirty);
    const panel = await exports.configurator.open(uri);
    await panel.whenReady();
    panel.setState({ ...(panel.state as object), workspaceId: 'acme-weekend' });
    await panel.save();
    assert.match(doc.getText(), /typed but not saved/);
    assert.match(doc.getText(), /"workspaceId": "acme-weekend"/);
    assert.ok(doc.isDirty, 'left for the user to save');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
