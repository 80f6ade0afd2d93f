import { createHash, randomBytes, randomInt } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Signing in, emulated: IAM Identity Center OIDC (RegisterClient, StartDeviceAuthorization, CreateToken, the
 * authorize page of the browser flow) and the AWS access portal (ListAccounts, ListAccountRoles,
 * GetRoleCredentials), restJson1 as AWS answers them (docs/domain.md §5). Credentials from GetRoleCredentials are
 * remembered, so the sso-admin side of the emulator can check that a request was signed with them.
 *
 * A device code stays pending until it is approved — on the page at `verificationUriComplete`, or with
 * `POST /__emulator/oidc/approve {"userCode": "…"}` (add `"deny": true` to deny it).
 */
export interface OidcSwitches {
  /** Device codes and the browser flow's authorize page are approved at once, without a click. */
  oidcAutoApprove: boolean;
  /** The first CreateToken poll of each device code answers SlowDownException. */
  oidcSlowDownOnce: boolean;
  /** The polling interval StartDeviceAuthorization asks for, in seconds. */
  oidcInterval: number;
  /** How long a device code lives, in seconds. */
  oidcDeviceCodeSeconds: number;
  /** How long an access token lives, in seconds. */
  oidcTokenSeconds: number;
  /** How long a client registration lives, in seconds. */
  oidcClientSeconds: number;
}

export const DEFAULT_OIDC_SWITCHES: OidcSwitches = {
  oidcAutoApprove: false,
  oidcSlowDownOnce: false,
  oidcInterval: 1,
  oidcDeviceCodeSeconds: 600,
  oidcTokenSeconds: 3600,
  oidcClientSeconds: 90 * 86_400,
};

/** The accounts and roles the portal offers every signed-in user. The first owns the emulator's instance. */
export const PORTAL_ACCOUNTS = [
  {
    accountId: '123456789012',
    accountName: 'acme-management',
    emailAddress: 'aws-management@acme.example',
    roles: ['AdministratorAccess', 'ReadOnly'],
  },
  {
    accountId: '210987654321',
    accountName: 'acme-support',
    emailAddress: 'aws-support@acme.example',
    roles: ['SupportReadOnly'],
  },
  {
    accountId: '345678901234',
    accountName: 'acme-sandbox',
    emailAddress: 'aws-sandbox@acme.example',
    roles: ['PowerUserAccess', 'ReadOnly'],
  },
];

export interface OidcStats {
  /** CreateToken answers by kind: pending, slow-down, token, and errors by name. */
  createToken: Record<string, number>;
  /** Role credentials handed out by GetRoleCredentials, and requests to sso-admin or identitystore signed with them. */
  issuedCredentials: number;
  credentialsUsed: number;
}

import type { Json } from './seed';

interface Client {
  secret: string;
  expiresAt: number;
  scopes: string[];
  grantTypes: string[];
  redirectUris: string[];
}

interface DeviceCode {
  clientId: string;
  userCode: string;
  expiresAt: number;
  state: 'pending' | 'approved' | 'denied';
  polls: number;
  lastPoll?: number;
  interval: number;
}

interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  state: string;
  challenge: string;
}

