import * as vscode from 'vscode';
import type { PortalAccount, ProfilePlan, SignInTarget } from '../aws';
import { SETTINGS } from '../host/documents';
import { pickRegion } from '../host/regionPicker';
import { showInfo, showWarning } from '../host/notify';
import { ReportDocuments } from '../host/reports';
import { loadAws } from '../lazyParts';
import { awsSettings } from '../host/awsSettings';
import { SignInRunner, signInSettings, targetLabel } from './run';

/** Arguments of `frontlineSso.chooseAccountRole`; each one given skips its question. */
export interface ChooseArgs {
  ssoSession?: string;
  /** A session entered in Sign In that is not in ~/.aws/config yet. */
  target?: SignInTarget;
  accountId?: string;
  roleName?: string;
  profileName?: string;
  region?: string;
}

export interface ChooseDeps {
  log: vscode.LogOutputChannel;
  reports: ReportDocuments;
  run: SignInRunner;
  flow: () => 'browser' | 'device';
  /** The sidebar reads ~/.aws/config again (its profile may be the one just written). */
  refreshTree: () => void;
}

/** Runs `task` with a cancellable notification; AWS problems come back as their message. */
async function withProgress<T>(title: string, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    (_p, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return task(controller.signal);
    },
  );
}

async function chooseSession(args: ChooseArgs): Promise<{ target: SignInTarget; isNew: boolean } | undefined> {
  if (args.target?.sessionName) return { target: args.target, isNew: true };
  const config = await loadAws().readSsoConfig();
  if (args.ssoSession) {
    const found = config.sessions.find((s) => s.sessionName === args.ssoSession);
    if (found) return { target: found, isNew: false };
    void showWarning(vscode.l10n.t('There is no usable [sso-session {0}] in {1}.', args.ssoSession, config.configFile));
    return undefined;
  }
  if (config.sessions.length === 0) {
    const choice = await showInfo(
      vscode.l10n.t('{0} has no IAM Identity Center session yet. Sign in to add one.', config.configFile),
      vscode.l10n.t('Sign In'),
    );
    if (choice) await vscode.commands.executeCommand('frontlineSso.signIn');
    return undefined;
  }
  if (config.sessions.length === 1) return { target: config.sessions[0] as SignInTarget, isNew: false };
  const picked = await vscode.window.showQuickPick(
    config.sessions.map((s) => ({ label: s.sessionName, description: `${s.startUrl} · ${s.region}`, target: s })),
    { title: vscode.l10n.t('Choose Account and Role: which IAM Identity Center session?'), ignoreFocusOut: true },
  );
  return picked ? { target: picked.target, isNew: false } : undefined;
}

/** The session's access token, renewed when it can be; when signed out, offers to sign in first. */
async function token(target: SignInTarget, deps: ChooseDeps): Promise<string | undefined> {
  const aws = loadAws();
  const status = await aws.sessionStatus(target, signInSettings(), { log: (l) => deps.log.info(l) });
  if (status.state !== 'signed-in') {
    const choice = await showWarning(
      vscode.l10n.t('{0} Sign in to list your accounts.', status.message),
      vscode.l10n.t('Sign In'),
    );
    if (!choice) return undefined;
    const result = await deps.run(target, deps.flow(), { offerProfile: false });
    if (!result) return undefined;
  }
  return aws.accessToken(target, signInSettings());
}

/**
 * *Choose Account and Role*: lists the accounts and roles the signed-in user may use (the access portal), then
 * writes an `[sso-session]` and a `[profile]` to ~/.aws/config — after showing the exact lines — and can make the
 * profile the sidebar's. Only those two sections are touched (src/aws/sso/configEdit.ts).
 */
