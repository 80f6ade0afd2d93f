import * as vscode from 'vscode';
import { ConfigExpectations, ConfigSummary, expectationsFromConfig, readConfig } from '../core/config/file';
import { MAX_JSON_BYTES } from '../core/common/limits';
import { LoadedFile } from '../core/common/loadedFile';
import { describeSize } from '../core/common/text';
import { findConfigFiles } from './documents';
import { localFiles } from './localFiles';
import { readReferencedWorkspaceFiles, readWorkspaceFile } from './workspaceFiles';

/**
 * Reads, asynchronously and within their size caps, the files a config names (relative to the config). A local config
 * on the desktop is read through Node (links resolved, pipes refused); in an untrusted workspace only files inside the
 * workspace folders are read, so that a cloned repository cannot make the extension read (and show) files elsewhere
 * on the machine. Any other folder (remote, github.dev's virtual one, every folder in the browser) is read through
 * `vscode.workspace.fs`, and only inside the workspace folders.
 */
export async function readConfigFiles(config: vscode.Uri, text: string): Promise<Map<string, LoadedFile>> {
  if (config.scheme !== 'file' || !localFiles) return readReferencedWorkspaceFiles(config, text);
  const trusted = vscode.workspace.isTrusted;
  return localFiles.readReferenced(
    config,
    text,
    trusted ? undefined : (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath),
    'the workspace is not trusted (Restricted Mode); trust it to read files outside it',
  );
}

/** The expectations (realm, issuer, certificate) a config file sets. Throws InputError when it cannot be used. */
export async function readExpectations(uri: vscode.Uri): Promise<ConfigExpectations> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const text = doc.getText();
  return expectationsFromConfig(text, await readConfigFiles(uri, text));
}

/** A config's text: the open document (unsaved edits included) or the file, within a size cap. */
export async function readConfigText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  return open ? open.getText() : readConfigFileText(uri);
}

/** A config file's saved text, if it is a file within the size cap (a hostile repository may hold anything). */
export async function readConfigFileText(uri: vscode.Uri): Promise<string | undefined> {
  const file = await readWorkspaceFile(uri, MAX_JSON_BYTES);
  return file.ok ? new TextDecoder().decode(file.bytes) : undefined;
}

/** A config file in the workspace that parses: where it is, its text, and what it says. */
export interface WorkspaceConfig {
  uri: vscode.Uri;
  text: string;
  summary: ConfigSummary;
}

/** The workspace's config files that parse, with what they say. */
export async function readConfigs(log: vscode.LogOutputChannel): Promise<WorkspaceConfig[]> {
  const out: WorkspaceConfig[] = [];
  for (const uri of await findConfigFiles()) {
    const text = await readConfigFileText(uri);
    if (text === undefined) {
      log.info(
        `${vscode.workspace.asRelativePath(uri)} is not read: it is not a readable file of at most ${describeSize(MAX_JSON_BYTES)}`,
      );
      continue;
    }
    try {
      out.push({ uri, text, summary: readConfig(text) });
    } catch (err) {
      // A config that does not parse links to no application; the linter shows why in the Problems panel.
      log.info(`${vscode.workspace.asRelativePath(uri)} links to no application: ${(err as Error).message}`);
    }
  }
  return out;
}
