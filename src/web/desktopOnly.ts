import * as vscode from 'vscode';
import { showInfo } from '../host/notify';

/**
 * The context key that is true when the extension runs in the browser's extension host (vscode.dev, github.dev, a
 * web-worker host). package.json hides the desktop-only commands and shows the sidebar's web welcome with it;
 * VS Code's own `isWeb` cannot be used, since it is true in every browser workbench, code-server's included, whose
 * Node extension host runs the full extension.
 */
export const WEB_CONTEXT_KEY = 'frontlineSso.web';

/** What needs the machine: AWS calls with the user's credentials, a sign-in that opens a local browser, live fetches. */
function desktopOnlyCommands(): ReadonlyArray<readonly [id: string, title: string]> {
  return [
    ['frontlineSso.apps.refresh', vscode.l10n.t('Refresh Applications')],
    ['frontlineSso.apps.refreshNode', vscode.l10n.t('Refresh')],
    ['frontlineSso.apps.selectProfile', vscode.l10n.t('Choose AWS Profile')],
    ['frontlineSso.apps.selectRegion', vscode.l10n.t('Choose AWS Region')],
    ['frontlineSso.apps.copyArn', vscode.l10n.t('Copy ARN')],
    ['frontlineSso.apps.openInConsole', vscode.l10n.t('Open in AWS Console')],
    ['frontlineSso.apps.showJson', vscode.l10n.t('Show Application Description')],
    ['frontlineSso.apps.compareWithConfig', vscode.l10n.t('Compare with Config File')],
    ['frontlineSso.apps.signIn', vscode.l10n.t('Sign In')],
    ['frontlineSso.apps.showPolicy', vscode.l10n.t('Show IAM Policy')],
    ['frontlineSso.readiness.check', vscode.l10n.t('Check Sign-in Readiness')],
    ['frontlineSso.checkLiveMetadata', vscode.l10n.t('Check Live Metadata')],
    ['frontlineSso.saveLiveMetadata', vscode.l10n.t('Save Metadata to File')],
    ['frontlineSso.signIn', vscode.l10n.t('Sign In to IAM Identity Center')],
    ['frontlineSso.chooseAccountRole', vscode.l10n.t('Choose Account and Role')],
  ];
}

/**
 * In the browser, the desktop-only commands are hidden from the Command Palette and the sidebar (package.json,
 * `!frontlineSso.web`), but a link, a keybinding or another extension may still run one: each says what it needs
 * instead of failing as an unknown command.
 */
export function registerDesktopOnly(context: vscode.ExtensionContext): void {
  void vscode.commands.executeCommand('setContext', WEB_CONTEXT_KEY, true);
  for (const [id, title] of desktopOnlyCommands()) {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, () => {
        // Not awaited: the command is done once it has said so, whether or not the message is dismissed.
        void showInfo(
          vscode.l10n.t(
            '{0} needs desktop VS Code: it calls AWS from your machine, which an extension in the browser cannot. Open this folder in desktop VS Code to use it.',
            title,
          ),
        );
      }),
    );
  }
}
