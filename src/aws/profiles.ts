import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { isProfileKey } from './sso/sessions';

/** Profiles from ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE). */
export async function listProfiles(): Promise<Array<{ name: string; region?: string; sso: boolean }>> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  // The SDK keeps [sso-session …] and [services …] sections among the profiles; they are not profiles.
  const names = new Set([...Object.keys(configFile).filter(isProfileKey), ...Object.keys(credentialsFile)]);
  return [...names].sort().map((name) => {
    const c = configFile[name] ?? {};
    return { name, region: c.region, sso: Boolean(c.sso_session || c.sso_start_url) };
  });
}

/** The Region a profile sets, if any. */
export async function profileRegion(profile: string | undefined): Promise<string | undefined> {
  const { configFile } = await loadSharedConfigFiles({ ignoreCache: true });
  return configFile[profile || process.env.AWS_PROFILE || 'default']?.region;
}
