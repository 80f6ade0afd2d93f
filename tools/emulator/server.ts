import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { DEFAULT_METADATA_SWITCHES, MetadataSwitches, isMetadataRequest, serveMetadata } from './metadata';
import { DEFAULT_OIDC_SWITCHES, OidcEmulator, OidcSwitches } from './oidc';
import { Json, Seed, loadSeed, withGeneratedDirectory } from './seed';
import { isSignInRequest, serveSignIn } from './samlResponse';

export interface Switches extends Partial<MetadataSwitches>, Partial<OidcSwitches> {
  /** Delay before every answer, in ms. */
  latencyMs: number;
  /** Largest page the service returns, whatever MaxResults asks (AWS may return fewer than asked). */
  pageSize: number;
  /** The next N requests fail with ThrottlingException. */
  throttleNext: number;
  /** Every request fails with ExpiredTokenException. */
  expiredToken: boolean;
  /** Operations that fail with AccessDeniedException. */
  accessDenied: string[];
}

export interface Stats {
  requests: number;
  byOperation: Record<string, number>;
  /** Most requests that arrived within any one-second window. */
  peakRequestsPerSecond: number;
  maxInFlight: number;
  rejectedSignatures: number;
}

/**
 * The environment an SDK client needs to talk to the emulator: any credentials sign requests it accepts, and the
 * SDK's Node-version notice is kept out of test output.
 */
export const EMULATOR_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIDEMULATOR',
  AWS_SECRET_ACCESS_KEY: 'emulator-secret',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
} as const;

export const DEFAULT_SWITCHES: Switches = {
  latencyMs: 0,
  pageSize: 7,
  throttleNext: 0,
  expiredToken: false,
  accessDenied: [],
  ...DEFAULT_METADATA_SWITCHES,
  ...DEFAULT_OIDC_SWITCHES,
};

class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const SCOPE =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/**
 * A local IAM Identity Center emulator: awsJson1_1 over HTTP, `X-Amz-Target: SWBExternalService.<op>` and
 * `AWSIdentityStore.<op>`, SigV4 Authorization scope checked, AWS-shaped errors, pages smaller than MaxResults,
 * and switches for latency, throttling bursts, expired tokens and access denied. Its directory (fixture.json) has
 * what the readiness check looks for: users without email, with several emails and none primary, with the same
 * email, with an address that is not one, an empty group, and a user assigned directly and through a group; a
 * large directory can be generated (withGeneratedDirectory, `--users`/`--groups`, POST /__emulator/directory).
 */
export class IdentityCenterEmulator {
  switches: Switches = { ...DEFAULT_SWITCHES };
  private server: Server | undefined;
  private arrivals: number[] = [];
  private inFlight = 0;
  stats: Stats = { requests: 0, byOperation: {}, peakRequestsPerSecond: 0, maxInFlight: 0, rejectedSignatures: 0 };
  /** Sign-in (OIDC) and the access portal: tools/emulator/oidc.ts. */
  readonly oidc = new OidcEmulator(
    () => ({ ...DEFAULT_OIDC_SWITCHES, ...this.switches }),
    (operation) => this.record(operation),
  );

  /** The seed before any directory was generated through /__emulator/directory. */
  private readonly baseSeed: Seed;

