import type * as vscode from 'vscode';
import type { Finding } from '../core/common/findings';

// What other features take from drift, as types only (`import type`): extension.ts hands them the functions, so no
// feature loads drift's code or reaches into its folder.

/** The live metadata check of a config file, shown in the configurator's form and the tree's comparison. */
export type LiveCheck = (config: vscode.Uri) => Promise<{ findings: readonly Finding[] } | undefined>;
