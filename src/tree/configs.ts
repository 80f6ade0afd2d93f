import * as vscode from 'vscode';
import { SeveritySetting, lintText } from '../core/lint';
import { BUILTIN_PROVIDERS, DEFAULT_PROVIDER_ID, findProvider } from '../core/providers/registry';
import { WorkspaceConfig, readConfigFiles, readConfigs } from '../host/configFiles';
import { SETTINGS, filePatterns } from '../host/documents';
import { loadSaml } from '../lazyParts';
import { LinkedConfig } from './nodes';
import { ApplicationsProvider } from './provider';

/**
 * The applications that config files in the workspace link to (those applications are starred, with the config's
 * provider and lint state on their node). The search runs
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
      const linked = new Map<string, LinkedConfig>();
      for (const config of configs) {
        const arn = config.summary.applicationArn;
        // The first config that links an application is the one shown (as Compare with Config File picks it).
        if (arn && !linked.has(arn)) linked.set(arn, await linkedConfig(config));
      }
      this.provider.setLinkedConfigs(linked);
    } catch (err) {
      this.log.warn(`Could not search the workspace for config files: ${(err as Error).message}`);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.watcher?.dispose();
  }
}

/** What the node of the application a config links shows: its provider, and the linter's verdict on the config. */
async function linkedConfig(config: WorkspaceConfig): Promise<LinkedConfig> {
  const providerId = config.summary.serviceProvider?.id ?? DEFAULT_PROVIDER_ID;
  const provider = findProvider(providerId, BUILTIN_PROVIDERS);
  // The same lint as the Problems panel's (the files the config names included), so the counts agree.
  const findings = lintText(config.text, {
    kind: 'config',
    files: await readConfigFiles(config.uri, config.text),
    parseMetadata: (xml) => loadSaml().parseIdpMetadata(xml),
    severities: vscode.workspace.getConfiguration(SETTINGS).get<Record<string, SeveritySetting>>('lint.severities'),
  });
  return {
    path: vscode.workspace.asRelativePath(config.uri),
    providerId,
    providerName: provider ? `${provider.vendor} ${provider.product}` : undefined,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
}
