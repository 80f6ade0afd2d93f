import * as vscode from 'vscode';
import { pickConfigFile, readConfigFiles } from '../common/configFiles';
import { applyTextEdits, createFileUndoable } from '../common/edits';
import { guarded } from '../common/log';
import { decodeCertificates } from '../core/certificates';
import { readConfig } from '../core/configFile';
import { ConfigUpdate, updateConfigText } from '../core/configEdits';
import { isInputError } from '../core/findings';
import { configFromForm, emptyFormState, formFromConfig, validateForm } from '../core/form';
import { checkRealmSid } from '../core/realm';
import { loadSaml } from '../lazy';
import { FormState, ToWebview, isFormState, parseToHost } from '../shared/protocol';
import { configuratorHtml, makeNonce } from './html';

const VIEW_TYPE = 'frontlineSso.configurator';

export interface Configurator {
  open(config?: vscode.Uri): Promise<ConfiguratorPanel>;
  readonly current: ConfiguratorPanel | undefined;
}

/** The form as one webview panel; it survives reloads through the serializer and the webview's saved state. */
export function registerConfigurator(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Configurator {
  let current: ConfiguratorPanel | undefined;
  const adopt = (panel: vscode.WebviewPanel, config?: vscode.Uri) => {
    current?.panel.dispose();
    current = new ConfiguratorPanel(context, panel, log, config);
    panel.onDidDispose(() => {
      if (current?.panel === panel) current = undefined;
    });
    return current;
  };
  const open = async (config?: vscode.Uri) => {
    if (current && !config) {
      current.panel.reveal();
      return current;
    }
    const target = config ?? (await pickConfigFile('should the form open').catch(() => undefined));
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      'Frontline SSO Configurator',
      vscode.ViewColumn.Active,
      panelOptions(context),
    );
    const created = adopt(panel, target);
    return created;
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(
      'frontlineSso.openConfigurator',
      guarded(log, 'Open Configurator', (uri?: unknown) => open(uri instanceof vscode.Uri ? uri : undefined)),
    ),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, saved: unknown) {
        panel.webview.options = panelOptions(context);
        adopt(panel).restored = isFormState(saved) ? saved : undefined;
      },
    }),
  );
  return {
    open,
    get current() {
      return current;
    },
  };
}

function panelOptions(context: vscode.ExtensionContext): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  // Only the built UI and its stylesheet can be loaded.
  return {
    enableScripts: true,
    localResourceRoots: [
      vscode.Uri.joinPath(context.extensionUri, 'dist'),
      vscode.Uri.joinPath(context.extensionUri, 'media'),
    ],
  };
}

export class ConfiguratorPanel {
  state: FormState = emptyFormState();
  restored: FormState | undefined;
  private ready = false;
  /** The config file this form saves to, and its certificate file text as loaded (to keep certificateFile when unchanged). */
  private target: vscode.Uri | undefined;
  private loadedCertificateFileText: string | undefined;
  private readonly readyWaiters: Array<() => void> = [];

