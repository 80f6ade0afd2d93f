import { AwsProblemError } from '../errors';
import {
  CachedRegistration,
  CachedToken,
  SignInTarget,
  describeTarget,
  isoSeconds,
  readCachedToken,
  readRegistration,
  registrationCacheFile,
  tokenCacheFile,
  writeCachedToken,
  writeRegistration,
} from './cache';
import { SignInService, SignInSettings, normalEndpoint, resolveCall, tokenEndpointProblem } from './endpoints';
import { SignInFlow } from './flowChoice';
import { OidcClient, Registration, TokenAnswer } from './oidc';
import { REGISTERED_REDIRECT_URI, pkcePair, randomState, startLoopback } from './pkce';
import { pollForToken } from './polling';
import { signInProblem } from './problems';

/**
 * Signing in to IAM Identity Center as the AWS CLI v2 does (docs/domain.md §5), and keeping the session fresh. The
 * token lands in the cache the AWS CLI and SDKs read, so either side's sign-in serves both. What the user sees is the
 * caller's (`SignInUi`); this module never logs or returns a secret.
 */

export interface SignInUi {
  flow: SignInFlow;
  signal?: AbortSignal;
  /** Opens a page in the user's browser. */
  openBrowser(url: string): unknown;
  /** Device flow: the code to confirm in the browser, and where. */
  showDeviceCode?(code: {
    userCode: string;
    verificationUri: string;
    verificationUriComplete?: string;
    expiresAt: Date;
  }): void;
  /** Browser flow: the page the browser was sent to, in case it did not open. */
  showAuthorizeUrl?(url: string): void;
  /** Progress for a notification or stderr. */
  progress?(message: string): void;
  /** One line for the log; never contains a token, secret or code. */
  log?(line: string): void;
  /** How long the browser flow waits for the browser to come back (default 10 minutes). */
  callbackTimeoutMs?: number;
  now?: () => Date;
}

export interface SignInResult {
  target: SignInTarget;
  flow: SignInFlow;
  /** ISO-8601 UTC. */
  expiresAt: string;
  cacheFile: string;
}

/** A registration is reused until shortly before it expires, so that it cannot expire during a sign-in. */
const REGISTRATION_MARGIN_MS = 15 * 60_000;
const DEFAULT_CALLBACK_TIMEOUT_MS = 10 * 60_000;

/**
 * Why a cached token must not go to the endpoint of `service` (tokenEndpointProblem), or undefined. Settings that
 * cannot be used are reported by the call itself, which then never starts.
 */
function misplacedToken(
  token: CachedToken,
  settings: SignInSettings,
  service: SignInService,
  target: SignInTarget,
): string | undefined {
  let call;
  try {
    call = resolveCall(settings, service, target.region);
  } catch {
    return undefined;
  }
  return tokenEndpointProblem(token, call.context, describeTarget(target));
}

async function registration(
  oidc: OidcClient,
  target: SignInTarget,
  flow: SignInFlow,
  ui: SignInUi,
  reuse: boolean,
): Promise<{ registration: Registration; reused: boolean }> {
  const file = registrationCacheFile(target, flow, oidc.endpoint && normalEndpoint(oidc.endpoint));
  const now = (ui.now ?? (() => new Date()))().getTime();
  const cached = reuse ? await readRegistration(file) : undefined;
  if (
    cached &&
    cached.flow === flow &&
    Date.parse(cached.registrationExpiresAt) - now > REGISTRATION_MARGIN_MS &&
    cached.scopes.join(',') === target.scopes.join(',')
  ) {
    ui.log?.(
      `Reusing the client registration of ${describeTarget(target)} (valid until ${cached.registrationExpiresAt}).`,
    );
    return {
      registration: {
        clientId: cached.clientId,
        clientSecret: cached.clientSecret,
        expiresAt: new Date(cached.registrationExpiresAt),
      },
      reused: true,
    };
  }
  ui.progress?.('Registering with IAM Identity Center…');
  const fresh = await oidc.registerClient(
    {
      scopes: target.scopes,
      browser: flow === 'browser' ? { redirectUri: REGISTERED_REDIRECT_URI, issuerUrl: target.startUrl } : undefined,
    },
    ui.signal,
  );
  const saved: CachedRegistration = {
    clientId: fresh.clientId,
    clientSecret: fresh.clientSecret,
    registrationExpiresAt: isoSeconds(fresh.expiresAt),
    scopes: target.scopes,
    flow,
  };
  await writeRegistration(file, saved);
  ui.log?.(`Registered a new client for ${describeTarget(target)} (valid until ${saved.registrationExpiresAt}).`);
  return { registration: fresh, reused: false };
}

