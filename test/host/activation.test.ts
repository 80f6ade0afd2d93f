import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, api } from './helpers';

describe('activation', () => {
  it('activates by registering only: no feature code, AWS SDK or XML stack is loaded at startup', async () => {
    const exports = await api();
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    assert.ok(exports.activationMs < 2000, `activation took ${exports.activationMs} ms`);
    // Snapshot taken when activate() returned: other suites may have used the features since.
    assert.deepEqual(exports.partsLoadedAtActivation, { features: false, saml: false, aws: false });
  });

  it('registers every command of the manifest', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      contributes: { commands: Array<{ command: string }> };
    };
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest.contributes.commands.map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepEqual(missing, []);
  });

  it('reads its settings with the documented defaults', () => {
    const config = vscode.workspace.getConfiguration('frontlineSso');
    assert.deepEqual(config.get('lint.configFiles'), ['**/frontline-sso.json', '**/*.frontline-sso.json']);
    assert.deepEqual(config.get('lint.mappingFiles'), ['**/*.attribute-mappings.json']);
    assert.equal(config.get('certificates.codeLens'), true);
    assert.equal(config.get('aws.endpoint'), '');
  });
});