class OidcError extends Error {
  constructor(
    readonly type: string,
    readonly error: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const ROUTES = new Set([
  '/client/register',
  '/device_authorization',
  '/token',
  '/authorize',
  '/authorize/decide',
  '/device',
  '/device/decide',
  '/assignment/accounts',
  '/assignment/roles',
  '/federation/credentials',
  '/logout',
]);

const token = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;
const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** The redirect URIs of the browser flow: loopback only, and the port may differ from the registered one. */
function sameLoopback(registered: string, used: string): boolean {
  try {
    const a = new URL(registered);
    const b = new URL(used);
    return (
      b.protocol === 'http:' &&
      (b.hostname === '127.0.0.1' || b.hostname === '[::1]') &&
      a.hostname === b.hostname &&
      a.pathname === b.pathname &&
      !b.search &&
      !b.hash
    );
  } catch {
    return false;
  }
}

export class OidcEmulator {
  private clients = new Map<string, Client>();
  private deviceCodes = new Map<string, DeviceCode>();
  private authorizeRequests = new Map<string, AuthorizeRequest>();
  private codes = new Map<string, AuthorizeRequest & { expiresAt: number }>();
  private accessTokens = new Map<string, { clientId: string; expiresAt: number }>();
  private refreshTokens = new Map<string, { clientId: string; scopes: string[] }>();
  private credentials = new Map<string, { sessionToken: string; expiresAt: number }>();
  stats: OidcStats = { createToken: {}, issuedCredentials: 0, credentialsUsed: 0 };

  constructor(
    private readonly switches: () => OidcSwitches & { pageSize: number },
    private readonly record: (operation: string) => void,
  ) {}

  /** Whether a request is for sign-in or the portal (restJson paths; sso-admin is POST / with X-Amz-Target). */
  handles(req: IncomingMessage): boolean {
    const path = (req.url ?? '').split('?')[0] ?? '';
    return ROUTES.has(path) || path.startsWith('/__emulator/oidc/');
  }

  handle(req: IncomingMessage, res: ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', 'http://emulator');
    try {
      switch (`${req.method} ${url.pathname}`) {
        case 'POST /client/register':
          return json(res, this.registerClient(parse(body)));
        case 'POST /device_authorization':
          return json(res, this.startDeviceAuthorization(parse(body), baseUrl(req)));
        case 'POST /token':
          return json(res, this.createToken(parse(body)));
        case 'GET /authorize':
          return this.authorize(url, res);
        case 'POST /authorize/decide':
          return this.decideAuthorize(new URLSearchParams(body), res);
        case 'GET /device':
          return this.devicePage(url.searchParams.get('user_code') ?? '', res);
        case 'POST /device/decide': {
          const form = new URLSearchParams(body);
          const ok = this.decideDevice(form.get('user_code') ?? '', form.get('decision') !== 'allow');
          return page(
            res,
            ok ? 200 : 404,
            ok ? 'Done' : 'Unknown code',
            ok ? 'You can close this tab.' : 'No such code.',
          );
        }
        case 'GET /assignment/accounts':
          return json(res, this.listAccounts(req, url));
        case 'GET /assignment/roles':
          return json(res, this.listAccountRoles(req, url));
        case 'GET /federation/credentials':
          return json(res, this.getRoleCredentials(req, url));
        case 'POST /logout':
          this.accessTokens.delete(this.bearer(req));
          res.writeHead(200).end();
          return;
        case 'POST /__emulator/oidc/approve': {
          const input = parse(body);
          const ok = this.decideDevice(String(input.userCode ?? ''), input.deny === true);
          return json(res, ok ? { approved: input.deny !== true } : { error: 'unknown user code' }, ok ? 200 : 404);
        }
        case 'POST /__emulator/oidc/revoke':
          this.accessTokens.clear();
          this.refreshTokens.clear();
          return json(res, { revoked: true });
        default:
          throw new OidcError(
            'InvalidRequestException',
            'invalid_request',
            `${req.method} ${url.pathname} is not supported`,
            404,
          );
      }
    } catch (err) {
      const e =
        err instanceof OidcError
          ? err
          : new OidcError('InternalServerException', 'server_error', (err as Error).message, 500);
      res.writeHead(e.status, { 'content-type': 'application/json', 'x-amzn-errortype': e.type });
      // OIDC errors carry `error` and `error_description`; the portal's carry `message`.
      res.end(JSON.stringify({ error: e.error, error_description: e.message, message: e.message }));
    }
  }

  /**
   * Checks credentials that sign an sso-admin or identitystore request: those handed out by GetRoleCredentials
   * (ASIAEMU…) must be known, unexpired and come with their session token; others are the test credentials.
   */
  credentialsProblem(accessKeyId: string, sessionToken: unknown): { type: string; message: string } | undefined {
    if (!accessKeyId.startsWith('ASIAEMU')) return undefined;
    const issued = this.credentials.get(accessKeyId);
    if (!issued || issued.sessionToken !== sessionToken)
      return { type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' };
    if (issued.expiresAt <= Date.now())
      return { type: 'ExpiredTokenException', message: 'The security token included in the request is expired' };
    this.stats.credentialsUsed++;
    return undefined;
  }

  private count(kind: string): void {
    this.stats.createToken[kind] = (this.stats.createToken[kind] ?? 0) + 1;
  }

  private client(input: Json): [string, Client] {
    const id = String(input.clientId ?? '');
    const client = this.clients.get(id);
    if (!client || client.secret !== input.clientSecret || client.expiresAt <= Date.now())
      throw new OidcError('InvalidClientException', 'invalid_client', 'Invalid client credentials', 401);
    return [id, client];
  }

  private registerClient(input: Json): Json {
    this.record('RegisterClient');
    if (typeof input.clientName !== 'string' || input.clientType !== 'public')
      throw new OidcError(
        'InvalidRequestException',
        'invalid_request',
        'clientName and clientType "public" are required',
      );
    const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    const grantTypes = strings(input.grantTypes);
    const redirectUris = strings(input.redirectUris);
    if (grantTypes.includes('authorization_code') && (redirectUris.length === 0 || !input.issuerUrl))
      throw new OidcError(
        'InvalidRequestException',
        'invalid_request',
        'The browser flow needs redirectUris and issuerUrl',
      );
    if (redirectUris.some((u) => !sameLoopback(u, u)))
      throw new OidcError(
        'InvalidRedirectUriException',
        'invalid_redirect_uri',
        'Only loopback redirect URIs are allowed',
      );
    const id = token('emu-client-');
    const secret = token('emu-secret-');
    const now = Date.now();
    const expiresAt = now + this.switches().oidcClientSeconds * 1000;
    this.clients.set(id, { secret, expiresAt, scopes: strings(input.scopes), grantTypes, redirectUris });
    return {
      clientId: id,
      clientSecret: secret,
      clientIdIssuedAt: Math.floor(now / 1000),
      clientSecretExpiresAt: Math.floor(expiresAt / 1000),
    };
  }

  private startDeviceAuthorization(input: Json, base: string): Json {
    this.record('StartDeviceAuthorization');
    const [clientId] = this.client(input);
    if (typeof input.startUrl !== 'string' || !input.startUrl)
      throw new OidcError('InvalidRequestException', 'invalid_request', 'startUrl is required');
    const letters = 'BCDFGHJKLMNPQRSTVWXZ';
    const pick = () => Array.from({ length: 4 }, () => letters[randomInt(letters.length)]).join('');
    const userCode = `${pick()}-${pick()}`;
    const deviceCode = token('emu-device-');
    const switches = this.switches();
    this.deviceCodes.set(deviceCode, {
      clientId,
      userCode,
      expiresAt: Date.now() + switches.oidcDeviceCodeSeconds * 1000,
      state: switches.oidcAutoApprove ? 'approved' : 'pending',
      polls: 0,
      interval: switches.oidcInterval,
    });
    return {
      deviceCode,
      userCode,
      verificationUri: `${base}/device`,
      verificationUriComplete: `${base}/device?user_code=${userCode}`,
      expiresIn: switches.oidcDeviceCodeSeconds,
      interval: switches.oidcInterval,
    };
  }

  private issue(clientId: string, scopes: string[]): Json {
    const accessToken = token('emu-access-');
    const expiresIn = this.switches().oidcTokenSeconds;
    this.accessTokens.set(accessToken, { clientId, expiresAt: Date.now() + expiresIn * 1000 });
    // As AWS does: a refresh token only for clients registered with scopes.
    const refreshToken = scopes.length ? token('emu-refresh-') : undefined;
    if (refreshToken) this.refreshTokens.set(refreshToken, { clientId, scopes });
    return { accessToken, tokenType: 'Bearer', expiresIn, ...(refreshToken ? { refreshToken } : {}) };
  }

  private createToken(input: Json): Json {
    this.record('CreateToken');
    try {
      const result = this.tokenFor(input);
      this.count('token');
      return result;
    } catch (err) {
      if (err instanceof OidcError) this.count(err.type);
      throw err;
    }
  }

  private tokenFor(input: Json): Json {
    const [clientId, client] = this.client(input);
    switch (input.grantType) {
      case 'urn:ietf:params:oauth:grant-type:device_code': {
        const code = this.deviceCodes.get(String(input.deviceCode ?? ''));
        if (!code || code.clientId !== clientId)
          throw new OidcError('InvalidGrantException', 'invalid_grant', 'Invalid device code');
        const now = Date.now();
        code.polls++;
        const early = code.lastPoll !== undefined && now - code.lastPoll < code.interval * 1000 - 100;
        code.lastPoll = now;
        if (code.expiresAt <= now) {
          this.deviceCodes.delete(String(input.deviceCode));
          throw new OidcError('ExpiredTokenException', 'expired_token', 'Device code has expired');
        }
        if (code.state === 'denied') throw new OidcError('AccessDeniedException', 'access_denied', 'Access denied');
        // RFC 8628 §3.5: polling faster than asked is answered with slow_down, and so (once) is the first poll.
        if ((this.switches().oidcSlowDownOnce && code.polls === 1) || early) {
          code.interval += 5;
          throw new OidcError('SlowDownException', 'slow_down', 'Client is polling too quickly');
        }
        if (code.state === 'pending')
          throw new OidcError('AuthorizationPendingException', 'authorization_pending', 'Authorization pending');
        this.deviceCodes.delete(String(input.deviceCode));
        return this.issue(clientId, client.scopes);
      }
      case 'authorization_code': {
        const code = this.codes.get(String(input.code ?? ''));
        this.codes.delete(String(input.code ?? ''));
        const verifier = String(input.codeVerifier ?? '');
        const challenge = createHash('sha256').update(verifier, 'ascii').digest('base64url');
        if (
          !code ||
          code.expiresAt <= Date.now() ||
          code.clientId !== clientId ||
          code.redirectUri !== input.redirectUri ||
          code.challenge !== challenge
        )
          throw new OidcError('InvalidGrantException', 'invalid_grant', 'Invalid authorization code or code verifier');
        return this.issue(clientId, client.scopes);
      }
      case 'refresh_token': {
        const refresh = this.refreshTokens.get(String(input.refreshToken ?? ''));
        if (!refresh || refresh.clientId !== clientId)
          throw new OidcError('InvalidGrantException', 'invalid_grant', 'Invalid refresh token');
        this.refreshTokens.delete(String(input.refreshToken));
        return this.issue(clientId, refresh.scopes);
      }
      default:
        throw new OidcError('UnsupportedGrantTypeException', 'unsupported_grant_type', 'Unsupported grant type');
    }
  }

  private authorize(url: URL, res: ServerResponse): void {
    this.record('Authorize');
    const q = url.searchParams;
    const client = this.clients.get(q.get('client_id') ?? '');
    const redirectUri = q.get('redirect_uri') ?? '';
    // Never redirect to an address the client did not register: answer with a page instead.
    if (!client || !client.grantTypes.includes('authorization_code'))
      return page(res, 400, 'Sign-in failed', 'Unknown client.');
    if (!client.redirectUris.some((r) => sameLoopback(r, redirectUri)))
      return page(res, 400, 'Sign-in failed', 'The redirect URI is not registered.');
    if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge'))
      return redirect(res, redirectUri, { error: 'invalid_request', state: q.get('state') ?? '' });
    const request: AuthorizeRequest = {
      clientId: q.get('client_id') as string,
      redirectUri,
      state: q.get('state') ?? '',
      challenge: q.get('code_challenge') as string,
    };
    if (this.switches().oidcAutoApprove) return this.approve(request, res);
    const id = token('emu-authz-');
    this.authorizeRequests.set(id, request);
    page(
      res,
      200,
      'Allow Frontline SSO to access your AWS accounts?',
      `<form method="post" action="authorize/decide"><input type="hidden" name="request" value="${escapeHtml(id)}">` +
        '<button name="decision" value="allow">Allow</button> <button name="decision" value="deny">Deny</button></form>',
    );
  }

  private approve(request: AuthorizeRequest, res: ServerResponse): void {
    const code = token('emu-code-');
    this.codes.set(code, { ...request, expiresAt: Date.now() + 300_000 });
    redirect(res, request.redirectUri, { code, state: request.state });
  }

  private decideAuthorize(form: URLSearchParams, res: ServerResponse): void {
    const id = form.get('request') ?? '';
    const request = this.authorizeRequests.get(id);
    this.authorizeRequests.delete(id);
    if (!request) return page(res, 404, 'Sign-in failed', 'This request is unknown or was already answered.');
    if (form.get('decision') === 'allow') return this.approve(request, res);
    redirect(res, request.redirectUri, { error: 'access_denied', state: request.state });
  }

  private devicePage(userCode: string, res: ServerResponse): void {
    const known = [...this.deviceCodes.values()].some((d) => d.userCode === userCode && d.state === 'pending');
    if (!known) return page(res, 404, 'Unknown code', 'This code is unknown, expired or already used.');
    page(
      res,
      200,
      `Confirm the code ${escapeHtml(userCode)}`,
      `<form method="post" action="device/decide"><input type="hidden" name="user_code" value="${escapeHtml(userCode)}">` +
        '<button name="decision" value="allow">Allow</button> <button name="decision" value="deny">Deny</button></form>',
    );
  }

  private decideDevice(userCode: string, deny: boolean): boolean {
    const code = [...this.deviceCodes.values()].find((d) => d.userCode === userCode && d.state === 'pending');
    if (!code) return false;
    code.state = deny ? 'denied' : 'approved';
    return true;
  }

  private bearer(req: IncomingMessage): string {
    return String(req.headers['x-amz-sso_bearer_token'] ?? '');
  }

  /** The portal's calls need a live access token. */
  private session(req: IncomingMessage): void {
    const session = this.accessTokens.get(this.bearer(req));
    if (!session || session.expiresAt <= Date.now())
      throw new OidcError('UnauthorizedException', 'unauthorized', 'Session token not found or invalid', 401);
  }

  private page<T>(items: T[], url: URL): { items: T[]; next?: string } {
    const max = Math.min(Number(url.searchParams.get('max_result') ?? 100) || 100, this.switches().pageSize);
    const start = Number(url.searchParams.get('next_token') ?? 0);
    if (!Number.isInteger(start) || start < 0 || start > items.length)
      throw new OidcError('InvalidRequestException', 'invalid_request', 'Invalid next_token');
    return {
      items: items.slice(start, start + max),
      next: start + max < items.length ? String(start + max) : undefined,
    };
  }

  private listAccounts(req: IncomingMessage, url: URL): Json {
    this.record('ListAccounts');
    this.session(req);
    const { items, next } = this.page(
      PORTAL_ACCOUNTS.map(({ roles: _r, ...a }) => a),
      url,
    );
    return { accountList: items, ...(next ? { nextToken: next } : {}) };
  }

  private account(url: URL) {
    const account = PORTAL_ACCOUNTS.find((a) => a.accountId === url.searchParams.get('account_id'));
    if (!account) throw new OidcError('ResourceNotFoundException', 'not_found', 'Account not found', 404);
    return account;
  }

  private listAccountRoles(req: IncomingMessage, url: URL): Json {
    this.record('ListAccountRoles');
    this.session(req);
    const account = this.account(url);
    const { items, next } = this.page(
      account.roles.map((roleName) => ({ roleName, accountId: account.accountId })),
      url,
    );
    return { roleList: items, ...(next ? { nextToken: next } : {}) };
  }

  private getRoleCredentials(req: IncomingMessage, url: URL): Json {
    this.record('GetRoleCredentials');
    this.session(req);
    const account = this.account(url);
    if (!account.roles.includes(url.searchParams.get('role_name') ?? ''))
      throw new OidcError('ForbiddenException', 'forbidden', 'No access', 403);
    const accessKeyId = `ASIAEMU${randomBytes(7).toString('hex').toUpperCase().slice(0, 13)}`;
    const sessionToken = token('emu-session-');
    const expiresAt = Date.now() + 3600_000;
    this.credentials.set(accessKeyId, { sessionToken, expiresAt });
    this.stats.issuedCredentials++;
    return {
      roleCredentials: {
        accessKeyId,
        secretAccessKey: token(''),
        sessionToken,
        expiration: expiresAt,
      },
    };
  }
}

function parse(body: string): Json {
  let value: unknown;
  try {
    value = body.trim() ? JSON.parse(body) : {};
  } catch {
    throw new OidcError('InvalidRequestException', 'invalid_request', 'The request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new OidcError('InvalidRequestException', 'invalid_request', 'The request body must be a JSON object');
  return value as Json;
}

/** This emulator's own address, as the client reached it (for verificationUri). */
function baseUrl(req: IncomingMessage): string {
  const host = String(req.headers.host ?? '');
  return `http://${/^[\w.-]+(:\d+)?$/.test(host) ? host : '127.0.0.1'}`;
}

function json(res: ServerResponse, value: Json, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

/**
 * An HTML page of the emulator. Its forms and links are relative: in `npm start` the browser reaches the emulator
 * through code-server's port proxy (`/proxy/<port>/device?user_code=…`), and an absolute `/device/decide` would leave
 * the proxy for code-server's own root.
 */
function page(res: ServerResponse, status: number, title: string, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
      `<body><h1>${escapeHtml(title)}</h1><p>IAM Identity Center emulator</p>${html}</body></html>`,
  );
}

function redirect(res: ServerResponse, to: string, params: Record<string, string>): void {
  const url = new URL(to);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  res.writeHead(302, { location: url.toString(), 'cache-control': 'no-store' });
  res.end();
}
