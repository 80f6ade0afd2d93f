import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import { ResponseShapeError, optionalNumber, optionalString, requiredString } from '../responses';
import { GuardedClient, clientConfig } from './client';
import { SignInSettings, resolveCall } from './endpoints';
import { PollAnswer } from './polling';

/** IAM Identity Center OIDC (docs/domain.md §5): client registration, device authorization, tokens. */

export const CLIENT_NAME = 'Frontline SSO';
export const DEFAULT_SCOPES = ['sso:account:access'];

export interface Registration {
  clientId: string;
  clientSecret: string;
  expiresAt: Date;
}

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete?: string;
  expiresIn: number;
  interval?: number;
}

export interface TokenAnswer {
  accessToken: string;
  expiresIn: number;
  refreshToken?: string;
}

type Json = Record<string, unknown>;

/** A page the browser is sent to must be a web address, not `javascript:` or a file. */
function webUrl(o: Json, key: string): string {
  const value = requiredString(o, key, '');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ResponseShapeError(key, 'is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ResponseShapeError(key, 'is not an http(s) URL');
  return value;
}

function positive(o: Json, key: string): number | undefined {
  const v = optionalNumber(o, key, '');
  if (v !== undefined && v <= 0) throw new ResponseShapeError(key, 'is not a positive number');
  return v;
}

function readToken(out: Json): TokenAnswer {
  const expiresIn = positive(out, 'expiresIn');
  if (expiresIn === undefined) throw new ResponseShapeError('expiresIn', 'is missing');
  return {
    accessToken: requiredString(out, 'accessToken', ''),
    expiresIn,
    refreshToken: optionalString(out, 'refreshToken', '') || undefined,
  };
}

export class OidcClient {
  private readonly sdk: GuardedClient<SSOOIDCClient>;
  readonly endpoint: string | undefined;

  constructor(
    readonly region: string,
    settings: SignInSettings,
  ) {
    const call = resolveCall(settings, 'SSO_OIDC', region);
    this.endpoint = call.endpoint;
    this.sdk = new GuardedClient(new SSOOIDCClient(clientConfig(call, region)), call);
  }

  dispose(): void {
    this.sdk.dispose();
  }

  /** The base of the authorize page: the endpoint in use, or AWS's own for the Region (as the SDK resolves it). */
  authorizeBase(): string {
    if (this.endpoint) return this.endpoint.replace(/\/+$/, '');
    const resolved = this.sdk.client.config.endpointProvider({
      Region: this.region,
      UseFIPS: false,
      UseDualStack: false,
    });
    return resolved.url.toString().replace(/\/+$/, '');
  }

  /** The authorize page for the browser flow (docs/domain.md §5). */
  authorizeUrl(p: {
    clientId: string;
    redirectUri: string;
    state: string;
    challenge: string;
    scopes: string[];
  }): string {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: p.clientId,
      redirect_uri: p.redirectUri,
      state: p.state,
      code_challenge_method: 'S256',
      scopes: p.scopes.join(','),
      code_challenge: p.challenge,
    });
    return `${this.authorizeBase()}/authorize?${query.toString()}`;
  }

  registerClient(
    input: { scopes: string[]; browser?: { redirectUri: string; issuerUrl: string } },
    signal?: AbortSignal,
  ): Promise<Registration> {
    return this.sdk.send(
      'RegisterClient',
      new RegisterClientCommand({
        clientName: CLIENT_NAME,
        clientType: 'public',
        ...(input.scopes.length ? { scopes: input.scopes } : {}),
        ...(input.browser
          ? {
              grantTypes: ['authorization_code', 'refresh_token'],
              redirectUris: [input.browser.redirectUri],
              issuerUrl: input.browser.issuerUrl,
            }
          : {}),
      }),
      signal,
      (out) => {
        const expires = optionalNumber(out, 'clientSecretExpiresAt', '');
        return {
          clientId: requiredString(out, 'clientId', ''),
          clientSecret: requiredString(out, 'clientSecret', ''),
          // Seconds since the epoch; a registration without one is treated as lasting a day.
          expiresAt: new Date(expires !== undefined ? expires * 1000 : Date.now() + 86_400_000),
        };
      },
    );
  }

  startDeviceAuthorization(
    registration: Registration,
    startUrl: string,
    signal?: AbortSignal,
  ): Promise<DeviceAuthorization> {
    return this.sdk.send(
      'StartDeviceAuthorization',
      new StartDeviceAuthorizationCommand({
        clientId: registration.clientId,
        clientSecret: registration.clientSecret,
        startUrl,
      }),
      signal,
      (out) => {
        const expiresIn = positive(out, 'expiresIn');
        if (expiresIn === undefined) throw new ResponseShapeError('expiresIn', 'is missing');
        return {
          deviceCode: requiredString(out, 'deviceCode', ''),
          userCode: requiredString(out, 'userCode', ''),
          verificationUri: webUrl(out, 'verificationUri'),
          verificationUriComplete: out.verificationUriComplete ? webUrl(out, 'verificationUriComplete') : undefined,
          expiresIn,
          interval: positive(out, 'interval'),
        };
      },
    );
  }

  /** One poll of the device flow: a token, or "not yet" / "slow down"; anything else is a problem to report. */
  async pollDeviceToken(
    registration: Registration,
    deviceCode: string,
    signal?: AbortSignal,
  ): Promise<PollAnswer<TokenAnswer>> {
    try {
      const out = await this.sdk.raw(
        new CreateTokenCommand({
          clientId: registration.clientId,
          clientSecret: registration.clientSecret,
          grantType: 'urn:ietf:params:oauth:grant-type:device_code',
          deviceCode,
        }),
        signal,
      );
      return { kind: 'token', token: readToken(out) };
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name === 'AuthorizationPendingException') return { kind: 'pending' };
      if (name === 'SlowDownException') return { kind: 'slow-down' };
      throw this.sdk.problem(err, 'CreateToken');
    }
  }

  exchangeCode(
    registration: Registration,
    input: { code: string; codeVerifier: string; redirectUri: string },
    signal?: AbortSignal,
  ): Promise<TokenAnswer> {
    return this.sdk.send(
      'CreateToken',
      new CreateTokenCommand({
        clientId: registration.clientId,
        clientSecret: registration.clientSecret,
        grantType: 'authorization_code',
        code: input.code,
        codeVerifier: input.codeVerifier,
        redirectUri: input.redirectUri,
      }),
      signal,
      readToken,
    );
  }

  refresh(
    registration: Pick<Registration, 'clientId' | 'clientSecret'>,
    refreshToken: string,
    signal?: AbortSignal,
  ): Promise<TokenAnswer> {
    return this.sdk.send(
      'CreateToken (refresh)',
      new CreateTokenCommand({
        clientId: registration.clientId,
        clientSecret: registration.clientSecret,
        grantType: 'refresh_token',
        refreshToken,
      }),
      signal,
      readToken,
    );
  }
}
