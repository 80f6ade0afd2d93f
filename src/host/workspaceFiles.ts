import * as vscode from 'vscode';
import { referencedFiles } from '../core/config/file';
import { LoadedFile } from '../core/common/loadedFile';
import { describeSize } from '../core/common/text';

/**
 * Reading files through `vscode.workspace.fs`, within a size cap: the one reader for every folder VS Code can open,
 * local (`file:`), remote (`vscode-remote:`) or virtual (github.dev's `vscode-vfs:`), and the only one there is in the
 * browser (vscode.dev, github.dev), where no Node `fs` exists. The cap is checked on the stat before reading and again
 * on the bytes read, since a file may grow in between.
 */
export async function readWorkspaceFile(uri: vscode.Uri, maxBytes: number): Promise<LoadedFile> {
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch (err) {
    return failure(err);
  }
  if ((stat.type & vscode.FileType.File) === 0) {
    return {
      ok: false,
      problem: 'not-file',
      message: stat.type & vscode.FileType.Directory ? 'it is a folder, not a file' : 'it is not a file',
    };
  }
  if (stat.size > maxBytes) return tooLarge(stat.size, maxBytes);
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (err) {
    return failure(err);
  }
  if (bytes.byteLength > maxBytes) return tooLarge(bytes.byteLength, maxBytes);
  return { ok: true, bytes };
}

function tooLarge(size: number, max: number): LoadedFile {
  return {
    ok: false,
    problem: 'too-large',
    message: `it has ${size.toLocaleString('en-US')} bytes; files over ${describeSize(max)} are not read`,
  };
}

function failure(err: unknown): LoadedFile {
  if (err instanceof vscode.FileSystemError) {
    if (err.code === 'FileNotFound' || err.code === 'FileNotADirectory') {
      return { ok: false, problem: 'missing', message: 'no such file' };
    }
    if (err.code === 'NoPermissions') return { ok: false, problem: 'unreadable', message: 'permission denied' };
    if (err.code === 'FileIsADirectory')
      return { ok: false, problem: 'not-file', message: 'it is a folder, not a file' };
  }
  return { ok: false, problem: 'unreadable', message: err instanceof Error ? err.message : String(err) };
}

/** Whether `uri` is `folder` or lies under it: the same scheme and authority, and a path below the folder's. */
export function isInsideFolder(uri: vscode.Uri, folder: vscode.Uri): boolean {
  if (uri.scheme !== folder.scheme || uri.authority !== folder.authority) return false;
  const root = folder.path.endsWith('/') ? folder.path : `${folder.path}/`;
  return uri.path === folder.path || uri.path.startsWith(root);
}

/**
 * Reads, within their size caps, the files a config names, relative to the config, through `vscode.workspace.fs`.
 * Only files inside the workspace folders are read: in a folder that is not local there is no real path to resolve
 * links against, so a path that leaves the workspace (`../../etc`, an absolute path) is not followed at all.
 */
export async function readReferencedWorkspaceFiles(config: vscode.Uri, text: string): Promise<Map<string, LoadedFile>> {
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri);
  const configFolder = vscode.Uri.joinPath(config, '..');
  const files = new Map<string, LoadedFile>();
  await Promise.all(
    referencedFiles(text).map(async (ref) => {
      // Uri.joinPath normalises `..` segments, so the containment test sees where the path really points.
      const target = ref.path.startsWith('/')
        ? configFolder.with({ path: ref.path })
        : vscode.Uri.joinPath(configFolder, ref.path.replace(/\\/g, '/'));
      const inside = folders.some((folder) => isInsideFolder(target, folder));
      files.set(
        ref.path,
        inside
          ? await readWorkspaceFile(target, ref.maxBytes)
          : {
              ok: false,
              problem: 'outside-workspace',
              message:
                'it is outside the workspace folder, and in a folder that is not local only files inside it are read',
            },
      );
    }),
  );
  return files;
}
