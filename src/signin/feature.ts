import * as vscode from 'vscode';
import type { SignInResult, SignInTarget } from '../aws';
import { FlowSetting, SignInFlow, extensionFlow } from '../aws/sso/flowChoice';
import { SETTINGS } from '../host/documents';
import { showWarning } from '../host/notify';
import { ReportDocuments } from '../host/reports';
import { loadAws } from '../lazyParts';
import { ChooseArgs, ChooseDeps, chooseAccountRole } from './accountRole';
import { pickTarget } from './pickTarget';
import { SignInRunner, signInRunner } from './run';

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
 * *Sign In to IAM Identity Center* and *Choose Account and Role* (loaded on first use; register.ts registers the
 * commands). Sessions are shared with the AWS CLI through ~/.aws/sso/cache and ~/.aws/config; `onSignedIn` lets the
 * sidebar show a new session at once.
 */
export class SignInFeature {
  private readonly run: SignInRunner;
  private readonly deps: ChooseDeps;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    reports: ReportDocuments,
    onSignedIn: () => void,
  ) {
    this.run = signInRunner(log, () => onSignedIn());
    this.deps = { log, reports, run: this.run, flow: () => currentFlow(log), refreshTree: onSignedIn };
  }

  async signIn(args: SignInArgs): Promise<SignInOutcome | undefined> {
    const aws = loadAws();
    const config = await aws.readSsoConfig();
    for (const problem of config.problems) this.log.info(`~/.aws/config: ${problem}`);
    let target: SignInTarget | undefined;
    let isNew = false;
    if (args.ssoSession) {
      target = config.sessions.find((s) => s.sessionName === args.ssoSession);
      if (!target) {
        void showWarning(
          config.problems.find((p) => p.includes(`[sso-session ${args.ssoSession}]`)) ??
            vscode.l10n.t('There is no [sso-session {0}] in {1}.', args.ssoSession, config.configFile),
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
    const result: SignInResult | undefined = await this.run(session, args.flow ?? currentFlow(this.log), {
      offerProfile: !isNew,
      // A new session is saved to ~/.aws/config with its first profile.
      then: isNew ? () => chooseAccountRole({ target: session }, this.deps) : undefined,
    });
    if (!result) return undefined;
    return {
      ssoSession: session.sessionName ?? null,
      startUrl: session.startUrl,
      region: session.region,
      expiresAt: result.expiresAt,
      cacheFile: result.cacheFile,
    };
  }

  chooseAccountRole(args: ChooseArgs): ReturnType<typeof chooseAccountRole> {
    return chooseAccountRole(args, this.deps);
  }
}