  constructor(
    context: vscode.ExtensionContext,
    readonly panel: vscode.WebviewPanel,
    private readonly log: vscode.LogOutputChannel,
    config?: vscode.Uri,
  ) {
    this.target = config;
    const webview = panel.webview;
    webview.html = configuratorHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, 'media', 'configurator.css')).toString(),
    });
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    webview.onDidReceiveMessage((raw: unknown) => {
      const message = parseToHost(raw);
      if (!message) {
        this.log.warn('Configurator: ignored a message that is not part of the protocol');
        return;
      }
      void this.handle(message).catch((err: unknown) => {
        this.log.error('Configurator message failed', err);
        this.post({ type: 'notice', level: 'error', message: (err as Error).message });
      });
    });
  }

  /** Resolves when the webview has said it is ready (tests and other features wait for this). */
  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  private post(message: ToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  private validate(): void {
    this.post({ type: 'validation', validation: validateForm(this.state) });
  }

  /** Replaces the form's content (used by Open, Import metadata, and tests). */
  setState(state: FormState, source?: string): void {
    this.state = state;
    this.post({ type: 'state', state, source });
    this.validate();
  }

  private async handle(message: NonNullable<ReturnType<typeof parseToHost>>): Promise<void> {
    switch (message.type) {
      case 'ready': {
        this.ready = true;
        const kept = message.state ?? this.restored;
        if (kept) this.setState(kept);
        else if (this.target) await this.load(this.target);
        else this.setState(this.state);
        this.readyWaiters.splice(0).forEach((resolve) => resolve());
        return;
      }
      case 'change':
        this.state = message.state;
        this.validate();
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        vscode.window.setStatusBarMessage(`$(copy) Copied ${message.label}`, 3000);
        return;
      case 'open': {
        const uri =
          (await pickConfigFile('should the form open')) ??
          (
            await vscode.window.showOpenDialog({
              filters: { 'Frontline SSO config': ['json'] },
              title: 'Open a Frontline SSO config file',
            })
          )?.[0];
        if (uri) await this.load(uri);
        return;
      }
      case 'save':
        await this.save();
        return;
      case 'importMetadata':
        await this.importMetadata();
        return;
      case 'pickCertificate': {
        const [uri] =
          (await vscode.window.showOpenDialog({
            filters: { Certificates: ['pem', 'crt', 'cer', 'der'] },
            title: 'Choose the IAM Identity Center certificate',
          })) ?? [];
        if (!uri) return;
        const bytes = await vscode.workspace.fs.readFile(uri);
        try {
          const [cert] = decodeCertificates(bytes);
          this.setState({ ...this.state, certificate: cert?.pem ?? '' });
        } catch (err) {
          if (!isInputError(err)) throw err;
          this.post({ type: 'notice', level: 'error', message: err.message });
        }
        return;
      }
    }
  }

  async load(uri: vscode.Uri): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(uri);
    const text = doc.getText();
    let certificateFile: string | undefined;
    try {
      certificateFile = readConfig(text).certificateFile;
    } catch {
      // Not valid JSON: the form takes what it can read; the linter reports the rest.
    }
    let certificateText: string | undefined;
    if (certificateFile) {
      const file = (await readConfigFiles(uri, text)).get(certificateFile);
      if (file?.ok) {
        certificateText = Buffer.from(file.bytes).toString('utf8');
      } else if (file) {
        this.post({
          type: 'notice',
          level: 'warning',
          message: `The certificate file ${certificateFile} cannot be read: ${file.message}.`,
        });
      }
    }
    this.target = uri;
    this.loadedCertificateFileText = certificateText;
    this.setState(formFromConfig(text, certificateText), vscode.workspace.asRelativePath(uri));
    this.post({ type: 'notice', level: 'info', message: `Loaded ${vscode.workspace.asRelativePath(uri)}.` });
  }

  private async importMetadata(): Promise<void> {
    const [uri] =
      (await vscode.window.showOpenDialog({
        filters: { 'SAML metadata': ['xml'] },
        title: 'Choose the IAM Identity Center metadata XML',
      })) ?? [];
    if (!uri) return;
    try {
      const report = loadSaml().checkIdpMetadata(await vscode.workspace.fs.readFile(uri));
      this.setState({
        ...this.state,
        issuer: report.issuer,
        ssoUrl: report.ssoUrl ?? '',
        certificate: report.decodedCertificates[0]?.pem ?? this.state.certificate,
      });
      this.post({
        type: 'notice',
        level: 'info',
        message: `Imported issuer, sign-in URL and certificate from ${uri.path.split('/').pop()}.`,
      });
    } catch (err) {
      if (!isInputError(err)) throw err;
      this.post({ type: 'notice', level: 'error', message: err.message });
    }
  }

  /**
   * Writes the form into the config file as one undoable edit. An open document with unsaved changes is edited in
   * place and left unsaved, so nothing the user typed there is lost.
   */
  async save(): Promise<vscode.Uri | undefined> {
    let target = this.target;
    if (!target) {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder) {
        this.post({
          type: 'notice',
          level: 'warning',
          message: 'Open a folder first: the config file is saved in the workspace.',
        });
        return undefined;
      }
      target = vscode.Uri.joinPath(folder.uri, 'frontline-sso.json');
    }
    const exists = await vscode.workspace.fs.stat(target).then(
      () => true,
      () => false,
    );
    if (!exists && !(await createFileUndoable(target, '{}\n'))) return undefined;
    const doc = await vscode.workspace.openTextDocument(target);
    const wasDirty = doc.isDirty;
    const config = configFromForm(this.state) as { identityProvider: Record<string, unknown> } & Record<
      string,
      unknown
    >;
    const updates: ConfigUpdate[] = Object.entries(config)
      .filter(([k]) => k !== 'identityProvider')
      .map(([k, v]) => ({ path: [k], value: v }));
    for (const [k, v] of Object.entries(config.identityProvider)) {
      if (
        k === 'certificate' &&
        this.loadedCertificateFileText !== undefined &&
        this.state.certificate.trim() === this.loadedCertificateFileText.trim()
      )
        continue;
      updates.push({ path: ['identityProvider', k], value: v });
      // An inline certificate replaces a certificate file (removing an absent property changes nothing).
      if (k === 'certificate') updates.push({ path: ['identityProvider', 'certificateFile'], value: undefined });
    }
    if (!checkRealmSid(this.state.realmSid).sid) updates.push({ path: ['serviceProvider'], value: undefined });
    const { edit } = updateConfigText(doc.getText(), updates);
    if (edit && !(await applyTextEdits(doc, [edit]))) return undefined;
    if (!wasDirty) await doc.save();
    this.target = target;
    const name = vscode.workspace.asRelativePath(target);
    this.post({
      type: 'notice',
      level: 'info',
      message: wasDirty ? `Updated ${name}; it had unsaved changes, so it is left for you to save.` : `Saved ${name}.`,
    });
    return target;
  }
}
