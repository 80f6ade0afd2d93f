import * as vscode from 'vscode';
import { showError, showInfo } from '../common/notify';
import { readExpectations } from '../common/configFiles';
import { SETTINGS } from '../common/documents';
import { ConfigExpectations } from '../core/configFile';
import { guarded } from '../common/log';
import { findingsMarkdown, tableMarkdown } from '../common/markdown';
import { ReportDocuments } from '../common/reports';
import type { LiveCheck } from '../configurator/register';
import { consoleUrl } from '../core/applications';
import { compareApplicationWithConfig } from '../core/compare';
import { checkIdpUrl } from '../core/idpUrl';
import { loadAws } from '../lazy';
import { pickRegion } from '../common/regionPicker';
import { TreeNode } from './nodes';
import { ApplicationsProvider, VIEW_ID, awsSettings } from './provider';
import { ConfiguredApplications, readConfigs } from './configs';
import { showPolicy } from './actions';

export interface ApplicationsView {
  provider: ApplicationsProvider;
  view: vscode.TreeView<TreeNode>;
  /** How many times the workspace was searched for config files (for the host tests: none before the view shows). */
  configScans(): number;
}

export function registerTree(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  reports: ReportDocuments,
  openConfigurator: (config?: vscode.Uri) => Promise<unknown>,
  live?: LiveCheck,
): ApplicationsView {
  const provider = new ApplicationsProvider(log);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const describe = () => {
    const s = awsSettings();
    view.description = `${s.profile ?? 'default'} · ${s.region ?? 'no region'}${s.endpoint ? ' · custom endpoint' : ''}`;
  };
  describe();
  const command = (id: string, name: string, body: (...args: never[]) => unknown) =>
    vscode.commands.registerCommand(
      `frontlineSso.apps.${id}`,
      guarded(log, name, body as (...args: unknown[]) => unknown),
    );
  // Which applications config files link to: searched for only once the view is shown, then kept current by a
  // watcher on the config patterns (activation only registers; a save of another file costs nothing).
  const configured = new ConfiguredApplications(provider, log);
  if (view.visible) configured.start();

  context.subscriptions.push(
    provider,
    view,
    command('refresh', 'Refresh Applications', () => provider.refresh()),
    command('refreshNode', 'Refresh', (node?: TreeNode) => provider.refreshNode(node)),
    command('selectProfile', 'Choose AWS Profile', () => selectProfile(log)),
    command('selectRegion', 'Choose AWS Region', () => selectRegion()),
    command('copyArn', 'Copy ARN', async (node?: TreeNode) => {
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
      vscode.window.setStatusBarMessage(`$(copy) Copied ${text}`, 3000);
    }),
    command('openInConsole', 'Open in AWS Console', async (node?: TreeNode) => {
      if (node?.kind === 'application')
        await vscode.env.openExternal(vscode.Uri.parse(consoleUrl(awsSettings().region, node.app.applicationArn)));
    }),
    command('showJson', 'Show Application Description', async (node?: TreeNode) => {
      if (node?.kind !== 'application') return;
      try {
        const description = await provider.api().describeApplication(node.app.applicationArn);
        await reports.show(`${node.app.name}.json`, JSON.stringify(description, null, 2) + '\n', { beside: true });
      } catch (err) {
        log.warn(`Show Application Description: ${(err as Error).message}`);
        void showError((err as Error).message);
      }
    }),
    command('compareWithConfig', 'Compare with Config File', (node?: TreeNode) =>
      compare(log, node, provider, reports, openConfigurator, live),
    ),
    // The "Sign in" node and the sign-in buttons of expired-credential errors: the extension's own sign-in, for the
    // profile in use (the picker when the credentials are not an IAM Identity Center sign-in).
    command('signIn', 'Sign In', (node?: TreeNode) =>
      vscode.commands.executeCommand('frontlineSso.signIn', {
        profile:
          node?.kind === 'connection' && node.signIn
            ? node.signIn.profile
            : loadAws().chainProfile(awsSettings().profile),
      }),
    ),
    command('showPolicy', 'Show IAM Policy', (node?: TreeNode) =>
      showPolicy(context.extensionUri, reports, node?.kind === 'error' ? node.problem.action : undefined),
    ),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SETTINGS}.aws`)) {
        describe();
        provider.refresh();
      }
      if (e.affectsConfiguration(`${SETTINGS}.lint.configFiles`)) configured.restart();
    }),
    view.onDidChangeVisibility((e) => {
      if (e.visible) configured.start();
    }),
    configured,
  );
  return { provider, view, configScans: () => configured.scans };
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
    title: 'AWS profile for the Identity Center tree',
    placeHolder: profiles.length
      ? 'Profiles from ~/.aws/config and ~/.aws/credentials'
      : 'No profiles found in ~/.aws: run "aws configure sso" to add one',
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
        { title: 'Compare with which config file?' },
      )
    )?.uri;
    if (!target) return;
  }
  if (!target) {
    const choice = await showInfo(
      'There is no frontline-sso.json in the workspace to compare with.',
      'Open Configurator',
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
    void showError(`Cannot compare with ${relative}: ${(err as Error).message}`);
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
    `# ${node.app.name} and ${relative}\n\n${findingsMarkdown(findings)}${liveSection}\n## Compared\n\n${compared}`,
    { beside: true },
  );
  const choice = await showInfo(`Compared ${node.app.name} with ${relative}.`, 'Open in Configurator');
  if (choice) await openConfigurator(target);
}
