import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { LoadedFile } from '../core/common/loadedFile';
import { readReferencedFiles } from '../io/configFiles';

/**
 * The desktop reader of the files a local (`file:`) config names: Node's file system, which resolves links and
 * refuses pipes and devices (src/io/files.ts). The web bundle has no Node: scripts/build.mjs replaces this module by
 * src/web/localFiles.ts there, and every folder is read through `vscode.workspace.fs` (./workspaceFiles.ts).
 */
export const localFiles: LocalFiles | undefined = {
  readReferenced: (config, text, allowedRoots, rootsReason) =>
    readReferencedFiles(text, dirname(config.fsPath), { allowedRoots, rootsReason }),
};

export interface LocalFiles {
  /** The files a `file:` config names, by the path as written; only inside `allowedRoots` when they are given. */
  readReferenced(
    config: vscode.Uri,
    text: string,
    allowedRoots: readonly string[] | undefined,
    rootsReason: string,
  ): Promise<Map<string, LoadedFile>>;
}
