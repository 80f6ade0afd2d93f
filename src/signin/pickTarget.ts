import * as vscode from 'vscode';
import type { SignInTarget, SsoConfig } from '../aws';
import { pickRegion } from '../host/regionPicker';
import { loadAws } from '../lazyParts';
import { awsSettings } from '../host/awsSettings';
import { expiryText } from '../core/signin/signInExpiry';
import { startUrlProblem, suggestedSessionName } from './names';
import { signInSettings } from './run';

export interface PickedTarget {
  target: SignInTarget;
  /** Entered here: not in ~/.aws/config yet (Choose Account and Role writes it). */
  isNew: boolean;
}

const DEFAULT_SCOPES = ['sso:account:access'];

/**
 * What to sign in to: the sso-sessions of ~/.aws/config (with whether each is signed in, and the profiles that use
 * it), legacy profiles, or a new session from a start URL and Region. `note` explains why the picker opened (a
 * profile that does not use IAM Identity Center).
 */
export async function pickTarget(config: SsoConfig, note?: string): Promise<PickedTarget | undefined> {
  const aws = loadAws();
  const settings = signInSettings();
  const sidebarProfile = aws.chainProfile(awsSettings().profile);
  const sidebarSession = sidebarProfile ? config.profiles.get(sidebarProfile)?.sessionName : undefined;
  const state = async (target: SignInTarget) => {
    const status = await aws.sessionStatus(target, settings, { refresh: false });
    return status.state === 'signed-in'
      ? `$(pass) ${vscode.l10n.t('signed in {0}', expiryText(status.expiresAt))}`
      : status.reason === 'expired' && status.expiresAt
        ? `$(history) ${expiryText(status.expiresAt)}`
        : `$(circle-outline) ${vscode.l10n.t('not signed in')}`;
  };
  type Item = vscode.QuickPickItem & { target?: SignInTarget; create?: boolean };
  const sessions = [...config.sessions].sort(
    (a, b) => Number(b.sessionName === sidebarSession) - Number(a.sessionName === sidebarSession),
  );
  const items: Item[] = [
    ...(await Promise.all(
      sessions.map(async (s): Promise<Item> => ({
        label: s.sessionName,
        description: `${s.startUrl} · ${s.region}${s.sessionName === sidebarSession ? ` · ${vscode.l10n.t('the sidebar profile')}` : ''}`,
        detail: `${await state(s)}${s.profiles.length ? ` · ${vscode.l10n.t('profiles: {0}', s.profiles.join(', '))}` : ''}`,
        target: s,
      })),
    )),
    ...(await Promise.all(
      config.legacy.map(async (l): Promise<Item> => ({
        label: vscode.l10n.t('profile {0}', l.profile),
        description: `${l.startUrl} · ${l.region}`,
        detail: `${await state(l)} · ${vscode.l10n.t('legacy profile without sso-session: no automatic renewal')}`,
        target: l,
      })),
    )),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    {
      label: `$(add) ${vscode.l10n.t('New session…')}`,
      detail: vscode.l10n.t('Enter the AWS access portal URL (start URL) and Region of IAM Identity Center'),
      create: true,
    },
  ];
  const placeHolder =
    note ??
    (config.sessions.length || config.legacy.length
      ? vscode.l10n.t('Sessions from {0}', config.configFile)
      : vscode.l10n.t('{0} has no IAM Identity Center session yet: add one', config.configFile));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Sign in to IAM Identity Center'),
    placeHolder,
    matchOnDescription: true,
    // Typing a profile name finds the session it uses.
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  if (picked.target) return { target: picked.target, isNew: false };
  return newSession(config);
}

async function newSession(config: SsoConfig): Promise<PickedTarget | undefined> {
  const aws = loadAws();
  const startUrl = await vscode.window.showInputBox({
    title: vscode.l10n.t('New IAM Identity Center session (1 of 3): start URL'),
    prompt: vscode.l10n.t('The AWS access portal URL: IAM Identity Center console → Settings → Identity source.'),
    placeHolder: 'https://my-company.awsapps.com/start',
    ignoreFocusOut: true,
    validateInput: startUrlProblem,
  });
  if (!startUrl) return undefined;
  const url = startUrl.trim();
  const region = await pickRegion(
    vscode.l10n.t('New IAM Identity Center session (2 of 3): the Region where IAM Identity Center is enabled'),
    awsSettings().region,
  );
  if (!region) return undefined;
  const existing = config.sessions.find((s) => s.startUrl === url && s.region === region);
  if (existing) return { target: existing, isNew: false };
  const taken = config.sessions.map((s) => s.sessionName);
  const name = await vscode.window.showInputBox({
    title: vscode.l10n.t('New IAM Identity Center session (3 of 3): a name for it'),
    prompt: vscode.l10n.t('The [sso-session] name in ~/.aws/config; the AWS CLI and SDKs use it too.'),
    value: suggestedSessionName(url, taken),
    ignoreFocusOut: true,
    validateInput: (v) =>
      aws.sectionNameProblem(v.trim(), 'sso-session') ??
      (taken.includes(v.trim())
        ? vscode.l10n.t('There is already an [sso-session {0}] with another start URL.', v.trim())
        : undefined),
  });
  if (!name) return undefined;
  return { target: { sessionName: name.trim(), startUrl: url, region, scopes: [...DEFAULT_SCOPES] }, isNew: true };
}
