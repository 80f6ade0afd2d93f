import * as vscode from 'vscode';
import { recentNotices } from './host/notify';
import { registerConfigurator } from './configurator/register';
import { registerDrift } from './drift/register';
import { loadedParts } from './activation';
import { registerLocalFeatures } from './localFeatures';
import { registerReadiness } from './readiness/register';
import { registerSignIn } from './signin/register';
import { registerTree } from './tree/register';

/** Wires the features together; each feature registers its own commands, providers and views. */
export function activate(context: vscode.ExtensionContext) {
  const started = performance.now();
  const { log, reports } = registerLocalFeatures(context);
  const drift = registerDrift(context, log);
  const live = (uri: vscode.Uri) => drift.liveDriftFindings(uri);
  const configurator = registerConfigurator(context, log, live);
  const tree = registerTree(context, log, reports, (config) => configurator.open(config), live);
  const readiness = registerReadiness(context, log, reports);
  // A finished readiness check shows its summary on the application's node.
  context.subscriptions.push(readiness.onDidReport((r) => tree.provider.setReadiness(r.applicationArn, r.summary)));
  registerSignIn(context, log, reports, () => tree.refresh());
  const activationMs = performance.now() - started;
  log.info(`Activated in ${activationMs.toFixed(1)} ms`);
  // For the extension-host tests and benchmarks; not a public API.
  return {
    activationMs,
    partsLoadedAtActivation: loadedParts(),
    reports,
    configurator,
    tree,
    readiness,
    drift,
    loadedParts,
    notices: recentNotices,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
