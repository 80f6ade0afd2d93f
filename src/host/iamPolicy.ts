import * as vscode from 'vscode';
import { showInfo } from './notify';
import { ReportDocuments } from './reports';

/**
 * *Show Required IAM Policy*: the policy a user pastes into IAM (docs/iam-policy.json, shipped in the .vsix) as a
 * read-only document; with an access-denied node, the refused action is selected. The explanation is one click away.
 */
export async function showPolicy(
  extensionUri: vscode.Uri,
  reports: ReportDocuments,
  action: string | undefined,
): Promise<void> {
  const text = Buffer.from(
    await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'docs', 'iam-policy.json')),
  ).toString('utf8');
  const doc = await reports.show('IAM policy for Frontline SSO.json', text);
  const line = action ? text.split('\n').findIndex((l) => l.includes(`"${action}"`)) : -1;
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
  if (editor && line >= 0) {
    const start = doc.lineAt(line).text.indexOf('"');
    editor.selection = new vscode.Selection(line, start, line, start + action!.length + 2);
    editor.revealRange(editor.selection);
  }
  // Not awaited: the command is done when the policy shows, not when the notification goes.
  void showInfo(
    action
      ? vscode.l10n.t('Add {0} to the IAM policy of your role (or attach this policy), then refresh.', action)
      : vscode.l10n.t('Attach this read-only policy to the role or user whose credentials the extension uses.'),
    vscode.l10n.t('Why Each Action'),
  ).then((choice) =>
    choice
      ? vscode.commands.executeCommand(
          'markdown.showPreview',
          vscode.Uri.joinPath(extensionUri, 'docs', 'iam-policy.md'),
        )
      : undefined,
  );
}
