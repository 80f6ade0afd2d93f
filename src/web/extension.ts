import * as vscode from 'vscode';
import { registerConfigurator } from '../configurator/register';
import { registerLocalFeatures } from '../localFeatures';
import { recentNotices } from '../host/notify';
import { registerDesktopOnly } from './desktopOnly';
import { registerWebSidebar } from './sidebar';

/**
 * The extension in the browser (vscode.dev, github.dev; package.json `browser`, bundled by scripts/build.mjs into
 * dist/web/extension.js): every feature that needs neither Node nor AWS access, registered through the same
 * register functions as on the desktop (src/localFeatures.ts, src/extension.ts), with their work loaded on first use. What needs the
 * machine says so where the user meets it (./desktopOnly.ts, ./sidebar.ts).
 */
export function activate(context: vscode.ExtensionContext) {
  const started = performance.now();
  const { log, reports } = registerLocalFeatures(context);
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
