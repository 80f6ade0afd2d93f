import * as vscode from 'vscode';
import { readConfigs } from '../host/configFiles';
import { filePatterns } from '../host/documents';
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
