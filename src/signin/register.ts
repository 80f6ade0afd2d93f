import * as vscode from 'vscode';
import { lazyCommand, lazyFeature } from '../activation';
import { ReportDocuments } from '../host/reports';

/** Command arguments may come from anywhere (a link, a keybinding): only strings of the expected names count. */
const fields = (args: unknown): Record<string, unknown> =>
  args && typeof args === 'object' && !Array.isArray(args) ? (args as Record<string, unknown>) : {};
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/**
 * *Sign In to IAM Identity Center* and *Choose Account and Role* (docs/features.md, "Signing in"); the work is in feature.ts,
 * loaded on first use. `onSignedIn` refreshes the sidebar.
 */
export function registerSignIn(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  reports: ReportDocuments,
  onSignedIn: () => void,
): void {
  const feature = lazyFeature(context, (f) => new f.signin.SignInFeature(log, reports, onSignedIn));
  lazyCommand(context, log, 'frontlineSso.signIn', vscode.l10n.t('Sign In to IAM Identity Center'), (_f, args) => {
    const a = fields(args);
    return feature.get().signIn({
      ssoSession: text(a.ssoSession),
      profile: text(a.profile),
      flow: a.flow === 'browser' || a.flow === 'device' ? a.flow : undefined,
    });
  });
  lazyCommand(context, log, 'frontlineSso.chooseAccountRole', vscode.l10n.t('Choose Account and Role'), (_f, args) => {
    const a = fields(args);
    return feature.get().chooseAccountRole({
      ssoSession: text(a.ssoSession),
      accountId: text(a.accountId),
      roleName: text(a.roleName),
      profileName: text(a.profileName),
      region: text(a.region),
    });
  });
}
