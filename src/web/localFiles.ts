import type { LocalFiles } from '../host/localFiles';

/**
 * In the browser there is no Node file system: scripts/build.mjs puts this module in place of src/host/localFiles.ts
 * in the web bundle, so that even a `file:` folder (vscode.dev's local folders) is read through `vscode.workspace.fs`.
 */
export const localFiles: LocalFiles | undefined = undefined;
