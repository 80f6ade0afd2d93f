// Runs in a window whose folder is not trusted (Restricted Mode): see the "restricted mode" label in .vscode-test.mjs.
// A workspace's provider files are checked, but configs do not use them until the workspace is trusted.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { api, codeOf, waitFor, workspaceUri } from '../host/helpers';

const diagnosticsFor = (uri: vscode.Uri) =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'frontline-sso');

describe('your own providers in Restricted Mode', () => {
  before(async () => {
    await api();
    assert.equal(vscode.workspace.isTrusted, false, 'this suite runs in an untrusted window');
  });

  it('a provider file is only linted; a config naming it says it is used once the workspace is trusted', async () => {
    mkdirSync(workspaceUri('providers').fsPath, { recursive: true });
    const provider = workspaceUri('providers', 'acme.sso-provider.json');
    writeFileSync(
      provider.fsPath,
      JSON.stringify(
        {
          id: 'acme-cloud',
          vendor: 'Acme',
          product: 'Cloud',
          status: 'Current',
          docs: [],
          params: [{ key: 'tenant', label: 'Tenant', pattern: '[a-z]{1,40}', example: 'acme', where: 'Acme admin' }],
          acsUrl: 'https://{tenant}.acme.example/saml/acs',
          audience: 'https://acme.example/saml/{tenant}',
          attributes: [],
          sources: [],
        },
        null,
        2,
      ),
    );
    const config = workspaceUri('acme.frontline-sso.json');
    writeFileSync(
      config.fsPath,
      JSON.stringify({ serviceProvider: { id: 'acme-cloud', params: { tenant: 'NOT VALID' } } }, null, 2),
    );
    const providerDoc = await vscode.workspace.openTextDocument(provider);
    await vscode.window.showTextDocument(providerDoc);
    // The provider file is linted in Restricted Mode too.
    const value = await waitFor('the provider file diagnostic', () =>
      diagnosticsFor(provider).find((d) => codeOf(d) === 'provider-file-value'),
    );
    assert.equal(providerDoc.getText(value.range), '"Current"');

    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(config));
    const untrusted = await waitFor('the untrusted provider finding', () =>
      diagnosticsFor(config).find((d) => codeOf(d) === 'provider-user-untrusted'),
    ).catch((err: Error) => {
      throw new Error(
        `${err.message}; the config has: ${diagnosticsFor(config)
          .map((d) => d.message)
          .join(' | ')}`,
      );
    });
    assert.equal(untrusted.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(
      untrusted.message,
      /^The provider "acme-cloud" is defined in this workspace \(providers\/acme\.sso-provider\.json\), which is not trusted: it is used once the workspace is trusted\./,
    );
    // The definition is not used: its param rules do not run, and the id is not "unknown" either.
    const codes = diagnosticsFor(config).map(codeOf);
    assert.ok(!codes.includes('provider-param-malformed'), codes.join(', '));
    assert.ok(!codes.includes('provider-unknown'), codes.join(', '));
  });
});