async function deviceFlow(
  oidc: OidcClient,
  target: SignInTarget,
  ui: SignInUi,
): Promise<{ token: TokenAnswer; registration: Registration }> {
  const first = await registration(oidc, target, 'device', ui, true);
  let reg = first.registration;
  let start;
  try {
    start = await oidc.startDeviceAuthorization(reg, target.startUrl, ui.signal);
  } catch (err) {
    // A cached registration the service no longer knows (revoked, or the endpoint's data was reset): register anew.
    const name = ((err as AwsProblemError).cause as { name?: string } | undefined)?.name;
    if (!first.reused || (name !== 'InvalidClientException' && name !== 'UnauthorizedClientException')) throw err;
    ui.log?.('The cached client registration was refused; registering again.');
    ({ registration: reg } = await registration(oidc, target, 'device', ui, false));
    start = await oidc.startDeviceAuthorization(reg, target.startUrl, ui.signal);
  }
  const now = ui.now ?? (() => new Date());
  const expiresAt = new Date(now().getTime() + start.expiresIn * 1000);
  ui.showDeviceCode?.({
    userCode: start.userCode,
    verificationUri: start.verificationUri,
    verificationUriComplete: start.verificationUriComplete,
    expiresAt,
  });
  ui.openBrowser(start.verificationUriComplete ?? start.verificationUri);
  ui.log?.(`Device authorization started; polling every ${start.interval ?? 5} s for ${start.expiresIn} s.`);
  const registrationUsed = reg;
  const token = await pollForToken(() => oidc.pollDeviceToken(registrationUsed, start.deviceCode, ui.signal), {
    intervalSeconds: start.interval,
    expiresInSeconds: start.expiresIn,
    signal: ui.signal,
    onWait: (remaining) =>
      ui.progress?.(
        `Waiting for you to confirm code ${start.userCode} in the browser (${Math.max(0, Math.ceil(remaining / 60_000))} min left)…`,
      ),
  });
  return { token, registration: reg };
}

async function browserFlow(
  oidc: OidcClient,
  target: SignInTarget,
  ui: SignInUi,
): Promise<{ token: TokenAnswer; registration: Registration }> {
  const { registration: reg } = await registration(oidc, target, 'browser', ui, true);
  const { verifier, challenge } = pkcePair();
  const state = randomState();
  const listener = await startLoopback({
    state,
    timeoutMs: ui.callbackTimeoutMs ?? DEFAULT_CALLBACK_TIMEOUT_MS,
    signal: ui.signal,
  });
  try {
    const url = oidc.authorizeUrl({
      clientId: reg.clientId,
      redirectUri: listener.redirectUri,
      state,
      challenge,
      scopes: target.scopes.length ? target.scopes : ['sso:account:access'],
    });
    ui.log?.(`Browser sign-in started; waiting on ${listener.redirectUri}.`);
    ui.showAuthorizeUrl?.(url);
    ui.progress?.('Waiting for the sign-in in the browser…');
    ui.openBrowser(url);
    const code = await listener.code;
    ui.progress?.('Signing in…');
    const token = await oidc.exchangeCode(
      reg,
      { code, codeVerifier: verifier, redirectUri: listener.redirectUri },
      ui.signal,
    );
    return { token, registration: reg };
  } finally {
    listener.close();
  }
}

