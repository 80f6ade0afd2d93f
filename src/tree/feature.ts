import * as vscode from 'vscode';
import { showError, showInfo } from '../host/notify';
import { readExpectations } from '../host/configFiles';
import { SETTINGS } from '../host/documents';
import { ConfigExpectations } from '../core/config/file';
import { escapeMarkdown, findingsMarkdown, tableMarkdown } from '../host/markdown';
import { ReportDocuments } from '../host/reports';
import type { LiveCheck } from '../drift/api';
import { consoleUrl } from '../core/applications/applications';
import { compareApplicationWithConfig } from '../core/applications/compare';
import { checkIdpUrl } from '../core/values/idpUrl';
import { loadAws } from '../lazyParts';
import { pickRegion } from '../host/regionPicker';
import { TreeNode } from './nodes';
import { awsSettings } from '../host/awsSettings';
import { ApplicationsProvider } from './provider';
import { readConfigs } from '../host/configFiles';
import { ConfiguredApplications } from './configs';
import { showPolicy } from '../host/iamPolicy';

/** What the tree needs from the rest of the extension. */
export interface TreeContext {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  reports: ReportDocuments;
  openConfigurator: (config?: vscode.Uri) => Promise<unknown>;
  live?: LiveCheck;
}

/**
 * The Identity Center tree once it is shown or one of its commands runs (loaded from dist/features.js; register.ts
 * only registers the view and the command ids): the provider, the search for linked configs, and the commands' work.
 */
export class TreeFeature implements vscode.Disposable {
  readonly provider: ApplicationsProvider;
  /** Which applications config files link to: searched for once the view shows, then kept current by a watcher. */
  readonly configured: ConfiguredApplications;

  constructor(private readonly ctx: TreeContext) {
    this.provider = new ApplicationsProvider(ctx.log);
    this.configured = new ConfiguredApplications(this.provider, ctx.log);
  }

  dispose(): void {
    this.configured.dispose();
    this.provider.dispose();
  }

  onConfiguration(e: vscode.ConfigurationChangeEvent): void {
    if (e.affectsConfiguration(`${SETTINGS}.aws`)) this.provider.refresh();
    if (e.affectsConfiguration(`${SETTINGS}.lint.configFiles`)) this.configured.restart();
  }

  async copyArn(node?: TreeNode): Promise<void> {
    const text = !node
      ? undefined
      : node.kind === 'application'
        ? node.app.applicationArn
        : node.kind === 'instance'
          ? node.instance.instanceArn
          : node.kind === 'field'
            ? node.value
            : undefined;
    if (!text) return;
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(vscode.l10n.t('$(copy) Copied {0}', text), 3000);
  }

  async openInConsole(node?: TreeNode): Promise<void> {
    if (node?.kind === 'application')
      await vscode.env.openExternal(vscode.Uri.parse(consoleUrl(awsSettings().region, node.app.applicationArn)));
  }

  async showJson(node?: TreeNode): Promise<void> {
    if (node?.kind !== 'application') return;
    try {
      const description = await this.provider.api().describeApplication(node.app.applicationArn);
      await this.ctx.reports.show(`${node.app.name}.json`, JSON.stringify(description, null, 2) + '\n', {
        beside: true,
      });
    } catch (err) {
      this.ctx.log.warn(`Show Application Description: ${(err as Error).message}`);
      void showError((err as Error).message);
    }
  }

  compareWithConfig(node?: TreeNode): Promise<void> {
    const { log, reports, openConfigurator, live } = this.ctx;
    return compare(log, node, this.provider, reports, openConfigurator, live);
  }

  /**
   * The "Sign in" node and the sign-in buttons of expired-credential errors: the extension's own sign-in, for the
   * profile in use (the picker when the credentials are not an IAM Identity Center sign-in).
   */
  signIn(node?: TreeNode): Thenable<unknown> {
    return vscode.commands.executeCommand('frontlineSso.signIn', {
      profile:
        node?.kind === 'connection' && node.signIn
          ? node.signIn.profile
          : loadAws().chainProfile(awsSettings().profile),
    });
  }

  showPolicy(node?: TreeNode): Promise<void> {
    return showPolicy(
      this.ctx.extensionUri,
      this.ctx.reports,
      node?.kind === 'error' ? node.problem.action : undefined,
    );
  }

  selectProfile(): Promise<void> {
    return selectProfile(this.ctx.log);
  }

  selectRegion(): Promise<void> {
    return selectRegion();
  }
}

