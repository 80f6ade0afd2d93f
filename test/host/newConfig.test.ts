import * as assert from 'node:assert/strict';
import { renameSync } from 'node:fs';
import * as vscode from 'vscode';
import { api, closeAllEditors, codeOf, noticeAfter, waitFor, workspaceUri } from './helpers';

const REALM = 'JB0123456789abcdef0123456789abcdef';

describe('New Config File', () => {
  before(api);
  afterEach(closeAllEditors);

  it('creates frontline-sso.json with the recommended values; only what the user must add is flagged', async () => {
    const config = workspaceUri('frontline-sso.json');
    const kept = workspaceUri('kept.frontline-sso.json.bak');
    renameSync(config.fsPath, kept.fsPath);
    try {
      const created = await vscode.commands.executeCommand<vscode.Uri>('frontlineSso.newConfig', REALM);
      assert.equal(created?.toString(), config.toString());
      const doc = await vscode.workspace.openTextDocument(config);
      const text = doc.getText();
      assert.match(text, new RegExp(`"realmSid": "${REALM}"`));
      assert.match(text, new RegExp(`"acsUrl": "https://iam.twilio.com/v2/saml2/authenticate/${REALM}"`));
      assert.match(text, /\{ "attribute": "Subject", "value": "\$\{user:email\}", "format": "emailAddress" \}/);
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), config.toString(), 'the new file is shown');
      const errors = await waitFor('its problems', () => {
        const d = vscode.languages
          .getDiagnostics(config)
          .filter((x) => x.source === 'frontline-sso' && x.severity === vscode.DiagnosticSeverity.Error);
        return d.length > 0 ? d.map(codeOf).sort() : undefined;
      });
      // The certificate file it names is the workspace's aws-idc.pem: only the values from AWS and Frontline are left.
      assert.deepEqual(errors, ['idp-issuer-empty', 'idp-ssoUrl-empty', 'workspace-id-empty']);
    } finally {
      await closeAllEditors();
      renameSync(kept.fsPath, config.fsPath);
    }
  });

  it('never replaces an existing frontline-sso.json: it opens it and says so', async () => {
    const config = workspaceUri('frontline-sso.json');
    const before = (await vscode.workspace.fs.readFile(config)).toString();
    const message = await noticeAfter('info', /already exists/, () =>
      vscode.commands.executeCommand('frontlineSso.newConfig', REALM),
    );
    assert.equal(message, 'frontline-sso.json already exists; it was opened, not replaced.');
    assert.equal((await vscode.workspace.fs.readFile(config)).toString(), before);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), config.toString());
  });
});
