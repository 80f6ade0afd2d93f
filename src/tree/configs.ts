import * as vscode from 'vscode';
import { readConfigFileText } from '../common/configFiles';
import { filePatterns, findConfigFiles } from '../common/documents';
import { ConfigSummary, readConfig } from '../core/configFile';
import { MAX_JSON_BYTES } from '../core/limits';
import { describeSize } from '../core/text';
import { ApplicationsProvider } from './provider';

/**
 * The application ARNs that config files in the workspace link to (those applications are starred). The search runs
 * when the view is first shown and again, debounced, when a file matching the config patterns is created, changed
 * or deleted.
 */
export class ConfiguredApplications implements vscode.Disposable {
  scans = 0;
  private started = false;
  private watcher: vscode.FileSystemWatcher | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly provider: ApplicationsProvider,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    const patterns = filePatterns('config');
    if (patterns.length > 0) {
      this.watcher = vscode.workspace.createFileSystemWatcher(`{${patterns.join(',')}}`);
      const later = () => this.schedule(300);
      this.watcher.onDidCreate(later);
      this.watcher.onDidChange(later);
      this.watcher.onDidDelete(later);
    }
    this.schedule(0);
  }

  /** The patterns changed: watch the new ones (only if watching already). */
  restart(): void {
    if (!this.started) return;
    this.watcher?.dispose();
    this.watcher = undefined;
    this.started = false;
    this.start();
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.scan(), delayMs);
  }

  private async scan(): Promise<void> {
    this.scans++;
    try {
      const configs = await readConfigs(this.log);
      this.provider.setConfiguredArns(
        new Set(configs.map((c) => c.summary.applicationArn).filter((arn): arn is string => Boolean(arn))),
      );
    } catch (err) {
      this.log.warn(`Could not search the workspace for config files: ${(err as Error).message}`);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.watcher?.dispose();
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
