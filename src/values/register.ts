import * as vscode from 'vscode';
import { lazyCommand } from '../activation';
import { ReportDocuments } from '../host/reports';

/** Realm SID → ACS URL and audience; and checking pasted values (the work is in feature.ts, loaded on first use). */
export function registerValues(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  reports: ReportDocuments,
): void {
  lazyCommand(context, log, 'frontlineSso.generateValues', vscode.l10n.t('Generate ACS URL and Audience'), (f) =>
    f.values.generateValues(),
  );
  lazyCommand(context, log, 'frontlineSso.validateValues', vscode.l10n.t('Validate Frontline Values'), (f, text) =>
    f.values.validate(reports, typeof text === 'string' ? text : undefined),
  );
}
