import * as vscode from 'vscode';
import { DiagnosticFactory } from '../host/diagnostics';
import { autoCheckEnabled } from './settings';

export { autoCheckEnabled };
import { readConfigFiles } from '../host/configFiles';
import { SETTINGS, documentKind, filePatterns } from '../host/documents';
import { toWorkspaceEdit } from '../host/edits';
import { DriftReport, LiveOutcome, couldNotCheck, loopbackOrigin, runDriftCheck } from '../core/drift/drift';
import { isInputError } from '../core/common/findings';
import { SeveritySetting, applySeverities } from '../core/lint';
import { MetadataCache, fetchLiveMetadata } from '../io/fetchMetadata';
import { loadSaml } from '../lazyParts';

/** The Problems panel's source of the live findings (their own collection, apart from the local lint). */
export const LIVE_SOURCE = 'frontline-sso live';
/** Automatic checks reuse an outcome for an hour per URL; the command always asks again (conditionally). */
export const AUTO_CHECK_INTERVAL_MS = 60 * 60 * 1000;
const RECOMPUTE_DEBOUNCE_MS = 300;
const MAX_KEPT_OUTCOMES = 50;

/**
 * - `auto`: when a config opens: the outcome of the last hour for its URL, or a fetch;
 * - `force`: the command: a fetch (conditional, so an unchanged document costs a 304);
 * - `recompute`: after an edit: the comparison again with the outcome already there, never a fetch.
 */
export type CheckMode = 'auto' | 'force' | 'recompute';

export interface LiveReport extends DriftReport {
  /** The config text the findings' spans and fixes refer to. */
  text: string;
}

const UNTRUSTED_REASON =
  'it runs only in a trusted workspace, so that a cloned repository cannot make the editor fetch addresses of its choosing. Trust this workspace (Workspaces: Manage Workspace Trust) to check the configured certificate against what AWS publishes';

/**
 * The live metadata check on config documents: fetches (bounded, at most once an hour per URL unless asked),
 * findings in their own diagnostic collection, and the quick fixes of those findings. Fetches run in the
 * background with progress in the status bar; typing and the local lint never wait for them.
 */
