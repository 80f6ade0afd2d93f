import * as vscode from 'vscode';
import { lazyCommand, loadFeatures } from '../activation';
import { SETTINGS } from '../host/documents';
import { ReportDocuments } from '../host/reports';
import { mayHoldCertificate } from '../core/common/sniff';

const enabled = (what: 'hover' | 'codeLens') =>
  vscode.workspace.getConfiguration(SETTINGS).get<boolean>(`certificates.${what}`, true);

/** Decode Certificate, and the hover and CodeLens on certificate blocks (the work is in feature.ts). */
export function registerCertificates(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  reports: ReportDocuments,
): void {
  const selector: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }];
  const lensesChanged = new vscode.EventEmitter<void>();
  lazyCommand(context, log, 'frontlineSso.decodeCertificate', vscode.l10n.t('Decode Certificate'), (f, arg, origin) =>
    f.certificates.decodeCommand(reports, arg, typeof origin === 'string' ? origin : undefined),
  );
  // The cheap text test keeps hovers and CodeLens in other files from loading the certificate code at all.
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(selector, {
      provideHover: (doc, position) =>
        enabled('hover') && mayHoldCertificate(doc.getText())
          ? loadFeatures().certificates.certificateHover(doc, position)
          : undefined,
    }),
    vscode.languages.registerCodeLensProvider(selector, {
      onDidChangeCodeLenses: lensesChanged.event,
      provideCodeLenses: (doc) =>
        enabled('codeLens') && mayHoldCertificate(doc.getText())
          ? loadFeatures().certificates.certificateLenses(doc)
          : [],
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SETTINGS}.certificates`)) lensesChanged.fire();
    }),
    lensesChanged,
  );
}
