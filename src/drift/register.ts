import { posix } from 'node:path';
import * as vscode from 'vscode';
import { showError, showInfo, showWarning } from '../common/notify';
import { SETTINGS, documentKind, pickConfigFile } from '../common/configFiles';
import { applyTextEdits } from '../common/edits';
import { guarded } from '../common/log';
import { readDriftConfig } from '../core/drift';
import { updateConfigText } from '../core/configEdits';
import { hasErrors, isInputError } from '../core/findings';
import { ExpiryWatch } from './expiry';
import { LiveChecks, LiveReport, autoCheckEnabled, registerLiveCodeActions } from './live';

export { LIVE_SOURCE } from './live';
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

/** Where a config is the user's own: not an old revision in a diff view (git:, and the like), which is not checked. */
const LIVE_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs']);

/** The expiry scan waits this long after activation, so that start-up is not spent on it. */
const FIRST_SCAN_DELAY_MS = 3000;

export function registerDrift(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): DriftApi {
  const checks = new LiveChecks(context, log);
  const expiry = new ExpiryWatch(context, log);
  const run = (doc: vscode.TextDocument, mode: 'auto' | 'force' | 'recompute') =>
    checks.check(doc, mode).catch((err: unknown) => {
      log.error('Live metadata check failed', err);
      return undefined;
    });
  /** On open: automatically, unless turned off; in an untrusted workspace the finding says why it did not run. */
  const onOpen = (doc: vscode.TextDocument) => {
    if (!LIVE_SCHEMES.has(doc.uri.scheme) || documentKind(doc) !== 'config' || !autoCheckEnabled()) return;
    // After the current turn, so that the local lint of the same event starts first.
    setTimeout(() => {
      if (!doc.isClosed) void run(doc, 'auto');
    }, 0);
  };
  const openConfigs = () => vscode.workspace.textDocuments.filter((d) => documentKind(d) === 'config');
  let actions = registerLiveCodeActions(checks);

  context.subscriptions.push(
    checks,
    expiry,
    { dispose: () => actions.dispose() },
    vscode.workspace.onDidOpenTextDocument(onOpen),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length) checks.scheduleRecompute(e.document);
    }),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (documentKind(doc) === 'config' && checks.has(doc)) {
        // A saved issuer or metadataUrl may point elsewhere now: that URL gets its own (hourly) check.
        void run(doc, autoCheckEnabled() ? 'auto' : 'recompute');
      } else if (!documentKind(doc)) {
        // A saved certificate file can change what a config compares.
        openConfigs()
          .filter((d) => checks.has(d))
          .forEach((d) => void run(d, 'recompute'));
      }
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => checks.forget(doc)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => openConfigs().forEach(onOpen)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SETTINGS}.lint.configFiles`)) {
        actions.dispose();
        actions = registerLiveCodeActions(checks);
      }
      if (e.affectsConfiguration(`${SETTINGS}.online.checkMetadata`) && !autoCheckEnabled()) {
        checks.forgetAll();
      } else if (
        e.affectsConfiguration(`${SETTINGS}.online.checkMetadata`) ||
        e.affectsConfiguration(`${SETTINGS}.aws.endpoint`) ||
        e.affectsConfiguration(`${SETTINGS}.lint`)
      ) {
        openConfigs().forEach(onOpen);
      }
    }),
    vscode.commands.registerCommand(
      'frontlineSso.checkLiveMetadata',
      guarded(log, 'Check Live Metadata', (uri?: unknown) => checkCommand(checks, uri)),
    ),
    vscode.commands.registerCommand(
      'frontlineSso.saveLiveMetadata',
      guarded(log, 'Save Metadata to File', (uri?: unknown) => saveMetadataCommand(checks, uri)),
    ),
  );
  openConfigs().forEach(onOpen);
  expiry.schedule(FIRST_SCAN_DELAY_MS);

  return {
    checks,
    expiry,
    async liveDriftFindings(configUri, options = {}) {
      const doc = await vscode.workspace.openTextDocument(configUri);
      return run(doc, options.force ? 'force' : 'auto');
    },
  };
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
      'There is no frontline-sso.json in the workspace to check. Create one first.',
      'New Config File',
    );
    if (choice) await vscode.commands.executeCommand('frontlineSso.newConfig');
    return undefined;
  }
  return vscode.workspace.openTextDocument(uri);
}

async function requireTrust(): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const choice = await showWarning(
    'The live metadata check runs only in a trusted workspace, so that a cloned repository cannot make the editor fetch addresses of its choosing.',
    'Manage Workspace Trust',
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
    void showWarning(`Live metadata of ${name} not checked: ${reason}`);
  } else if (report.findings.length === 0) {
    void showInfo(`${name} matches the live metadata of IAM Identity Center.`);
  } else {
    const show = hasErrors(report.findings) ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
    void show(`${name} differs from the live metadata: ${report.findings[0]?.message}`, 'Show Problems').then(
      async (choice) => {
        if (!choice) return;
        await vscode.window.showTextDocument(doc);
        await vscode.commands.executeCommand('workbench.actions.view.problems');
      },
    );
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
    void showWarning(`The live metadata could not be saved: ${reason}`);
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
  const target = vscode.Uri.joinPath(doc.uri, '..', relative);
  const existing = await vscode.workspace.fs.readFile(target).then(
    (bytes) => bytes,
    () => undefined,
  );
  if (existing && Buffer.from(existing).equals(Buffer.from(outcome.xml))) {
    // Nothing to write; the config may still need to point at it.
  } else if (existing) {
    const choice = await showWarning(
      `Replace ${relative} with the live metadata of ${new URL(outcome.url).host}?`,
      { modal: true },
      'Replace',
    );
    if (choice !== 'Replace') return undefined;
    await vscode.workspace.fs.writeFile(target, outcome.xml);
  } else {
    await vscode.workspace.fs.writeFile(target, outcome.xml);
  }
  if (configured !== relative) {
    const { edit } = updateConfigText(doc.getText(), [{ path: ['identityProvider', 'metadataFile'], value: relative }]);
    if (edit) await applyTextEdits(doc, [edit]);
  }
  void showInfo(
    `Saved the live metadata to ${relative}; the config's metadataFile names it, so the local checks compare with it too.`,
  );
  return target;
}
