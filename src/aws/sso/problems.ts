import { AwsProblem, AwsProblemError, ProblemContext, awsProblem } from '../errors';
import { CallbackError } from './pkce';
import { DeviceCodeExpiredError } from './polling';

/**
 * Sign-in and access-portal errors → what the user should do. What is not specific to signing in (network, time-outs,
 * answers that are not AWS's) is worded by errors.ts, so the tree, the CLI and the sign-in say the same thing.
 */
export function signInProblem(err: unknown, operation: string, context: ProblemContext): AwsProblem {
  if (err instanceof AwsProblemError) return err.problem;
  const cli = context.origin === 'cli';
  const again = cli ? 'Run "frontline-sso login" again' : 'Sign in again';
  if (err instanceof DeviceCodeExpiredError) {
    return {
      kind: 'sign-in-code-expired',
      message: `The sign-in code expired before it was confirmed in the browser (it is valid for ${Math.round(err.expiresInSeconds / 60)} minutes). ${again}, and confirm the code in time.`,
    };
  }
  if (err instanceof CallbackError) {
    return {
      kind: err.reason === 'timeout' ? 'timeout' : err.reason === 'denied' ? 'sign-in-denied' : 'invalid',
      message: err.message,
    };
  }
  const e = err as { name?: string; error_description?: string; message?: string };
  const detail = (e.error_description ?? e.message ?? '').replace(/[^\x20-\x7e]/g, '').slice(0, 200);
  switch (e.name) {
    case 'AccessDeniedException':
      return operation === 'CreateToken'
        ? { kind: 'sign-in-denied', message: `The sign-in was denied in the browser. ${again} if that was a mistake.` }
        : {
            kind: 'sign-in-denied',
            message: `IAM Identity Center refused ${operation}${detail ? ` (${detail})` : ''}.`,
          };
    case 'ExpiredTokenException':
      return {
        kind: 'sign-in-code-expired',
        message: `The sign-in code expired before it was confirmed in the browser. ${again}, and confirm the code in time.`,
      };
    case 'InvalidGrantException':
      return {
        kind: 'sso-expired',
        message:
          operation === 'CreateToken (refresh)'
            ? `The IAM Identity Center session can no longer be renewed (it ended or was revoked). ${again}.`
            : `IAM Identity Center did not accept the sign-in${detail ? ` (${detail})` : ''}. ${again}.`,
      };
    case 'UnauthorizedException':
      return {
        kind: 'sso-expired',
        message: `The IAM Identity Center session has expired or was signed out. ${again}.`,
      };
    case 'InvalidRequestRegionException':
      return {
        kind: 'invalid',
        message: `The start URL does not belong to IAM Identity Center in this Region. Check sso_region of the session (the Region where IAM Identity Center is enabled).`,
      };
    case 'InvalidClientException':
    case 'UnauthorizedClientException':
      return {
        kind: 'invalid',
        message: `IAM Identity Center no longer accepts this tool's client registration${detail ? ` (${detail})` : ''}. ${again}: a new one is made.`,
      };
    case 'InvalidRequestException':
    case 'InvalidClientMetadataException':
    case 'InvalidScopeException':
    case 'InvalidRedirectUriException':
    case 'UnsupportedGrantTypeException':
      return {
        kind: 'invalid',
        message: `IAM Identity Center refused ${operation}${detail ? `: ${detail}` : ''} (${e.name}). Check the start URL and Region of the session${e.name === 'InvalidScopeException' ? ' and its sso_registration_scopes' : ''}.`,
      };
  }
  return awsProblem(err, operation, context);
}
