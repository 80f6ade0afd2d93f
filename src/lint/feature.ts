// The linter's work, loaded on first need (see register.ts): diagnostics, quick fixes and New Config File.
import * as vscode from 'vscode';
import { showInfo } from '../host/notify';
import { DiagnosticFactory } from '../host/diagnostics';
import { readConfigFiles } from '../host/configFiles';
import { SETTINGS, documentKind } from '../host/documents';
import { createFileUndoable, toWorkspaceEdit } from '../host/edits';
import { Finding, TextEdit } from '../core/common/findings';
import { FileKind, SeveritySetting, lintProviderText, lintText } from '../core/lint';
import { UserProviderFile } from '../core/providers';
import { UserProviders, isProviderDocument } from './providers';
import { newConfigText } from '../core/config/newConfig';
import { checkRealmSid } from '../core/values/realm';
import { loadSaml } from '../lazyParts';
import { validateRealmSidInput } from '../host/validation';

const SOURCE = 'frontline-sso';
const DEBOUNCE_MS = 250;

/** A config, a mapping file, or a user's provider file (`*.sso-provider.json`). */
export type DocumentKind = FileKind | 'provider';

/** Which kind of Frontline file a document is: a provider file by its name, the others by the configured patterns. */
export function lintKindOf(doc: vscode.TextDocument): DocumentKind | undefined {
  return isProviderDocument(doc) ? 'provider' : documentKind(doc);
}

/**
 * Lints a document; the files its config names are read asynchronously (and within bounds) first, and the user's
 * provider files (`providers`) are what a config's `serviceProvider.id` may name, and what a provider file's id is
 * compared with.
 */
export async function lintDocument(
  doc: vscode.TextDocument,
  kind: DocumentKind,
  providers: readonly UserProviderFile[] = [],
): Promise<Finding[]> {
  const text = doc.getText();
  const severities = vscode.workspace
    .getConfiguration(SETTINGS)
    .get<Record<string, SeveritySetting>>('lint.severities');
  if (kind === 'provider')
    return lintProviderText(text, { name: vscode.workspace.asRelativePath(doc.uri), providers, severities });
  const files = kind === 'config' ? await readConfigFiles(doc.uri, text) : undefined;
  return lintText(text, {
    kind,
    files,
    parseMetadata: (xml) => loadSaml().parseIdpMetadata(xml),
    severities,
    providers,
  });
}

/**
 * The linter's state and work, made on first need (see register.ts): the diagnostics, the debounce timers and the
 * latest findings per document, which quick fixes reuse instead of linting again.
 */
export class Linter implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(SOURCE);
  private readonly diagnostics: DiagnosticFactory;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly latest = new Map<string, { version: number; findings: Finding[] }>();
  readonly actions: LintCodeActions;
  /** The user's provider files; when one changes, the open configs and provider files are linted again. */
  readonly providers: UserProviders;
  private providersTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.diagnostics = new DiagnosticFactory(context, SOURCE);
    this.actions = new LintCodeActions((doc, kind) => this.findingsFor(doc, kind), this.diagnostics);
    this.providers = new UserProviders(log, () => this.providersChanged());
  }

  dispose(): void {
    this.timers.forEach(clearTimeout);
    clearTimeout(this.providersTimer);
    this.providers.dispose();
    this.collection.dispose();
  }

  /**
   * A provider file changed (on disk, or as typed), or the providers setting or the trust did: once things settle, every
   * open config and provider file is linted again, since any config may name the changed provider and any provider
   * file may now share its id.
   */
  private providersChanged(): void {
    clearTimeout(this.providersTimer);
    this.providersTimer = setTimeout(() => {
      this.providersTimer = undefined;
      for (const doc of vscode.workspace.textDocuments) {
        const kind = lintKindOf(doc);
        if (kind === 'config' || kind === 'provider') void this.refresh(doc);
      }
    }, DEBOUNCE_MS);
  }

  /** Lints a document now; one that is not a Frontline file (any more) loses its diagnostics. */
  async refresh(doc: vscode.TextDocument): Promise<void> {
    const kind = lintKindOf(doc);
    const key = doc.uri.toString();
    if (!kind) {
      this.collection.delete(doc.uri);
      this.latest.delete(key);
      return;
    }
    const started = performance.now();
    const version = doc.version;
    try {
      const findings = await lintDocument(doc, kind, kind === 'mappings' ? [] : await this.providers.files());
      // A newer edit started its own run; a closed document keeps no diagnostics.
      if (doc.isClosed || doc.version !== version) return;
      this.latest.set(key, { version, findings });
      this.collection.set(
        doc.uri,
        findings.map((f) => this.diagnostics.toDiagnostic(doc, f)),
      );
    } catch (err) {
      this.log.error(`Linting ${key} failed`, err);
    }
    this.log.trace(
      `Linted ${vscode.workspace.asRelativePath(doc.uri)} in ${(performance.now() - started).toFixed(1)} ms`,
    );
  }

  /** Every open document again (settings, trust or a file a config names changed). */
  refreshAll(): void {
    vscode.workspace.textDocuments.forEach((d) => void this.refresh(d));
  }

  /** Lints after a pause in typing. */
  schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!doc.isClosed) void this.refresh(doc);
      }, DEBOUNCE_MS),
    );
  }

  close(doc: vscode.TextDocument): void {
    clearTimeout(this.timers.get(doc.uri.toString()));
    this.latest.delete(doc.uri.toString());
    this.collection.delete(doc.uri);
  }

  private async findingsFor(doc: vscode.TextDocument, kind: DocumentKind): Promise<Finding[]> {
    const cached = this.latest.get(doc.uri.toString());
    return cached && cached.version === doc.version
      ? cached.findings
      : lintDocument(doc, kind, kind === 'mappings' ? [] : await this.providers.files());
  }
}

