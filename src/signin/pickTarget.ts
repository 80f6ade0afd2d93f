import * as vscode from 'vscode';
import type { SignInTarget, SsoConfig } from '../aws';
import { pickRegion } from '../common/regionPicker';
import { loadAws } from '../lazy';
import { awsSettings } from '../tree/provider';
import { expiryText } from './expiry';
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
      ? `$(pass) signed in ${expiryText(status.expiresAt)}`
      : status.reason === 'expired' && status.expiresAt
        ? `$(history) ${expiryText(status.expiresAt)}`
        : '$(circle-outline) not signed in';
  };
  type Item = vscode.QuickPickItem & { target?: SignInTarget; create?: boolean };
  const sessions = [...config.sessions].sort(
    (a, b) => Number(b.sessionName === sidebarSession) - Number(a.sessionName === sidebarSession),
  );
  const items: Item[] = [
    ...(await Promise.all(
      sessions.map(async (s): Promise<Item> => ({
        label: s.sessionName,
        description: `${s.startUrl} · ${s.region}${s.sessionName === sidebarSession ? ' · the sidebar profile' : ''}`,
        detail: `${await state(s)}${s.profiles.length ? ` · profiles: ${s.profiles.join(', ')}` : ''}`,
        target: s,
      })),
    )),
    ...(await Promise.all(
      config.legacy.map(async (l): Promise<Item> => ({
        label: `profile ${l.profile}`,
        description: `${l.startUrl} · ${l.region}`,
        detail: `${await state(l)} · legacy profile without sso-session: no automatic renewal`,
        target: l,
      })),
    )),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    {
      label: '$(add) New session…',
      detail: 'Enter the AWS access portal URL (start URL) and Region of IAM Identity Center',
      create: true,
    },
  ];
  const placeHolder =
    note ??
    (config.sessions.length || config.legacy.length
      ? `Sessions from ${config.configFile}`
      : `${config.configFile} has no IAM Identity Center session yet: add one`);
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Sign in to IAM Identity Center',
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
    title: 'New IAM Identity Center session (1 of 3): start URL',
    prompt: 'The AWS access portal URL: IAM Identity Center console → Settings → Identity source.',
    placeHolder: 'https://my-company.awsapps.com/start',
    ignoreFocusOut: true,
    validateInput: startUrlProblem,
  });
  if (!startUrl) return undefined;
  const url = startUrl.trim();
  const region = await pickRegion(
    'New IAM Identity Center session (2 of 3): the Region where IAM Identity Center is enabled',
    awsSettings().region,
  );
  if (!region) return undefined;
  const existing = config.sessions.find((s) => s.startUrl === url && s.region === region);
  if (existing) return { target: existing, isNew: false };
  const taken = config.sessions.map((s) => s.sessionName);
  const name = await vscode.window.showInputBox({
    title: 'New IAM Identity Center session (3 of 3): a name for it',
    prompt: 'The [sso-session] name in ~/.aws/config; the AWS CLI and SDKs use it too.',
    value: suggestedSessionName(url, taken),
    ignoreFocusOut: true,
    validateInput: (v) =>
      aws.sectionNameProblem(v.trim(), 'sso-session') ??
      (taken.includes(v.trim()) ? `There is already an [sso-session ${v.trim()}] with another start URL.` : undefined),
  });
  if (!name) return undefined;
  return { target: { sessionName: name.trim(), startUrl: url, region, scopes: [...DEFAULT_SCOPES] }, isNew: true };
}
