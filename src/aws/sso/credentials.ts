import { fromNodeProviderChain, fromSSO } from '@aws-sdk/credential-providers';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { chainProfile } from './sessions';

/**
 * The credentials of the Identity Center tree and `frontline-sso apps`: the SDK's default chain, read anew for each
 * session (so a sign-in made here or by `aws sso login` is used at the next refresh). When the endpoint setting
 * (or --endpoint) is set and the profile signs in through IAM Identity Center, the access-portal call that turns the
 * sign-in into credentials (GetRoleCredentials) goes to that endpoint too, as every other IAM Identity Center call
 * does; the profile's other credential sources (STS for roles, instance metadata) are never sent there.
 */
export function identityCenterCredentials(
  profile: string | undefined,
  endpoint: string | undefined,
): AwsCredentialIdentityProvider {
  const chain = fromNodeProviderChain({ ...(profile ? { profile } : {}), ignoreCache: true });
  if (!endpoint) return chain;
  let chosen: Promise<AwsCredentialIdentityProvider> | undefined;
  let cached: AwsCredentialIdentity | undefined;
  const pick = async (): Promise<AwsCredentialIdentityProvider> => {
    const name = chainProfile(profile);
    if (!name) return chain;
    const { configFile } = await loadSharedConfigFiles({ ignoreCache: true });
    const data = configFile[name];
    if (!data?.sso_session && !data?.sso_start_url) return chain;
    return fromSSO({ profile: name, clientConfig: { endpoint } });
  };
  return async () => {
    // As the SDK's own chain does: reuse credentials until five minutes before they expire.
    if (cached && (!cached.expiration || cached.expiration.getTime() - Date.now() > 300_000)) return cached;
    chosen ??= pick();
    chosen.catch(() => {
      chosen = undefined;
    });
    cached = await (await chosen)();
    return cached;
  };
}
