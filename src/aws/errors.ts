/** SDK errors → what the user should do. Kept free of vscode so the CLI shows the same words. */
import { CONNECT_TIMEOUT_MS, excerpt } from './connection';
import { EndpointAnswerError } from './guard';
import { ResponseShapeError } from './responses';

export type AwsProblemKind =
  | 'no-credentials'
  | 'sso-expired'
  | 'expired-credentials'
  | 'access-denied'
  | 'no-region'
  | 'throttled'
  | 'network'
  | 'timeout'
  | 'bad-response'
  | 'bad-settings'
  | 'not-found'
  | 'invalid'
  | 'cancelled'
  | 'sign-in-denied'
  | 'sign-in-code-expired'
  | 'unknown';

export interface AwsProblem {
  kind: AwsProblemKind;
  message: string;
  /** The IAM action that was refused, for access-denied problems. */
  action?: string;
  /** The setting (frontlineSso.aws.<setting>) to change, for bad-settings problems. */
  setting?: 'region' | 'endpoint' | 'timeoutSeconds';
}

/** Where a call went and how the user chose it, so that messages name what to change. */
export interface ProblemContext {
  profile?: string;
  endpoint?: string;
  timeoutMs?: number;
  /** 'cli' messages name flags (--profile, --endpoint); 'extension' messages name settings and commands. */
  origin?: 'cli' | 'extension';
  /** Where the endpoint came from when not from the setting or flag (AWS_ENDPOINT_URL_SSO_OIDC, …). */
  endpointName?: string;
}

/** The IAM action each operation needs (README, "IAM policy"; docs/iam-policy.json). */
export const OPERATION_ACTION: Readonly<Record<string, string>> = {
  ListInstances: 'sso:ListInstances',
  DescribeInstance: 'sso:DescribeInstance',
  ListApplications: 'sso:ListApplications',
  DescribeApplication: 'sso:DescribeApplication',
  ListApplicationProviders: 'sso:ListApplicationProviders',
  ListApplicationAssignments: 'sso:ListApplicationAssignments',
  GetApplicationAssignmentConfiguration: 'sso:GetApplicationAssignmentConfiguration',
  ListTagsForResource: 'sso:ListTagsForResource',
  DescribeUser: 'identitystore:DescribeUser',
  DescribeGroup: 'identitystore:DescribeGroup',
  ListUsers: 'identitystore:ListUsers',
  ListGroups: 'identitystore:ListGroups',
  ListGroupMemberships: 'identitystore:ListGroupMemberships',
};

/** Thrown when an operation (retries included) outlives the timeout. */
export class DeadlineError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`No answer within ${timeoutMs} ms`);
    this.name = 'DeadlineError';
  }
}

/** Thrown by paging when the service repeats a page token or never stops. */
export class PagingError extends Error {
  constructor(
    readonly reason: 'repeated-token' | 'too-many-pages',
    readonly pages: number,
  ) {
    super(reason);
    this.name = 'PagingError';
  }
}

const seconds = (ms: number) => {
  const s = Math.round(ms / 100) / 10;
  return `${s} second${s === 1 ? '' : 's'}`;
};

function names(context: ProblemContext) {
  const cli = context.origin === 'cli';
  const profileFlag = context.profile ? ` --profile ${context.profile}` : '';
  const host = (() => {
    try {
      return context.endpoint ? new URL(context.endpoint).host : undefined;
    } catch {
      return undefined;
    }
  })();
  return {
    /** Who answered: the endpoint named by the user, or AWS. */
    who: host ? `The endpoint ${host}` : 'IAM Identity Center',
    target: host ?? 'IAM Identity Center',
    checkEndpoint: host
      ? `Check that ${context.endpointName ?? (cli ? '--endpoint' : 'frontlineSso.aws.endpoint')} points at IAM Identity Center (a proxy or captive portal may be in the way)`
      : 'Check the network and any proxy in the way',
    timeout: cli ? '--timeout' : 'frontlineSso.aws.timeoutSeconds',
    chooseProfile: cli ? 'pass --profile' : 'choose it with "Frontline SSO: Choose AWS Profile"',
    chooseRegion: cli
      ? 'Pass the Region of your IAM Identity Center instance with --region'
      : 'Choose the Region of your IAM Identity Center instance ("Frontline SSO: Choose AWS Region")',
    /** How to sign in to IAM Identity Center again: the extension's sign-in, or either CLI. */
    signIn: cli
      ? `Run "frontline-sso login${profileFlag}" (or "aws sso login${profileFlag}")`
      : 'Sign in ("Frontline SSO: Sign In to IAM Identity Center", or "aws sso login")',
  };
}

