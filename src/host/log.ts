import * as vscode from 'vscode';
import { showError } from './notify';

/** The extension's log (Output → Frontline SSO). Never given secrets, SAML content or personal data. */
export function createLog(context: vscode.ExtensionContext): vscode.LogOutputChannel {
  const log = vscode.window.createOutputChannel('Frontline SSO', { log: true });
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand('frontlineSso.showLog', () => log.show()),
  );
  return log;
}

/**
 * Runs a command body and turns an unexpected failure into a message and a log entry instead of a silent reject. The
 * body's result is passed on (other features and tests call commands for it).
 */
export function guarded<A extends unknown[]>(
  log: vscode.LogOutputChannel,
  name: string,
  body: (...args: A) => unknown,
): (...args: A) => Promise<unknown> {
  return async (...args: A) => {
    try {
      return await body(...args);
    } catch (err) {
      log.error(`${name} failed`, err);
      const action = await showError(
        vscode.l10n.t('Frontline SSO: {0} failed: {1}', name, (err as Error).message),
        vscode.l10n.t('Show Log'),
      );
      if (action) log.show();
      return undefined;
    }
  };
}