/** Quick fixes from the findings' fixes, matched by rule code and range; plus "fix all" as a source action. */
export class LintCodeActions implements vscode.CodeActionProvider {
  static readonly fixAllKind = vscode.CodeActionKind.SourceFixAll.append('frontlineSso');
  static readonly kinds = [vscode.CodeActionKind.QuickFix, LintCodeActions.fixAllKind];

  constructor(
    private readonly findingsFor: (doc: vscode.TextDocument, kind: DocumentKind) => Promise<Finding[]>,
    private readonly diagnostics: DiagnosticFactory,
  ) {}

  async provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    const kind = lintKindOf(doc);
    if (!kind) return [];
    const findings = (await this.findingsFor(doc, kind)).filter((f) => f.fix);
    const actions: vscode.CodeAction[] = [];
    if (!context.only || context.only.contains(vscode.CodeActionKind.QuickFix)) {
      for (const diagnostic of context.diagnostics) {
        const f = findings.find((x) => this.diagnostics.matches(doc, diagnostic, x));
        if (!f?.fix) continue;
        const action = new vscode.CodeAction(f.fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = toWorkspaceEdit(doc, f.fix.edits);
        action.diagnostics = [diagnostic];
        action.isPreferred = f.fix.preferred ?? false;
        actions.push(action);
      }
    }
    if (
      context.only?.contains(LintCodeActions.fixAllKind) ||
      (context.only && LintCodeActions.fixAllKind.contains(context.only))
    ) {
      const preferred = findings.filter((f) => f.fix?.preferred);
      if (preferred.length > 0) actions.push(fixAllAction(doc, preferred));
    }
    return actions;
  }
}

/** Applies the preferred fixes whose edits do not overlap (the rest stay for a second run). */
function fixAllAction(doc: vscode.TextDocument, findings: Finding[]): vscode.CodeAction {
  const action = new vscode.CodeAction(vscode.l10n.t('Fix all Frontline SSO problems'), LintCodeActions.fixAllKind);
  const taken: TextEdit[] = [];
  for (const f of findings) {
    const edits = f.fix?.edits ?? [];
    const overlaps = edits.some((e) =>
      taken.some((t) => e.offset < t.offset + t.length + 1 && t.offset < e.offset + e.length + 1),
    );
    if (!overlaps) taken.push(...edits);
  }
  action.edit = toWorkspaceEdit(doc, taken);
  return action;
}

/** Creates frontline-sso.json; the Realm SID is asked for unless given (other features and tests pass it). */
export async function newConfig(given?: unknown): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const realmInput =
    typeof given === 'string'
      ? given
      : await vscode.window.showInputBox({
          title: vscode.l10n.t('New Frontline SSO config: Realm SID'),
          prompt: vscode.l10n.t('The Realm SID from the Frontline Console SSO page. Leave empty to fill it in later.'),
          placeHolder: 'JB0123456789abcdef0123456789abcdef',
          ignoreFocusOut: true,
          validateInput: validateRealmSidInput,
        });
  if (realmInput === undefined) return undefined;
  const text = newConfigText(checkRealmSid(realmInput).sid);
  if (!folder) {
    const doc = await vscode.workspace.openTextDocument({ language: 'jsonc', content: text });
    await vscode.window.showTextDocument(doc);
    return doc.uri;
  }
  const target = vscode.Uri.joinPath(folder.uri, 'frontline-sso.json');
  const exists = await vscode.workspace.fs.stat(target).then(
    () => true,
    () => false,
  );
  if (exists) {
    await vscode.window.showTextDocument(target);
    void showInfo(vscode.l10n.t('frontline-sso.json already exists; it was opened, not replaced.'));
    return target;
  }
  await createFileUndoable(target, text);
  await vscode.window.showTextDocument(target);
  return target;
}
