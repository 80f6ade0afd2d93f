import * as vscode from 'vscode';
import { registerCertificates } from '../certificates/register';
import { registerConfigurator } from '../configurator/register';
import { createLog } from '../host/log';
import { recentNotices } from '../host/notify';
import { ReportDocuments } from '../host/reports';
import { registerLint } from '../lint/register';
import { registerSaml } from '../saml/register';
import { registerSelectionKeys } from '../selection/register';
import { registerValues } from '../values/register';
import { registerDesktopOnly } from './desktopOnly';
import { registerWebSidebar } from './sidebar';

/**
 * The extension in the browser (vscode.dev, github.dev; package.json `browser`, bundled by scripts/build.mjs into
 * dist/web/extension.js): every feature that needs neither Node nor AWS access, registered through the same
 * register functions as on the desktop (src/extension.ts), with their work loaded on first use. What needs the
 * machine says so where the user meets it (./desktopOnly.ts, ./sidebar.ts).
 */
export function activate(context: vscode.ExtensionContext) {
  const started = performance.now();
  const log = createLog(context);
  const reports = new ReportDocuments().register(context);
  registerValues(context, log, reports);
  registerCertificates(context, log, reports);
  registerLint(context, log);
  registerSaml(context, log, reports);
  registerSelectionKeys(context);
  const configurator = registerConfigurator(context, log);
  registerWebSidebar(context);
  registerDesktopOnly(context);
  const activationMs = performance.now() - started;
  log.info(`Activated in the browser in ${activationMs.toFixed(1)} ms`);
  // For the web tests and benchmarks; not a public API.
  return { activationMs, web: true, reports, configurator, notices: recentNotices };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
