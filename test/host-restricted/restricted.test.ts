// Runs in a window whose folder is not trusted (Restricted Mode): see the "restricted mode" label in .vscode-test.mjs.
import * as assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { api, codeOf, waitFor, workspaceUri } from '../host/helpers';

const diagnosticsFor = (uri: vscode.Uri) =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'frontline-sso');

// A certificate outside the workspace folder: the repository's example, by absolute path.
const OUTSIDE = join(__dirname, '..', '..', '..', 'examples', 'aws-idc.pem');

describe('Restricted Mode (an untrusted workspace)', () => {
  before(async () => {
    await api();
    assert.equal(vscode.workspace.isTrusted, false, 'this suite runs in an untrusted window');
  });

  it('reads files inside the workspace, but not outside it, and says why', async () => {
    symlinkSync(OUTSIDE, workspaceUri('linked.pem').fsPath);
    const config = workspaceUri('restricted.frontline-sso.json');
    const write = (certificateFile: string) =>
      writeFileSync(
        config.fsPath,
        JSON.stringify({
          realmSid: 'JB0123456789abcdef0123456789abcdef',
          identityProvider: { issuer: 'x', ssoUrl: 'x', certificateFile },
        }),
      );
    write(OUTSIDE);
    const doc = await vscode.workspace.openTextDocument(config);
    await vscode.window.showTextDocument(doc);
    const outside = await waitFor('the not-read warning', () =>
      diagnosticsFor(config).find((d) => codeOf(d) === 'cert-file-not-read'),
    );
    assert.equal(outside.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(outside.message, /was not read: it is outside the workspace folder, and the workspace is not trusted/);
    // A link inside the workspace that points outside it is followed, and refused the same way.
    await replaceText(doc, OUTSIDE, './linked.pem');
    const linked = await waitFor('the link to be refused', () =>
      diagnosticsFor(config).find((d) => codeOf(d) === 'cert-file-not-read' && /a link to/.test(d.message)),
    );
    assert.match(linked.message, new RegExp(`a link to ${OUTSIDE.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    // The same certificate inside the workspace is read: no file finding remains.
    await replaceText(doc, './linked.pem', './aws-idc.pem');
    await waitFor('the certificate to be read', () => {
      const d = diagnosticsFor(config);
      return d.length > 0 && !d.some((x) => codeOf(x).startsWith('cert-file')) ? d : undefined;
    });
  });

  it('ignores the workspace value of the restricted AWS settings, and only those', async () => {
    // What a cloned repository could carry: its own endpoint (to receive signed AWS requests) and profile.
    mkdirSync(workspaceUri('.vscode').fsPath, { recursive: true });
    writeFileSync(
      workspaceUri('.vscode', 'settings.json').fsPath,
      JSON.stringify({
        'frontlineSso.aws.endpoint': 'http://127.0.0.1:9/',
        'frontlineSso.aws.profile': 'attacker',
        'frontlineSso.aws.region': 'eu-west-3',
      }),
    );
    // The unrestricted Region proves the file was read; the restricted values are not used.
    await waitFor('the workspace settings to load', () =>
      vscode.workspace.getConfiguration('frontlineSso').get<string>('aws.region') === 'eu-west-3' ? true : undefined,
    );
    const settings = vscode.workspace.getConfiguration('frontlineSso');
    assert.equal(settings.get<string>('aws.endpoint'), '');
    assert.equal(settings.get<string>('aws.profile'), '');
  });
});

async function replaceText(doc: vscode.TextDocument, from: string, to: string): Promise<void> {
  const text = doc.getText();
  const start = text.indexOf(JSON.stringify(from).slice(1, -1));
  assert.ok(start >= 0, `${from} in the config`);
  const edit = new vscode.WorkspaceEdit();
  const length = JSON.stringify(from).length - 2;
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(start), doc.positionAt(start + length)), to);
  assert.ok(await vscode.workspace.applyEdit(edit));
}
