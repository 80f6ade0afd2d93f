import * as vscode from 'vscode';
import { VIEW_ID } from '../tree/view';

/**
 * The IAM Identity Center sidebar in the browser: it lists applications with the user's AWS credentials, which an
 * extension in the browser cannot reach, so the view stays empty and its welcome content (package.json
 * `viewsWelcome`, when `frontlineSso.web`) says to open the folder in desktop VS Code, and what works here.
 */
export function registerWebSidebar(context: vscode.ExtensionContext): void {
  const empty: vscode.TreeDataProvider<never> = { getChildren: () => [], getTreeItem: (node) => node };
  context.subscriptions.push(vscode.window.createTreeView(VIEW_ID, { treeDataProvider: empty }));
}
