import * as vscode from 'vscode';
import { showError, showInfo } from '../host/notify';
import type { ReadinessReport } from '../core/readiness/readinessReport';
import { readinessCsv } from '../core/readiness/readiness';
import { READINESS_ASSETS, makeNonce, readinessHtml } from './html';
import { ToHost, ToWebview, parseToHost } from './webview/protocol';

export const READINESS_VIEW_TYPE = 'frontlineSso.readiness';

/** What the page's buttons do, provided by the feature. */
export interface ReadinessActions {
  rerun(): void;
  showPolicy(permission?: string): void;
}

/**
 * One application's report in a webview panel. The report (names and addresses) stays in this object: the page gets
 * it in a message and keeps no copy in its saved state, and the panel is not restored after a reload (there is no
 * serializer), so nothing personal is written to disk unless the user exports it.
 */
export class ReadinessPanel {
  report: ReadinessReport | undefined;
  private checkedAt = '';
  private ready = false;
  /** Messages from the page handled so far (the host tests wait on it). */
  handled = 0;

  constructor(
    extensionUri: vscode.Uri,
    readonly panel: vscode.WebviewPanel,
    private readonly log: vscode.LogOutputChannel,
    private readonly actions: ReadinessActions,
  ) {
    const folder = vscode.Uri.joinPath(extensionUri, ...READINESS_ASSETS.folder);
    const webview = panel.webview;
    webview.html = readinessHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(folder, READINESS_ASSETS.script)).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(folder, READINESS_ASSETS.style)).toString(),
    });
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    webview.onDidReceiveMessage((raw: unknown) => this.receive(raw));
  }

  /** The page's only resource root is the folder with its script and stylesheet. */
  static options(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, ...READINESS_ASSETS.folder)],
    };
  }

  show(report: ReadinessReport, checkedAt = new Date()): void {
    this.report = report;
    this.checkedAt = checkedAt.toISOString();
    this.panel.title = `Readiness: ${report.applicationName}`;
    this.post({ type: 'report', report, checkedAt: this.checkedAt });
  }

  busy(message: string): void {
    this.post({ type: 'busy', message });
  }

  failed(message: string): void {
    this.post({ type: 'failed', message });
  }

  private post(message: ToWebview): void {
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  /** A message from the page, validated, then handled (the webview's onDidReceiveMessage calls this). */
  receive(raw: unknown): Promise<void> {
    const message = parseToHost(raw);
    if (!message) {
      this.log.warn('Readiness report: ignored a message that is not part of the protocol');
      return Promise.resolve();
    }
    return this.handle(message)
      .catch((err: unknown) => {
        this.log.error('Readiness report: message failed', err);
        void showError(vscode.l10n.t('Frontline SSO: {0}', (err as Error).message));
      })
      .finally(() => {
        this.handled++;
      });
  }

  private async handle(message: ToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.report) this.post({ type: 'report', report: this.report, checkedAt: this.checkedAt });
        return;
      case 'exportCsv':
        await this.exportCsv();
        return;
      case 'rerun':
        this.actions.rerun();
        return;
      case 'showPolicy':
        this.actions.showPolicy(message.permission);
        return;
    }
  }

  /** Writes the users as CSV where the user chooses (or to `target`), and offers to open it. */
  async exportCsv(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const report = this.report;
    if (!report) return undefined;
    const name = report.applicationName.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'application';
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri =
      target ??
      (await vscode.window.showSaveDialog({
        title: vscode.l10n.t('Export the readiness report as CSV'),
        defaultUri: folder ? vscode.Uri.joinPath(folder, `readiness-${name}.csv`) : undefined,
        filters: { 'CSV (comma-separated values)': ['csv'] },
        saveLabel: 'Export',
      }));
    if (!uri) return undefined;
    await vscode.workspace.fs.writeFile(uri, Buffer.from(readinessCsv(report), 'utf8'));
    this.log.info(`Readiness report: exported ${report.users.length} users as CSV`);
    void showInfo(
      vscode.l10n.t(
        'Exported {0} users to {1}. It holds names and email addresses: share it with care.',
        report.users.length.toLocaleString('en-US'),
        vscode.workspace.asRelativePath(uri),
      ),
      vscode.l10n.t('Open'),
    ).then((choice) => (choice ? vscode.commands.executeCommand('vscode.open', uri) : undefined));
    return uri;
  }
}