/** Signs in with the flow `ui.flow` and writes the token where the AWS CLI and SDKs read it. */
export async function signIn(target: SignInTarget, settings: SignInSettings, ui: SignInUi): Promise<SignInResult> {
  const oidc = new OidcClient(target.region, settings);
  const context = { endpoint: oidc.endpoint, origin: settings.origin };
  // As in the AWS CLI, the browser flow is for sso-sessions; a legacy profile (no scopes) confirms a device code.
  const flow: SignInFlow = target.sessionName ? ui.flow : 'device';
  ui.log?.(
    `Sign-in to ${describeTarget(target)} in ${target.region}: ${flow === 'browser' ? 'browser (authorization code with PKCE)' : 'device authorization'}${flow !== ui.flow ? ' (legacy profiles use a device code)' : ''}.`,
  );
  try {
    const { token, registration: reg } =
      flow === 'browser' ? await browserFlow(oidc, target, ui) : await deviceFlow(oidc, target, ui);
    const now = (ui.now ?? (() => new Date()))();
    const cached: CachedToken = {
      startUrl: target.startUrl,
      region: target.region,
      accessToken: token.accessToken,
      expiresAt: isoSeconds(new Date(now.getTime() + token.expiresIn * 1000)),
      clientId: reg.clientId,
      clientSecret: reg.clientSecret,
      registrationExpiresAt: isoSeconds(reg.expiresAt),
      refreshToken: token.refreshToken,
      // Recorded so that these secrets are never sent to another endpoint (tokenEndpointProblem).
      issuingEndpoint: oidc.endpoint && normalEndpoint(oidc.endpoint),
    };
    const cacheFile = tokenCacheFile(target);
    await writeCachedToken(cacheFile, cached);
    ui.log?.(
      `Signed in to ${describeTarget(target)} until ${cached.expiresAt}${token.refreshToken ? ' (renewable)' : ''}; token cached in ${cacheFile}.`,
    );
    return { target, flow, expiresAt: cached.expiresAt, cacheFile };
  } catch (err) {
    const problem =
      err instanceof AwsProblemError ? err : new AwsProblemError(signInProblem(err, 'sign-in', context), err);
    ui.log?.(
      `Sign-in to ${describeTarget(target)} ended: ${problem.problem.kind === 'cancelled' ? 'cancelled' : problem.message}`,
    );
    throw problem;
  } finally {
    oidc.dispose();
  }
}

export type SessionStatus =
  | { state: 'signed-in'; expiresAt: string; cacheFile: string; refreshed: boolean; refreshProblem?: string }
  | {
      state: 'signed-out';
      /** other-endpoint: the cached sign-in was issued by another endpoint than the one in use, so it is not used. */
      reason: 'missing' | 'expired' | 'unreadable' | 'other-endpoint';
      expiresAt?: string;
      cacheFile: string;
      message: string;
    };

/** Within this of its expiry a session is renewed with its refresh token (the SDK's own window is 5 minutes). */
export const REFRESH_WINDOW_MS = 10 * 60_000;

/** Whether the cached token can be renewed without the browser. */
function renewable(
  token: CachedToken,
  now: number,
): token is CachedToken & Required<Pick<CachedToken, 'refreshToken' | 'clientId' | 'clientSecret'>> {
  return Boolean(
    token.refreshToken &&
    token.clientId &&
    token.clientSecret &&
    (!token.registrationExpiresAt || Date.parse(token.registrationExpiresAt) > now),
  );
}

/**
 * Renews a session with its refresh token and writes the new token to the cache. Throws an AwsProblemError when
 * the session cannot be renewed (no refresh token, or the service refuses it).
 */
export async function refreshSession(
  target: SignInTarget,
  settings: SignInSettings,
  options: { signal?: AbortSignal; now?: () => Date; log?: (line: string) => void } = {},
): Promise<{ expiresAt: string; cacheFile: string }> {
  const cacheFile = tokenCacheFile(target);
  const read = await readCachedToken(cacheFile);
  const now = (options.now ?? (() => new Date()))();
  if (read.state !== 'ok' || !renewable(read.value, now.getTime())) {
    throw new AwsProblemError({
      kind: 'sso-expired',
      message: `The ${describeTarget(target)} has no renewable sign-in${read.state === 'unreadable' ? ` (${read.message})` : ''}. Sign in again.`,
    });
  }
  const token = read.value;
  const misplaced = misplacedToken(token, settings, 'SSO_OIDC', target);
  if (misplaced) throw new AwsProblemError({ kind: 'sso-expired', message: misplaced });
  const oidc = new OidcClient(target.region, settings);
  try {
    const answer = await oidc.refresh(token, token.refreshToken, options.signal);
    const expiresAt = isoSeconds(new Date(now.getTime() + answer.expiresIn * 1000));
    await writeCachedToken(cacheFile, {
      ...token,
      accessToken: answer.accessToken,
      expiresAt,
      refreshToken: answer.refreshToken ?? token.refreshToken,
    });
    options.log?.(`Renewed the ${describeTarget(target)} until ${expiresAt}.`);
    return { expiresAt, cacheFile };
  } finally {
    oidc.dispose();
  }
}