/** An answer that is not IAM Identity Center's (wrong endpoint, proxy, captive portal, broken service). */
function answerProblem(err: unknown, operation: string, context: ProblemContext): AwsProblem | undefined {
  const n = names(context);
  const e = err as { name?: string; $response?: { statusCode?: number; headers?: Record<string, string> } };
  if (err instanceof EndpointAnswerError) {
    const status = `HTTP ${err.status}`;
    switch (err.problem) {
      case 'redirect': {
        let to = '';
        try {
          to = err.detail ? ` to ${new URL(err.detail).host}` : '';
        } catch {
          to = '';
        }
        return {
          kind: 'bad-response',
          message: `${n.who} redirected ${operation}${to} (${status}), which AWS endpoints never do. ${n.checkEndpoint}; if the network needs a sign-in page, sign in there first.`,
        };
      }
      case 'empty':
        return {
          kind: 'bad-response',
          message: `${n.who} answered ${operation} with ${status} and an empty body instead of an AWS response. ${n.checkEndpoint}, or try again later.`,
        };
      case 'not-json':
        return {
          kind: 'bad-response',
          message: `${n.who} answered ${operation} with ${status} and ${err.detail && !/json/i.test(err.detail) ? `a ${excerpt(err.detail, 40)} page` : 'a body that is not a JSON object'} instead of an AWS response. ${n.checkEndpoint}${err.status >= 500 ? ', or try again later' : ''}.`,
        };
      case 'too-large':
        return {
          kind: 'bad-response',
          message: `${n.who} sent more than 8 MiB in answer to ${operation}; reading stopped there. ${n.checkEndpoint}.`,
        };
      case 'slow':
        return {
          kind: 'timeout',
          message: `${n.who} kept sending its answer to ${operation} for longer than the timeout; reading stopped. ${n.checkEndpoint}, or raise ${n.timeout}.`,
        };
    }
  }
  if (err instanceof ResponseShapeError) {
    return {
      kind: 'bad-response',
      message: `${n.who} answered ${operation} with data IAM Identity Center does not send (${err.path} ${err.problem}). ${n.checkEndpoint}; if it is AWS's own endpoint, try again later.`,
    };
  }
  if (err instanceof PagingError) {
    return {
      kind: 'bad-response',
      message:
        err.reason === 'repeated-token'
          ? `${n.who} sent the same page token twice while listing (${operation}, page ${err.pages}), so the listing would never end; it was stopped. ${n.checkEndpoint}; if it is AWS's own endpoint, try again later.`
          : `${operation} was still sending pages after ${err.pages.toLocaleString('en-US')} pages; the listing was stopped so that it cannot run for ever. ${n.checkEndpoint}.`,
    };
  }
  // What the SDK's parser threw on a body it could not read (a wrong type where a number or date belongs).
  if (e?.$response && (e.name === 'SyntaxError' || e.name === 'TypeError' || e.name === 'RangeError')) {
    return {
      kind: 'bad-response',
      message: `${n.who} answered ${operation} with data IAM Identity Center does not send (HTTP ${e.$response.statusCode ?? '?'}, unreadable body). ${n.checkEndpoint}; if it is AWS's own endpoint, try again later.`,
    };
  }
  return undefined;
}

