import * as vscode from 'vscode';
import type { Application, AwsProblem, IdentityCenter, Instance, ListedApplication } from '../aws';
import { awsSessions, errorAction } from '../host/awsSession';
import { readConfigs } from '../host/configFiles';
import { showPolicy } from '../host/iamPolicy';
import { showError, showInfo } from '../host/notify';
import { ReportDocuments } from '../host/reports';
import { APPLICATION_ARN } from '../core/applications/applications';
import { checkReadiness, readinessSummaryText } from '../core/readiness/readiness';
import { expectationsFor } from '../core/readiness/expectations';
import type { ReadinessReport } from '../core/readiness/readinessReport';
import { loadAws } from '../lazyParts';
import { READINESS_VIEW_TYPE, ReadinessPanel } from './panel';

/** What to check: an application, with what the tree already knows of it. */
interface Target {
  applicationArn: string;
  name: string;
  application?: Application;
  instance?: Instance;
}

export interface Readiness {
  /** Runs the check and shows the report; resolves with the panel (undefined when cancelled or failed). */
  check(target?: unknown): Promise<ReadinessPanel | undefined>;
  panelFor(applicationArn: string): ReadinessPanel | undefined;
}

/** A finished check's summary ("12 ready · 3 not ready"), for whoever shows it (the tree, wired in extension.ts). */
export interface ReadinessReported {
  applicationArn: string;
  summary: string;
}

/** An application node of the tree, or anything shaped like one: a command argument is checked before use. */
interface ApplicationNode {
  kind: 'application';
  app: Application;
  instance: Instance;
}

/**
 * *Check Sign-in Readiness* (docs/features.md, "Sign-in readiness"), once first used (loaded from dist/features.js): runs the
 * check for an application node, an ARN, or the application the user picks, and shows the report.
 */
export function createReadiness(
  extensionUri: vscode.Uri,
  log: vscode.LogOutputChannel,
  reports: ReportDocuments,
  reported: (outcome: ReadinessReported) => void,
): Readiness {
  const panels = new Map<string, ReadinessPanel>();
  const running = new Map<string, Promise<ReadinessPanel | undefined>>();

  const panelFor = (target: Target): ReadinessPanel => {
    const open = panels.get(target.applicationArn);
    if (open) {
      open.panel.reveal();
      return open;
    }
    const panel = vscode.window.createWebviewPanel(
      READINESS_VIEW_TYPE,
      `Readiness: ${target.name}`,
      vscode.ViewColumn.Active,
      ReadinessPanel.options(extensionUri),
    );
    const created = new ReadinessPanel(extensionUri, panel, log, {
      rerun: () => void run(target),
      showPolicy: (permission) => void showPolicy(extensionUri, reports, permission),
    });
    panels.set(target.applicationArn, created);
    panel.onDidDispose(() => panels.delete(target.applicationArn));
    return created;
  };

  const run = (target: Target): Promise<ReadinessPanel | undefined> => {
    const already = running.get(target.applicationArn);
    if (already) {
      panels.get(target.applicationArn)?.panel.reveal();
      return already;
    }
    const started = runCheck(target).finally(() => running.delete(target.applicationArn));
    running.set(target.applicationArn, started);
    return started;
  };

  const runCheck = async (target: Target): Promise<ReadinessPanel | undefined> => {
    const aws = loadAws();
    const expected = await expectationsOf(target.applicationArn, log);
    if ('error' in expected) {
      void showError(vscode.l10n.t('Sign-in readiness of {0}: {1}', target.name, expected.error));
      return undefined;
    }
    const panel = panelFor(target);
    panel.busy('Checking…');
    const outcome = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Sign-in readiness of {0}', target.name),
        cancellable: true,
      },
      async (progress, token): Promise<ReadinessReport | AwsProblem> => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        let api: IdentityCenter | undefined;
        try {
          // Its own session: refreshing the tree meanwhile must not cut the check off.
          api = awsSessions().fresh();
          const { data, strategy } = await aws.collectReadiness(api, target, {
            signal: controller.signal,
            onProgress: (p) => {
              progress.report({ message: p.message });
              panel.busy(`${p.message}…`);
            },
          });
          const report = checkReadiness(data, expected.expectations);
          // Counts and costs only: names and addresses are never logged.
          log.info(
            `Readiness of ${target.name}: ${report.summary.users} users, ${report.summary.ready} ready, ${report.summary.notReady} not ready${report.complete ? '' : ', incomplete'}; ListUsers pages ${strategy.users.pages}, users described ${strategy.users.described}`,
          );
          return report;
        } catch (err) {
          const problem = (err as { problem?: AwsProblem }).problem;
          if (!problem) throw err;
          return problem;
        } finally {
          api?.dispose();
        }
      },
    );
    if ('kind' in outcome) {
      if (outcome.kind === 'cancelled') {
        panel.failed('The check was cancelled. Choose Check Again to run it.');
        if (!panel.report) panel.panel.dispose();
        return undefined;
      }
      log.warn(`Readiness of ${target.name}: ${outcome.message}`);
      panel.failed(outcome.message);
      // "Retry" in the tree means refreshing a node; here it means running the check again.
      const action = errorAction(outcome);
      const retry = action.id === 'frontlineSso.apps.refreshNode';
      void showError(
        vscode.l10n.t('Sign-in readiness of {0}: {1}', target.name, outcome.message),
        retry ? vscode.l10n.t('Check Again') : action.title,
      ).then((choice) => {
        if (!choice) return;
        if (retry) void run(target);
        else void vscode.commands.executeCommand(action.id, ...(action.arguments ?? []));
      });
      return undefined;
    }
    panel.show(outcome);
    reported({ applicationArn: target.applicationArn, summary: readinessSummaryText(outcome) });
    return panel;
  };

  const check = async (arg?: unknown): Promise<ReadinessPanel | undefined> => {
    const target = (await targetOf(arg)) ?? (await pickApplication(log));
    return target ? run(target) : undefined;
  };

  return { check, panelFor: (arn) => panels.get(arn) };
}