export async function chooseAccountRole(
  args: ChooseArgs,
  deps: ChooseDeps,
): Promise<{ profile: string; configFile: string; written: boolean } | undefined> {
  const aws = loadAws();
  const session = await chooseSession(args);
  if (!session) return undefined;
  const { target } = session;
  const label = targetLabel(target);
  const accessToken = await token(target, deps);
  if (!accessToken) return undefined;
  const portal = new aws.AccessPortal(target.region, signInSettings());
  let account: PortalAccount | undefined;
  let roleName: string | undefined;
  try {
    const accounts = await withProgress(vscode.l10n.t('Listing your AWS accounts in {0}…', label), (signal) =>
      portal.listAccounts(accessToken, signal),
    );
    if (accounts.length === 0) {
      void showWarning(
        vscode.l10n.t(
          'No AWS account is assigned to you in {0}. An administrator assigns accounts and permission sets in IAM Identity Center.',
          label,
        ),
      );
      return undefined;
    }
    account = args.accountId
      ? accounts.find((a) => a.accountId === args.accountId)
      : (
          await vscode.window.showQuickPick(
            accounts.map((a) => ({
              label: a.accountName ?? a.accountId,
              description: a.accountId,
              detail: a.emailAddress,
              account: a,
            })),
            {
              title: vscode.l10n.t('Choose Account and Role (1 of 4): account in {0}', label),
              matchOnDescription: true,
              ignoreFocusOut: true,
            },
          )
        )?.account;
    if (!account) {
      if (args.accountId)
        void showWarning(vscode.l10n.t('Account {0} is not assigned to you in {1}.', args.accountId, label));
      return undefined;
    }
    const chosen = account;
    const roles = await withProgress(
      vscode.l10n.t('Listing your roles in {0}…', chosen.accountName ?? chosen.accountId),
      (signal) => portal.listAccountRoles(accessToken, chosen.accountId, signal),
    );
    if (roles.length === 0) {
      void showWarning(vscode.l10n.t('You have no role in account {0}.', chosen.accountId));
      return undefined;
    }
    roleName =
      args.roleName ??
      (roles.length === 1
        ? roles[0]
        : (
            await vscode.window.showQuickPick(roles, {
              title: vscode.l10n.t(
                'Choose Account and Role (2 of 4): role in {0}',
                chosen.accountName ?? chosen.accountId,
              ),
              ignoreFocusOut: true,
            })
          )?.toString());
    if (!roleName || !roles.includes(roleName)) {
      if (args.roleName)
        void showWarning(vscode.l10n.t('You have no role {0} in account {1}.', args.roleName, chosen.accountId));
      return undefined;
    }
  } finally {
    portal.dispose();
  }
  const config = await aws.readSsoConfig();
  const same = [...config.profiles.values()].find(
    (p) => p.sessionName === target.sessionName && p.accountId === account?.accountId && p.roleName === roleName,
  );
  const profileName =
    args.profileName ??
    (
      await vscode.window.showInputBox({
        title: vscode.l10n.t('Choose Account and Role (3 of 4): profile name'),
        prompt: vscode.l10n.t('The [profile] in ~/.aws/config; use it with "aws --profile NAME" and in the sidebar.'),
        value: same?.name ?? `${roleName}-${account.accountId}`,
        ignoreFocusOut: true,
        validateInput: (v) => {
          const problem = aws.sectionNameProblem(v.trim(), 'profile');
          if (problem) return problem;
          const existing = config.profiles.get(v.trim());
          return existing && existing !== same
            ? {
                message: vscode.l10n.t(
                  'Profile {0} exists: its sso_session, sso_account_id, sso_role_name and region lines will be replaced.',
                  v.trim(),
                ),
                severity: vscode.InputBoxValidationSeverity.Warning,
              }
            : undefined;
        },
      })
    )?.trim();
  if (!profileName) return undefined;
  const region =
    args.region ??
    (await pickRegion(
      `Choose Account and Role (4 of 4): default Region of profile ${profileName}`,
      same?.region ?? awsSettings().region ?? target.region,
    ));
  if (!region) return undefined;
  const plan: ProfilePlan = {
    session: {
      name: target.sessionName as string,
      startUrl: target.startUrl,
      region: target.region,
      scopes: target.scopes.length ? target.scopes : ['sso:account:access'],
    },
    profile: { name: profileName, accountId: account.accountId, roleName, region },
  };
  return confirmAndWrite(plan, deps);
}

async function confirmAndWrite(
  plan: ProfilePlan,
  deps: ChooseDeps,
): Promise<{ profile: string; configFile: string; written: boolean } | undefined> {
  const aws = loadAws();
  const preview = await aws.previewProfile(plan);
  const lines = preview.sections.flatMap((s) => [
    `# ${s.header}: ${
      s.added
        ? vscode.l10n.t('added at the end of the file')
        : s.changedKeys.length
          ? vscode.l10n.t('{0} set', s.changedKeys.join(', '))
          : vscode.l10n.t('already as shown, unchanged')
    }`,
    ...s.lines,
    '',
  ]);
  const doc = await deps.reports.show(
    'AWS config preview.ini',
    `# ${vscode.l10n.t('These lines go into {0}.', preview.configFile)}\n# ${vscode.l10n.t('Nothing else in the file changes: other sections, comments and spacing stay as they are.')}\n\n${lines.join('\n')}`,
    { beside: true, preserveFocus: true },
  );
  type Choice = vscode.QuickPickItem & { write: boolean; use: boolean };
  const items: Choice[] = preview.changed
    ? [
        {
          label: `$(check) ${vscode.l10n.t('Write, and use profile {0} in the sidebar', plan.profile.name)}`,
          write: true,
          use: true,
        },
        { label: `$(save) ${vscode.l10n.t('Write to {0} only', preview.configFile)}`, write: true, use: false },
        { label: `$(close) ${vscode.l10n.t('Cancel')}`, write: false, use: false },
      ]
    : [
        {
          label: `$(check) ${vscode.l10n.t('Use profile {0} in the sidebar', plan.profile.name)}`,
          write: false,
          use: true,
        },
        { label: `$(close) ${vscode.l10n.t('Close')}`, write: false, use: false },
      ];
  const choice = await vscode.window.showQuickPick(items, {
    title: preview.changed
      ? vscode.l10n.t('Write these lines to {0}?', preview.configFile)
      : vscode.l10n.t('{0} already has these lines', preview.configFile),
    placeHolder: vscode.l10n.t('The lines are shown in the editor beside'),
    ignoreFocusOut: true,
  });
  await closeDocument(doc);
  if (!choice || (!choice.write && !choice.use)) return undefined;
  let written = false;
  if (choice.write) {
    const result = await aws.writeProfile(plan);
    written = result.changed;
    deps.log.info(
      `Choose Account and Role: ${result.changed ? 'wrote' : 'kept'} [sso-session ${plan.session.name}] and [profile ${plan.profile.name}] in ${result.configFile}.`,
    );
    void showInfo(
      vscode.l10n.t('Saved profile {0} in {1}.', plan.profile.name, result.configFile),
      vscode.l10n.t('Open File'),
    ).then((open) => (open ? vscode.window.showTextDocument(vscode.Uri.file(result.configFile)) : undefined));
  }
  if (choice.use)
    await vscode.workspace
      .getConfiguration(SETTINGS)
      .update('aws.profile', plan.profile.name, vscode.ConfigurationTarget.Global);
  deps.refreshTree();
  return { profile: plan.profile.name, configFile: preview.configFile, written };
}

async function closeDocument(doc: vscode.TextDocument): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) =>
    g.tabs.filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === doc.uri.toString()),
  );
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}