export function awsProblem(err: unknown, operation: string, context: ProblemContext = {}): AwsProblem {
  const e = err as {
    name?: string;
    message?: string;
    code?: string;
    $metadata?: { httpStatusCode?: number };
    $response?: { statusCode?: number };
  };
  const name = e?.name ?? '';
  const message = e?.message ?? String(err);
  const n = names(context);
  if (name === 'AbortError') return { kind: 'cancelled', message: 'Cancelled.' };
  if (err instanceof DeadlineError) {
    return {
      kind: 'timeout',
      message: `${n.who} did not answer ${operation} within ${seconds(err.timeoutMs)}. ${n.checkEndpoint}; on a slow connection raise ${n.timeout}.`,
    };
  }
  const answer = answerProblem(err, operation, context);
  if (answer) return answer;
  if (
    /sso session.*expired|token.*expired|refresh.*token|SSOTokenProviderFailure|The SSO session/i.test(message) &&
    /sso/i.test(message + name)
  ) {
    return {
      kind: 'sso-expired',
      message: `The IAM Identity Center (SSO) sign-in has expired. ${n.signIn}, then ${context.origin === 'cli' ? 'try again' : 'refresh'}.`,
    };
  }
  if (
    name === 'ExpiredTokenException' ||
    name === 'ExpiredToken' ||
    /security token included in the request is expired/i.test(message)
  ) {
    return {
      kind: 'expired-credentials',
      message: `The AWS credentials have expired. Sign in again (for SSO profiles: ${n.signIn.charAt(0).toLowerCase()}${n.signIn.slice(1)}), then ${context.origin === 'cli' ? 'try again' : 'refresh'}.`,
    };
  }
  if (
    name === 'CredentialsProviderError' ||
    /Could not load credentials|Unable to load credentials|no credentials/i.test(message)
  ) {
    return {
      kind: 'no-credentials',
      message: `No AWS credentials were found${context.profile ? ` for profile "${context.profile}"` : ''}. Configure a profile (aws configure sso) and ${n.chooseProfile}.`,
    };
  }
  if (/Region is missing|region.*not.*(set|configured)/i.test(message)) {
    return { kind: 'no-region', message: `No AWS Region is set. ${n.chooseRegion}.` };
  }
  if (name === 'AccessDeniedException' || name === 'AccessDenied' || name === 'UnauthorizedOperation') {
    const action = OPERATION_ACTION[operation] ?? operation;
    return {
      kind: 'access-denied',
      action,
      message: `Access denied to ${action}. Add it to the IAM policy of your role (see the README's "IAM policy"), or use the managed policies AWSSSOReadOnly and AWSSSODirectoryReadOnly.`,
    };
  }
  if (
    name === 'UnrecognizedClientException' ||
    name === 'InvalidSignatureException' ||
    name === 'IncompleteSignatureException'
  ) {
    return {
      kind: 'expired-credentials',
      message: `The AWS credentials were rejected (${name}). Sign in again or check the profile, then ${context.origin === 'cli' ? 'try again' : 'refresh'}.`,
    };
  }
  if (name === 'ThrottlingException' || name === 'TooManyRequestsException') {
    return {
      kind: 'throttled',
      message: `IAM Identity Center kept throttling the requests even after retries. Wait a moment, then ${context.origin === 'cli' ? 'try again' : 'refresh'}.`,
    };
  }
  if (name === 'ResourceNotFoundException') return { kind: 'not-found', message: `Not found: ${message}` };
  if (name === 'ValidationException') return { kind: 'invalid', message: `AWS rejected the request: ${message}` };
  if (name === 'TimeoutError' && /establishing a connection/i.test(message)) {
    return {
      kind: 'network',
      message: `Could not connect to ${n.target} within ${seconds(Math.min(CONNECT_TIMEOUT_MS, context.timeoutMs ?? CONNECT_TIMEOUT_MS))}. ${n.checkEndpoint}.`,
    };
  }
  if (name === 'TimeoutError') {
    return {
      kind: 'timeout',
      message: `${n.who} did not answer ${operation} in time. ${n.checkEndpoint}; on a slow connection raise ${n.timeout}.`,
    };
  }
  if (
    ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN', 'EPROTO', 'ECONNABORTED'].includes(
      e?.code ?? '',
    ) ||
    /getaddrinfo|ECONNREFUSED|socket hang up|network/i.test(message)
  ) {
    return {
      kind: 'network',
      message: `Cannot reach ${n.target} (${e?.code ?? name}). ${n.checkEndpoint}.`,
    };
  }
  // An HTTP error the service did not name (a bare 403 or 503 from something in between).
  const status = e?.$metadata?.httpStatusCode ?? e?.$response?.statusCode;
  if ((name === 'Unknown' || name === 'UnknownError' || !name) && status) {
    return {
      kind: 'bad-response',
      message: `${n.who} answered ${operation} with HTTP ${status} and no AWS error. ${n.checkEndpoint}${status >= 500 ? ', or try again later' : ''}.`,
    };
  }
  return { kind: 'unknown', message: `${operation} failed: ${name ? `${name}: ` : ''}${message.split('\n')[0]}` };
}

/** An error that carries its AwsProblem. */
export class AwsProblemError extends Error {
  constructor(
    readonly problem: AwsProblem,
    readonly cause?: unknown,
  ) {
    super(problem.message);
    this.name = 'AwsProblemError';
  }
}

/** A problem with the settings themselves (an endpoint that is not http(s), a timeout out of range). */
export function settingsProblem(message: string, setting: AwsProblem['setting']): AwsProblemError {
  return new AwsProblemError({ kind: 'bad-settings', message, setting });
}