export class LiveChecks implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('frontline-sso-live');
  private readonly httpCache = new MetadataCache();
  private readonly outcomes = new Map<string, { outcome: LiveOutcome; at: number }>();
  private readonly inflight = new Map<string, Promise<LiveOutcome>>();
  private readonly reports = new Map<string, { version: number; report: LiveReport }>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The latest check started per document: an older one that finishes later does not overwrite its findings. */
  private readonly latest = new Map<string, number>();
  private sequence = 0;
  private readonly aborter = new AbortController();
  /** Fetches made (for the tests and the log): automatic checks must not repeat within the hour. */
  fetches = 0;

  readonly diagnostics: DiagnosticFactory;

  constructor(
    context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.diagnostics = new DiagnosticFactory(context, LIVE_SOURCE);
  }

  dispose(): void {
    this.aborter.abort();
    this.timers.forEach(clearTimeout);
    this.collection.dispose();
  }

  /** The report behind the diagnostics of a document, if it is current. */
  reportFor(doc: vscode.TextDocument): LiveReport | undefined {
    const entry = this.reports.get(doc.uri.toString());
    return entry && entry.version === doc.version ? entry.report : undefined;
  }

  /** The last outcome for a URL (Save Metadata to File writes its XML). */
  outcomeFor(url: string | undefined): LiveOutcome | undefined {
    return url ? this.outcomes.get(url)?.outcome : undefined;
  }

  /** Runs the check on a config document and shows its findings. Never throws for network or content reasons. */
  async check(doc: vscode.TextDocument, mode: CheckMode): Promise<LiveReport | undefined> {
    const key = doc.uri.toString();
    const version = doc.version;
    const text = doc.getText();
    const run = ++this.sequence;
    this.latest.set(key, run);
    let report: LiveReport;
    if (!vscode.workspace.isTrusted) {
      report = { text, fetched: false, findings: [couldNotCheck(text, UNTRUSTED_REASON, 'drift-untrusted')] };
    } else {
      const files = await readConfigFiles(doc.uri, text);
      const endpoint = vscode.workspace.getConfiguration(SETTINGS).get<string>('aws.endpoint');
      try {
        const result = await runDriftCheck({
          text,
          files,
          now: new Date(),
          urlOptions: { loopbackOrigin: loopbackOrigin(endpoint) },
          outcomeFor: (target) => this.outcome(target, mode),
        });
        report = { ...result, text };
      } catch (err) {
        // A config that is not (yet) a JSON object: the local lint says why; nothing to compare.
        if (!isInputError(err)) throw err;
        report = { text, fetched: false, findings: [] };
      }
    }
    if (doc.isClosed || this.latest.get(key) !== run) return report;
    if (doc.version !== version) {
      // Edited while the fetch ran: the comparison runs again on the current text, with the outcome just fetched.
      return this.check(doc, 'recompute');
    }
    const severities = vscode.workspace
      .getConfiguration(SETTINGS)
      .get<Record<string, SeveritySetting>>('lint.severities');
    report = { ...report, findings: applySeverities(report.findings, severities) };
    this.reports.set(key, { version, report });
    this.collection.set(
      doc.uri,
      report.findings.map((f) => this.diagnostics.toDiagnostic(doc, f)),
    );
    return report;
  }

  /** After an edit: the comparison again on the new text, once typing pauses (no fetch). */
  scheduleRecompute(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    if (!this.reports.has(key)) return;
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!doc.isClosed) void this.check(doc, 'recompute').catch((err) => this.log.error('Live check failed', err));
      }, RECOMPUTE_DEBOUNCE_MS),
    );
  }

  /** Whether the document has been checked (so edits and saves keep its findings current). */
  has(doc: vscode.TextDocument): boolean {
    return this.reports.has(doc.uri.toString());
  }

  /** The URL the document's findings came from. */
  urlOf(doc: vscode.TextDocument): string | undefined {
    return this.reports.get(doc.uri.toString())?.report.metadataUrl;
  }

  forget(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.reports.delete(key);
    this.latest.delete(key);
    this.collection.delete(doc.uri);
  }

  forgetAll(): void {
    this.reports.clear();
    this.collection.clear();
  }

  private async outcome(
    target: { url: string; allowLoopback: boolean },
    mode: CheckMode,
  ): Promise<LiveOutcome | undefined> {
    const known = this.outcomes.get(target.url);
    if (mode === 'recompute') return known?.outcome;
    if (mode === 'auto' && known && Date.now() - known.at < AUTO_CHECK_INTERVAL_MS) return known.outcome;
    let running = this.inflight.get(target.url);
    if (!running) {
      running = this.fetch(target).finally(() => this.inflight.delete(target.url));
      this.inflight.set(target.url, running);
    }
    return running;
  }

  private async fetch(target: { url: string; allowLoopback: boolean }): Promise<LiveOutcome> {
    this.fetches++;
    const started = performance.now();
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Frontline SSO: checking the live metadata') },
      () =>
        fetchLiveMetadata(
          target.url,
          { allowLoopback: target.allowLoopback, cache: this.httpCache, signal: this.aborter.signal },
          (xml) => loadSaml().parseIdpMetadata(xml),
        ),
    );
    const ms = (performance.now() - started).toFixed(0);
    if (outcome.ok)
      this.log.info(`Live metadata ${target.url}: ${outcome.fromCache ? 'unchanged (304)' : 'fetched'} in ${ms} ms`);
    else this.log.warn(`Live metadata ${target.url}: not checked (${outcome.reason})`);
    this.outcomes.delete(target.url);
    this.outcomes.set(target.url, { outcome, at: Date.now() });
    // The oldest go first: a long session that visits many applications keeps only the recent ones.
    while (this.outcomes.size > MAX_KEPT_OUTCOMES) this.outcomes.delete(this.outcomes.keys().next().value as string);
    return outcome;
  }
}

/** The quick fixes of the live findings, plus "check again" and "save the metadata" where they help. */
export class LiveCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly checks: LiveChecks) {}

  provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const report = this.checks.reportFor(doc);
    if (!report || !documentKind(doc)) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const f = report.findings.find((x) => this.checks.diagnostics.matches(doc, diagnostic, x));
      if (!f) continue;
      if (f.fix) {
        const action = new vscode.CodeAction(f.fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = toWorkspaceEdit(doc, f.fix.edits);
        action.diagnostics = [diagnostic];
        action.isPreferred = f.fix.preferred ?? false;
        actions.push(action);
      }
      if (f.code === 'drift-unavailable') {
        const again = new vscode.CodeAction(vscode.l10n.t('Check Live Metadata again'), vscode.CodeActionKind.QuickFix);
        again.command = { command: 'frontlineSso.checkLiveMetadata', title: again.title, arguments: [doc.uri] };
        again.diagnostics = [diagnostic];
        actions.push(again);
      }
      if (f.code === 'drift-untrusted') {
        const trust = new vscode.CodeAction(vscode.l10n.t('Manage Workspace Trust'), vscode.CodeActionKind.QuickFix);
        trust.command = { command: 'workbench.trust.manage', title: trust.title };
        trust.diagnostics = [diagnostic];
        actions.push(trust);
      }
    }
    if (actions.length > 0 && report.outcome?.ok) {
      const save = new vscode.CodeAction(
        vscode.l10n.t('Save the live metadata to a file (sets metadataFile)'),
        vscode.CodeActionKind.QuickFix,
      );
      save.command = { command: 'frontlineSso.saveLiveMetadata', title: save.title, arguments: [doc.uri] };
      actions.push(save);
    }
    return actions;
  }
}

/** Quick fixes are offered for the configured config patterns (renewed when they change). */
export function registerLiveCodeActions(checks: LiveChecks): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(
    filePatterns('config').map((pattern) => ({ pattern })),
    new LiveCodeActions(checks),
    { providedCodeActionKinds: LiveCodeActions.kinds },
  );
}
