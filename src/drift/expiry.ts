import * as vscode from 'vscode';
import { escapeMarkdown } from '../host/markdown';
import { untrustedMarkdown } from '../host/markdownString';
import { showError, showWarning } from '../host/notify';
import { readConfigFiles, readConfigText } from '../host/configFiles';
import { SETTINGS, findConfigFiles } from '../host/documents';
import { configuredCertificates, readDriftConfig } from '../core/drift/drift';
import {
  ReminderMemory,
  WatchedCertificate,
  afterMute,
  afterReminder,
  daysLeftText,
  expiryStage,
  mostUrgent,
  readMemory,
  reminderDue,
  statusLevel,
} from '../core/drift/expiryWatch';
import { isInputError } from '../core/common/findings';

const MEMORY_KEY = 'frontlineSso.expiryReminders';
/** Edits and saves come in bursts: one scan a second at most. */
const RESCAN_DEBOUNCE_MS = 1000;
/** Days left change at midnight, not only when a file does. */
const RESCAN_INTERVAL_MS = 60 * 60 * 1000;

export interface ExpiringCertificate extends WatchedCertificate {
  pem: string;
  /** The first config that names it. */
  configUri: vscode.Uri;
}

/** What the status-bar item shows (for the tests). */
export interface ExpiryStatus {
  visible: boolean;
  level: 'hidden' | 'warning' | 'error';
  text: string;
  tooltip: string;
  command?: vscode.Command;
}

/**
 * The expiry watch: the certificates the workspace's configs name. A status-bar item appears only when one expires
 * within 90 days (warning colour; error colour within 7 days or once expired), and a reminder comes when one crosses
 * 90, 30 or 7 days or expires — at most once a day, never again for a certificate the user muted.
 */
