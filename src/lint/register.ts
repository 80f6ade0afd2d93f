import * as vscode from 'vscode';
import { showInfo } from '../common/notify';
import { DiagnosticFactory } from '../common/diagnostics';
import { SETTINGS, documentKind, filePatterns, readConfigFiles } from '../common/configFiles';
import { createFileUndoable, toWorkspaceEdit } from '../common/edits';
import { guarded } from '../common/log';
import { Finding, TextEdit } from '../core/findings';
import { FileKind, SeveritySetting, lintText } from '../core/lint';
import { newConfigText } from '../core/newConfig';
import { checkRealmSid } from '../core/realm';
import { loadSaml } from '../lazy';
import { validateRealmSidInput } from '../common/validation';

const SOURCE = 'frontline-sso';
const DEBOUNCE_MS = 250;

/** Lints a document; the files its config names are read asynchronously (and within bounds) first. */
export async function lintDocument(doc: vscode.TextDocument, kind: FileKind): Promise<Finding[]> {
  const text = doc.getText();
  const files = kind === 'config' ? await readConfigFiles(doc.uri, text) : undefined;
  return lintText(text, {
    kind,
    files,
    parseMetadata: (xml) => loadSaml().parseIdpMetadata(xml),
    severities: vscode.workspace.getConfiguration(SETTINGS).get<Record<string, SeveritySetting>>('lint.severities'),
  });
}

export function registerLint(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  const collection = vscode.languages.createDiagnosticCollection(SOURCE);
  const diagnostics = new DiagnosticFactory(context, SOURCE);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The findings of each document's latest lint, by version: quick fixes reuse them instead of linting again. */
  const latest = new Map<string, { version: number; findings: Finding[] }>();
  const refresh = async (doc: vscode.TextDocument) => {
    const kind = documentKind(doc);
    const key = doc.uri.toString();
    if (!kind) {
      collection.delete(doc.uri);
      latest.delete(key);
      return;
    }
    const started = performance.now();
    const version = doc.version;
    try {
      const findings = await lintDocument(doc, kind);
      // A newer edit started its own run; a closed document keeps no diagnostics.
      if (doc.isClosed || doc.version !== version) return;
      latest.set(key, { version, findings });
      collection.set(
        doc.uri,
        findings.map((f) => diagnostics.toDiagnostic(doc, f)),
      );
    } catch (err) {
      log.error(`Linting ${key} failed`, err);
    }
    log.trace(`Linted ${vscode.workspace.asRelativePath(doc.uri)} in ${(performance.now() - started).toFixed(1)} ms`);
  };
  const findingsFor = async (doc: vscode.TextDocument, kind: FileKind): Promise<Finding[]> => {
    const cached = latest.get(doc.uri.toString());
    return cached && cached.version === doc.version ? cached.findings : lintDocument(doc, kind);
  };
  const schedule = (doc: vscode.TextDocument) => {
    const key = doc.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        if (!doc.isClosed) void refresh(doc);
      }, DEBOUNCE_MS),
    );
  };
  // Quick fixes are offered for the configured patterns, so the registration is renewed when they change.
  const registerActions = () =>
    vscode.languages.registerCodeActionsProvider(
      [...filePatterns('config'), ...filePatterns('mappings')].map((pattern) => ({ pattern })),
      new LintCodeActions(findingsFor, diagnostics),
      { providedCodeActionKinds: LintCodeActions.kinds },
    );
  let actions = registerActions();
  context.subscriptions.push(
    collection,
    {
      dispose: () => {
        timers.forEach(clearTimeout);
        actions.dispose();
      },
    },
    vscode.workspace.onDidOpenTextDocument((doc) => void refresh(doc)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length) schedule(e.document);
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      clearTimeout(timers.get(doc.uri.toString()));
      latest.delete(doc.uri.toString());
      collection.delete(doc.uri);
    }),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      // A saved certificate or metadata file can change what its config reports.
      if (!documentKind(doc)) vscode.workspace.textDocuments.forEach((d) => void refresh(d));
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => vscode.workspace.textDocuments.forEach((d) => void refresh(d))),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(`${SETTINGS}.lint`)) return;
      actions.dispose();
      actions = registerActions();
      vscode.workspace.textDocuments.forEach((d) => void refresh(d));
    }),
    vscode.commands.registerCommand('frontlineSso.newConfig', guarded(log, 'New Config File', newConfig)),
  );
  vscode.workspace.textDocuments.forEach((d) => void refresh(d));
}

/** Quick fixes from the findings' fixes, matched by rule code and range; plus "fix all" as a source action. */
export class LintCodeActions implements vscode.CodeActionProvider {
  static readonly fixAllKind = vscode.CodeActionKind.SourceFixAll.append('frontlineSso');
  static readonly kinds = [vscode.CodeActionKind.QuickFix, LintCodeActions.fixAllKind];

  constructor(
    private readonly findingsFor: (doc: vscode.TextDocument, kind: FileKind) => Promise<Finding[]>,
    private readonly diagnostics: DiagnosticFactory,
  ) {}

  async provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    const kind = documentKind(doc);
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
  const action = new vscode.CodeAction('Fix all Frontline SSO problems', LintCodeActions.fixAllKind);
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
async function newConfig(given?: unknown): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const realmInput =
    typeof given === 'string'
      ? given
      : await vscode.window.showInputBox({
          title: 'New Frontline SSO config: Realm SID',
          prompt: 'The Realm SID from the Frontline Console SSO page. Leave empty to fill it in later.',
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
    void showInfo('frontline-sso.json already exists; it was opened, not replaced.');
    return target;
  }
  await createFileUndoable(target, text);
  await vscode.window.showTextDocument(target);
  return target;
}
