import { getHomeDir, loadSharedConfigFiles, loadSsoSessionData } from '@smithy/shared-ini-file-loader';
import { join } from 'node:path';
import { SignInTarget } from './cache';
import { DEFAULT_SCOPES } from './oidc';

/**
 * The IAM Identity Center sessions `~/.aws/config` defines (docs/domain.md §5), read with the SDK's own parser so
 * that the extension sees what the AWS CLI and SDKs see. Read anew on every call: a session added by
 * `aws configure sso` shows without a restart.
 */

export interface SsoSession extends SignInTarget {
  sessionName: string;
  /** Profiles that use it (`sso_session = NAME`). */
  profiles: string[];
}

/** A profile with `sso_start_url` and no `sso_session` (the AWS CLI's "legacy" form: no refresh token). */
export interface LegacySsoProfile extends SignInTarget {
  profile: string;
}

export interface SsoProfile {
  name: string;
  /** Undefined for a legacy profile. */
  sessionName?: string;
  accountId?: string;
  roleName?: string;
  region?: string;
}

export interface SsoConfig {
  /** The file read: AWS_CONFIG_FILE, or ~/.aws/config. */
  configFile: string;
  sessions: SsoSession[];
  legacy: LegacySsoProfile[];
  /** Profiles that sign in through IAM Identity Center, by name. */
  profiles: Map<string, SsoProfile>;
  /** Sessions that cannot be used, with why (shown in the pickers and the log). */
  problems: string[];
}

/** AWS_CONFIG_FILE (a leading ~/ is the home folder, as the SDK reads it), or ~/.aws/config. */
export function configFilePath(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const configured = env.AWS_CONFIG_FILE;
  if (configured) return configured.startsWith('~/') ? join(getHomeDir(), configured.slice(2)) : configured;
  return join(getHomeDir(), '.aws', 'config');
}

/**
 * Whether a key of the SDK's parsed config file is a profile: the SDK also keeps `[sso-session NAME]` and
 * `[services NAME]` sections there, under `sso-session.NAME` and `services.NAME`.
 */
export function isProfileKey(key: string): boolean {
  return !key.startsWith('sso-session.') && !key.startsWith('services.');
}

export function parseScopes(value: string | undefined): string[] {
  const scopes = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return scopes.length ? scopes : [...DEFAULT_SCOPES];
}

export async function readSsoConfig(): Promise<SsoConfig> {
  // ignoreCache first: loadSsoSessionData then reads the same fresh copy of the file.
  const { configFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const raw = await loadSsoSessionData();
  const problems: string[] = [];
  const sessions: SsoSession[] = [];
  for (const [name, data] of Object.entries(raw).sort(([a], [b]) => a.localeCompare(b))) {
    const startUrl = data.sso_start_url?.trim();
    const region = data.sso_region?.trim();
    if (!startUrl || !region) {
      problems.push(
        `[sso-session ${name}] has no ${!startUrl ? 'sso_start_url' : 'sso_region'}, so it cannot be signed in to.`,
      );
      continue;
    }
    sessions.push({
      sessionName: name,
      startUrl,
      region,
      scopes: parseScopes(data.sso_registration_scopes),
      profiles: [],
    });
  }
  const legacy: LegacySsoProfile[] = [];
  const profiles = new Map<string, SsoProfile>();
  for (const [name, data] of Object.entries(configFile).sort(([a], [b]) => a.localeCompare(b))) {
    if (!isProfileKey(name)) continue;
    if (data.sso_session) {
      profiles.set(name, {
        name,
        sessionName: data.sso_session,
        accountId: data.sso_account_id,
        roleName: data.sso_role_name,
        region: data.region,
      });
      const session = sessions.find((s) => s.sessionName === data.sso_session);
      if (session) session.profiles.push(name);
      else
        problems.push(
          `Profile ${name} uses sso_session ${data.sso_session}, but there is no [sso-session ${data.sso_session}].`,
        );
    } else if (data.sso_start_url) {
      if (!data.sso_region) {
        problems.push(`Profile ${name} has sso_start_url but no sso_region, so it cannot be signed in to.`);
        continue;
      }
      profiles.set(name, { name, accountId: data.sso_account_id, roleName: data.sso_role_name, region: data.region });
      legacy.push({ profile: name, startUrl: data.sso_start_url.trim(), region: data.sso_region.trim(), scopes: [] });
    }
  }
  return { configFile: configFilePath(), sessions, legacy, profiles, problems };
}

/** What a profile signs in to, or why it does not sign in through IAM Identity Center. */
export function targetOfProfile(
  config: SsoConfig,
  profile: string,
): { target: SignInTarget; profile: SsoProfile } | { problem: string } {
  const entry = config.profiles.get(profile);
  if (!entry) {
    return {
      problem: `Profile ${profile} does not sign in through IAM Identity Center (it has no sso_session or sso_start_url in ${config.configFile}).`,
    };
  }
  if (entry.sessionName) {
    const session = config.sessions.find((s) => s.sessionName === entry.sessionName);
    if (!session) {
      return {
        problem:
          config.problems.find((p) => p.includes(`sso-session ${entry.sessionName}]`)) ??
          `Profile ${profile} uses sso_session ${entry.sessionName}, but ${config.configFile} has no usable [sso-session ${entry.sessionName}].`,
      };
    }
    return { target: session, profile: entry };
  }
  const legacy = config.legacy.find((l) => l.profile === profile);
  return legacy ? { target: legacy, profile: entry } : { problem: `Profile ${profile} cannot be signed in to.` };
}

/**
 * The profile the default credential chain would use, as @aws-sdk/credential-provider-node picks it: the one named,
 * else AWS_PROFILE, else `default` — unless no profile is named and static credentials are in the environment, which
 * then win.
 */
export function chainProfile(
  named: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  if (named) return named;
  if (env.AWS_PROFILE) return env.AWS_PROFILE;
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return undefined;
  return 'default';
}
