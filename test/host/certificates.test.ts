import * as assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { api, closeAllEditors, noReportAfter, noticeAfter, reportAfter, waitFor, workspaceUri } from './helpers';

/**
 * Whole days until the workspace certificate expires: the suite makes it anew for each run (valid five years from
 * now), so the figure is exact and does not age with the calendar.
 */
function expectedDays(): number {
  const notAfter = new X509Certificate(readFileSync(workspaceUri('aws-idc.pem').fsPath)).validTo;
  const days = Math.trunc((new Date(notAfter).getTime() - Date.now()) / 86_400_000);
  assert.ok(days >= 1824, `the workspace certificate was made for this run (${days} days left)`);
  return days;
}

describe('certificates', () => {
  before(api);
  afterEach(closeAllEditors);

  it('Decode Certificate on a file shows subject, fingerprints and expiry', async () => {
    let report: vscode.TextDocument | undefined;
    // Beside the report, a notification with the verdict and buttons to copy the fingerprints.
    await noticeAfter(
      'info',
      new RegExp(`^CN=amazonaws\\.com, OU=IDAS, O=Amazon, C=US: expires in ${expectedDays()} days\\.$`),
      async () => {
        report = await reportAfter(/Certificate - aws-idc\.pem/, () =>
          vscode.commands.executeCommand('frontlineSso.decodeCertificate', workspaceUri('aws-idc.pem')),
        );
      },
    );
    const text = report!.getText();
    assert.match(text, /CN=amazonaws\.com, OU=IDAS, O=Amazon, C=US/);
    assert.match(text, /SHA-256 fingerprint \| `([0-9A-F]{2}:){31}[0-9A-F]{2}`/);
    assert.match(text, new RegExp(`Expires in ${expectedDays()} days`));
  });

  it('a private key is refused with a clear reason and no report', async () => {
    await noReportAfter(/Certificate/, async () => {
      const message = await noticeAfter('error', /private key/, () =>
        vscode.commands.executeCommand(
          'frontlineSso.decodeCertificate',
          '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n',
        ),
      );
      assert.equal(
        message,
        'This is a private key, not a certificate. Do not paste it anywhere; Frontline needs only the certificate.',
      );
    });
  });

  it('hovering a certificate block shows subject, expiry and fingerprints; a CodeLens shows the expiry', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri('aws-idc.pem'));
    await vscode.window.showTextDocument(doc);
    const hovers = await waitFor('a hover', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        doc.uri,
        new vscode.Position(3, 5),
      );
      return h.find((x) => x.contents.some((c) => (c as vscode.MarkdownString).value?.includes('amazonaws.com')));
    });
    const markdown = hovers.contents.map((c) => (c as vscode.MarkdownString).value).join('\n');
    assert.match(markdown, new RegExp(`expires in ${expectedDays()} days`));
    assert.match(markdown, /SHA-256/);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    const lens = lenses.find((l) => l.command?.command === 'frontlineSso.decodeCertificate');
    assert.ok(lens, 'a CodeLens above the block');
    assert.match(lens.command!.title, new RegExp(`CN=amazonaws\\.com — expires in ${expectedDays()} days`));
  });
});
