import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FormValidation } from '../../src/configurator/webview/protocol';
import { api, closeAllEditors, codeOf, waitFor, workspaceUri } from './helpers';

/** The configurator panel as these tests drive it: by the messages the page sends, through the host's own checks. */
interface Panel {
  whenReady(): Promise<void>;
  receive(raw: unknown): Promise<void>;
  onDidPostMessage: vscode.Event<unknown>;
  state: Record<string, unknown> & {
    realmSid: string;
    workspaceId: string;
    mappings: unknown[];
    provider: string;
    params: Record<string, Record<string, string>>;
  };
  panel: vscode.WebviewPanel;
}

async function openPanel(uri: vscode.Uri): Promise<{ panel: Panel; posted: unknown[] }> {
  const exports = await api();
  const panel = (await exports.configurator.open(uri)) as unknown as Panel;
  const posted: unknown[] = [];
  panel.onDidPostMessage((m) => posted.push(m));
  await waitFor('the webview to be ready', () => panel.whenReady().then(() => true), 30_000);
  return { panel, posted };
}

const notices = (posted: unknown[]) =>
  posted.filter((m): m is { type: 'notice'; message: string } => (m as { type: string }).type === 'notice');

async function writeWorkspaceFile(name: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceUri(name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
  return uri;
}

describe('configurator', () => {
  afterEach(closeAllEditors);

  it('loads a config, takes the edits the page sends, and saves them as an undoable edit', async () => {
    const uri = workspaceUri('frontline-sso.json');
    const { panel, posted } = await openPanel(uri);
    assert.equal(panel.state.realmSid, 'JB0123456789abcdef0123456789abcdef');
    assert.equal(panel.state.mappings.length, 3);

    await panel.receive({ type: 'change', state: { ...panel.state, workspaceId: 'acme-night-shift' } });
    await panel.receive({ type: 'save' });
    assert.ok(
      notices(posted).some((n) => n.message === 'Saved frontline-sso.json.'),
      JSON.stringify(notices(posted)),
    );
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.match(doc.getText(), /"workspaceId": "acme-night-shift"/);
    // Comments and the certificate file reference survive the save.
    assert.match(doc.getText(), /\/\/ A complete, correct setup/);
    assert.match(doc.getText(), /"certificateFile": "\.\/aws-idc\.pem"/);
    assert.doesNotMatch(doc.getText(), /"certificate": "/, 'the file is not turned into an inline certificate');
    assert.equal(doc.isDirty, false);
  });

  it('never overwrites unsaved changes: a dirty document is edited in place and left unsaved', async () => {
    const uri = workspaceUri('frontline-sso.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(1, 0), '  // typed but not saved\n'));
    assert.ok(doc.isDirty);
    const { panel, posted } = await openPanel(uri);
    await panel.receive({ type: 'change', state: { ...panel.state, workspaceId: 'acme-weekend' } });
    await panel.receive({ type: 'save' });
    assert.match(doc.getText(), /typed but not saved/);
    assert.match(doc.getText(), /"workspaceId": "acme-weekend"/);
    assert.ok(doc.isDirty, 'left for the user to save');
    assert.ok(notices(posted).some((n) => /it had unsaved changes, so it is left for you to save/.test(n.message)));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('shows only the decoded summary of a certificate file: never its text, a key, or another file', async () => {
    const pem = (await vscode.workspace.fs.readFile(workspaceUri('aws-idc.pem'))).toString();
    const body = pem.split('\n')[1]!;
    await writeWorkspaceFile(
      'key-and-cert.pem',
      `-----BEGIN PRIVATE KEY-----\nSECRETKEYMATERIAL\n-----END PRIVATE KEY-----\n${pem}`,
    );
    await writeWorkspaceFile('notes.txt', 'TOP-SECRET notes that are not a certificate\n');
    const config = (file: string) =>
      JSON.stringify({ realmSid: 'JB0123456789abcdef0123456789abcdef', identityProvider: { certificateFile: file } });

    for (const [name, file, expected] of [
      ['frontline-sso.json', './aws-idc.pem', /^$/],
      ['with-key.frontline-sso.json', './key-and-cert.pem', /This is a private key, not a certificate/],
      ['notes.frontline-sso.json', './notes.txt', /This is not a certificate/],
    ] as const) {
      const uri = name === 'frontline-sso.json' ? workspaceUri(name) : await writeWorkspaceFile(name, config(file));
      const { panel, posted } = await openPanel(uri);
      const validation = await waitFor('the validation', () =>
        posted.find(
          (m): m is { type: 'validation'; validation: FormValidation } => (m as { type: string }).type === 'validation',
        ),
      );
      // What is posted is all the page gets, and all it keeps in its saved state.
      const sent = JSON.stringify(posted);
      for (const secret of ['SECRETKEYMATERIAL', 'PRIVATE KEY', 'TOP-SECRET', body])
        assert.ok(!sent.includes(secret), `${name}: the page was sent ${secret.slice(0, 20)}`);
      assert.equal(panel.state.certificate, '');
      assert.equal(panel.state.certificateFile, file);
      const status = validation.validation.fields.certificate;
      assert.match(status.messages.join(' '), expected, name);
      if (file === './aws-idc.pem') assert.match(validation.validation.certificate?.subject ?? '', /CN=amazonaws\.com/);
      else assert.equal(status.level, 'error', name);
      panel.panel.dispose();
    }
    // Other suites count the workspace's config files.
    for (const name of ['key-and-cert.pem', 'notes.txt', 'with-key.frontline-sso.json', 'notes.frontline-sso.json'])
      await vscode.workspace.fs.delete(workspaceUri(name));
  });

  it('ignores a message over the size bounds, says so on the page, and keeps the form as it was', async () => {
    const { panel, posted } = await openPanel(workspaceUri('frontline-sso.json'));
    const before = panel.state.realmSid;
    await panel.receive({ type: 'change', state: { ...panel.state, realmSid: 'J'.repeat(9000) } });
    assert.equal(panel.state.realmSid, before);
    assert.ok(
      notices(posted).some((n) =>
        /more than the extension takes: state\.realmSid is over 8192 characters/.test(n.message),
      ),
      JSON.stringify(notices(posted)),
    );
    await panel.receive({ type: 'eval', code: 'x' });
    assert.equal(panel.state.realmSid, before);
  });

  it('lets the page load only from its own folder (its script and stylesheet)', async () => {
    const { panel } = await openPanel(workspaceUri('frontline-sso.json'));
    const extension = vscode.extensions.getExtension('frontline-sso-tools.frontline-sso')!;
    assert.deepEqual(
      panel.panel.webview.options.localResourceRoots?.map((u) => u.path),
      [vscode.Uri.joinPath(extension.extensionUri, 'dist', 'configurator').path],
    );
  });

  it('sets up a Flex app: picks twilio-flex, takes the connection, saves serviceProvider {id, params}, and the linter agrees', async () => {
    const CONNECTION = 'JQ0123456789abcdef0123456789abcdef';
    const uri = workspaceUri('flex.frontline-sso.json');
    const { panel, posted } = await openPanel(uri);
    assert.ok(
      notices(posted).some(
        (n) => n.message === 'flex.frontline-sso.json does not exist yet; Save to workspace creates it.',
      ),
    );
    const providers = await waitFor('the provider list', () =>
      posted.find(
        (m): m is { type: 'providers'; providers: Array<{ id: string; mappings: unknown[] }> } =>
          (m as { type: string }).type === 'providers',
      ),
    );
    assert.equal(providers.providers[0]?.id, 'twilio-frontline', 'Frontline comes first');
    const flex = providers.providers.find((p) => p.id === 'twilio-flex')!;
    const example = JSON.parse(
      (await vscode.workspace.fs.readFile(workspaceUri('frontline-sso.json'))).toString().replace(/^\s*\/\/.*$/gm, ''),
    );
    // What the page sends after the user picks Flex (its mappings replace Frontline's untouched ones) and types.
    const pick = (connection: string) =>
      panel.receive({
        type: 'change',
        state: {
          ...panel.state,
          provider: 'twilio-flex',
          params: { ...panel.state.params, 'twilio-flex': { connection } },
          mappings: flex.mappings,
          issuer: example.identityProvider.issuer,
          ssoUrl: example.identityProvider.ssoUrl,
          certificateFile: './aws-idc.pem',
        },
      });
    const diagnostics = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'frontline-sso');
    try {
      await pick('JQ123');
      await panel.receive({ type: 'save' });
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const written = JSON.parse(doc.getText());
      assert.deepEqual(written.serviceProvider, { id: 'twilio-flex', params: { connection: 'JQ123' } });
      assert.equal('realmSid' in written, false);
      const malformed = await waitFor('the param finding', () =>
        diagnostics().find((d) => codeOf(d) === 'provider-param-malformed'),
      );
      assert.match(
        malformed.message,
        /Connection ID \(connection\) "JQ123".*Example: JQ0123456789abcdef0123456789abcdef/,
      );

      await pick(CONNECTION);
      const validation = await waitFor('the Flex values', () =>
        posted.find(
          (m): m is { type: 'validation'; validation: FormValidation } =>
            (m as { type: string }).type === 'validation' &&
            (m as { validation: FormValidation }).validation.audience === `urn:flex:${CONNECTION}`,
        ),
      );
      assert.equal(
        validation.validation.acsUrl,
        `https://login.flex.us1.twilio.com/login/callback?connection=${CONNECTION}`,
      );
      await panel.receive({ type: 'save' });
      assert.deepEqual(JSON.parse(doc.getText()).serviceProvider, {
        id: 'twilio-flex',
        params: { connection: CONNECTION },
      });
      assert.deepEqual(JSON.parse(doc.getText()).attributeMappings, flex.mappings);
      await waitFor('the linter to find it clean', () =>
        diagnostics().every((d) => d.severity > vscode.DiagnosticSeverity.Warning) ? true : undefined,
      );
      assert.deepEqual(
        diagnostics()
          .filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning)
          .map((d) => d.message),
        [],
      );
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('asks before saving another provider over a Frontline config, and saves nothing when the user says no', async () => {
    const uri = workspaceUri('frontline-sso.json');
    const before = (await vscode.workspace.fs.readFile(uri)).toString();
    const { panel, posted } = await openPanel(uri);
    const asked: string[] = [];
    const window = vscode.window as { showWarningMessage: (...args: unknown[]) => Thenable<unknown> };
    const original = window.showWarningMessage;
    window.showWarningMessage = async (message: unknown) => {
      asked.push(String(message));
      return undefined;
    };
    try {
      await panel.receive({
        type: 'change',
        state: { ...panel.state, provider: 'github-org', params: { 'github-org': { organization: 'acme' } } },
      });
      await panel.receive({ type: 'save' });
    } finally {
      window.showWarningMessage = original;
    }
    assert.deepEqual(asked, [
      'frontline-sso.json is set up for Twilio Frontline. Save it for GitHub Enterprise Cloud organization instead? Its Twilio Frontline values are replaced (Undo brings them back).',
    ]);
    assert.ok(
      notices(posted).some((n) => n.message === 'Not saved: frontline-sso.json stays set up for Twilio Frontline.'),
    );
    assert.equal((await vscode.workspace.openTextDocument(uri)).getText(), before);
  });
});
