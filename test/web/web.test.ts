// The extension in the browser's extension host (VS Code for the Web: vscode.dev, github.dev), as a user meets it:
// run by scripts/vscode-host/web.mjs in code-server's web worker, where no Node global exists.
import * as vscode from 'vscode';
import { doesNotMatch, equal, includes, match, ok } from './assert';

const EXTENSION_ID = 'frontline-sso-tools.frontline-sso';

interface WebApi {
  activationMs: number;
  web: boolean;
  configurator: { open(config?: vscode.Uri): Promise<{ whenReady(): Promise<void>; panel: vscode.WebviewPanel }> };
  notices(): ReadonlyArray<{ level: 'error' | 'warning' | 'info'; message: string }>;
}

async function api(): Promise<WebApi> {
  const extension = vscode.extensions.getExtension<WebApi>(EXTENSION_ID);
  ok(extension, `${EXTENSION_ID} is installed`);
  return extension.activate();
}

function workspaceUri(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  ok(folder, 'the suite runs with a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
): Promise<T> {
  const until = Date.now() + 20_000;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const diagnosticsFor = (uri: vscode.Uri) =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'frontline-sso');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

async function reportAfter(name: RegExp, action: () => Thenable<unknown>): Promise<vscode.TextDocument> {
  const reports = () =>
    vscode.workspace.textDocuments.filter(
      (d) => d.uri.scheme === 'frontline-sso-report' && name.test(decodeURIComponent(d.uri.path)),
    );
  const before = new Set(reports().map((d) => d.uri.toString()));
  await action();
  return waitFor(`a new report ${name}`, () => reports().find((d) => !before.has(d.uri.toString())));
}

const closeAllEditors = () => vscode.commands.executeCommand('workbench.action.closeAllEditors');

export function defineWebTests(): void {
  describe('Frontline SSO in the browser (web worker)', () => {
    before(api);
    afterEach(closeAllEditors);

    it('activates from its browser entry, with no Node global in reach', async () => {
      const extension = await api();
      equal(extension.web, true, 'the browser entry (dist/web/extension.js) is the one that activated');
      equal(vscode.env.uiKind, vscode.UIKind.Web);
      const global = globalThis as Record<string, unknown>;
      equal(typeof global.process, 'undefined', 'process');
      equal(typeof global.Buffer, 'undefined', 'Buffer');
      equal(typeof global.setImmediate, 'undefined', 'setImmediate');
    });

    it('lints a broken config: its problems as diagnostics, with the expected codes', async () => {
      const uri = workspaceUri('broken.frontline-sso.json');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const diagnostics = await waitFor('diagnostics', () => {
        const d = diagnosticsFor(uri);
        return d.length > 5 ? d : undefined;
      });
      const codes = diagnostics.map(codeOf);
      for (const code of [
        'realm-sid-trimmed',
        'sp-acsUrl-swapped',
        'idp-ssoUrl-wrong-endpoint',
        'mapping-unknown-variable',
        'mapping-name-case',
        'mapping-duplicate',
      ]) {
        includes(codes, code);
      }
      const swapped = diagnostics.find((d) => codeOf(d) === 'sp-acsUrl-swapped');
      equal(swapped?.severity, vscode.DiagnosticSeverity.Error);
      equal(swapped?.range.start.line, 5);
    });

    it('applies a quick fix: the file text changes and the problem goes away', async () => {
      const uri = workspaceUri('broken.frontline-sso.json');
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const swapped = await waitFor('the swapped ACS URL problem', () =>
        diagnosticsFor(uri).find((d) => codeOf(d) === 'sp-acsUrl-swapped'),
      );
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        swapped.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fix = actions.find(
        (a) =>
          a.title === 'Replace with https://iam.twilio.com/v2/saml2/authenticate/JB0123456789abcdef0123456789abcdef',
      );
      ok(fix?.edit, `a quick fix among ${actions.map((a) => a.title).join(', ')}`);
      ok(await vscode.workspace.applyEdit(fix.edit), 'the edit applies');
      match(
        doc.getText(),
        /"acsUrl": "https:\/\/iam\.twilio\.com\/v2\/saml2\/authenticate\/JB0123456789abcdef0123456789abcdef"/,
      );
      await waitFor(
        'the fixed problem to go away',
        () => !diagnosticsFor(uri).some((d) => codeOf(d) === 'sp-acsUrl-swapped'),
      );
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });

    it('reads the certificate and metadata files a config names through the workspace file system', async () => {
      const uri = workspaceUri('frontline-sso.json');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      // The config is linted once it is open; the files it names are read before the checks run.
      await waitFor('the config to be linted', async () => {
        await new Promise((r) => setTimeout(r, 500));
        return true;
      });
      const fileCodes = diagnosticsFor(uri)
        .map(codeOf)
        .filter((c) => /^(cert|metadata)-file-/.test(c));
      equal(fileCodes.join(', '), '', 'both files are read (none missing, none "not read")');

      // A path that leaves the workspace folder is not followed.
      const outside = workspaceUri('outside.frontline-sso.json');
      const config = text(await vscode.workspace.fs.readFile(uri)).replace(
        '"./aws-idc.pem"',
        '"../../../../../../etc/hostname"',
      );
      await vscode.workspace.fs.writeFile(outside, new TextEncoder().encode(config));
      try {
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(outside));
        const notRead = await waitFor('cert-file-not-read', () =>
          diagnosticsFor(outside).find((d) => codeOf(d) === 'cert-file-not-read'),
        );
        match(notRead.message, /outside the workspace folder/);
      } finally {
        await closeAllEditors();
        await vscode.workspace.fs.delete(outside);
      }
    });

    it('Generate ACS URL and Audience inserts the values for the Realm SID at the cursor', async () => {
      const doc = await vscode.workspace.openTextDocument({ content: 'JB0123456789abcdef0123456789abcdef\n' });
      await vscode.window.showTextDocument(doc);
      const done = vscode.commands.executeCommand('frontlineSso.generateValues');
      // The Realm SID box is filled from the line at the cursor: accept it, then pick "Insert both at the cursor".
      await new Promise((r) => setTimeout(r, 1000));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((r) => setTimeout(r, 1000));
      for (let i = 0; i < 3; i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await done;
      match(
        doc.getText(),
        /Application ACS URL: https:\/\/iam\.twilio\.com\/v2\/saml2\/authenticate\/JB0123456789abcdef0123456789abcdef\nApplication SAML audience: https:\/\/iam\.twilio\.com\/v2\/saml2\/metadata\/JB0123456789abcdef0123456789abcdef/,
      );
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('hovering a certificate shows its subject and fingerprints', async () => {
      const doc = await vscode.workspace.openTextDocument(workspaceUri('aws-idc.pem'));
      await vscode.window.showTextDocument(doc);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        doc.uri,
        new vscode.Position(2, 4),
      );
      const markdown = hovers
        .flatMap((h) => h.contents)
        .map((c) => (typeof c === 'string' ? c : c.value))
        .join('\n');
      match(markdown, /CN=amazonaws\.com/);
      match(markdown, /SHA-256 \| `([0-9A-F]{2}:){31}[0-9A-F]{2}`/);
      doesNotMatch(markdown, /cannot be read/);
    });

    it('checks a signed SAML response: the signatures verify against the config in the workspace', async () => {
      const captured = text(await vscode.workspace.fs.readFile(workspaceUri('captured-response.b64')));
      const report = await reportAfter(/SAML response checks/, () =>
        vscode.commands.executeCommand('frontlineSso.decodeSamlResponse', captured),
      );
      const body = report.getText();
      match(body, /response signed, assertion signed: verified/);
      match(body, /Attribute `roles` \| `agent`/);
    });

    it('opens the configurator: a visible webview panel loaded with the config', async () => {
      const extension = await api();
      const panel = await extension.configurator.open(workspaceUri('frontline-sso.json'));
      await panel.whenReady();
      ok(panel.panel.visible, 'the configurator panel is visible');
      equal(panel.panel.viewType, 'frontlineSso.configurator');
      panel.panel.dispose();
    });

    it('a desktop-only command says what it needs instead of failing', async () => {
      const extension = await api();
      const before = new Set(extension.notices());
      await vscode.commands.executeCommand('frontlineSso.signIn');
      const notice = await waitFor('the notice', () => extension.notices().find((n) => !before.has(n)));
      equal(notice.level, 'info');
      match(notice.message, /^Sign In to IAM Identity Center needs desktop VS Code/);
      match(notice.message, /Open this folder in desktop VS Code/);
    });
  });
}
