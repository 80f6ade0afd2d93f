import * as vscode from 'vscode';
import type { FileKind } from '../core/lint';

// Which documents are Frontline SSO files, and where config files are: cheap enough for activation (no core code).

export const SETTINGS = 'frontlineSso';

export function filePatterns(kind: FileKind): string[] {
  const key = kind === 'config' ? 'lint.configFiles' : 'lint.mappingFiles';
  return vscode.workspace.getConfiguration(SETTINGS).get<string[]>(key) ?? [];
}

/** Which kind of Frontline file a document is, by the configured patterns. */
export function documentKind(doc: vscode.TextDocument): FileKind | undefined {
  for (const kind of ['config', 'mappings'] as const) {
    if (filePatterns(kind).some((pattern) => vscode.languages.match({ pattern }, doc) > 0)) return kind;
  }
  return undefined;
}

/** The config files in the workspace (by the configured patterns), at most `limit`. */
export async function findConfigFiles(limit = 20): Promise<vscode.Uri[]> {
  const patterns = filePatterns('config');
  if (patterns.length === 0 || !vscode.workspace.workspaceFolders) return [];
  return vscode.workspace.findFiles(`{${patterns.join(',')}}`, '**/node_modules/**', limit);
}

/** Config files in the workspace; several → the user picks; none → undefined. */
export async function pickConfigFile(purpose: string): Promise<vscode.Uri | undefined> {
  const found = await findConfigFiles();
  if (found.length <= 1) return found[0];
  const picked = await vscode.window.showQuickPick(
    found.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    {
      title: vscode.l10n.t('Which config file {0}?', purpose),
    },
  );
  return picked?.uri;
}

/** Whether configs are checked against the live metadata when they open (`frontlineSso.online.checkMetadata`). */
export function autoCheckEnabled(): boolean {
  return vscode.workspace.getConfiguration(SETTINGS).get<boolean>('online.checkMetadata', true);
}
