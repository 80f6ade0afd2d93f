// The configurator's panels and their work, loaded on first use (see register.ts).
import * as vscode from 'vscode';
import { readConfigFiles } from '../host/configFiles';
import { autoCheckEnabled, pickConfigFile } from '../host/documents';
import { applyTextEdits, createFileUndoable } from '../host/edits';
import { readUri } from '../host/input';
import { decodeCertificates } from '../core/certificates/certificates';
import { ConfigUpdate, updateConfigText } from '../core/config/edits';
import { isInputError } from '../core/common/findings';
import {
  chosenProvider,
  configFromForm,
  emptyFormState,
  formFromConfig,
  providerSummaries,
  recogniseInForm,
  unknownProviderProblem,
  validateForm,
} from './form';
import { LoadedFile } from '../core/common/loadedFile';
import { checkRealmSid } from '../core/values/realm';
import { loadSaml } from '../lazyParts';
import type { LiveCheck } from '../drift/api';
import {
  FRONTLINE_PROVIDER_ID,
  FieldStatus,
  FindingLevel,
  FormState,
  ToHost,
  ToWebview,
  checkFormState,
  checkToHost,
  checkToWebview,
  clip,
  formStateProblem,
} from './webview/protocol';
import { CONFIGURATOR_ASSETS, configuratorHtml, makeNonce } from './html';
import { CONFIGURATOR_VIEW_TYPE } from './ids';

/** The config file the open form saves to, kept across window reloads (the webview's own state holds no paths). */
const TARGET_KEY = 'frontlineSso.configurator.target';

export interface Configurator {
  open(config?: vscode.Uri): Promise<ConfiguratorPanel>;
  readonly current: ConfiguratorPanel | undefined;
}

/** The form as one webview panel; it survives reloads through the serializer and the webview's saved state. */
export class Configurators implements Configurator {
  private panel: ConfiguratorPanel | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
    private readonly live?: LiveCheck,
  ) {}

  get current(): ConfiguratorPanel | undefined {
    return this.panel;
  }

  async open(config?: vscode.Uri): Promise<ConfiguratorPanel> {
    if (this.panel && !config) {
      this.panel.panel.reveal();
      return this.panel;
    }
    const target = config ?? (await pickConfigFile('should the form open').catch(() => undefined));
    const panel = vscode.window.createWebviewPanel(
      CONFIGURATOR_VIEW_TYPE,
      'Frontline SSO Configurator',
      vscode.ViewColumn.Active,
      panelOptions(this.context),
    );
    return this.adopt(panel, target);
  }

  /** A panel VS Code restores after a window reload, with the page's saved form. */
  deserialize(panel: vscode.WebviewPanel, saved: unknown): void {
    panel.webview.options = panelOptions(this.context);
    const target = this.context.workspaceState.get<string>(TARGET_KEY);
    const restored = checkFormState(saved);
    if (!restored.ok && saved !== undefined)
      this.log.warn(`Configurator: the page's saved state was not restored: ${restored.reason}`);
    this.adopt(panel, target ? vscode.Uri.parse(target) : undefined).restored = restored.ok
      ? restored.message
      : undefined;
  }

  private adopt(panel: vscode.WebviewPanel, config?: vscode.Uri): ConfiguratorPanel {
    this.panel?.panel.dispose();
    const current = new ConfiguratorPanel(this.context, panel, this.log, config, this.live);
    this.panel = current;
    void this.context.workspaceState.update(TARGET_KEY, config?.toString());
    current.onDidChangeTarget((uri) => void this.context.workspaceState.update(TARGET_KEY, uri.toString()));
    panel.onDidDispose(() => {
      if (this.panel?.panel === panel) this.panel = undefined;
    });
    return current;
  }
}

/** The page may load its script and its stylesheet, and no other file of the extension or the machine. */
export function panelOptions(context: vscode.ExtensionContext): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, ...CONFIGURATOR_ASSETS.folder)],
  };
}

