import * as vscode from 'vscode';
import { lazyCommand, lazyFeature } from '../activation';
import { SETTINGS, documentKind, filePatterns } from '../host/documents';

/** A user's provider file (`*.sso-provider.json`, the schema's fileMatch): cheap to tell at activation. */
const isProviderFile = (doc: vscode.TextDocument) => /\.sso-provider\.json$/i.test(doc.uri.path);

/** The kinds of code action the linter offers: quick fixes, and "fix all" as a source action. */
const FIX_ALL = vscode.CodeActionKind.SourceFixAll.append('frontlineSso');

/**
 * Diagnostics and quick fixes for config and mapping files, and New Config File. The linter (feature.ts) is made the
 * first time a Frontline file is open: activation registers the events and nothing else.
 */
export function registerLint(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  const linter = lazyFeature(context, (f) => new f.lint.Linter(context, log));
  const get = linter.get;
  const relevant = (doc: vscode.TextDocument) => documentKind(doc) !== undefined || isProviderFile(doc);
  // Quick fixes are offered for the configured patterns, so the registration is renewed when they change.
  const registerActions = () =>
    vscode.languages.registerCodeActionsProvider(
      [...filePatterns('config'), ...filePatterns('mappings'), '**/*.sso-provider.json'].map((pattern) => ({
        pattern,
      })),
      {
        provideCodeActions: (doc, range, actionContext) =>
          relevant(doc) ? get().actions.provideCodeActions(doc, range, actionContext) : undefined,
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL] },
    );
  let actions = registerActions();
  lazyCommand(context, log, 'frontlineSso.newConfig', vscode.l10n.t('New Config File'), (f, given) =>
    f.lint.newConfig(given),
  );
  context.subscriptions.push(
    { dispose: () => actions.dispose() },
    vscode.workspace.onDidOpenTextDocument((doc) => {
      // An opened provider file is read as it is in the editor (and may be new: file events can lag), so the provider
      // files are read again, and the configs and the file itself linted with them.
      if (isProviderFile(doc)) get().providers.invalidate();
      else if (relevant(doc)) void get().refresh(doc);
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (!e.contentChanges.length) return;
      // A provider file as typed is what the configs naming it are checked against: they are linted again with it.
      if (isProviderFile(e.document)) get().providers.invalidate();
      else if (relevant(e.document)) get().schedule(e.document);
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      linter.current?.close(doc);
      // Unsaved edits of a closed provider file are gone: the file on disk counts again.
      if (isProviderFile(doc)) linter.current?.providers.invalidate();
    }),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      // A saved certificate or metadata file can change what its config reports.
      if (!relevant(doc)) linter.current?.refreshAll();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      // The workspace's provider files are used from now on.
      linter.current?.providers.invalidate();
      linter.current?.refreshAll();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SETTINGS}.providers`)) linter.current?.providers.invalidate();
      if (!e.affectsConfiguration(`${SETTINGS}.lint`)) return;
      actions.dispose();
      actions = registerActions();
      if (linter.current || vscode.workspace.textDocuments.some(relevant)) get().refreshAll();
    }),
  );
  // After activation returns: the documents already open are linted without delaying start-up.
  setTimeout(() => {
    if (vscode.workspace.textDocuments.some(relevant)) get().refreshAll();
  }, 0);
}