async function selectProfile(log: vscode.LogOutputChannel): Promise<void> {
  const profiles = await loadAws()
    .listProfiles()
    .catch((err: unknown) => {
      // The default chain stays available; the log says why no profile is listed.
      log.warn(`Could not read the AWS profiles: ${(err as Error).message}`);
      return [];
    });
  const current = awsSettings().profile;
  const items = [
    {
      label: 'Default credential chain',
      description: 'environment, default profile, container or instance role',
      profile: '',
    },
    ...profiles.map((p) => ({
      label: p.name,
      description: [p.sso ? 'IAM Identity Center (SSO)' : undefined, p.region].filter(Boolean).join(' · '),
      profile: p.name,
    })),
  ].map((i) => ({ ...i, picked: i.profile === (current ?? '') }));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('AWS profile for the Identity Center tree'),
    placeHolder: profiles.length
      ? vscode.l10n.t('Profiles from ~/.aws/config and ~/.aws/credentials')
      : vscode.l10n.t('No profiles found in ~/.aws: run "aws configure sso" to add one'),
  });
  if (!picked) return;
  await vscode.workspace
    .getConfiguration(SETTINGS)
    .update('aws.profile', picked.profile, vscode.ConfigurationTarget.Global);
}

async function selectRegion(): Promise<void> {
  const region = await pickRegion('Region of the IAM Identity Center instance', awsSettings().region);
  if (!region) return;
  await vscode.workspace.getConfiguration(SETTINGS).update('aws.region', region, vscode.ConfigurationTarget.Global);
}

async function compare(
  log: vscode.LogOutputChannel,
  node: TreeNode | undefined,
  provider: ApplicationsProvider,
  reports: ReportDocuments,
  openConfigurator: (config?: vscode.Uri) => Promise<unknown>,
  live?: LiveCheck,
): Promise<void> {
  if (node?.kind !== 'application') return;
  const configs = await readConfigs(log);
  let target = configs.find((c) => c.summary.applicationArn === node.app.applicationArn)?.uri;
  if (!target && configs.length > 0) {
    target = (
      await vscode.window.showQuickPick(
        configs.map((c) => ({ label: vscode.workspace.asRelativePath(c.uri), uri: c.uri })),
        { title: vscode.l10n.t('Compare with which config file?') },
      )
    )?.uri;
    if (!target) return;
  }
  if (!target) {
    const choice = await showInfo(
      vscode.l10n.t('There is no frontline-sso.json in the workspace to compare with.'),
      vscode.l10n.t('Open Configurator'),
    );
    if (choice) await openConfigurator();
    return;
  }
  // A config that cannot be read must not look like one that agrees: say so, and compare nothing.
  const relative = vscode.workspace.asRelativePath(target);
  let expectations: ConfigExpectations;
  try {
    expectations = await readExpectations(target);
  } catch (err) {
    log.warn(`Compare with Config File: ${relative}: ${(err as Error).message}`);
    void showError(vscode.l10n.t('Cannot compare with {0}: {1}', relative, (err as Error).message));
    return;
  }
  const api = provider.api();
  const [required, assignments] = await Promise.all([
    api.assignmentRequired(node.app.applicationArn),
    api.listAssignments(node.app.applicationArn),
  ]);
  const findings = compareApplicationWithConfig(
    {
      applicationArn: node.app.applicationArn,
      name: node.app.name,
      status: node.app.status,
      applicationAccount: node.app.applicationAccount,
      federationProtocol: node.traits.federationProtocol,
      customSaml: node.traits.customSaml,
      assignmentRequired: required,
      assignmentCount: assignments.length,
      region: awsSettings().region,
    },
    expectations,
  );
  const region = awsSettings().region;
  const issuerRegion = expectations.issuer ? checkIdpUrl('issuer', expectations.issuer).info?.region : undefined;
  const compared = tableMarkdown([
    ['Application ARN in AWS', node.app.applicationArn],
    ['Application ARN in the config', expectations.applicationArn ?? '(not set)'],
    ['Region in AWS', region],
    ['Region of the config', expectations.region ?? issuerRegion ?? '(not set)'],
    ['Issuer URL in the config', expectations.issuer ?? '(not set)'],
    ['Assignments', String(assignments.length)],
  ]);
  // What AWS publishes now for the config's issuer: the certificate rotation and addresses the API cannot show.
  const liveReport = live ? await live(target).catch(() => undefined) : undefined;
  const liveSection = liveReport
    ? `\n## Live metadata\n\n${findingsMarkdown(liveReport.findings, '✅ The config matches the metadata IAM Identity Center publishes now.')}`
    : '';
  await reports.show(
    `Compare ${node.app.name}.md`,
    `# ${escapeMarkdown(node.app.name)} and ${escapeMarkdown(relative)}\n\n${findingsMarkdown(findings)}${liveSection}\n## Compared\n\n${compared}`,
    { beside: true },
  );
  const choice = await showInfo(
    vscode.l10n.t('Compared {0} with {1}.', node.app.name, relative),
    vscode.l10n.t('Open in Configurator'),
  );
  if (choice) await openConfigurator(target);
}
