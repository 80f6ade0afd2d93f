import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import * as vscode from 'vscode';
import { showError } from '../common/notify';
import { ReportDocuments } from '../common/reports';

const AWS_CLI_INSTALL = 'https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html';

/** An executable on PATH, found as a shell would (with PATHEXT on Windows); undefined when there is none. */
export async function findExecutable(name: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  const extensions = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of dirs) {
    for (const extension of extensions) {
      const candidate = join(dir, name + extension);
      // A probe: most candidates do not exist, which is the expected answer, not an error.
      const usable = await access(candidate, constants.X_OK).then(
        async () => (await stat(candidate)).isFile(),
        () => false,
      );
      if (usable) return candidate;
    }
  }
  return undefined;
}

/**
 * *Sign In Again*: runs `aws sso login [--profile P]` in a terminal as the process itself, not as text typed into a
 * shell, so nothing in a profile name (`$(…)`, quotes, `;`) is ever interpreted. Refreshes the tree when it succeeds.
 */
export async function signIn(
  profile: string | undefined,
  refresh: () => void,
  log: vscode.LogOutputChannel,
): Promise<vscode.Terminal | undefined> {
  const aws = await findExecutable('aws');
  if (!aws) {
    const choice = await showError(
      'The AWS CLI ("aws") is not on the PATH, so "aws sso login" cannot run here. Install AWS CLI v2, or sign in another way, then refresh.',
      'How to Install',
    );
    if (choice) await vscode.env.openExternal(vscode.Uri.parse(AWS_CLI_INSTALL));
    return undefined;
  }
  const args = ['sso', 'login', ...(profile ? ['--profile', profile] : [])];
  log.info(`Sign in: ${aws} ${args.map((a) => JSON.stringify(a)).join(' ')}`);
  const terminal = vscode.window.createTerminal({ name: 'AWS sign-in', shellPath: aws, shellArgs: args });
  terminal.show();
  const closed = vscode.window.onDidCloseTerminal((t) => {
    if (t !== terminal) return;
    closed.dispose();
    if (t.exitStatus?.code === 0) refresh();
  });
  void vscode.window
    .showInformationMessage('When the sign-in in the terminal is done, refresh the applications.', 'Refresh')
    .then((r) => {
      if (r) refresh();
    });
  return terminal;
}

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
  void vscode.window
    .showInformationMessage(
      action
        ? `Add ${action} to the IAM policy of your role (or attach this policy), then refresh.`
        : 'Attach this read-only policy to the role or user whose credentials the extension uses.',
      'Why Each Action',
    )
    .then((choice) =>
      choice
        ? vscode.commands.executeCommand(
            'markdown.showPreview',
            vscode.Uri.joinPath(extensionUri, 'docs', 'iam-policy.md'),
          )
        : undefined,
    );
}
