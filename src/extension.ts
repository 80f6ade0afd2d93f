import * as vscode from 'vscode';
import { registerCertificates } from './certificates/register';
import { createLog } from './common/log';
import { ReportDocuments } from './common/reports';
import { registerLint } from './lint/register';
import { registerSaml } from './saml/register';
import { registerValues } from './values/register';

/** Wires the features together; each feature registers its own commands, providers and views. */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const log = createLog(context);
  const reports = new ReportDocuments().register(context);
  registerValues(context, log, reports);
  registerCertificates(context, log, reports);
  registerLint(context, log);
  registerSaml(context, log, reports);
  log.info(`Activated in ${(performance.now() - started).toFixed(1)} ms`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
