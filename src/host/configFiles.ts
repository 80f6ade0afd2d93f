import { dirname } from 'node:path';
import * as vscode from 'vscode';
import {
  ConfigExpectations,
  ConfigSummary,
  expectationsFromConfig,
  readConfig,
  referencedFiles,
} from '../core/config/file';
import { MAX_JSON_BYTES } from '../core/common/limits';
import { LoadedFile } from '../core/common/loadedFile';
import { describeSize } from '../core/common/text';
import { readReferencedFiles } from '../io/configFiles';
import { findConfigFiles } from './documents';

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

/** A config's text: the open document (unsaved edits included) or the file, within a size cap. */
export async function readConfigText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  return open ? open.getText() : readConfigFileText(uri);
}

/** A config file's saved text, if it is a file within the size cap (a hostile repository may hold anything). */
export async function readConfigFileText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_JSON_BYTES || (stat.type & vscode.FileType.File) === 0) return undefined;
    return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
  } catch {
    return undefined;
  }
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
