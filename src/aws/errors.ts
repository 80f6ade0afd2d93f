/** SDK errors → what the user should do. Kept free of vscode so the CLI shows the same words. */
export type AwsProblemKind =
  | 'no-credentials'
  | 'sso-expired'
  | 'expired-credentials'
  | 'access-denied'
  | 'no-region'
  | 'throttled'
  | 'network'
  | 'not-found'
  | 'invalid'
  | 'cancelled'
  | 'unknown';

export interface AwsProblem {
  kind: AwsProblemKind;
  message: string;
  /** The IAM action that was refused, for access-denied problems. */
  action?: string;
}

const OPERATION_ACTION: Record<string, string> = {
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
  ListGroupMemberships: 'identitystore:ListGroupMemberships',
};

export function awsProblem(err: unknown, operation: string, profile?: string): AwsProblem {
  const e = err as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const name = e?.name ?? '';
  const message = e?.message ?? String(err);
  const profileHint = profile ? ` --profile ${profile}` : '';
  if (name === 'AbortError' || (err as Error)?.name === 'AbortError')
    return { kind: 'cancelled', message: 'Cancelled.' };
  if (
    /sso session.*expired|token.*expired|refresh.*token|SSOTokenProviderFailure|The SSO session/i.test(message) &&
    /sso/i.test(message + name)
  ) {
    return {
      kind: 'sso-expired',
      message: `The IAM Identity Center (SSO) sign-in has expired. Run "aws sso login${profileHint}", then refresh.`,
    };
  }
  if (
    name === 'ExpiredTokenException' ||
    name === 'ExpiredToken' ||
    /security token included in the request is expired/i.test(message)
  ) {
    return {
      kind: 'expired-credentials',
      message: `The AWS credentials have expired. Sign in again (for SSO profiles: "aws sso login${profileHint}"), then refresh.`,
    };
  }
  if (
    name === 'CredentialsProviderError' ||
    /Could not load credentials|Unable to load credentials|no credentials/i.test(message)
  ) {
    return {
      kind: 'no-credentials',
      message: `No AWS credentials were found${profile ? ` for profile "${profile}"` : ''}. Configure a profile (aws configure sso) and choose it with "Frontline SSO: Choose AWS Profile".`,
    };
  }
  if (/Region is missing|region.*not.*(set|configured)/i.test(message)) {
    return {
      kind: 'no-region',
      message:
        'No AWS Region is set. Choose the Region of your IAM Identity Center instance ("Frontline SSO: Choose AWS Region").',
    };
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
      message: `The AWS credentials were rejected (${name}). Sign in again or check the profile, then refresh.`,
    };
  }
  if (name === 'ThrottlingException' || name === 'TooManyRequestsException') {
    return {
      kind: 'throttled',
      message: 'IAM Identity Center kept throttling the requests even after retries. Wait a moment, then refresh.',
    };
  }
  if (name === 'ResourceNotFoundException') return { kind: 'not-found', message: `Not found: ${message}` };
  if (name === 'ValidationException') return { kind: 'invalid', message: `AWS rejected the request: ${message}` };
  if (
    ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN'].includes(e?.code ?? '') ||
    name === 'TimeoutError' ||
    /getaddrinfo|ECONNREFUSED|socket hang up|network/i.test(message)
  ) {
    return {
      kind: 'network',
      message: `Cannot reach IAM Identity Center (${e?.code ?? name}). Check the network, proxy, or the endpoint setting.`,
    };
  }
  return { kind: 'unknown', message: `${operation} failed: ${name ? `${name}: ` : ''}${message}` };
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