export class ConfiguratorPanel {
  state: FormState = emptyFormState();
  restored: FormState | undefined;
  private ready = false;
  /** The config file this form saves to. */
  private target: vscode.Uri | undefined;
  /** The certificate file the form names, as read for the current target (its text stays in the host). */
  private certificateFile: { key: string; file: LoadedFile } | undefined;
  private validation = 0;
  /** The last live metadata comparison of the target config, and which config it was for. */
  private liveStatus: { target: string; status: FieldStatus } | undefined;
  private readonly readyWaiters: Array<() => void> = [];
  private readonly targetChanged = new vscode.EventEmitter<vscode.Uri>();
  private readonly posted = new vscode.EventEmitter<ToWebview>();
  /** Fires when the form starts saving to another config file. */
  readonly onDidChangeTarget = this.targetChanged.event;
  /** Fires for every message sent to the page (the extension-host tests read what the user is shown). */
  readonly onDidPostMessage = this.posted.event;

  constructor(
    context: vscode.ExtensionContext,
    readonly panel: vscode.WebviewPanel,
    private readonly log: vscode.LogOutputChannel,
    config?: vscode.Uri,
    private readonly live?: LiveCheck,
  ) {
    this.target = config;
    const webview = panel.webview;
    const asset = (file: string) =>
      webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, ...CONFIGURATOR_ASSETS.folder, file)).toString();
    webview.html = configuratorHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: asset(CONFIGURATOR_ASSETS.script),
      styleUri: asset(CONFIGURATOR_ASSETS.style),
    });
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    panel.onDidDispose(() => {
      this.targetChanged.dispose();
      this.posted.dispose();
    });
    webview.onDidReceiveMessage((raw: unknown) => this.receive(raw));
  }

  /**
   * Handles a message as the page sent it: checked (shape and size) first; anything else is ignored and logged, and
   * a form too large to check is reported on the page. Resolves when the message has been handled.
   */
  async receive(raw: unknown): Promise<void> {
    const checked = checkToHost(raw);
    if (!checked.ok) {
      this.log.warn(`Configurator: ignored a message from the page: ${checked.reason}`);
      if (checked.tooLarge) this.notice('error', `The form sent more than the extension takes: ${checked.reason}.`);
      return;
    }
    try {
      await this.handle(checked.message);
    } catch (err) {
      this.log.error('Configurator message failed', err);
      this.notice('error', (err as Error).message);
    }
  }

  /** Resolves when the webview has said it is ready (tests and other features wait for this). */
  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Sends a message that passes the page's own checks; one that would not is logged and replaced by a notice. */
  private post(message: ToWebview): void {
    const checked = checkToWebview(message);
    if (!checked.ok) {
      this.log.error(`Configurator: did not send a ${message.type} message the page would refuse: ${checked.reason}`);
      if (message.type !== 'notice')
        this.post({ type: 'notice', level: 'error', message: 'The form could not be updated; see the log.' });
      return;
    }
    this.posted.fire(message);
    void this.panel.webview.postMessage(message);
  }

  private notice(level: FindingLevel, message: string): void {
    this.post({ type: 'notice', level, message: clip(message) });
  }

  /** The certificate file the state names, read within bounds relative to the target config (cached per path). */
  private async certificateFiles(): Promise<Map<string, LoadedFile>> {
    const ref = this.state.certificateFile;
    if (!ref) return new Map();
    const key = `${this.target?.toString() ?? ''}\n${ref}`;
    if (this.certificateFile?.key !== key) {
      const file: LoadedFile = this.target
        ? ((await readConfigFiles(this.target, JSON.stringify({ identityProvider: { certificateFile: ref } }))).get(
            ref,
          ) ?? { ok: false, problem: 'unreadable', message: 'it was not read' })
        : { ok: false, problem: 'no-config', message: 'the form has no config file to find it from' };
      this.certificateFile = { key, file };
    }
    return new Map([[ref, this.certificateFile.file]]);
  }

  private async validate(): Promise<void> {
    const generation = ++this.validation;
    const files = await this.certificateFiles();
    // A later change has been validated meanwhile: this result is stale.
    if (generation !== this.validation) return;
    const live =
      this.liveStatus && this.liveStatus.target === this.target?.toString() ? this.liveStatus.status : undefined;
    this.post({ type: 'validation', validation: { ...validateForm(this.state, new Date(), files), live } });
  }

  /**
   * Compares the saved config with the live metadata (at most one fetch an hour per address, as the drift feature does)
   * and shows the result under "AWS → Frontline". Never blocks the form; a failure to check is shown as information.
   */
  private async refreshLive(): Promise<void> {
    const target = this.target;
    if (!this.live || !target || !autoCheckEnabled()) return;
    const report = await this.live(target).catch((err: unknown) => {
      this.log.warn('Configurator: the live metadata check failed', err);
      return undefined;
    });
    if (!report || this.target?.toString() !== target.toString()) return;
    const order: FieldStatus['level'][] = ['ok', 'info', 'warning', 'error'];
    const level = report.findings.reduce<FieldStatus['level']>(
      (worst, f) => (order.indexOf(f.severity) > order.indexOf(worst) ? f.severity : worst),
      'ok',
    );
    this.liveStatus = {
      target: target.toString(),
      status: { level, messages: report.findings.map((f) => clip(f.message)) },
    };
    await this.validate();
  }

  /** Replaces the form's content (used by Open, Import metadata, and restoring). */
  private async setState(state: FormState, source?: string): Promise<void> {
    this.state = state;
    this.post({ type: 'state', state, source });
    await this.validate();
  }

  private async handle(message: ToHost): Promise<void> {
    switch (message.type) {
      case 'ready': {
        this.ready = true;
        // The picker's entries come first: the state names one of them.
        this.post({ type: 'providers', providers: providerSummaries() });
        const kept = message.state ?? this.restored;
        // Re-read the certificate file: it may have changed while the page was hidden.
        this.certificateFile = undefined;
        if (kept) await this.setState(kept);
        else if (this.target) await this.load(this.target);
        else await this.setState(this.state);
        if (kept) void this.refreshLive();
        this.readyWaiters.splice(0).forEach((resolve) => resolve());
        return;
      }
      case 'change': {
        const recognised = recogniseInForm(message.state, this.state);
        if (recognised) {
          await this.setState(recognised.state);
          this.notice('info', recognised.message);
          return;
        }
        this.state = message.state;
        await this.validate();
        return;
      }
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        vscode.window.setStatusBarMessage(vscode.l10n.t('$(copy) Copied {0}', message.label), 3000);
        return;
      case 'open': {
        const uri =
          (await pickConfigFile('should the form open')) ??
          (
            await vscode.window.showOpenDialog({
              filters: { 'Frontline SSO config': ['json'] },
              title: vscode.l10n.t('Open a Frontline SSO config file'),
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
            title: vscode.l10n.t('Choose the IAM Identity Center certificate'),
          })) ?? [];
        if (!uri) return;
        try {
          // Only the decoded certificate enters the form: never a key or other text from the file.
          const [cert] = decodeCertificates((await readUri(uri)).data);
          await this.setState({ ...this.state, certificate: cert?.pem ?? '' });
        } catch (err) {
          if (!isInputError(err)) throw err;
          this.notice('error', err.message);
        }
        return;
      }
    }
  }

  private retarget(uri: vscode.Uri): void {
    if (this.target?.toString() === uri.toString()) return;
    this.target = uri;
    this.targetChanged.fire(uri);
  }

  async load(uri: vscode.Uri): Promise<void> {
    const name = vscode.workspace.asRelativePath(uri);
    const exists = await vscode.workspace.fs.stat(uri).then(
      () => true,
      () => false,
    );
    if (!exists) {
      // A config to be made: the form starts empty and Save creates the file.
      this.retarget(uri);
      this.certificateFile = undefined;
      await this.setState(emptyFormState(), name);
      this.notice('info', `${name} does not exist yet; Save to workspace creates it.`);
      return;
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    const state = formFromConfig(doc.getText());
    // Loading part of it would lose the rest on the next save.
    const problem = formStateProblem(state) ?? unknownProviderProblem(state);
    if (problem) {
      this.notice('error', `${name} was not loaded: ${problem} Edit it in the editor, where the linter shows where.`);
      return;
    }
    this.retarget(uri);
    this.certificateFile = undefined;
    await this.setState(state, name);
    this.notice('info', `Loaded ${name}.`);
    void this.refreshLive();
  }

  private async importMetadata(): Promise<void> {
    const [uri] =
      (await vscode.window.showOpenDialog({
        filters: { 'SAML metadata': ['xml'] },
        title: vscode.l10n.t('Choose the IAM Identity Center metadata XML'),
      })) ?? [];
    if (!uri) return;
    try {
      const report = loadSaml().checkIdpMetadata((await readUri(uri)).data);
      await this.setState({
        ...this.state,
        issuer: report.issuer,
        ssoUrl: report.ssoUrl ?? '',
        certificate: report.decodedCertificates[0]?.pem ?? this.state.certificate,
      });
      this.notice('info', `Imported issuer, sign-in URL and certificate from ${uri.path.split('/').pop()}.`);
    } catch (err) {
      if (!isInputError(err)) throw err;
      this.notice('error', err.message);
    }
  }

  /**
   * Whether the form may save over a config file set up for another provider: the user is asked first, since the
   * other provider's values (its Realm SID or params) are replaced. A file for the same provider, or with none of
   * them yet, is saved without asking.
   */
  private async confirmProviderChange(text: string, name: string): Promise<boolean> {
    const saved = formFromConfig(text);
    if (saved.provider === this.state.provider) return true;
    const hasValues =
      saved.provider === FRONTLINE_PROVIDER_ID
        ? saved.realmSid.trim() !== '' || saved.workspaceId.trim() !== ''
        : Object.values(saved.params[saved.provider] ?? {}).some((v) => v.trim() !== '');
    if (!hasValues && !unknownProviderProblem(saved)) return true;
    const label = (id: string) => {
      const p = providerSummaries().find((s) => s.id === id);
      return p ? `${p.vendor} ${p.product}` : id;
    };
    const replace = vscode.l10n.t('Save for {0}', label(this.state.provider));
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t(
        '{0} is set up for {1}. Save it for {2} instead? Its {1} values are replaced (Undo brings them back).',
        name,
        label(saved.provider),
        label(this.state.provider),
      ),
      { modal: true },
      replace,
    );
    if (answer === replace) return true;
    this.notice('info', `Not saved: ${name} stays set up for ${label(saved.provider)}.`);
    return false;
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
        this.notice('warning', 'Open a folder first: the config file is saved in the workspace.');
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
    const name = vscode.workspace.asRelativePath(target);
    if (!(await this.confirmProviderChange(doc.getText(), name))) return undefined;
    const config = configFromForm(this.state) as { identityProvider: Record<string, unknown> } & Record<
      string,
      unknown
    >;
    const updates: ConfigUpdate[] = Object.entries(config)
      .filter(([k]) => k !== 'identityProvider')
      .map(([k, v]) => ({ path: [k], value: v }));
    for (const [k, v] of Object.entries(config.identityProvider)) {
      updates.push({ path: ['identityProvider', k], value: v });
      // An inline certificate replaces a certificate file (removing an absent property changes nothing).
      if (k === 'certificate') updates.push({ path: ['identityProvider', 'certificateFile'], value: undefined });
    }
    if (chosenProvider(this.state)) {
      // Another provider's config has no Realm SID or Workspace ID: those are Frontline's.
      updates.push({ path: ['realmSid'], value: undefined }, { path: ['workspaceId'], value: undefined });
    } else if (!checkRealmSid(this.state.realmSid).sid) updates.push({ path: ['serviceProvider'], value: undefined });
    const { edit } = updateConfigText(doc.getText(), updates);
    if (edit && !(await applyTextEdits(doc, [edit]))) return undefined;
    if (!wasDirty) await doc.save();
    this.retarget(target);
    this.notice(
      'info',
      wasDirty ? `Updated ${name}; it had unsaved changes, so it is left for you to save.` : `Saved ${name}.`,
    );
    // The saved values may now agree (or not) with what AWS publishes.
    void this.refreshLive();
    return target;
  }
}
