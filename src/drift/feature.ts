// The live metadata check and the certificate expiry watch: the work, loaded on first need (see register.ts).
import { dirname, join, posix } from 'node:path';
import * as vscode from 'vscode';
import { showError, showInfo, showWarning } from '../host/notify';
import { SETTINGS, documentKind, pickConfigFile } from '../host/documents';
import { applyTextEdits } from '../host/edits';
import { readDriftConfig } from '../core/drift/drift';
import { updateConfigText } from '../core/config/edits';
import { hasErrors, isInputError } from '../core/common/findings';
import { MAX_METADATA_FILE_BYTES } from '../core/common/limits';
import { writeFileAtomic } from '../io/atomicWrite';
import { readFileBounded } from '../io/files';
import { writeTargetInside } from '../io/writeTarget';
import { ExpiryWatch } from './expiry';
import { LIVE_SCHEMES, autoCheckEnabled } from './settings';
import { LiveChecks, LiveReport, registerLiveCodeActions } from './live';

export type { LiveReport } from './live';

/** What other features use: the tree's compare action and the configurator show the same comparison. */
export interface DriftApi {
  /**
   * The live comparison for a config file: the outcome of the last hour for its URL, or a fetch (`force` always
   * fetches). Never throws for network or content reasons; in an untrusted workspace it says why it did not run.
   */
  liveDriftFindings(configUri: vscode.Uri, options?: { force?: boolean }): Promise<LiveReport | undefined>;
  readonly checks: LiveChecks;
  readonly expiry: ExpiryWatch;
}

/**
 * The live metadata check and the expiry watch, made on first need (see register.ts): the events reach it through
 * the startup registrations, which forward only what concerns a config.
 */
export class DriftFeature implements vscode.Disposable, DriftApi {
  readonly checks: LiveChecks;
  readonly expiry: ExpiryWatch;
  private actions: vscode.Disposable;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    context: vscode.ExtensionContext,
  ) {
    this.checks = new LiveChecks(context, log);
    this.expiry = new ExpiryWatch(context, log);
    this.actions = registerLiveCodeActions(this.checks);
  }

  dispose(): void {
    this.actions.dispose();
    this.checks.dispose();
    this.expiry.dispose();
  }

  private run(doc: vscode.TextDocument, mode: 'auto' | 'force' | 'recompute') {
    return this.checks.check(doc, mode).catch((err: unknown) => {
      this.log.error('Live metadata check failed', err);
      return undefined;
    });
  }

  private openConfigs(): vscode.TextDocument[] {
    return vscode.workspace.textDocuments.filter((d) => documentKind(d) === 'config');
  }

  /** On open: automatically, unless turned off; in an untrusted workspace the finding says why it did not run. */
  onOpen(doc: vscode.TextDocument): void {
    if (!LIVE_SCHEMES.has(doc.uri.scheme) || documentKind(doc) !== 'config' || !autoCheckEnabled()) return;
    // After the current turn, so that the local lint of the same event starts first.
    setTimeout(() => {
      if (!doc.isClosed) void this.run(doc, 'auto');
    }, 0);
  }

  onChange(doc: vscode.TextDocument): void {
    this.checks.scheduleRecompute(doc);
  }

  onSave(doc: vscode.TextDocument): void {
    if (documentKind(doc) === 'config' && this.checks.has(doc)) {
      // A saved issuer or metadataUrl may point elsewhere now: that URL gets its own (hourly) check.
      void this.run(doc, autoCheckEnabled() ? 'auto' : 'recompute');
    } else if (!documentKind(doc)) {
      // A saved certificate file can change what a config compares.
      this.openConfigs()
        .filter((d) => this.checks.has(d))
        .forEach((d) => void this.run(d, 'recompute'));
    }
  }

  onClose(doc: vscode.TextDocument): void {
    this.checks.forget(doc);
  }

  /** Every open config again (trust granted, the feature first made). */
  checkOpenConfigs(): void {
    this.openConfigs().forEach((d) => this.onOpen(d));
  }

  onConfiguration(e: vscode.ConfigurationChangeEvent): void {
    if (e.affectsConfiguration(`${SETTINGS}.lint.configFiles`)) {
      this.actions.dispose();
      this.actions = registerLiveCodeActions(this.checks);
    }
    if (e.affectsConfiguration(`${SETTINGS}.online.checkMetadata`) && !autoCheckEnabled()) {
      this.checks.forgetAll();
    } else if (
      e.affectsConfiguration(`${SETTINGS}.online.checkMetadata`) ||
      e.affectsConfiguration(`${SETTINGS}.aws.endpoint`) ||
      e.affectsConfiguration(`${SETTINGS}.lint`)
    ) {
      this.checkOpenConfigs();
    }
  }

  checkCommand(uri: unknown): Promise<LiveReport | undefined> {
    return checkCommand(this.checks, uri);
  }

  saveMetadataCommand(uri: unknown): Promise<vscode.Uri | undefined> {
    return saveMetadataCommand(this.checks, uri);
  }

  async liveDriftFindings(configUri: vscode.Uri, options: { force?: boolean } = {}): Promise<LiveReport | undefined> {
    const doc = await vscode.workspace.openTextDocument(configUri);
    return this.run(doc, options.force ? 'force' : 'auto');
  }
}

