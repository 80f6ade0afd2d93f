import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_SWITCHES, IdentityCenterEmulator } from '../../tools/emulator/server';
import { loadSeed } from '../../tools/emulator/seed';
import { api, closeAllEditors, codeOf, noticeAfter, reportAfter, waitFor, workspaceUri } from './helpers';

interface DriftApi {
  liveDriftFindings(uri: vscode.Uri, options?: { force?: boolean }): Promise<{ findings: Array<{ code: string }> }>;
  expiry: {
    refresh(): Promise<void>;
    status: { visible: boolean; level: string; text: string; tooltip: string; command?: vscode.Command };
  };
}

const live = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'frontline-sso live');
const local = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'frontline-sso');

/** A config in the workspace like the example, with the certificate file next to it. */
function writeConfig(name: string, replace: (text: string) => string = (t) => t): vscode.Uri {
  const uri = workspaceUri(name);
  const example = readFileSync(workspaceUri('frontline-sso.json').fsPath, 'utf8');
  writeFileSync(uri.fsPath, replace(example.replace(/,\n\s+"metadataFile": "\.\/aws-idc-metadata\.xml"/, '')));
  return uri;
}

describe('live metadata check (against the emulator)', () => {
  const emulator = new IdentityCenterEmulator(loadSeed());
  const settings = () => vscode.workspace.getConfiguration('frontlineSso');
  let drift: DriftApi;
  const created: vscode.Uri[] = [];

  before(async () => {
    drift = ((await api()) as unknown as { drift: DriftApi }).drift;
    // The emulator stands in for portal.sso.us-east-1.amazonaws.com through the (restricted) endpoint setting.
    const endpoint = await emulator.start();
    await settings().update('aws.endpoint', endpoint, vscode.ConfigurationTarget.Global);
  });
  beforeEach(() => {
    // The workspace certificate is made anew for each run (scripts/vscode-host/fresh-certificate.mjs): publish that one.
    emulator.switches = {
      ...DEFAULT_SWITCHES,
      metadataActiveCertificate: readFileSync(workspaceUri('aws-idc.pem').fsPath, 'utf8'),
    };
    emulator.resetStats();
  });
  afterEach(closeAllEditors);
  after(async () => {
    await settings().update('aws.endpoint', undefined, vscode.ConfigurationTarget.Global);
    await emulator.stop();
    for (const uri of created) rmSync(uri.fsPath, { force: true, recursive: true });
  });

  it('a config opened while AWS rotates: a live warning beside the local diagnostics, fetched once an hour', async () => {
    emulator.switches.metadataSecondCertificate = true;
    const uri = writeConfig('rotating.frontline-sso.json');
    created.push(uri);
    await vscode.window.showTextDocument(uri);
    const [rotation] = await waitFor('the live diagnostic', () => {
      const d = live(uri);
      return d.length > 0 ? d : undefined;
    });
    assert.equal(rotation && codeOf(rotation), 'drift-rotation');
    assert.equal(rotation.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(rotation.message, /SHA-256 8B:98:E3:34:.*Upload it to Frontline before you make it active in AWS/);
    // The local lint is unaffected: the example config is clean.
    assert.deepEqual(local(uri), []);
    assert.equal(emulator.stats.byOperation.GetSamlMetadata, 1);

    // Another config for the same application within the hour: no second fetch, the same finding.
    const twin = writeConfig('twin.frontline-sso.json');
    created.push(twin);
    await vscode.window.showTextDocument(twin);
    await waitFor(
      'the twin diagnostic',
      () => (live(twin)[0] ? codeOf(live(twin)[0]!) : undefined) === 'drift-rotation',
    );
    assert.equal(emulator.stats.byOperation.GetSamlMetadata, 1);

    // The API the tree's compare action and the configurator use: the same comparison, from the same fetch.
    const report = await drift.liveDriftFindings(twin);
    assert.deepEqual(
      report?.findings.map((f) => f.code),
      ['drift-rotation'],
    );
    assert.equal(emulator.stats.byOperation.GetSamlMetadata, 1);

    // The command always asks again, and passes on its report.
    const checked = await vscode.commands.executeCommand<{ fetched: boolean } | undefined>(
      'frontlineSso.checkLiveMetadata',
      uri,
    );
    assert.equal(checked?.fetched, true);
    assert.equal(emulator.stats.byOperation.GetSamlMetadata, 2);
  });

  it('the configurator shows the same comparison for the config it opens', async () => {
    emulator.switches.metadataSecondCertificate = true;
    const uri = writeConfig('configurator-live.frontline-sso.json');
    created.push(uri);
    const posted: unknown[] = [];
    const panel = await (await api()).configurator.open(uri);
    const listener = panel.onDidPostMessage((m) => posted.push(m));
    try {
      await panel.whenReady();
      const live = await waitFor(
        'the live status in the form',
        () =>
          posted
            .map((m) => m as { type: string; validation?: { live?: { level: string; messages: string[] } } })
            .find((m) => m.type === 'validation' && m.validation?.live)?.validation?.live,
      );
      assert.equal(live.level, 'warning');
      assert.match(live.messages[0] ?? '', /A certificate rotation is under way/);
    } finally {
      listener.dispose();
      panel.panel.dispose();
    }
  });

  it('AWS no longer signs with the configured certificate: an error whose quick fix applies and undoes', async () => {
    emulator.switches.metadataSwapActive = true;
    const uri = writeConfig('swapped.frontline-sso.json');
    created.push(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    // The check of the hour may have seen the old certificate: the command fetches now, and says what it found.
    await noticeAfter(
      'error',
      /^swapped\.frontline-sso\.json differs from the live metadata: AWS no longer signs with the configured certificate/,
      () => vscode.commands.executeCommand('frontlineSso.checkLiveMetadata', uri),
    );
    const gone = await waitFor('the live error', () => live(uri).find((d) => codeOf(d) === 'drift-certificate'));
    assert.equal(gone.severity, vscode.DiagnosticSeverity.Error);
    assert.match(gone.message, /^AWS no longer signs with the configured certificate/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      gone.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title.startsWith('Use the live certificate (8B:98:E3:34…'));
    assert.ok(fix?.edit, actions.map((a) => a.title).join(', '));
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const other = readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'idp', 'other.pem'), 'utf8');
    assert.ok(doc.getText().includes(JSON.stringify(other.trim() + '\n').slice(1, 40)), 'the PEM is inline now');
    assert.ok(!doc.getText().includes('"certificateFile"'));
    await waitFor('the live error to go', () => live(uri).length === 0);
    await vscode.commands.executeCommand('undo');
    await waitFor('undo to bring it back', () => live(uri).some((d) => codeOf(d) === 'drift-certificate'));
    assert.ok(doc.getText().includes('"certificateFile": "./aws-idc.pem"'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('the metadata cannot be fetched: one information-level finding that says why', async () => {
    emulator.switches.metadataFail = 'html';
    const uri = writeConfig('html.frontline-sso.json');
    created.push(uri);
    await vscode.window.showTextDocument(uri);
    await vscode.commands.executeCommand('frontlineSso.checkLiveMetadata', uri);
    const [info] = await waitFor('the info finding', () => {
      const d = live(uri);
      return d.length > 0 ? d : undefined;
    });
    assert.equal(info && codeOf(info), 'drift-unavailable');
    assert.equal(info.severity, vscode.DiagnosticSeverity.Information);
    assert.match(info.message, /answered with an HTML page.*The local checks are not affected/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      info.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    assert.ok(actions.some((a) => a.title === 'Check Live Metadata again'));
  });

  it('Save Metadata to File writes the XML next to the config and sets metadataFile (undoable)', async () => {
    const uri = writeConfig('saved.frontline-sso.json');
    const xml = workspaceUri('saved.aws-idc-metadata.xml');
    created.push(uri, xml);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('frontlineSso.saveLiveMetadata', uri);
    await waitFor('the file', () => existsSync(xml.fsPath));
    assert.match(
      readFileSync(xml.fsPath, 'utf8'),
      /<md:EntityDescriptor [^>]*entityID="https:\/\/portal\.sso\.us-east-1/,
    );
    await waitFor('metadataFile in the config', () =>
      doc.getText().includes('"metadataFile": "./saved.aws-idc-metadata.xml"'),
    );
    // The local lint now checks the config against the saved file too, and finds it consistent.
    await new Promise((r) => setTimeout(r, 600));
    assert.deepEqual(
      local(uri).map((d) => codeOf(d)),
      [],
    );
    await vscode.commands.executeCommand('undo');
    await waitFor('undo', () => !doc.getText().includes('metadataFile'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  /** A config whose metadataFile is `metadataFile` (the config file as a repository could commit it). */
  const configNaming = (name: string, metadataFile: string) =>
    writeConfig(name, (t) =>
      t.replace(/("certificateFile": "[^"]*")/, `$1,\n    "metadataFile": ${JSON.stringify(metadataFile)}`),
    );

  it('Save Metadata to File refuses a metadataFile outside the workspace folder and writes nothing there', async () => {
    const uri = configNaming('escape.frontline-sso.json', '../outside.xml');
    created.push(uri);
    const outside = join(dirname(workspaceUri().fsPath), 'outside.xml');
    rmSync(outside, { force: true });
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await noticeAfter(
      'error',
      /^The live metadata was not saved to \.\.\/outside\.xml: it is outside the workspace folder\. Set identityProvider\.metadataFile to a file inside the workspace folder \(for example \.\/escape\.aws-idc-metadata\.xml\), or remove it to use that name\.$/,
      () => vscode.commands.executeCommand('frontlineSso.saveLiveMetadata', uri),
    );
    assert.equal(existsSync(outside), false, 'nothing was written outside the workspace');
    assert.ok(doc.getText().includes('"metadataFile": "../outside.xml"'), 'the config is left as it was');
  });

  it('Save Metadata to File refuses a committed symbolic link, and leaves its target alone', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'frontline-sso-link-target-'));
    const victim = join(elsewhere, 'victim.txt');
    writeFileSync(victim, 'precious\n');
    const link = workspaceUri('linked.aws-idc-metadata.xml');
    symlinkSync(victim, link.fsPath);
    const uri = configNaming('linked.frontline-sso.json', './linked.aws-idc-metadata.xml');
    created.push(uri, link);
    try {
      await vscode.window.showTextDocument(uri);
      await noticeAfter(
        'error',
        /^The live metadata was not saved to \.\/linked\.aws-idc-metadata\.xml: it is a symbolic link \(to .*victim\.txt\), and links are not written through\. Set identityProvider\.metadataFile to a file inside the workspace folder/,
        () => vscode.commands.executeCommand('frontlineSso.saveLiveMetadata', uri),
      );
      assert.equal(readFileSync(victim, 'utf8'), 'precious\n');
      assert.ok(lstatSync(link.fsPath).isSymbolicLink(), 'the link is still a link');
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('Save Metadata to File writes a metadataFile in a new subfolder of the workspace', async () => {
    const uri = configNaming('nested.frontline-sso.json', './metadata/nested.xml');
    const xml = workspaceUri('metadata', 'nested.xml');
    created.push(uri, workspaceUri('metadata'));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await noticeAfter(
      'info',
      /^Saved the live metadata to \.\/metadata\/nested\.xml; the config's metadataFile names it/,
      () => vscode.commands.executeCommand('frontlineSso.saveLiveMetadata', uri),
    );
    assert.match(
      readFileSync(xml.fsPath, 'utf8'),
      /<md:EntityDescriptor [^>]*entityID="https:\/\/portal\.sso\.us-east-1/,
    );
  });

  it('the setting turns the automatic check off', async () => {
    await settings().update('online.checkMetadata', false, vscode.ConfigurationTarget.Workspace);
    try {
      // An application never asked for before: a check would fetch it (and get a 404 finding).
      const id = Buffer.from('123456789012_ins-00000000000000aa').toString('base64');
      const uri = writeConfig('quiet.frontline-sso.json', (t) =>
        t.replace(/(saml\/assertion\/)[A-Za-z0-9=]+/g, `$1${id}`),
      );
      created.push(uri);
      await vscode.window.showTextDocument(uri);
      await new Promise((r) => setTimeout(r, 1000));
      assert.deepEqual(live(uri), []);
      assert.equal(emulator.stats.requests, 0);
    } finally {
      await settings().update('online.checkMetadata', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});

describe('certificate expiry watch', () => {
  let drift: DriftApi;
  const dir = mkdtempSync(join(tmpdir(), 'frontline-sso-expiry-'));
  const uri = () => workspaceUri('expiring.frontline-sso.json');
  /** A certificate that expires in `days` days, made by openssl (as the unit tests make theirs). */
  const certificate = (days: number) => {
    const key = join(dir, 'key.pem');
    execFileSync('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', key]);
    return execFileSync(
      'openssl',
      ['req', '-x509', '-key', key, '-days', String(days), '-subj', '/C=US/O=Amazon/OU=IDAS/CN=expiring.example'],
      { encoding: 'utf8' },
    );
  };
  const writeWith = (pem: string) =>
    writeFileSync(
      uri().fsPath,
      JSON.stringify({ identityProvider: { issuer: 'https://idp.example.com/x', certificate: pem } }, null, 2),
    );

  before(async () => {
    drift = ((await api()) as unknown as { drift: DriftApi }).drift;
  });
  after(async () => {
    rmSync(uri().fsPath, { force: true });
    rmSync(dir, { recursive: true, force: true });
    await drift.expiry.refresh();
    await closeAllEditors();
  });

  it('nothing shows while every certificate has more than 90 days', async () => {
    await drift.expiry.refresh();
    assert.equal(drift.expiry.status.visible, false, drift.expiry.status.text);
  });

  it('within 90 days: a warning item with the days left; click → the certificate report', async () => {
    writeWith(certificate(20));
    // Crossing the 30-day threshold reminds once, with what to do.
    await noticeAfter(
      'warning',
      /^The IAM Identity Center certificate in expiring\.frontline-sso\.json expires in (19|20) days \(\d{4}-\d\d-\d\d\)\. Add a new certificate in IAM Identity Center, upload it to Frontline/,
      () => drift.expiry.refresh(),
    );
    const status = drift.expiry.status;
    assert.equal(status.visible, true);
    assert.equal(status.level, 'warning');
    assert.match(status.text, /^\$\(warning\) SSO certificate: (19|20) days left$/);
    assert.match(status.tooltip, /CN=expiring\.example.* in expiring\.frontline-sso\.json/);
    const report = await reportAfter(/Certificate/, () =>
      vscode.commands.executeCommand(status.command!.command, ...(status.command!.arguments ?? [])),
    );
    assert.match(report.getText(), /CN=expiring\.example, OU=IDAS, O=Amazon, C=US/);
  });

  it('within 7 days: the error colour', async () => {
    writeWith(certificate(3));
    await drift.expiry.refresh();
    assert.equal(drift.expiry.status.level, 'error');
    assert.match(drift.expiry.status.text, /^\$\(error\) SSO certificate: [23] days left$/);
  });

  it('the config gone: the item goes', async () => {
    rmSync(uri().fsPath);
    await drift.expiry.refresh();
    assert.equal(drift.expiry.status.visible, false);
  });
});
