import * as vscode from 'vscode';
import { SETTINGS } from '../common/documents';

/** Where a config is the user's own: not an old revision in a diff view (git:, and the like), which is not checked. */
export const LIVE_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs']);

/** The expiry scan waits this long after activation, so that start-up is not spent on it. */
export const FIRST_SCAN_DELAY_MS = 3000;

/** Whether configs are checked against the live metadata when they open (`frontlineSso.online.checkMetadata`). */
export function autoCheckEnabled(): boolean {
  return vscode.workspace.getConfiguration(SETTINGS).get<boolean>('online.checkMetadata', true);
}
