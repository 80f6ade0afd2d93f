import * as vscode from 'vscode';
import { lazyCommand, lazyFeature } from '../activation';
import type { ReportDocuments } from '../common/reports';
import type { ApplicationsView } from '../tree/register';
import type { Readiness } from './feature';

export type { Readiness } from './feature';

/**
 * *Check Sign-in Readiness* (README, "Sign-in readiness"): on an application node, from the Command Palette (pick the
 * application), or with an ARN (for other features, such as the configurator when its config links one). The work
 * is in feature.ts, loaded on first use.
 */
export function registerReadiness(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  reports: ReportDocuments,
  tree: ApplicationsView,
): Readiness {
  const feature = lazyFeature(context, (f) => f.readiness.createReadiness(context.extensionUri, log, reports, tree));
  const get = feature.get;
  lazyCommand(context, log, 'frontlineSso.readiness.check', vscode.l10n.t('Check Sign-in Readiness'), (_f, arg) =>
    get().check(arg),
  );
  return { check: (arg) => get().check(arg), panelFor: (arn) => feature.current?.panelFor(arn) };
}
