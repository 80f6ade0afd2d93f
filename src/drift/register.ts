import * as vscode from 'vscode';
import { lazyCommand, lazyFeature } from '../activation';
import { SETTINGS, documentKind } from '../host/documents';
import type { DriftApi } from './feature';
import { FIRST_SCAN_DELAY_MS, LIVE_SCHEMES, autoCheckEnabled } from './settings';

export type { DriftApi, LiveReport } from './feature';

/**
 * The live metadata check and the certificate expiry watch (the work is in feature.ts). The feature is made when a
 * config opens, a command runs, another feature asks, or — for the expiry watch — a few seconds after start-up.
 */
export function registerDrift(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): DriftApi {
  const drift = lazyFeature(context, (f) => new f.drift.DriftFeature(log, context));
  const get = drift.get;
  const isLiveConfig = (doc: vscode.TextDocument) => LIVE_SCHEMES.has(doc.uri.scheme) && documentKind(doc) === 'config';
  const anyLiveConfig = () => vscode.workspace.textDocuments.some(isLiveConfig);
  lazyCommand(context, log, 'frontlineSso.checkLiveMetadata', vscode.l10n.t('Check Live Metadata'), (_f, uri) =>
    get().checkCommand(uri),
  );
  lazyCommand(context, log, 'frontlineSso.saveLiveMetadata', vscode.l10n.t('Save Metadata to File'), (_f, uri) =>
    get().saveMetadataCommand(uri),
  );
  const firstScan = setTimeout(() => get().expiry.schedule(0), FIRST_SCAN_DELAY_MS);
  context.subscriptions.push(
    { dispose: () => clearTimeout(firstScan) },
    vscode.workspace.onDidOpenTextDocument((doc) => {
      if (isLiveConfig(doc) && autoCheckEnabled()) get().onOpen(doc);
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length) drift.current?.onChange(e.document);
    }),
    vscode.workspace.onDidSaveTextDocument((doc) => drift.current?.onSave(doc)),
    vscode.workspace.onDidCloseTextDocument((doc) => drift.current?.onClose(doc)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (drift.current || anyLiveConfig()) get().checkOpenConfigs();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SETTINGS)) return;
      if (drift.current) drift.current.onConfiguration(e);
      else if (anyLiveConfig() && autoCheckEnabled()) get().checkOpenConfigs();
    }),
  );
  // After activation returns: the configs already open are checked without delaying start-up.
  setTimeout(() => {
    if (anyLiveConfig() && autoCheckEnabled()) get().checkOpenConfigs();
  }, 0);
  return {
    liveDriftFindings: (uri, options) => get().liveDriftFindings(uri, options),
    get checks() {
      return get().checks;
    },
    get expiry() {
      return get().expiry;
    },
  };
}
