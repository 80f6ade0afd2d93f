import * as vscode from 'vscode';
import type { AwsProblem, IdentityCenter } from '../aws';
import { RequestLimiter } from '../core/common/limiter';
import { loadAws } from '../lazyParts';
import { awsSettings } from './awsSettings';
import { SETTINGS } from './documents';

/**
 * The extension's AWS sessions with IAM Identity Center, for every feature that asks AWS (the tree, the readiness
 * check): the settings in effect, one request limiter for all of them (IAM Identity Center's 20 requests/second are
 * per account, not per caller), a shared session and fresh ones. The AWS SDK loads with the first session.
 */
export class AwsSessions implements vscode.Disposable {
  private session: IdentityCenter | undefined;
  private readonly limiter = new RequestLimiter(8, 20);

  /**
   * The shared session: the tree's listing and actions, and the readiness picker, so that they share its name cache.
   * `reset` drops it, so that the next use resolves the credentials anew.
   */
  shared(): IdentityCenter {
    this.session ??= this.fresh();
    return this.session;
  }

  /** A session of its own, for long work that a reset must not cut off (the readiness check). The caller disposes it. */
  fresh(): IdentityCenter {
    return new (loadAws().IdentityCenter)(awsSettings(), this.limiter);
  }

  /** Drops the shared session (after a change of settings or credentials, or a refresh of the tree). */
  reset(): void {
    this.session?.dispose();
    this.session = undefined;
  }

  dispose(): void {
    this.reset();
  }
}

let sessions: AwsSessions | undefined;

/** The one set of sessions of this extension host (made, with its limiter, when a feature first asks AWS). */
export function awsSessions(): AwsSessions {
  sessions ??= new AwsSessions();
  return sessions;
}

/** What the user can do about an AWS problem: the command that fixes it, offered on the message or the tree node. */
export function errorAction(problem: AwsProblem): { id: string; title: string; arguments?: unknown[] } {
  switch (problem.kind) {
    case 'bad-settings':
      return {
        id: 'workbench.action.openSettings',
        title: vscode.l10n.t('Open the setting'),
        arguments: [`${SETTINGS}.aws.${problem.setting ?? 'endpoint'}`],
      };
    case 'sso-expired':
    case 'expired-credentials':
      return { id: 'frontlineSso.apps.signIn', title: vscode.l10n.t('Sign in again') };
    case 'no-credentials':
      return { id: 'frontlineSso.apps.selectProfile', title: vscode.l10n.t('Choose an AWS profile') };
    case 'no-region':
      return { id: 'frontlineSso.apps.selectRegion', title: vscode.l10n.t('Choose an AWS Region') };
    case 'access-denied':
      return { id: 'frontlineSso.apps.showPolicy', title: vscode.l10n.t('Show the IAM policy') };
    default:
      return { id: 'frontlineSso.apps.refreshNode', title: vscode.l10n.t('Retry') };
  }
}