/** The target named by a command argument: an application node, an ARN, or `{ applicationArn }`. */
async function targetOf(arg: unknown): Promise<Target | undefined> {
  const node = arg as ApplicationNode | undefined;
  if (node && typeof node === 'object' && node.kind === 'application') {
    return {
      applicationArn: node.app.applicationArn,
      name: node.app.name,
      application: node.app,
      instance: node.instance,
    };
  }
  const arn =
    typeof arg === 'string'
      ? arg
      : typeof (arg as { applicationArn?: unknown })?.applicationArn === 'string'
        ? (arg as { applicationArn: string }).applicationArn
        : undefined;
  if (arn === undefined) return undefined;
  if (!APPLICATION_ARN.test(arn.trim())) {
    throw new Error(`"${arn.slice(0, 80)}" is not an IAM Identity Center application ARN.`);
  }
  return { applicationArn: arn.trim(), name: arn.trim().split('/').pop() ?? arn };
}

/**
 * What the check expects, from the config that links this application: its provider (`serviceProvider.id`, else
 * Frontline) and its mapping, so that the check reads the attributes the provider will actually receive.
 */
async function expectationsOf(applicationArn: string, log: vscode.LogOutputChannel) {
  const linked = (await readConfigs(log)).find((c) => c.summary.applicationArn === applicationArn);
  const from = linked ? vscode.workspace.asRelativePath(linked.uri) : undefined;
  const result = expectationsFor(
    linked?.summary.serviceProvider?.id,
    linked && from ? { text: linked.text, from } : undefined,
  );
  return 'error' in result ? { error: `serviceProvider.id in ${from ?? 'the config'}: ${result.error}` } : result;
}

/** The Command Palette's way in: the applications of the profile and Region, linked and likely Frontline ones first. */
async function pickApplication(log: vscode.LogOutputChannel): Promise<Target | undefined> {
  let listed: ListedApplication[];
  const linked = new Map((await readConfigs(log)).map((c) => [c.summary.applicationArn, c.uri] as const));
  try {
    listed = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Listing IAM Identity Center applications') },
      () => loadAws().listApplications(awsSessions().shared(), new Set(linked.keys() as Iterable<string>)),
    );
  } catch (err) {
    const problem = (err as { problem?: AwsProblem }).problem;
    if (!problem) throw err;
    const action = errorAction(problem);
    const choice = await showError(problem.message, action.title);
    if (choice) await vscode.commands.executeCommand(action.id, ...(action.arguments ?? []));
    return undefined;
  }
  if (listed.length === 0) {
    void showInfo(
      vscode.l10n.t(
        'There is no IAM Identity Center application in this account and Region. Choose the profile and Region in the Frontline SSO sidebar.',
      ),
    );
    return undefined;
  }
  const rank = ({ app, traits }: ListedApplication) =>
    linked.has(app.applicationArn)
      ? 0
      : traits.likelyFrontline
        ? 1
        : traits.customSaml
          ? 2
          : traits.federationProtocol === 'SAML'
            ? 3
            : 4;
  listed.sort((a, b) => rank(a) - rank(b) || a.app.name.localeCompare(b.app.name));
  const picked = await vscode.window.showQuickPick(
    listed.map((x) => {
      const config = linked.get(x.app.applicationArn);
      return {
        label: x.app.name,
        description: [
          config ? `linked in ${vscode.workspace.asRelativePath(config)}` : undefined,
          x.app.status?.toLowerCase(),
          x.traits.federationProtocol ?? 'unknown protocol',
          x.traits.customSaml ? 'custom SAML' : undefined,
        ]
          .filter(Boolean)
          .join(' · '),
        detail: x.app.applicationArn,
        target: { applicationArn: x.app.applicationArn, name: x.app.name, application: x.app, instance: x.instance },
      };
    }),
    {
      title: vscode.l10n.t('Check sign-in readiness of which application?'),
      matchOnDescription: true,
      matchOnDetail: true,
    },
  );
  return picked?.target;
}