export class ExpiryWatch implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'frontlineSso.certificateExpiry',
    vscode.StatusBarAlignment.Left,
    10,
  );
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly interval: ReturnType<typeof setInterval>;
  private running: Promise<void> | undefined;
  certificates: ExpiringCertificate[] = [];
  status: ExpiryStatus = { visible: false, level: 'hidden', text: '', tooltip: '' };

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.item.name = vscode.l10n.t('Frontline SSO certificate expiry');
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{json,pem,crt,cer}');
    this.disposables.push(
      this.item,
      watcher,
      watcher.onDidCreate(() => this.schedule()),
      watcher.onDidChange(() => this.schedule()),
      watcher.onDidDelete(() => this.schedule()),
      vscode.workspace.onDidSaveTextDocument(() => this.schedule()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.schedule()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.schedule()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SETTINGS}.lint.configFiles`)) this.schedule();
      }),
    );
    this.interval = setInterval(() => this.schedule(), RESCAN_INTERVAL_MS);
  }

  dispose(): void {
    clearTimeout(this.timer);
    clearInterval(this.interval);
    this.disposables.forEach((d) => d.dispose());
  }

  /** A scan soon, once changes settle (a save or a checkout can touch many files at once). */
  schedule(delayMs = RESCAN_DEBOUNCE_MS): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delayMs);
  }

  /** Scans the workspace's configs now and updates the status bar; a reminder follows when one is due. */
  async refresh(): Promise<void> {
    // One scan at a time; a request during a scan waits for it and scans again.
    while (this.running) await this.running;
    this.running = this.scan()
      .catch((err) => this.log.error('Certificate expiry scan failed', err))
      .finally(() => (this.running = undefined));
    await this.running;
  }

  private async scan(): Promise<void> {
    const now = new Date();
    const found = new Map<string, ExpiringCertificate>();
    for (const uri of await findConfigFiles(50)) {
      const text = await readConfigText(uri);
      if (text === undefined) continue;
      let certificates;
      try {
        certificates = configuredCertificates(readDriftConfig(text), await readConfigFiles(uri, text), now);
      } catch (err) {
        if (isInputError(err)) continue;
        throw err;
      }
      const name = vscode.workspace.asRelativePath(uri);
      for (const c of certificates ?? []) {
        const known = found.get(c.sha256);
        if (known) {
          if (!known.configs.includes(name)) known.configs.push(name);
          continue;
        }
        found.set(c.sha256, {
          sha256: c.sha256,
          subject: c.subject,
          notAfter: c.notAfter,
          daysRemaining: c.daysRemaining,
          expired: now >= new Date(c.notAfter),
          configs: [name],
          pem: c.pem,
          configUri: uri,
        });
      }
    }
    this.certificates = [...found.values()];
    this.show();
    await this.remind(now);
  }

  private show(): void {
    const soonest = mostUrgent(this.certificates) as ExpiringCertificate | undefined;
    const level = soonest ? statusLevel(expiryStage(soonest.daysRemaining, soonest.expired)) : 'hidden';
    if (!soonest || level === 'hidden') {
      this.status = { visible: false, level: 'hidden', text: '', tooltip: '' };
      this.item.hide();
      return;
    }
    const left = daysLeftText(soonest.daysRemaining, soonest.expired);
    const text = `$(${level === 'error' ? 'error' : 'warning'}) SSO certificate: ${left}`;
    const expiring = this.certificates.filter((c) => statusLevel(expiryStage(c.daysRemaining, c.expired)) !== 'hidden');
    // The subject and the config names come from the workspace: escaped, so they show as text, never as an image.
    const tooltip = untrustedMarkdown(
      [
        '**IAM Identity Center certificate expiry**',
        '',
        ...expiring.map(
          (c) =>
            `- ${daysLeftText(c.daysRemaining, c.expired)} (${escapeMarkdown(c.notAfter.slice(0, 10))}): ${escapeMarkdown(c.subject)} in ${escapeMarkdown(c.configs.join(', '))}`,
        ),
        '',
        'Add a new certificate in IAM Identity Center, upload it to Frontline, then make it active. Click for the certificate report.',
      ].join('\n'),
    );
    const command: vscode.Command = {
      command: 'frontlineSso.decodeCertificate',
      title: 'Show the certificate report',
      arguments: [soonest.pem, soonest.configs[0]],
    };
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.command = command;
    this.item.backgroundColor = new vscode.ThemeColor(
      level === 'error' ? 'statusBarItem.errorBackground' : 'statusBarItem.warningBackground',
    );
    this.item.accessibilityInformation = {
      label: `Frontline SSO: the IAM Identity Center certificate in ${soonest.configs[0]} ${left.startsWith('expire') ? left : `has ${left}`}`,
    };
    this.item.show();
    this.status = { visible: true, level, text, tooltip: tooltip.value, command };
  }

  private memory(): ReminderMemory {
    return readMemory(this.context.globalState.get(MEMORY_KEY));
  }

  private async remind(now: Date): Promise<void> {
    const due = reminderDue(this.certificates, this.memory(), now) as ExpiringCertificate | undefined;
    if (!due) return;
    await this.context.globalState.update(MEMORY_KEY, afterReminder(this.memory(), due, now));
    const config = due.configs[0] ?? '';
    const date = due.notAfter.slice(0, 10);
    const message = due.expired
      ? vscode.l10n.t(
          'The IAM Identity Center certificate in {0} expired on {1}: Frontline rejects sign-ins signed with it. Add a new certificate in IAM Identity Center, upload it to Frontline, then make it active in AWS.',
          config,
          date,
        )
      : vscode.l10n.t(
          'The IAM Identity Center certificate in {0} expires {1} ({2}). Add a new certificate in IAM Identity Center, upload it to Frontline, then make it active in AWS.',
          config,
          due.daysRemaining <= 0
            ? vscode.l10n.t('today')
            : due.daysRemaining === 1
              ? vscode.l10n.t('in 1 day')
              : vscode.l10n.t('in {0} days', due.daysRemaining),
          date,
        );
    const show = statusLevel(expiryStage(due.daysRemaining, due.expired)) === 'error' ? showError : showWarning;
    const check = vscode.l10n.t('Check Live Metadata');
    // Not awaited: the scan finishes whether or not the user answers.
    void show(message, check, vscode.l10n.t("Don't remind me for this certificate")).then(async (choice) => {
      if (choice === check) {
        await vscode.commands.executeCommand('frontlineSso.checkLiveMetadata', due.configUri);
      } else if (choice) {
        await this.context.globalState.update(MEMORY_KEY, afterMute(this.memory(), due.sha256));
      }
    });
  }
}
