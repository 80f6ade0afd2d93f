import * as vscode from 'vscode';
import { lazyCommand } from '../activation';
import { ReportDocuments } from '../host/reports';
import type { LastReport } from './feature';

/** IdP metadata import and SAML response decoding (the work is in feature.ts; the XML stack loads on first use). */
export function registerSaml(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  reports: ReportDocuments,
): void {
  const last: LastReport = {};
  lazyCommand(context, log, 'frontlineSso.importMetadata', vscode.l10n.t('Import IdP Metadata'), (f, uri, options) =>
    f.saml.importMetadata(reports, uri, options),
  );
  lazyCommand(context, log, 'frontlineSso.decodeSamlResponse', vscode.l10n.t('Decode SAML Response'), (f, arg) =>
    f.saml.decodeResponse(reports, last, arg),
  );
  lazyCommand(context, log, 'frontlineSso.copyRedactedReport', vscode.l10n.t('Copy Redacted Report'), (f) =>
    f.saml.copyRedactedReport(last),
  );
}
