import { fromNodeProviderChain, fromSSO } from '@aws-sdk/credential-providers';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { AwsProblemError, ProblemContext } from '../errors';
import { describeTarget, readCachedToken, tokenCacheFile } from './cache';
import { tokenEndpointProblem } from './endpoints';
import { chainProfile } from './sessions';

/**
 * The credentials of the Identity Center tree and `frontline-sso apps`: the SDK's default chain, read anew for each
 * session (so a sign-in made here or by `aws sso login` is used at the next refresh). When the endpoint setting
 * (or --endpoint) is set and the profile signs in through IAM Identity Center, the access-portal call that turns the
 * sign-in into credentials (GetRoleCredentials) goes to that endpoint too, as every other IAM Identity Center call
 * does — but only when that endpoint issued the sign-in (tokenEndpointProblem): an access token from AWS's own
 * endpoint is never sent elsewhere. The profile's other credential sources (STS for roles, instance metadata) are
 * never sent there.
 */
export function identityCenterCredentials(
  profile: string | undefined,
  context: Pick<ProblemContext, 'endpoint' | 'origin'>,
): AwsCredentialIdentityProvider {
  const endpoint = context.endpoint;
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
    const target = { sessionName: data.sso_session, startUrl: data.sso_start_url ?? '' };
    const read = await readCachedToken(tokenCacheFile(target));
    // A missing or unreadable cache is left to fromSSO, which says to sign in.
    const misplaced = read.state === 'ok' && tokenEndpointProblem(read.value, context, describeTarget(target));
    if (misplaced) throw new AwsProblemError({ kind: 'sso-expired', message: misplaced });
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
