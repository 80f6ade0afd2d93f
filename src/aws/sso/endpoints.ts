import { endpointProblem, regionProblem, timeoutMs, timeoutProblem } from '../connection';
import { ProblemContext, settingsProblem } from '../errors';

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
