// A user's own providers in the editor: diagnostics on a `*.sso-provider.json`, a config checked against a workspace
// provider, a broken provider file named in the config's diagnostic, and the user-only providers folder setting.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { api, closeAllEditors, codeOf, waitFor, workspaceUri } from './helpers';
import { ACME_PROVIDER } from '../support/providers';

const diagnosticsFor = (uri: vscode.Uri) =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'frontline-sso');

const ISSUER = 'https://portal.sso.us-east-1.amazonaws.com/saml/assertion/MTIzNDU2Nzg5MDEyX2lucy0wMTIzNDU2Nzg5YWJjZGVm';

/** A provider definition, as a user writes one (the schema's shape). */
const acme = (id = 'acme-cloud') => ({ ...ACME_PROVIDER, id });

const config = (id: string) => ({
  serviceProvider: { id, params: { tenant: 'blue' }, audience: 'https://acme.example/saml/red' },
  identityProvider: { issuer: ISSUER, ssoUrl: ISSUER, certificateFile: './aws-idc.pem' },
  attributeMappings: [{ attribute: 'email', value: '${user:email}', format: 'unspecified' }],
});

const written: string[] = [];
function write(path: string, value: unknown): vscode.Uri {
  const uri = workspaceUri(path);
  mkdirSync(join(uri.fsPath, '..'), { recursive: true });
  writeFileSync(uri.fsPath, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  written.push(uri.fsPath);
  return uri;
}

describe('your own providers (*.sso-provider.json)', () => {
  before(api);
  afterEach(closeAllEditors);
  after(() => {
    for (const path of written) rmSync(path, { force: true });
  });

  it('a provider file gets diagnostics at the exact place, and a quick fix for a misspelt property', async () => {
    const text = JSON.stringify(acme('acme-typo'), null, 2).replace('"acsUrl"', '"acsURL"');
    const uri = write('providers/typo.sso-provider.json', text);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const unknown = await waitFor('the unknown property', () =>
      diagnosticsFor(uri).find((d) => codeOf(d) === 'provider-file-unknown-property'),
    );
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(doc.getText(unknown.range), '"acsURL"');
    assert.match(unknown.message, /acsURL: not a property of a provider definition; did you mean "acsUrl"\?/);
    const missing = diagnosticsFor(uri).find((d) => codeOf(d) === 'provider-file-missing');
    assert.match(missing?.message ?? '', /"acsUrl" is required/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      unknown.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title === 'Replace with "acsUrl"');
    assert.ok(fix?.edit, `a quick fix among ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitFor('the file to be clean', () => (diagnosticsFor(uri).length === 0 ? true : undefined));
  });

  it('a config naming a workspace provider is checked against it; a broken provider file is named in the config', async () => {
    const provider = write('providers/acme.sso-provider.json', acme());
    const uri = write('acme.frontline-sso.json', config('acme-cloud'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const mismatch = await waitFor('the audience mismatch', () =>
      diagnosticsFor(uri).find((d) => codeOf(d) === 'provider-audience-mismatch'),
    );
    assert.match(
      mismatch.message,
      /is not acme-cloud's for these params, which is https:\/\/acme\.example\/saml\/blue/,
    );
    assert.ok(!diagnosticsFor(uri).some((d) => codeOf(d) === 'provider-unknown'));

    // The provider file breaks on disk (not open in an editor): the config is linted again and names it.
    writeFileSync(
      provider.fsPath,
      JSON.stringify({ ...acme(), params: [{ ...acme().params[0], pattern: '([a-z]+)+' }] }, null, 2),
    );
    const broken = await waitFor('the broken provider finding', () =>
      diagnosticsFor(uri).find((d) => codeOf(d) === 'provider-user-broken'),
    );
    assert.equal(broken.severity, vscode.DiagnosticSeverity.Error);
    assert.match(
      broken.message,
      /^The provider "acme-cloud" is defined in providers\/acme\.sso-provider\.json, which has errors: params\[0\]\.pattern: /,
    );
    assert.ok(!diagnosticsFor(uri).some((d) => codeOf(d) === 'provider-audience-mismatch'));

    // An unknown id lists the built-in ids and the user's.
    writeFileSync(provider.fsPath, JSON.stringify(acme(), null, 2));
    const doc = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    const at = doc.getText().indexOf('"acme-cloud"');
    edit.replace(uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + '"acme-cloud"'.length)), '"acme-clod"');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const unknown = await waitFor('the unknown id', () =>
      diagnosticsFor(uri).find(
        (d) => codeOf(d) === 'provider-unknown' && /from your provider files: .*acme-cloud/.test(d.message),
      ),
    );
    assert.match(
      unknown.message,
      /Did you mean acme-cloud\? Known providers: twilio-frontline, .*custom; from your provider files: (.*, )?acme-cloud(, .*)?\./,
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('the providers folder comes from user settings only, never from the workspace', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'frontline-sso-providers-'));
    writeFileSync(join(folder, 'team.sso-provider.json'), JSON.stringify(acme('team-cloud'), null, 2));
    const uri = write('team.frontline-sso.json', config('team-cloud'));
    // What a cloned repository could carry; the Region (a workspace setting) shows when the file has been read.
    const settings = write('.vscode/settings.json', {
      'frontlineSso.providers.folder': folder,
      'frontlineSso.aws.region': 'eu-west-3',
    });
    await waitFor('the workspace settings to load', () =>
      vscode.workspace.getConfiguration('frontlineSso').get<string>('aws.region') === 'eu-west-3' ? true : undefined,
    );
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    // The workspace's value is not used: the id stays unknown, after any re-lint the settings change started.
    await waitFor('the unknown id', () => diagnosticsFor(uri).find((d) => codeOf(d) === 'provider-unknown'));
    await new Promise((r) => setTimeout(r, 1000));
    const codes = diagnosticsFor(uri).map(codeOf);
    assert.ok(codes.includes('provider-unknown') && !codes.includes('provider-audience-mismatch'), codes.join(', '));
    rmSync(settings.fsPath);
    await waitFor('the workspace settings to go', () =>
      vscode.workspace.getConfiguration('frontlineSso').get<string>('aws.region') !== 'eu-west-3' ? true : undefined,
    );
    const section = vscode.workspace.getConfiguration('frontlineSso');
    await section.update('providers.folder', folder, vscode.ConfigurationTarget.Global);
    try {
      const mismatch = await waitFor('the folder provider to be used', () =>
        diagnosticsFor(uri).find((d) => codeOf(d) === 'provider-audience-mismatch'),
      );
      assert.match(mismatch.message, /team-cloud's/);
    } finally {
      await section.update('providers.folder', undefined, vscode.ConfigurationTarget.Global);
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
