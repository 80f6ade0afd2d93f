import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { ConfigExpectations, expectationsFromConfig, referencedFiles } from '../core/configFile';
import { FileKind } from '../core/lint';
import { LoadedFile } from '../core/loadedFile';
import { readReferencedFiles } from '../io/configFiles';

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
      title: `Which config file ${purpose}?`,
    },
  );
  return picked?.uri;
}

/**
 * Reads, asynchronously and within their size caps, the files a config names (relative to the config). In an
 * untrusted workspace only files inside the workspace folders are read, so that a cloned repository cannot make the
 * extension read (and show) files elsewhere on the machine; a virtual workspace has no local path to read at all.
 */
export async function readConfigFiles(config: vscode.Uri, text: string): Promise<Map<string, LoadedFile>> {
  if (config.scheme !== 'file') {
    const files = new Map<string, LoadedFile>();
    for (const ref of referencedFiles(text)) {
      files.set(ref.path, {
        ok: false,
        problem: 'virtual',
        message: 'files named in a config are read only from local folders, and this workspace is virtual',
      });
    }
    return files;
  }
  const trusted = vscode.workspace.isTrusted;
  return readReferencedFiles(text, dirname(config.fsPath), {
    allowedRoots: trusted ? undefined : (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath),
    rootsReason: 'the workspace is not trusted (Restricted Mode); trust it to read files outside it',
  });
}

/** The expectations (realm, issuer, certificate) a config file sets. Throws InputError when it cannot be used. */
export async function readExpectations(uri: vscode.Uri): Promise<ConfigExpectations> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const text = doc.getText();
  return expectationsFromConfig(text, await readConfigFiles(uri, text));
}
