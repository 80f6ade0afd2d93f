import * as vscode from 'vscode';
import { FeaturesModule, loadFeatures } from '../lazy';
import { guarded } from './log';

/**
 * Registers a command whose work lives in the lazily loaded features (src/features.ts): activation registers the id,
 * and the first use loads the code. Failures become a message and a log entry (see guarded).
 */
export function lazyCommand(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  id: string,
  title: string,
  run: (features: FeaturesModule, ...args: unknown[]) => unknown,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(
      id,
      guarded(log, title, (...args: unknown[]) => run(loadFeatures(), ...args)),
    ),
  );
}
