import * as vscode from 'vscode';
import { lazyCommand, lazyFeature } from '../activation';
import { awsSettings } from '../host/awsSettings';
import { SETTINGS } from '../host/documents';
import type { LiveCheck } from '../drift/api';
import type { ReportDocuments } from '../host/reports';
import type { TreeFeature } from './feature';
import type { TreeNode } from './nodes';
import type { ApplicationsProvider } from './provider';
import { VIEW_ID } from './view';

export interface ApplicationsView {
  /** The tree's data (loads the tree's code on first use). */
  readonly provider: ApplicationsProvider;
  view: vscode.TreeView<TreeNode>;
  /** Refreshes the tree if it has been shown; a tree never shown has nothing to refresh. */
  refresh(): void;
  /** How many times the workspace was searched for config files (for the host tests: none before the view shows). */
  configScans(): number;
}

/**
 * The Identity Center tree (docs/features.md, "IAM Identity Center sidebar"). Activation registers the view with a provider that
 * hands over to the real one (feature.ts, in dist/features.js) when VS Code first asks for the tree's items, i.e.
 * when the view is first shown; the commands load it on first use too.
 */
export function registerTree(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  reports: ReportDocuments,
  openConfigurator: (config?: vscode.Uri) => Promise<unknown>,
  live?: LiveCheck,
): ApplicationsView {
  const changed = new vscode.EventEmitter<TreeNode | undefined>();
  const feature = lazyFeature(context, (f) => {
    const tree = new f.tree.TreeFeature({ extensionUri: context.extensionUri, log, reports, openConfigurator, live });
    context.subscriptions.push(tree.provider.onDidChangeTreeData((node) => changed.fire(node)));
    return tree;
  });
  const get = feature.get;
  const provider: vscode.TreeDataProvider<TreeNode> = {
    onDidChangeTreeData: changed.event,
    getChildren: (node) => get().provider.getChildren(node),
    getTreeItem: (node) => get().provider.getTreeItem(node),
    getParent: (node) => get().provider.getParent(node),
  };
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const describe = () => {
    const s = awsSettings();
    view.description = `${s.profile ?? 'default'} · ${s.region ?? vscode.l10n.t('no region')}${s.endpoint ? vscode.l10n.t(' · custom endpoint') : ''}`;
  };
  describe();
  // A view already showing at start-up asks for its items at once; the search for linked configs waits until
  // activation has returned.
  const firstScan = setTimeout(() => {
    if (view.visible) get().configured.start();
  }, 0);

  const command = (id: string, title: string, run: (tree: TreeFeature, node?: TreeNode) => unknown) =>
    lazyCommand(context, log, `frontlineSso.apps.${id}`, title, (_f, node) => run(get(), node as TreeNode | undefined));
  command('refresh', vscode.l10n.t('Refresh Applications'), (t) => t.provider.refresh());
  command('refreshNode', vscode.l10n.t('Refresh'), (t, node) => t.provider.refreshNode(node));
  command('selectProfile', vscode.l10n.t('Choose AWS Profile'), (t) => t.selectProfile());
  command('selectRegion', vscode.l10n.t('Choose AWS Region'), (t) => t.selectRegion());
  command('copyArn', vscode.l10n.t('Copy ARN'), (t, node) => t.copyArn(node));
  command('openInConsole', vscode.l10n.t('Open in AWS Console'), (t, node) => t.openInConsole(node));
  command('showJson', vscode.l10n.t('Show Application Description'), (t, node) => t.showJson(node));
  command('compareWithConfig', vscode.l10n.t('Compare with Config File'), (t, node) => t.compareWithConfig(node));
  command('signIn', vscode.l10n.t('Sign In'), (t, node) => t.signIn(node));
  command('showPolicy', vscode.l10n.t('Show IAM Policy'), (t, node) => t.showPolicy(node));

  context.subscriptions.push(
    { dispose: () => clearTimeout(firstScan) },
    changed,
    view,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SETTINGS}.aws`)) describe();
      feature.current?.onConfiguration(e);
    }),
    view.onDidChangeVisibility((e) => {
      if (e.visible) get().configured.start();
    }),
  );
  return {
    get provider() {
      return get().provider;
    },
    view,
    refresh: () => feature.current?.provider.refresh(),
    configScans: () => feature.current?.configured.scans ?? 0,
  };
}
