import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'frontline-sso-tools.frontline-sso';

export interface ExtensionApi {
  activationMs: number;
  reports: { contentOf(uri: vscode.Uri): string | undefined };
  configurator: {
    open(config?: vscode.Uri): Promise<{
      whenReady(): Promise<void>;
      receive(raw: unknown): Promise<void>;
      onDidPostMessage: vscode.Event<unknown>;
      state: unknown;
      panel: vscode.WebviewPanel;
    }>;
  };
  tree: { provider: vscode.TreeDataProvider<unknown> & { refresh(): void }; view: vscode.TreeView<unknown> };
  loadedParts(): { features: boolean; saml: boolean; aws: boolean };
  /** The notifications shown so far (the last 20). */
  notices(): ReadonlyArray<{ level: 'error' | 'warning' | 'info'; message: string }>;
  partsLoadedAtActivation: { features: boolean; saml: boolean; aws: boolean };
}

export async function api(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  return extension.activate();
}

export function workspaceUri(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

/** Polls until `check` returns a value (diagnostics and views update asynchronously). */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const reports = (name: RegExp) =>
  vscode.workspace.textDocuments.filter(
    (d) => d.uri.scheme === 'frontline-sso-report' && name.test(decodeURIComponent(d.uri.path)),
  );

/**
 * Runs `action` and returns the report document it opened (reports are read-only virtual documents). Documents
 * from earlier tests stay open in the background, so only a report that was not there before counts.
 */
export async function reportAfter(name: RegExp, action: () => Thenable<unknown>): Promise<vscode.TextDocument> {
  const before = new Set(reports(name).map((d) => d.uri.toString()));
  await action();
  return waitFor(`a new report ${name}`, () => reports(name).find((d) => !before.has(d.uri.toString())));
}

/** Runs `action` and checks that it opened no report matching `name`. */
export async function noReportAfter(name: RegExp, action: () => Thenable<unknown>): Promise<void> {
  const before = new Set(reports(name).map((d) => d.uri.toString()));
  await action();
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(
    reports(name)
      .filter((d) => !before.has(d.uri.toString()))
      .map((d) => d.uri.path),
    [],
  );
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** A diagnostic's rule code: diagnostics carry `{ value, target }`, the target being the rule's documentation. */
export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Runs `action` and returns the notification it showed (notifications are recorded by the extension). */
export async function noticeAfter(
  level: 'error' | 'warning' | 'info',
  pattern: RegExp,
  action: () => Thenable<unknown>,
): Promise<string> {
  const extension = await api();
  // By identity, not by position: the list keeps only the last few, so positions shift once it is full.
  const before = new Set(extension.notices());
  await action();
  const notice = await waitFor(`a ${level} notification matching ${pattern}`, () =>
    extension.notices().find((n) => !before.has(n) && n.level === level && pattern.test(n.message)),
  );
  return notice.message;
}
