import { getSSOTokenFilepath } from '@smithy/shared-ini-file-loader';
import { writeFileAtomic } from '../../io/atomicWrite';
import { readFileBounded } from '../../io/files';

/**
 * The token cache the AWS CLI and SDKs share (docs/domain.md §5): `~/.aws/sso/cache/<sha1 hex>.json`, named after
 * the sso-session (or, for a legacy profile without one, the start URL). The folder is the SDK's own
 * (`getSSOTokenFilepath`: HOME, then USERPROFILE, then HOMEDRIVE+HOMEPATH), so a test with another HOME and the AWS
 * CLI see the same file.
 */

/** What the extension signs in to: an sso-session, or the start URL of a legacy profile. */
export interface SignInTarget {
  /** The `[sso-session NAME]`; undefined for a legacy profile (sso_start_url in the profile itself). */
  sessionName?: string;
  startUrl: string;
  /** The Region of IAM Identity Center (`sso_region`). */
  region: string;
  /** `sso_registration_scopes`; empty for legacy profiles, which get no refresh token. */
  scopes: string[];
}

/** The cached token, with the AWS CLI's field names. */
export interface CachedToken {
  startUrl?: string;
  region?: string;
  accessToken: string;
  /** ISO-8601 UTC. */
  expiresAt: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
  refreshToken?: string;
  /**
   * The endpoint that issued the token when it was not AWS's own (written by this tool only; the AWS CLI ignores it,
   * and drops it when it renews the token, which then counts as AWS's own). Its secrets go nowhere else
   * (endpoints.ts, tokenEndpointProblem).
   */
  issuingEndpoint?: string;
}

/** A client registration, kept apart from the token so that each flow reuses its own until it expires. */
export interface CachedRegistration {
  clientId: string;
  clientSecret: string;
  /** ISO-8601 UTC. */
  registrationExpiresAt: string;
  scopes: string[];
  flow: 'browser' | 'device';
}

export type CacheRead<T> = { state: 'missing' } | { state: 'unreadable'; message: string } | { state: 'ok'; value: T };

/** Cache files are a few hundred bytes; anything near this is not one. */
const MAX_CACHE_FILE_BYTES = 64 * 1024;

/** How a target is named in messages and the log. */
export const describeTarget = (t: Pick<SignInTarget, 'sessionName' | 'startUrl'>) =>
  t.sessionName ? `sso-session ${t.sessionName}` : `start URL ${t.startUrl} (legacy profile)`;

/** The name the cache file is derived from: the sso-session name, or the start URL of a legacy profile. */
export function tokenCacheKey(target: Pick<SignInTarget, 'sessionName' | 'startUrl'>): string {
  return target.sessionName ?? target.startUrl;
}

/** `~/.aws/sso/cache/<sha1 hex of the key>.json`, as the AWS CLI and SDKs name it. */
export function tokenCacheFile(target: Pick<SignInTarget, 'sessionName' | 'startUrl'>): string {
  return getSSOTokenFilepath(tokenCacheKey(target));
}

/**
 * The registration of one flow for one session at one endpoint (undefined: AWS's own); the key names this tool so the
 * AWS CLI's files are never touched. The endpoint is part of the key so that a client secret issued by one endpoint
 * is never sent to another.
 */
export function registrationCacheFile(
  target: SignInTarget,
  flow: 'browser' | 'device',
  endpoint: string | undefined,
): string {
  return getSSOTokenFilepath(
    JSON.stringify({
      tool: 'frontline-sso',
      flow,
      endpoint: endpoint ?? null,
      sessionName: target.sessionName ?? null,
      startUrl: target.startUrl,
      region: target.region,
      scopes: target.scopes,
    }),
  );
}

/** ISO-8601 UTC without milliseconds, as the AWS CLI writes times. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const isString = (v: unknown): v is string => typeof v === 'string';
const validDate = (v: unknown) => isString(v) && !Number.isNaN(Date.parse(v));

async function readJsonObject(path: string): Promise<CacheRead<Record<string, unknown>>> {
  const read = await readFileBounded(path, { maxBytes: MAX_CACHE_FILE_BYTES });
  if (!read.ok) {
    return read.problem === 'missing'
      ? { state: 'missing' }
      : { state: 'unreadable', message: `${path} cannot be read: ${read.message}` };
  }
  let value: unknown;
  try {
    value = JSON.parse(read.bytes.toString('utf8'));
  } catch {
    return { state: 'unreadable', message: `${path} is not JSON` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { state: 'unreadable', message: `${path} does not hold a JSON object` };
  return { state: 'ok', value: value as Record<string, unknown> };
}

/** Reads a token file (ours or the AWS CLI's); the fields the SDK needs are checked. */
export async function readCachedToken(path: string): Promise<CacheRead<CachedToken>> {
  const read = await readJsonObject(path);
  if (read.state !== 'ok') return read;
  const o = read.value;
  if (!isString(o.accessToken) || !o.accessToken) return { state: 'unreadable', message: `${path} has no accessToken` };
  if (!validDate(o.expiresAt)) return { state: 'unreadable', message: `${path} has no valid expiresAt` };
  const optional = (key: string) => (isString(o[key]) && o[key] ? (o[key] as string) : undefined);
  return {
    state: 'ok',
    value: {
      startUrl: optional('startUrl'),
      region: optional('region'),
      accessToken: o.accessToken,
      expiresAt: o.expiresAt as string,
      clientId: optional('clientId'),
      clientSecret: optional('clientSecret'),
      registrationExpiresAt: validDate(o.registrationExpiresAt) ? (o.registrationExpiresAt as string) : undefined,
      refreshToken: optional('refreshToken'),
      issuingEndpoint: optional('issuingEndpoint'),
    },
  };
}

/** Writes a token file atomically with mode 0600, in the AWS CLI's field order; absent fields are left out. */
export async function writeCachedToken(path: string, token: CachedToken): Promise<void> {
  const ordered: CachedToken = {
    startUrl: token.startUrl,
    region: token.region,
    accessToken: token.accessToken,
    expiresAt: token.expiresAt,
    clientId: token.clientId,
    clientSecret: token.clientSecret,
    registrationExpiresAt: token.registrationExpiresAt,
    refreshToken: token.refreshToken,
    issuingEndpoint: token.issuingEndpoint,
  };
  await writeFileAtomic(path, JSON.stringify(ordered, null, 2) + '\n', { mode: 0o600, dirMode: 0o700 });
}

export async function readRegistration(path: string): Promise<CachedRegistration | undefined> {
  const read = await readJsonObject(path);
  if (read.state !== 'ok') return undefined;
  const o = read.value;
  if (!isString(o.clientId) || !isString(o.clientSecret) || !validDate(o.registrationExpiresAt)) return undefined;
  if (o.flow !== 'browser' && o.flow !== 'device') return undefined;
  return {
    clientId: o.clientId,
    clientSecret: o.clientSecret,
    registrationExpiresAt: o.registrationExpiresAt as string,
    scopes: Array.isArray(o.scopes) ? o.scopes.filter(isString) : [],
    flow: o.flow,
  };
}

export async function writeRegistration(path: string, registration: CachedRegistration): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(registration, null, 2) + '\n', { mode: 0o600, dirMode: 0o700 });
}