/**
 * Whether a session is signed in now, read from the shared cache (so `aws sso login` counts). A session within
 * REFRESH_WINDOW_MS of its expiry is renewed first when it can be.
 */
export async function sessionStatus(
  target: SignInTarget,
  settings: SignInSettings,
  options: {
    signal?: AbortSignal;
    now?: () => Date;
    log?: (line: string) => void;
    refreshWindowMs?: number;
    /** False: only read the cache (for pickers, which must not wait on the network). */
    refresh?: boolean;
  } = {},
): Promise<SessionStatus> {
  const cacheFile = tokenCacheFile(target);
  const read = await readCachedToken(cacheFile);
  const now = (options.now ?? (() => new Date()))().getTime();
  if (read.state === 'missing')
    return {
      state: 'signed-out',
      reason: 'missing',
      cacheFile,
      message: `Not signed in to the ${describeTarget(target)}.`,
    };
  if (read.state === 'unreadable')
    return {
      state: 'signed-out',
      reason: 'unreadable',
      cacheFile,
      message: `The cached sign-in is unusable: ${read.message}.`,
    };
  const token = read.value;
  const expires = Date.parse(token.expiresAt);
  // An expired token that cannot be renewed is only expired, wherever it came from: nothing would be sent.
  const misplaced = (expires > now || renewable(token, now)) && misplacedToken(token, settings, 'SSO_OIDC', target);
  if (misplaced) return { state: 'signed-out', reason: 'other-endpoint', cacheFile, message: misplaced };
  if (
    options.refresh === false ||
    expires - now > (options.refreshWindowMs ?? REFRESH_WINDOW_MS) ||
    !renewable(token, now)
  ) {
    return expires > now
      ? { state: 'signed-in', expiresAt: token.expiresAt, cacheFile, refreshed: false }
      : {
          state: 'signed-out',
          reason: 'expired',
          expiresAt: token.expiresAt,
          cacheFile,
          message: `The sign-in to the ${describeTarget(target)} expired at ${token.expiresAt}.`,
        };
  }
  try {
    const renewed = await refreshSession(target, settings, options);
    return { state: 'signed-in', expiresAt: renewed.expiresAt, cacheFile, refreshed: true };
  } catch (err) {
    const message = (err as Error).message;
    options.log?.(`Could not renew the ${describeTarget(target)}: ${message}`);
    return expires > now
      ? { state: 'signed-in', expiresAt: token.expiresAt, cacheFile, refreshed: false, refreshProblem: message }
      : {
          state: 'signed-out',
          reason: 'expired',
          expiresAt: token.expiresAt,
          cacheFile,
          message: `The sign-in to the ${describeTarget(target)} expired at ${token.expiresAt}, and could not be renewed: ${message}`,
        };
  }
}

/**
 * The access token of a signed-in session, for the access portal at the endpoint `settings` choose, or a problem that
 * says to sign in (also when that endpoint did not issue the token).
 */
export async function accessToken(target: SignInTarget, settings: SignInSettings, now = new Date()): Promise<string> {
  const read = await readCachedToken(tokenCacheFile(target));
  if (read.state === 'ok') {
    const misplaced = misplacedToken(read.value, settings, 'SSO', target);
    if (misplaced) throw new AwsProblemError({ kind: 'sso-expired', message: misplaced });
  }
  if (read.state === 'ok' && Date.parse(read.value.expiresAt) > now.getTime()) return read.value.accessToken;
  throw new AwsProblemError({
    kind: 'sso-expired',
    message: `Not signed in to the ${describeTarget(target)}${read.state === 'ok' ? ' (the sign-in expired)' : ''}. Sign in first.`,
  });
}
