import * as vscode from 'vscode';
import { SETTINGS, findConfigFiles, readExpectations } from '../common/configFiles';
import { ConfigSummary, readConfig } from '../core/configFile';
import { guarded } from '../common/log';
import { findingsMarkdown } from '../common/markdown';
import { ReportDocuments } from '../common/reports';
import { consoleUrl } from '../core/applications';
import { compareApplicationWithConfig } from '../core/compare';
import { loadAws } from '../lazy';
import { TreeNode } from './nodes';
import { ApplicationsProvider, VIEW_ID, awsSettings } from './provider';

const REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'sa-east-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'me-south-1',
  'af-south-1',
  'us-gov-west-1',
  'us-gov-east-1',
  'cn-north-1',
  'cn-northwest-1',
];

export interface ApplicationsView {
  provider: ApplicationsProvider;
  view: vscode.TreeView<TreeNode>;
}

export function registerTree(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  reports: ReportDocuments,
  openConfigurator: (config?: vscode.Uri) => Promise<unknown>,
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
  void refreshConfiguredArns(provider);

  context.subscriptions.push(
    provider,
    view,
    command('refresh', 'Refresh Applications', () => provider.refresh()),
    command('refreshNode', 'Refresh', (node?: TreeNode) => provider.refreshNode(node)),
    command('selectProfile', 'Choose AWS Profile', () => selectProfile()),
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
        void vscode.window.showErrorMessage((err as Error).message);
      }
    }),
    command('compareWithConfig', 'Compare with Config File', (node?: TreeNode) =>
      compare(node, provider, reports, openConfigurator),
    ),
    command('signIn', 'Sign In Again', () => {
      const profile = awsSettings().profile;
      const terminal = vscode.window.createTerminal({ name: 'AWS sign-in' });
      terminal.show();
      terminal.sendText(`aws sso login${profile ? ` --profile ${JSON.stringify(profile)}` : ''}`);
      void vscode.window
        .showInformationMessage('When the sign-in in the terminal is done, refresh the applications.', 'Refresh')
        .then((r) => {
          if (r) provider.refresh();
        });
    }),
    command('showPolicy', 'Show IAM Policy', async () => {
      await vscode.commands.executeCommand(
        'markdown.showPreview',
        vscode.Uri.joinPath(context.extensionUri, 'README.md'),
      );
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SETTINGS}.aws`)) {
        describe();
        provider.refresh();
      }
    }),
    vscode.workspace.onDidSaveTextDocument(() => void refreshConfiguredArns(provider)),
  );
  return { provider, view };
}

/** ARNs that config files in the workspace point at: those applications are highlighted. */
async function refreshConfiguredArns(provider: ApplicationsProvider): Promise<void> {
  const configs = await readConfigs();
  provider.configuredArns = new Set(
    configs.map((c) => c.summary.applicationArn).filter((arn): arn is string => Boolean(arn)),
  );
}

/** The workspace's config files that parse, with what they say. */
async function readConfigs(): Promise<Array<{ uri: vscode.Uri; summary: ConfigSummary }>> {
  const out: Array<{ uri: vscode.Uri; summary: ConfigSummary }> = [];
  for (const uri of await findConfigFiles()) {
    try {
      out.push({ uri, summary: readConfig(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8')) });
    } catch {
      // A config that does not parse links to no application; the linter reports it.
    }
  }
  return out;
}

async function selectProfile(): Promise<void> {
  const profiles = await loadAws()
    .listProfiles()
    .catch(() => []);
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
  const current = awsSettings().region;
  const items: Array<vscode.QuickPickItem & { region?: string }> = [
    ...REGIONS.map((region) => ({ label: region, description: region === current ? 'current' : undefined, region })),
    { label: '$(edit) Other Region…' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Region of the IAM Identity Center instance' });
  if (!picked) return;
  const region =
    picked.region ??
    (await vscode.window.showInputBox({
      title: 'AWS Region',
      placeHolder: 'for example eu-south-2',
      validateInput: (v) => (/^[a-z]{2}(-[a-z]+)+-\d+$/.test(v.trim()) ? undefined : 'A Region looks like us-east-1.'),
    }));
  if (!region) return;
  await vscode.workspace
    .getConfiguration(SETTINGS)
    .update('aws.region', region.trim(), vscode.ConfigurationTarget.Global);
}

async function compare(
  node: TreeNode | undefined,
  provider: ApplicationsProvider,
  reports: ReportDocuments,
  openConfigurator: (config?: vscode.Uri) => Promise<unknown>,
): Promise<void> {
  if (node?.kind !== 'application') return;
  const configs = await readConfigs();
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
    const choice = await vscode.window.showInformationMessage(
      'There is no frontline-sso.json in the workspace to compare with.',
      'Open Configurator',
    );
    if (choice) await openConfigurator();
    return;
  }
  const expectations = await readExpectations(target).catch(() => ({}));
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
  await reports.show(
    `Compare ${node.app.name}.md`,
    `# ${node.app.name} and ${vscode.workspace.asRelativePath(target)}\n\n${findingsMarkdown(findings)}`,
    { beside: true },
  );
  const choice = await vscode.window.showInformationMessage(
    `Compared ${node.app.name} with ${vscode.workspace.asRelativePath(target)}.`,
    'Open in Configurator',
  );
  if (choice) await openConfigurator(target);
}
