import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAllEditors, codeOf, waitFor, workspaceUri } from './helpers';

const diagnosticsFor = (uri: vscode.Uri) =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'frontline-sso');

describe('lint diagnostics and quick fixes', () => {
  before(api);
  afterEach(closeAllEditors);

  it('a broken config shows its problems; a quick fix removes one, and undo brings it back', async () => {
    const uri = workspaceUri('broken.frontline-sso.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const diagnostics = await waitFor('diagnostics', () => {
      const d = diagnosticsFor(uri);
      return d.length > 5 ? d : undefined;
    });
    const codes = diagnostics.map((d) => codeOf(d));
    for (const code of [
      'sp-acsUrl-swapped',
      'idp-ssoUrl-wrong-endpoint',
      'mapping-unknown-variable',
      'mapping-name-case',
      'mapping-duplicate',
    ]) {
      assert.ok(codes.includes(code), `${code} in ${codes.join(', ')}`);
    }
    const swapped = diagnostics.find((d) => codeOf(d) === 'sp-acsUrl-swapped')!;
    assert.equal(swapped.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(swapped.range.start.line, 5);
    const duplicate = diagnostics.find((d) => codeOf(d) === 'mapping-duplicate')!;
    assert.equal(duplicate.relatedInformation?.[0]?.location.range.start.line, 16);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      swapped.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find(
      (a) => a.title === 'Replace with https://iam.twilio.com/v2/saml2/authenticate/JB0123456789abcdef0123456789abcdef',
    );
    assert.ok(fix?.edit, `a quick fix among ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitFor(
      'the fixed diagnostic to go away',
      () => !diagnosticsFor(uri).some((d) => codeOf(d) === 'sp-acsUrl-swapped'),
    );
    assert.match(
      doc.getText(),
      /"acsUrl": "https:\/\/iam\.twilio\.com\/v2\/saml2\/authenticate\/JB0123456789abcdef0123456789abcdef"/,
    );

    await vscode.commands.executeCommand('undo');
    await waitFor('undo to restore the problem', () =>
      diagnosticsFor(uri).some((d) => codeOf(d) === 'sp-acsUrl-swapped'),
    );
  });

  it("each problem's code links to its rule in the shipped docs/rules.md, at the rule's section", async () => {
    const uri = workspaceUri('broken.frontline-sso.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const swapped = await waitFor('diagnostics', () =>
      diagnosticsFor(uri).find((d) => codeOf(d) === 'sp-acsUrl-swapped'),
    );
    const code = swapped.code as { value: string; target: vscode.Uri };
    assert.equal(code.value, 'sp-acsUrl-swapped');
    assert.match(code.target.path, /\/docs\/rules\.md$/);
    const line = Number(/^L(\d+)$/.exec(code.target.fragment)?.[1]);
    const doc = await vscode.workspace.openTextDocument(code.target.with({ fragment: '' }));
    assert.equal(doc.lineAt(line - 1).text, '### sp-acsUrl-swapped');
    assert.match(doc.getText(), /\*\*Why\*\*: IAM Identity Center posts the response to the ACS URL/);
  });

  it('diagnostics go away when a file stops matching the configured patterns', async () => {
    const uri = workspaceUri('broken.frontline-sso.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitFor('diagnostics', () => diagnosticsFor(uri).length > 0);
    const config = vscode.workspace.getConfiguration('frontlineSso');
    await config.update('lint.configFiles', ['**/frontline-sso.json'], vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('diagnostics to clear', () => diagnosticsFor(uri).length === 0);
    } finally {
      await config.update('lint.configFiles', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('diagnostics to return', () => diagnosticsFor(uri).length > 0);
  });

  it('"Fix all" applies every preferred fix as one undoable edit', async () => {
    const uri = workspaceUri('broken.frontline-sso.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await waitFor('diagnostics', () => diagnosticsFor(uri).length > 5);
    const before = diagnosticsFor(uri).length;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      new vscode.Range(0, 0, 0, 0),
      vscode.CodeActionKind.SourceFixAll.value,
    );
    const fixAll = actions.find((a) => a.title === 'Fix all Frontline SSO problems');
    assert.ok(fixAll?.edit, actions.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    const after = await waitFor('fewer problems', () => {
      const d = diagnosticsFor(uri);
      return d.length < before ? d : undefined;
    });
    for (const code of [
      'sp-acsUrl-swapped',
      'mapping-unknown-variable',
      'mapping-malformed-variable',
      'idp-ssoUrl-wrong-endpoint',
    ]) {
      assert.ok(!after.some((d) => codeOf(d) === code), `${code} fixed`);
    }
    await vscode.commands.executeCommand('undo');
    await waitFor('one undo to restore all of them', () => diagnosticsFor(uri).length === before);
  });

  it('severities follow the settings', async () => {
    const config = vscode.workspace.getConfiguration('frontlineSso');
    await config.update('lint.severities', { 'mapping-roles-unknown': 'off' }, vscode.ConfigurationTarget.Workspace);
    try {
      const uri = workspaceUri('broken.frontline-sso.json');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      await waitFor(
        'the rule to be off',
        () => diagnosticsFor(uri).length > 0 && !diagnosticsFor(uri).some((d) => codeOf(d) === 'mapping-roles-unknown'),
      );
    } finally {
      await config.update('lint.severities', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
