import * as vscode from 'vscode';

/** A notification the extension showed: kept (the last few) so that tests can assert what the user was told. */
export interface Notice {
  level: 'error' | 'warning' | 'info';
  message: string;
}

const MAX_KEPT = 20;
// Kept on the global object: the startup bundle and the lazily loaded features each carry a copy of this module, and
// both must add to the same list.
const KEY = Symbol.for('frontlineSso.recentNotices');
const recent: Notice[] = ((globalThis as Record<symbol, Notice[] | undefined>)[KEY] ??= []);

function keep(level: Notice['level'], message: string): void {
  recent.push({ level, message });
  if (recent.length > MAX_KEPT) recent.shift();
}

/** The notifications shown since activation, oldest first (at most the last 20). */
export function recentNotices(): readonly Notice[] {
  return recent;
}

export function showError<T extends string>(message: string, ...items: T[]): Thenable<T | undefined> {
  keep('error', message);
  return vscode.window.showErrorMessage(message, ...items);
}

export function showWarning<T extends string>(message: string, ...items: T[]): Thenable<T | undefined>;
export function showWarning<T extends string>(
  message: string,
  options: vscode.MessageOptions,
  ...items: T[]
): Thenable<T | undefined>;
export function showWarning<T extends string>(
  message: string,
  ...rest: Array<T | vscode.MessageOptions>
): Thenable<T | undefined> {
  keep('warning', message);
  return vscode.window.showWarningMessage(message, ...(rest as T[]));
}

export function showInfo<T extends string>(message: string, ...items: T[]): Thenable<T | undefined> {
  keep('info', message);
  return vscode.window.showInformationMessage(message, ...items);
}