  constructor(
    private seed: Seed = loadSeed(),
    switches: Partial<Switches> = {},
  ) {
    this.baseSeed = seed;
    Object.assign(this.switches, switches);
  }

  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject);
      this.server?.listen(port, host, resolve);
    });
    const address = this.server.address() as AddressInfo;
    return `http://${host}:${address.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  resetStats(): void {
    this.stats = { requests: 0, byOperation: {}, peakRequestsPerSecond: 0, maxInFlight: 0, rejectedSignatures: 0 };
    this.arrivals = [];
  }

  private record(operation: string): void {
    const now = performance.now();
    this.stats.requests++;
    this.stats.byOperation[operation] = (this.stats.byOperation[operation] ?? 0) + 1;
    this.arrivals.push(now);
    while (this.arrivals.length > 0 && now - (this.arrivals[0] as number) >= 1000) this.arrivals.shift();
    this.stats.peakRequestsPerSecond = Math.max(this.stats.peakRequestsPerSecond, this.arrivals.length);
  }

  /** Every request ends in an answer: a malformed or oversized body is an AWS-shaped error, never a crash. */
  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: string;
    try {
      body = await readRequestBody(req);
    } catch (err) {
      return answerError(
        res,
        err instanceof ServiceError ? err : new ServiceError('SerializationException', 'Unreadable request body'),
      );
    }
    if (this.oidc.handles(req)) return this.oidc.handle(req, res, body);
    if (req.url?.startsWith('/__emulator/')) return this.control(req, res, body);
    if (isSignInRequest(req)) {
      this.record('SamlSignIn');
      return serveSignIn(req, res, this.seed, new Date());
    }
    if (isMetadataRequest(req)) {
      this.record('GetSamlMetadata');
      return serveMetadata(req, res, this.seed, this.switches);
    }
    this.inFlight++;
    this.stats.maxInFlight = Math.max(this.stats.maxInFlight, this.inFlight);
    const target = String(req.headers['x-amz-target'] ?? '');
    const [prefix, operation = ''] = target.split('.');
    try {
      this.record(operation || target);
      if (this.switches.latencyMs > 0) await new Promise((r) => setTimeout(r, this.switches.latencyMs));
      const service =
        prefix === 'SWBExternalService' ? 'sso' : prefix === 'AWSIdentityStore' ? 'identitystore' : undefined;
      if (!service) throw new ServiceError('UnknownOperationException', `Unknown target ${target}`);
      this.checkSignature(req, service);
      if (this.switches.expiredToken)
        throw new ServiceError('ExpiredTokenException', 'The security token included in the request is expired', 403);
      if (this.switches.throttleNext > 0) {
        this.switches.throttleNext--;
        throw new ServiceError('ThrottlingException', 'Rate exceeded');
      }
      if (this.switches.accessDenied.includes(operation)) {
        throw new ServiceError(
          'AccessDeniedException',
          `User: arn:aws:sts::123456789012:assumed-role/ReadOnly/dev is not authorized to perform: ${service}:${operation}`,
        );
      }
      const output = this.operation(service, operation, parseJsonObject(body));
      res.writeHead(200, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-requestid': `emu-${this.stats.requests}`,
      });
      res.end(JSON.stringify(output));
    } catch (err) {
      answerError(
        res,
        err instanceof ServiceError ? err : new ServiceError('InternalServerException', (err as Error).message, 500),
        `emu-${this.stats.requests}`,
      );
    } finally {
      this.inFlight--;
    }
  }

  private checkSignature(req: IncomingMessage, service: string): void {
    const auth = String(req.headers.authorization ?? '');
    const m = SCOPE.exec(auth);
    const reject = (message: string) => {
      this.stats.rejectedSignatures++;
      throw new ServiceError(auth ? 'InvalidSignatureException' : 'MissingAuthenticationTokenException', message, 403);
    };
    if (!m) return reject('Missing or malformed SigV4 Authorization header');
    if (m[4] !== service) return reject(`Credential should be scoped to correct service: '${service}'.`);
    if (m[3] !== this.seed.region) return reject(`Credential should be scoped to a valid region, not '${m[3]}'.`);
    if (!req.headers['x-amz-date'] || !String(m[5]).split(';').includes('x-amz-target'))
      return reject('X-Amz-Date and X-Amz-Target must be signed');
    const refused = this.oidc.credentialsProblem(m[1] as string, req.headers['x-amz-security-token']);
    if (refused) {
      this.stats.rejectedSignatures++;
      throw new ServiceError(refused.type, refused.message, 403);
    }
  }

  private page<T>(items: T[], input: Json, key: string): Json {
    const max = Math.min(Number(input.MaxResults ?? 100), this.switches.pageSize);
    const start = input.NextToken ? Number(Buffer.from(String(input.NextToken), 'base64').toString()) : 0;
    if (!Number.isInteger(start) || start < 0 || start > items.length)
      throw new ServiceError('ValidationException', 'Invalid NextToken');
    const slice = items.slice(start, start + max);
    const next = start + max < items.length ? Buffer.from(String(start + max)).toString('base64') : undefined;
    return { [key]: slice, ...(next ? { NextToken: next } : {}) };
  }

  private application(arn: unknown): Json {
    const app = this.seed.applications.find((a) => a.ApplicationArn === arn);
    if (!app) throw new ServiceError('ResourceNotFoundException', `Application ${String(arn)} not found`);
    return app;
  }

  private operation(service: string, op: string, input: Json): Json {
    const strip = ({ AssignmentRequired: _a, Tags: _t, ...rest }: Json) => rest;
    if (service === 'sso') {
      switch (op) {
        case 'ListInstances':
          return this.page(this.seed.instances, input, 'Instances');
        case 'DescribeInstance': {
          const i = this.seed.instances.find((x) => x.InstanceArn === input.InstanceArn);
          if (!i) throw new ServiceError('ResourceNotFoundException', 'Instance not found');
          return i;
        }
        case 'ListApplicationProviders':
          return this.page(this.seed.applicationProviders, input, 'ApplicationProviders');
        case 'ListApplications': {
          if (!input.InstanceArn) throw new ServiceError('ValidationException', 'InstanceArn is required');
          const filter = (input.Filter ?? {}) as Json;
          const apps = this.seed.applications
            .filter(
              (a) =>
                a.InstanceArn === input.InstanceArn &&
                (!filter.ApplicationAccount || a.ApplicationAccount === filter.ApplicationAccount) &&
                (!filter.ApplicationProvider || a.ApplicationProviderArn === filter.ApplicationProvider),
            )
            .map(strip);
          return this.page(apps, input, 'Applications');
        }
        case 'DescribeApplication':
          return strip(this.application(input.ApplicationArn));
        case 'GetApplicationAssignmentConfiguration':
          return { AssignmentRequired: this.application(input.ApplicationArn).AssignmentRequired ?? true };
        case 'ListApplicationAssignments': {
          this.application(input.ApplicationArn);
          const list = (this.seed.assignments[String(input.ApplicationArn)] ?? []).map((a) => ({
            ApplicationArn: input.ApplicationArn,
            ...a,
          }));
          return this.page(list, input, 'ApplicationAssignments');
        }
        case 'ListTagsForResource':
          return this.page((this.application(input.ResourceArn).Tags ?? []) as Json[], input, 'Tags');
      }
    } else {
      switch (op) {
        case 'DescribeUser': {
          const u = this.seed.users.find(
            (x) => x.IdentityStoreId === input.IdentityStoreId && x.UserId === input.UserId,
          );
          if (!u) throw new ServiceError('ResourceNotFoundException', `User ${String(input.UserId)} not found`);
          return u;
        }
        case 'DescribeGroup': {
          const g = this.seed.groups.find(
            (x) => x.IdentityStoreId === input.IdentityStoreId && x.GroupId === input.GroupId,
          );
          if (!g) throw new ServiceError('ResourceNotFoundException', `Group ${String(input.GroupId)} not found`);
          return g;
        }
        case 'ListUsers':
          return this.page(
            this.seed.users.filter((u) => u.IdentityStoreId === input.IdentityStoreId),
            input,
            'Users',
          );
        case 'ListGroups':
          return this.page(
            this.seed.groups.filter((g) => g.IdentityStoreId === input.IdentityStoreId),
            input,
            'Groups',
          );
        case 'ListGroupMemberships': {
          if (!this.seed.groups.some((g) => g.IdentityStoreId === input.IdentityStoreId && g.GroupId === input.GroupId))
            throw new ServiceError('ResourceNotFoundException', `Group ${String(input.GroupId)} not found`);
          return this.page(
            this.seed.groupMemberships.filter((m) => m.GroupId === input.GroupId),
            input,
            'GroupMemberships',
          );
        }
      }
    }
    throw new ServiceError('UnknownOperationException', `${op} is not supported by the emulator`);
  }

  private control(req: IncomingMessage, res: ServerResponse, body: string): void {
    try {
      if (req.url === '/__emulator/config' && req.method === 'POST') {
        this.switches = { ...this.switches, ...parseSwitches(parseJsonObject(body)) };
      } else if (req.url === '/__emulator/reset' && req.method === 'POST') {
        this.resetStats();
      } else if (req.url === '/__emulator/directory' && req.method === 'POST') {
        const { users, groups } = parseJsonObject(body);
        const count = (v: unknown, max: number) =>
          typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max ? v : undefined;
        const u = count(users, 100_000);
        const g = count(groups, 1000);
        if (u === undefined || g === undefined)
          throw new ServiceError('ValidationException', 'Give {"users": 0–100000, "groups": 0–1000}');
        this.seed = withGeneratedDirectory(this.baseSeed, u, g);
      }
    } catch (err) {
      return answerError(res, err as ServiceError);
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ switches: this.switches, stats: this.stats }));
  }
}

/** Largest request body the emulator reads (real requests are a few hundred bytes). */
const MAX_REQUEST_BYTES = 1024 * 1024;

async function readRequestBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES)
      throw new ServiceError('SerializationException', 'The request body is too large', 413);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A request body as AWS reads it: empty is `{}`, anything but a JSON object is a SerializationException. */
function parseJsonObject(body: string): Json {
  if (!body.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new ServiceError('SerializationException', 'The request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ServiceError('SerializationException', 'The request body must be a JSON object');
  return value as Json;
}

/** Checks the switches sent to /__emulator/config: known names, right types. */
function parseSwitches(input: Json): Partial<Switches> {
  const out: Partial<Switches> = {};
  for (const [key, value] of Object.entries(input)) {
    const expected = typeof DEFAULT_SWITCHES[key as keyof Switches];
    if (!(key in DEFAULT_SWITCHES)) throw new ServiceError('ValidationException', `Unknown switch ${key.slice(0, 40)}`);
    const ok =
      key === 'accessDenied'
        ? Array.isArray(value) && value.every((v) => typeof v === 'string')
        : expected === 'number'
          ? typeof value === 'number' && Number.isFinite(value) && value >= 0
          : typeof value === expected;
    if (!ok)
      throw new ServiceError(
        'ValidationException',
        `Switch ${key} must be ${key === 'accessDenied' ? 'a list of operation names' : `a ${expected}`}`,
      );
    (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

function answerError(res: ServerResponse, e: ServiceError, requestId = 'emu-error'): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(e.status, {
    'content-type': 'application/x-amz-json-1.1',
    'x-amzn-errortype': e.type,
    'x-amzn-requestid': requestId,
  });
  res.end(JSON.stringify({ __type: e.type, message: e.message }));
}
