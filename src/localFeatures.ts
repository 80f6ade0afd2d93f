import * as vscode from 'vscode';
import { registerCertificates } from './certificates/register';
import { createLog } from './host/log';
import { ReportDocuments } from './host/reports';
import { registerLint } from './lint/register';
import { registerSaml } from './saml/register';
import { registerSelectionKeys } from './selection/register';
import { registerValues } from './values/register';

/**
 * The features that need neither Node nor AWS access, registered alike by the desktop (src/extension.ts) and the
 * browser (src/web/extension.ts): values, certificates, the linter, metadata and SAML responses, the selection keys.
 */
export function registerLocalFeatures(context: vscode.ExtensionContext): {
  log: vscode.LogOutputChannel;
  reports: ReportDocuments;
} {
  const log = createLog(context);
  const reports = new ReportDocuments().register(context);
  registerValues(context, log, reports);
  registerCertificates(context, log, reports);
  registerLint(context, log);
  registerSaml(context, log, reports);
  registerSelectionKeys(context);
  return { log, reports };
}
