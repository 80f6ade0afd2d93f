import * as vscode from 'vscode';
import { lazyCommand, lazyFeature } from '../activation';
import type { ReportDocuments } from '../host/reports';
import type { Readiness, ReadinessReported } from './feature';

export type { Readiness, ReadinessReported } from './feature';

/** The readiness check, and the event that reports each finished check's summary (extension.ts shows it in the tree). */
export interface ReadinessApi extends Readiness {
  readonly onDidReport: vscode.Event<ReadinessReported>;
}

/**
 * *Check Sign-in Readiness* (docs/features.md, "Sign-in readiness"): on an application node, from the Command Palette (pick the
 * application), or with an ARN (for other features, such as the configurator when its config links one). The work
 * is in feature.ts, loaded on first use.
 */
export function registerReadiness(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  reports: ReportDocuments,
): ReadinessApi {
  const reported = new vscode.EventEmitter<ReadinessReported>();
  context.subscriptions.push(reported);
  const feature = lazyFeature(context, (f) =>
    f.readiness.createReadiness(context.extensionUri, log, reports, (outcome) => reported.fire(outcome)),
  );
  lazyCommand(context, log, 'frontlineSso.readiness.check', vscode.l10n.t('Check Sign-in Readiness'), (_f, arg) =>
    feature.get().check(arg),
  );
  return {
    check: (arg) => feature.get().check(arg),
    panelFor: (arn) => feature.current?.panelFor(arn),
    onDidReport: reported.event,
  };
}
