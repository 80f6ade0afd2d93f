// The user's own providers for the linter: the workspace's `*.sso-provider.json` files and those of the
// `frontlineSso.providers.folder` setting, found and read within bounds, and read again when one changes.
import * as vscode from 'vscode';
import { MAX_PROVIDER_FILES, MAX_PROVIDER_FILE_BYTES, UserProviderFile, readUserProviderFile } from '../core/providers';
import { isProviderFileName } from '../core/lint';
import { SETTINGS } from '../host/documents';
import { readWorkspaceFile } from '../host/workspaceFiles';

/** Where provider files are found in the workspace (the schema's fileMatch, in any folder). */
export const PROVIDER_FILES_GLOB = '**/*.sso-provider.json';
/** The setting that names the user's own providers folder. */
export const PROVIDERS_FOLDER_SETTING = 'providers.folder';

/** Whether a document is a provider file (by its name, as the schema's fileMatch). */
export function isProviderDocument(doc: vscode.TextDocument): boolean {
  return isProviderFileName(doc.uri.path);
}

/**
 * The user's provider files, read once and kept until one of them changes. Workspace files are used only in a trusted
 * workspace (in Restricted Mode they are marked untrusted: checked, not used); the providers folder is the user's own
 * machine setting, so its files are used in any workspace.
 */
export class UserProviders implements vscode.Disposable {
  private loaded: Promise<UserProviderFile[]> | undefined;
  private readonly watcher = vscode.workspace.createFileSystemWatcher(PROVIDER_FILES_GLOB);

  constructor(
    private readonly log: vscode.LogOutputChannel,
    /** Called when a provider file may have changed: the configs that use it are linted again. */
    private readonly changed: () => void,
  ) {
    const onDisk = () => this.invalidate();
    this.watcher.onDidCreate(onDisk);
    this.watcher.onDidChange(onDisk);
    this.watcher.onDidDelete(onDisk);
  }

  dispose(): void {
    this.watcher.dispose();
  }

  /** Forgets what was read (a provider file, the setting or the trust changed), and says so. */
  invalidate(): void {
    this.loaded = undefined;
    this.changed();
  }

  files(): Promise<UserProviderFile[]> {
    this.loaded ??= this.load().catch((err: unknown) => {
      this.log.error('Reading the provider files failed', err);
      return [];
    });
    return this.loaded;
  }

  private async load(): Promise<UserProviderFile[]> {
    const untrusted = !vscode.workspace.isTrusted;
    const out: UserProviderFile[] = [];
    for (const uri of await this.workspaceFiles()) {
      const text = await readProviderText(uri);
      if (text === undefined) {
        this.log.info(`${vscode.workspace.asRelativePath(uri)} is not used: it is not a file of at most 64 KB`);
        continue;
      }
      out.push(readUserProviderFile(vscode.workspace.asRelativePath(uri), text, { untrusted }));
    }
    for (const uri of await this.folderFiles()) {
      const text = await readProviderText(uri);
      if (text !== undefined) out.push(readUserProviderFile(uri.fsPath, text));
    }
    return out;
  }

  private async workspaceFiles(): Promise<vscode.Uri[]> {
    if (!vscode.workspace.workspaceFolders) return [];
    const found = await vscode.workspace.findFiles(PROVIDER_FILES_GLOB, '**/node_modules/**', MAX_PROVIDER_FILES + 1);
    // Open provider files of the workspace count even before the file search sees them (a file just created).
    const seen = new Set(found.map((uri) => uri.toString()));
    for (const doc of vscode.workspace.textDocuments)
      if (isProviderDocument(doc) && vscode.workspace.getWorkspaceFolder(doc.uri) && !seen.has(doc.uri.toString()))
        found.push(doc.uri);
    if (found.length > MAX_PROVIDER_FILES)
      this.log.warn(
        `More than ${MAX_PROVIDER_FILES} provider files in the workspace: only ${MAX_PROVIDER_FILES} are used.`,
      );
    return found.sort((a, b) => a.path.localeCompare(b.path)).slice(0, MAX_PROVIDER_FILES);
  }

  /**
   * The `*.sso-provider.json` files directly in the providers folder. Only the user (machine) value of the setting is
   * read, whatever a workspace's settings say: the setting's scope is `machine`, and this is the second lock.
   */
  private async folderFiles(): Promise<vscode.Uri[]> {
    const folder = vscode.workspace
      .getConfiguration(SETTINGS)
      .inspect<string>(PROVIDERS_FOLDER_SETTING)
      ?.globalValue?.trim();
    if (!folder) return [];
    if (!/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(folder)) {
      this.log.warn(
        `The providers folder "${folder}" (setting frontlineSso.providers.folder) is not an absolute path.`,
      );
      return [];
    }
    const base = vscode.Uri.file(folder);
    try {
      const entries = await vscode.workspace.fs.readDirectory(base);
      const names = entries
        .filter(([name, type]) => (type & vscode.FileType.File) !== 0 && isProviderFileName(name))
        .map(([name]) => name)
        .sort();
      if (names.length > MAX_PROVIDER_FILES)
        this.log.warn(
          `More than ${MAX_PROVIDER_FILES} provider files in ${folder}: only ${MAX_PROVIDER_FILES} are used.`,
        );
      return names.slice(0, MAX_PROVIDER_FILES).map((name) => vscode.Uri.joinPath(base, name));
    } catch (err) {
      this.log.warn(`The providers folder ${folder} (setting frontlineSso.providers.folder) cannot be read`, err);
      return [];
    }
  }
}

/** A provider file's text: the open document (unsaved edits included), or the file within the size cap. */
async function readProviderText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  const file = await readWorkspaceFile(uri, MAX_PROVIDER_FILE_BYTES);
  return file.ok ? new TextDecoder().decode(file.bytes) : undefined;
}
