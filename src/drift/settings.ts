/** Where a config is the user's own: not an old revision in a diff view (git:, and the like), which is not checked. */
export const LIVE_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs']);

/** The expiry scan waits this long after activation, so that start-up is not spent on it. */
export const FIRST_SCAN_DELAY_MS = 3000;

// Read where the configurator reads it too (it shows the live check only when configs are checked as they open).
export { autoCheckEnabled } from '../host/documents';
