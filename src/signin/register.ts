import * as vscode from 'vscode';
import type { SignInResult, SignInTarget } from '../aws';
import { FlowSetting, SignInFlow, extensionFlow } from '../aws/sso/flowChoice';
import { SETTINGS } from '../common/configFiles';
import { guarded } from '../common/log';
import { showWarning } from '../common/notify';
import { ReportDocuments } from '../common/reports';
import { loadAws } from '../lazy';
import { chooseAccountRole } from './accountRole';
import { pickTarget } from './pickTarget';
import { signInRunner } from './run';

/** Arguments of `frontlineSso.signIn` (the tree's "Sign in" node passes the profile). */
export interface SignInArgs {
  ssoSession?: string;
  profile?: string;
  flow?: SignInFlow;
}

/** What `frontlineSso.signIn` resolves with (for the tree and the tests); undefined when nothing was signed in. */
export interface SignInOutcome {
  ssoSession: string | null;
  startUrl: string;
  region: string;
  expiresAt: string;
  cacheFile: string;
}

/** Command arguments may come from anywhere (a link, a keybinding): only strings of the expected names count. */
const fields = (args: unknown): Record<string, unknown> =>
  args && typeof args === 'object' && !Array.isArray(args) ? (args as Record<string, unknown>) : {};
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** The flow for this window (docs/domain.md §5): the browser on the desktop, a device code elsewhere. */
export function currentFlow(log?: vscode.LogOutputChannel): SignInFlow {
  const choice = extensionFlow(
    { uiKind: vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop', remoteName: vscode.env.remoteName },
    vscode.workspace.getConfiguration(SETTINGS).get<FlowSetting>('signIn.flow'),
  );
  log?.info(`Sign-in flow: ${choice.flow} (${choice.reason}).`);
  return choice.flow;
}

/**
 * *Sign In to IAM Identity Center* and *Choose Account and Role*. Sessions are shared with the AWS CLI through
 * ~/.aws/sso/cache and ~/.aws/config; `onSignedIn` lets the sidebar show the new session at once.
 */
export function registerSignIn(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  reports: ReportDocuments,
  onSignedIn: () => void,
): void {
  const run = signInRunner(log, () => onSignedIn());
  const deps = { log, reports, run, flow: () => currentFlow(log), refreshTree: onSignedIn };

  const signIn = async (args: SignInArgs = {}): Promise<SignInOutcome | undefined> => {
    const aws = loadAws();
    const config = await aws.readSsoConfig();
    for (const problem of config.problems) log.info(`~/.aws/config: ${problem}`);
    let target: SignInTarget | undefined;
    let isNew = false;
    if (args.ssoSession) {
      target = config.sessions.find((s) => s.sessionName === args.ssoSession);
      if (!target) {
        void showWarning(
          config.problems.find((p) => p.includes(`[sso-session ${args.ssoSession}]`)) ??
            `There is no [sso-session ${args.ssoSession}] in ${config.configFile}.`,
        );
        return undefined;
      }
    } else {
      const found = args.profile ? aws.targetOfProfile(config, args.profile) : undefined;
      if (found && 'target' in found) target = found.target;
      else {
        const picked = await pickTarget(config, found && 'problem' in found ? found.problem : undefined);
        if (!picked) return undefined;
        ({ target, isNew } = picked);
      }
    }
    const session = target;
    const result: SignInResult | undefined = await run(session, args.flow ?? currentFlow(log), {
      offerProfile: !isNew,
      // A new session is saved to ~/.aws/config with its first profile.
      then: isNew ? () => chooseAccountRole({ target: session }, deps) : undefined,
    });
    if (!result) return undefined;
    return {
      ssoSession: session.sessionName ?? null,
      startUrl: session.startUrl,
      region: session.region,
      expiresAt: result.expiresAt,
      cacheFile: result.cacheFile,
    };
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(
      'frontlineSso.signIn',
      guarded(log, 'Sign In to IAM Identity Center', (args?: unknown) => {
        const a = fields(args);
        return signIn({
          ssoSession: text(a.ssoSession),
          profile: text(a.profile),
          flow: a.flow === 'browser' || a.flow === 'device' ? a.flow : undefined,
        });
      }),
    ),
    vscode.commands.registerCommand(
      'frontlineSso.chooseAccountRole',
      guarded(log, 'Choose Account and Role', (args?: unknown) => {
        const a = fields(args);
        return chooseAccountRole(
          {
            ssoSession: text(a.ssoSession),
            accountId: text(a.accountId),
            roleName: text(a.roleName),
            profileName: text(a.profileName),
            region: text(a.region),
          },
          deps,
        );
      }),
    ),
  );
}