/** The config a command acts on: the argument, the active config editor, or one the user picks. */
async function targetConfig(arg: unknown, purpose: string): Promise<vscode.TextDocument | undefined> {
  const uri =
    arg instanceof vscode.Uri
      ? arg
      : ((() => {
          const active = vscode.window.activeTextEditor?.document;
          return active && documentKind(active) === 'config' ? active.uri : undefined;
        })() ?? (await pickConfigFile(purpose)));
  if (!uri) {
    const choice = await showInfo(
      vscode.l10n.t('There is no frontline-sso.json in the workspace to check. Create one first.'),
      vscode.l10n.t('New Config File'),
    );
    if (choice) await vscode.commands.executeCommand('frontlineSso.newConfig');
    return undefined;
  }
  return vscode.workspace.openTextDocument(uri);
}

async function requireTrust(): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const choice = await showWarning(
    vscode.l10n.t(
      'The live metadata check runs only in a trusted workspace, so that a cloned repository cannot make the editor fetch addresses of its choosing.',
    ),
    vscode.l10n.t('Manage Workspace Trust'),
  );
  if (choice) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}

async function checkCommand(checks: LiveChecks, arg: unknown): Promise<LiveReport | undefined> {
  const doc = await targetConfig(arg, 'should be checked against the live metadata');
  if (!doc) return undefined;
  if (!(await requireTrust())) return undefined;
  const report = await checks.check(doc, 'force');
  if (!report) return undefined;
  const name = vscode.workspace.asRelativePath(doc.uri);
  if (!report.fetched) {
    const reason = report.findings[0]?.message.replace(/^The live metadata check did not run: /, '') ?? '';
    void showWarning(vscode.l10n.t('Live metadata of {0} not checked: {1}', name, reason));
  } else if (report.findings.length === 0) {
    void showInfo(vscode.l10n.t('{0} matches the live metadata of IAM Identity Center.', name));
  } else {
    const show = hasErrors(report.findings) ? showError : showWarning;
    const message = vscode.l10n.t('{0} differs from the live metadata: {1}', name, report.findings[0]?.message ?? '');
    void show(message, vscode.l10n.t('Show Problems')).then(async (choice) => {
      if (!choice) return;
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  }
  return report;
}

/** The metadata file's name next to a config: `aws-idc-metadata.xml`, or `team.aws-idc-metadata.xml` for `team.frontline-sso.json`. */
function metadataFileName(configUri: vscode.Uri): string {
  const base = posix.basename(configUri.path);
  const prefix = base.toLowerCase().endsWith('frontline-sso.json') ? base.slice(0, -'frontline-sso.json'.length) : '';
  return `${prefix}aws-idc-metadata.xml`;
}

async function saveMetadataCommand(checks: LiveChecks, arg: unknown): Promise<vscode.Uri | undefined> {
  const doc = await targetConfig(arg, 'should get the live metadata file');
  if (!doc) return undefined;
  if (!(await requireTrust())) return undefined;
  // The metadata behind the current findings, or a fresh fetch (a failed one of the last hour is not reused).
  const report = checks.reportFor(doc)?.outcome?.ok ? checks.reportFor(doc) : await checks.check(doc, 'force');
  const outcome = report?.outcome;
  if (!outcome?.ok) {
    const reason = report?.findings[0]?.message ?? 'the config has no issuer URL to find the metadata by.';
    void showWarning(vscode.l10n.t('The live metadata could not be saved: {0}', reason));
    return undefined;
  }
  let configured: string | undefined;
  try {
    configured = readDriftConfig(doc.getText()).metadataFile;
  } catch (err) {
    if (!isInputError(err)) throw err;
    void showError(err.message);
    return undefined;
  }
  const relative = configured && !posix.isAbsolute(configured) ? configured : `./${metadataFileName(doc.uri)}`;
  // metadataFile comes from the config, which a repository may commit: the file is written only inside the config's
  // workspace folder, never through a link, and the file it replaces is read within the metadata size cap.
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  if (doc.uri.scheme !== 'file' || !folder || folder.uri.scheme !== 'file') {
    void showWarning(
      vscode.l10n.t(
        'The live metadata was not saved: Save Metadata to File writes next to a config saved in a workspace folder on disk, and {0} is not one. Save the config in the workspace folder, then run the command again.',
        posix.basename(doc.uri.path),
      ),
    );
    return undefined;
  }
  const checked = await writeTargetInside(folder.uri.fsPath, join(dirname(doc.uri.fsPath), relative));
  if (!checked.ok) {
    void showError(
      vscode.l10n.t(
        'The live metadata was not saved to {0}: {1}. Set identityProvider.metadataFile to a file inside the workspace folder (for example ./{2}), or remove it to use that name.',
        relative,
        checked.reason,
        metadataFileName(doc.uri),
      ),
    );
    return undefined;
  }
  const target = vscode.Uri.file(checked.path);
  const read = await readFileBounded(checked.path, { maxBytes: MAX_METADATA_FILE_BYTES });
  if (!read.ok && read.problem !== 'missing') {
    void showError(
      vscode.l10n.t(
        'The live metadata was not saved to {0}: the file there cannot be replaced safely ({1}). Move it away or set identityProvider.metadataFile to another file, then run the command again.',
        relative,
        read.message,
      ),
    );
    return undefined;
  }
  const existing = read.ok ? read.bytes : undefined;
  if (existing && existing.equals(Buffer.from(outcome.xml))) {
    // Nothing to write; the config may still need to point at it.
  } else {
    if (existing) {
      const choice = await showWarning(
        vscode.l10n.t('Replace {0} with the live metadata of {1}?', relative, new URL(outcome.url).host),
        { modal: true },
        vscode.l10n.t('Replace'),
      );
      if (choice !== 'Replace') return undefined;
    }
    try {
      await writeFileAtomic(checked.path, outcome.xml, { mode: 0o644, keepMode: true, dirMode: 0o755 });
    } catch (err) {
      void showError(
        vscode.l10n.t(
          'The live metadata was not saved to {0}: {1}. Check that the folder is writable, then run the command again.',
          relative,
          (err as NodeJS.ErrnoException).code ?? (err as Error).message,
        ),
      );
      return undefined;
    }
  }
  if (configured !== relative) {
    const { edit } = updateConfigText(doc.getText(), [{ path: ['identityProvider', 'metadataFile'], value: relative }]);
    if (edit) await applyTextEdits(doc, [edit]);
  }
  void showInfo(
    vscode.l10n.t(
      "Saved the live metadata to {0}; the config's metadataFile names it, so the local checks compare with it too.",
      relative,
    ),
  );
  return target;
}
