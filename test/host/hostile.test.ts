import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { api, closeAllEditors, codeOf, waitFor, workspaceUri } from './helpers';

const diagnosticsFor = (uri: vscode.Uri) =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'frontline-sso');

describe('hostile files named by a config', () => {
  before(api);
  afterEach(closeAllEditors);

  it('a config naming a FIFO and /dev/zero shows a finding for each and leaves the host responsive', async () => {
    const fifo = workspaceUri('pipe.pem');
    execFileSync('mkfifo', [fifo.fsPath]);
    const config = workspaceUri('hostile.frontline-sso.json');
    writeFileSync(
      config.fsPath,
      JSON.stringify({
        realmSid: 'JB0123456789abcdef0123456789abcdef',
        identityProvider: { issuer: 'x', ssoUrl: 'x', certificateFile: './pipe.pem', metadataFile: '/dev/zero' },
      }),
    );
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(config));
    // While the config is linted, the extension host keeps answering: a command round trip completes at once.
    const started = Date.now();
    const results = await vscode.commands.executeCommand<unknown[]>(
      'frontlineSso.validateValues',
      'JB0123456789abcdef0123456789abcdef',
    );
    assert.ok(
      Array.isArray(results) && Date.now() - started < 10_000,
      'a command answered while the config was linted',
    );
    const diagnostics = await waitFor('both findings', () => {
      const d = diagnosticsFor(config);
      return d.some((x) => codeOf(x) === 'cert-file-unreadable') &&
        d.some((x) => codeOf(x) === 'metadata-file-unreadable')
        ? d
        : undefined;
    });
    assert.match(
      diagnostics.find((d) => codeOf(d) === 'cert-file-unreadable')!.message,
      /"\.\/pipe\.pem" cannot be read: it is a named pipe \(FIFO\), not a file/,
    );
    assert.match(
      diagnostics.find((d) => codeOf(d) === 'metadata-file-unreadable')!.message,
      /"\/dev\/zero" cannot be read: it is a character device, not a file/,
    );
  });
});
