import { endpointProblem, excerpt, regionProblem, timeoutMs, timeoutProblem } from '../connection';
import { ProblemContext, settingsProblem } from '../errors';
import type { CachedToken } from './cache';

/**
 * Where the sign-in calls go, and how long each may take. The endpoint is chosen as the AWS SDKs choose it
 * (docs/domain.md §4, "Endpoints"): the extension's endpoint setting (or `--endpoint`), then
 * `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL` (unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is true), then
 * AWS's own. It is resolved here, not inside the SDK, so that the browser's authorize page and the API calls go to the
 * same place, and every value is checked before it is used.
 */
export interface SignInSettings {
  /** `frontlineSso.aws.endpoint` or `--endpoint`: every IAM Identity Center call goes there. */
  endpoint?: string;
  timeoutSeconds?: number | string;
  origin?: 'cli' | 'extension';
  /** The environment the variables are read from (process.env when absent). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** The environment-variable suffix of each service (the SDK's service id, upper case, spaces as underscores). */
export type SignInService = 'SSO_OIDC' | 'SSO';

export interface ResolvedCall {
  /** Undefined: AWS's own endpoint for the Region. */
  endpoint?: string;
  timeoutMs: number;
  context: ProblemContext;
}

const truthy = (v: string | undefined) => v?.trim().toLowerCase() === 'true';

/** Checks the settings and picks the endpoint of one service. Throws an AwsProblemError (bad-settings) when unusable. */
export function resolveCall(settings: SignInSettings, service: SignInService, region: string): ResolvedCall {
  const cli = settings.origin === 'cli';
  const env = settings.env ?? process.env;
  const regionIssue = regionProblem(region, 'the sso_region of the session');
  if (regionIssue) throw settingsProblem(regionIssue, 'region');
  const timeoutName = cli ? '--timeout' : 'frontlineSso.aws.timeoutSeconds';
  const timeoutIssue = timeoutProblem(settings.timeoutSeconds, timeoutName);
  if (timeoutIssue) throw settingsProblem(timeoutIssue, 'timeoutSeconds');
  const candidates: Array<[string | undefined, string]> = [
    [settings.endpoint, cli ? '--endpoint' : 'frontlineSso.aws.endpoint'],
    ...(truthy(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS)
      ? []
      : ([
          [env[`AWS_ENDPOINT_URL_${service}`], `AWS_ENDPOINT_URL_${service}`],
          [env.AWS_ENDPOINT_URL, 'AWS_ENDPOINT_URL'],
        ] as Array<[string | undefined, string]>)),
  ];
  const chosen = candidates.find(([value]) => value?.trim());
  if (chosen) {
    const problem = endpointProblem(chosen[0], chosen[1]);
    if (problem) throw settingsProblem(problem, 'endpoint');
  }
  const endpoint = chosen?.[0]?.trim();
  const ms = timeoutMs(settings.timeoutSeconds);
  return {
    endpoint,
    timeoutMs: ms,
    context: {
      endpoint,
      timeoutMs: ms,
      origin: settings.origin,
      endpointName:
        chosen && !chosen[1].startsWith('--') && !chosen[1].startsWith('frontlineSso.') ? chosen[1] : undefined,
    },
  };
}

/**
 * How endpoints are recorded and compared: origin and path without trailing slashes, and the query as given.
 * Undefined for text that is not a URL (a damaged cache file).
 */
export function normalEndpoint(endpoint: string): string | undefined {
  try {
    const url = new URL(endpoint.trim());
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}${url.search}`;
  } catch {
    return undefined;
  }
}

/**
 * Why the secrets of a cached sign-in (its refresh token, client secret and access token) must not go to the endpoint
 * of `call`, or undefined when they may. They go only to the endpoint that issued them: a token without
 * `issuingEndpoint` was issued by AWS's own endpoint (`aws sso login`, or a sign-in without an endpoint), so no other
 * endpoint gets it. AWS's own endpoint may be sent any token: it is the real service, and one issued elsewhere is only
 * refused there.
 */
export function tokenEndpointProblem(
  token: Pick<CachedToken, 'issuingEndpoint'>,
  call: Pick<ProblemContext, 'endpoint' | 'origin' | 'endpointName'>,
  session: string,
): string | undefined {
  if (!call.endpoint) return undefined;
  const here = normalEndpoint(call.endpoint) ?? call.endpoint;
  if (token.issuingEndpoint && normalEndpoint(token.issuingEndpoint) === here) return undefined;
  const cli = call.origin === 'cli';
  const name = call.endpointName ?? (cli ? '--endpoint' : 'frontlineSso.aws.endpoint');
  const issuer = token.issuingEndpoint ? `the endpoint ${excerpt(token.issuingEndpoint, 80)}` : "AWS's own endpoint";
  const undo = call.endpointName
    ? `unset ${name}`
    : cli
      ? 'leave out --endpoint'
      : `clear ${name} in your user settings`;
  return `The sign-in to the ${session} was made at ${issuer}, and its tokens go only there, not to ${excerpt(here, 80)} (${name}). Sign in again to use that endpoint, or ${undo} to use the sign-in you have.`;
}
