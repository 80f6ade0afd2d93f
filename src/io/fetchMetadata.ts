import { ClientRequest, IncomingHttpHeaders, IncomingMessage, RequestOptions, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Socket } from 'node:net';
import { LiveOutcome, MAX_LIVE_METADATA_BYTES, metadataUrlProblem } from '../core/drift/drift';
import { isInputError } from '../core/common/findings';
import { IdpMetadata } from '../core/values/idpMetadata';
import { describeSize } from '../core/common/text';

/**
 * A bounded HTTP GET for IAM Identity Center's public SAML metadata (docs/domain.md §3, "Live metadata"). The page is
 * public, so the request carries no AWS credentials. Everything about the answer is bounded: where it may come from
 * (allowed hosts only, redirects only on the same origin), how long it may take (connect, idle and total
 * timeouts) and how large it may be (checked against Content-Length and again while reading). Every failure is a
 * result with a reason; nothing here throws.
 */

export interface MetadataFetchOptions {
  /** The URL was given explicitly by the user, so a loopback `http://127.0.0.1:<port>` address may be fetched. */
  allowLoopback?: boolean;
  /** Until the connection (and TLS) is up. */
  connectTimeoutMs?: number;
  /** Longest silence while waiting for the answer or between two parts of it. */
  readTimeoutMs?: number;
  /** The whole request, redirects included: a server that drips bytes cannot hold the check for long. */
  totalTimeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Remembers bodies with their ETag / Last-Modified, so that an unchanged document costs a 304. */
  cache?: MetadataCache;
  signal?: AbortSignal;
  /** The socket to use instead of a new connection (Node's http option; the tests use it to stall a connection). */
  createConnection?: RequestOptions['createConnection'];
}

export type FetchProblem =
  'not-allowed' | 'unreachable' | 'timeout' | 'http-status' | 'redirect' | 'too-large' | 'not-metadata' | 'cancelled';

export type MetadataFetch =
  | { ok: true; url: string; body: Buffer; status: number; fromCache: boolean; fetchedAt: Date }
  | { ok: false; url: string; problem: FetchProblem; message: string; status?: number };

interface CachedMetadata {
  body: Buffer;
  etag?: string;
  lastModified?: string;
}

/** Bodies and validators per URL (at most `limit` URLs; the oldest goes first). */
export class MetadataCache {
  private readonly entries = new Map<string, CachedMetadata>();
  constructor(private readonly limit = 50) {}

  get(url: string): CachedMetadata | undefined {
    return this.entries.get(url);
  }

  set(url: string, entry: CachedMetadata): void {
    this.entries.delete(url);
    this.entries.set(url, entry);
    while (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
  }
}

const DEFAULTS = {
  connectTimeoutMs: 5_000,
  readTimeoutMs: 10_000,
  totalTimeoutMs: 20_000,
  maxBytes: MAX_LIVE_METADATA_BYTES,
  maxRedirects: 3,
};

type Hop =
  | { kind: 'answer'; status: number; statusText: string; headers: IncomingHttpHeaders; body: Buffer }
  | { kind: 'failure'; problem: FetchProblem; message: string; status?: number };

const seconds = (ms: number) => `${ms / 1000} s`;

/** Fetches the metadata document at `url` within the bounds. */
export async function fetchMetadata(url: string, options: MetadataFetchOptions = {}): Promise<MetadataFetch> {
  const o = { ...DEFAULTS, ...options };
  const problem = metadataUrlProblem(url, o.allowLoopback === true);
  if (problem) return { ok: false, url, problem: 'not-allowed', message: problem };
  const deadline = Date.now() + o.totalTimeoutMs;
  const cached = o.cache?.get(url);
  let current = new URL(url);
  for (let redirects = 0; ; redirects++) {
    const headers: Record<string, string> = {
      accept: 'application/samlmetadata+xml, application/xml;q=0.9, text/xml;q=0.8',
      // The size cap applies to the bytes as they arrive, so they must not be compressed.
      'accept-encoding': 'identity',
      'user-agent': 'frontline-sso (live metadata check)',
    };
    if (cached?.etag) headers['if-none-match'] = cached.etag;
    if (cached?.lastModified) headers['if-modified-since'] = cached.lastModified;
    const hop = await getOnce(current, headers, o, deadline);
    if (hop.kind === 'failure') return fail(url, hop.problem, hop.message, hop.status);
    const { status } = hop;
    if (status === 304 && cached) {
      return { ok: true, url, body: cached.body, status, fromCache: true, fetchedAt: new Date() };
    }
    if (status >= 300 && status < 400 && status !== 304) {
      const location = hop.headers.location;
      let next: URL | undefined;
      try {
        next = location ? new URL(location, current) : undefined;
      } catch {
        next = undefined;
      }
      if (!next) {
        return fail(
          url,
          'http-status',
          `${current.host} answered ${status} (a redirect without a valid address)`,
          status,
        );
      }
      if (next.origin !== current.origin) {
        return fail(
          url,
          'redirect',
          `${current.host} redirected to ${next.host}, another host; such redirects are not followed`,
          status,
        );
      }
      if (redirects >= o.maxRedirects) {
        return fail(url, 'redirect', `more than ${o.maxRedirects} redirects; not followed further`, status);
      }
      current = next;
      continue;
    }
    if (status < 200 || status >= 300) {
      const hint =
        status === 403 || status === 404
          ? ' (the application may not exist any more, or its issuer URL is wrong)'
          : status >= 500
            ? ' (a problem on the server side; try again later)'
            : '';
      return fail(url, 'http-status', `${current.host} answered ${status} ${hop.statusText}`.trim() + hint, status);
    }
    const notMetadata = notMetadataReason(current.host, hop.headers, hop.body);
    if (notMetadata) return fail(url, 'not-metadata', notMetadata, status);
    const etag = headerValue(hop.headers.etag);
    const lastModified = headerValue(hop.headers['last-modified']);
    o.cache?.set(url, { body: hop.body, etag, lastModified });
    return { ok: true, url, body: hop.body, status, fromCache: false, fetchedAt: new Date() };
  }
}

function fail(url: string, problem: FetchProblem, message: string, status?: number): MetadataFetch {
  return { ok: false, url, problem, message, ...(status !== undefined ? { status } : {}) };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A quick look before the XML parser: an HTML page (a sign-in or error page) or something that is not XML at all. */
function notMetadataReason(host: string, headers: IncomingHttpHeaders, body: Buffer): string | undefined {
  const type = String(headers['content-type'] ?? '').toLowerCase();
  const start = body
    .subarray(0, 512)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (type.startsWith('text/html') || start.startsWith('<!doctype html') || start.startsWith('<html')) {
    return `${host} answered with an HTML page (a sign-in or error page?), not SAML metadata`;
  }
  if (!start.startsWith('<'))
    return `the answer of ${host} is not XML${type ? ` (${type.split(';')[0]})` : ''}, so not SAML metadata`;
  return undefined;
}

/** One request, no redirects followed. Settles exactly once; every timer and socket is released when it does. */
function getOnce(
  url: URL,
  headers: Record<string, string>,
  o: typeof DEFAULTS & MetadataFetchOptions,
  deadline: number,
): Promise<Hop> {
  return new Promise<Hop>((resolve) => {
    let request: ClientRequest | undefined;
    let settled = false;
    let idle: ReturnType<typeof setTimeout> | undefined;
    const timers: Array<ReturnType<typeof setTimeout>> = [];
    const finish = (hop: Hop) => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      clearTimeout(idle);
      o.signal?.removeEventListener('abort', onAbort);
      request?.destroy();
      resolve(hop);
    };
    const failure = (problem: FetchProblem, message: string, status?: number) =>
      finish({ kind: 'failure', problem, message, ...(status !== undefined ? { status } : {}) });
    const armIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(
        () => failure('timeout', `${url.host} sent nothing for ${seconds(o.readTimeoutMs)}`),
        o.readTimeoutMs,
      );
    };
    const onAbort = () => failure('cancelled', 'the check was cancelled');
    if (o.signal?.aborted) return onAbort();
    o.signal?.addEventListener('abort', onAbort);
    const remaining = deadline - Date.now();
    if (remaining <= 0) return failure('timeout', `no complete answer within ${seconds(o.totalTimeoutMs)}`);
    timers.push(
      setTimeout(() => failure('timeout', `no complete answer within ${seconds(o.totalTimeoutMs)}`), remaining),
    );
    timers.push(
      setTimeout(
        () => failure('timeout', `no connection to ${url.host} within ${seconds(o.connectTimeoutMs)}`),
        o.connectTimeoutMs,
      ),
    );
    const connectTimer = timers[timers.length - 1];
    const secure = url.protocol === 'https:';
    try {
      request = (secure ? httpsRequest : httpRequest)(url, {
        method: 'GET',
        headers,
        // A fresh connection per check (no pooled socket outlives it), or the one the caller makes.
        ...(o.createConnection ? { createConnection: o.createConnection } : { agent: false }),
      });
    } catch (err) {
      return failure('unreachable', (err as Error).message);
    }
    request.on('socket', (socket: Socket) => {
      const connected = () => {
        clearTimeout(connectTimer);
        armIdle();
      };
      socket.once(secure ? 'secureConnect' : 'connect', connected);
    });
    request.on('error', (err: NodeJS.ErrnoException) => failure('unreachable', networkMessage(url, err)));
    request.on('response', (response: IncomingMessage) => {
      armIdle();
      const status = response.statusCode ?? 0;
      const statusText = response.statusMessage ?? '';
      // Only a success has a body worth reading; anything else is judged by its status and headers.
      if (status < 200 || status >= 300) {
        return finish({ kind: 'answer', status, statusText, headers: response.headers, body: Buffer.alloc(0) });
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > o.maxBytes) {
        return failure('too-large', tooLarge(declared, o.maxBytes), status);
      }
      const chunks: Buffer[] = [];
      let total = 0;
      response.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > o.maxBytes) return failure('too-large', tooLarge(total, o.maxBytes, true), status);
        chunks.push(chunk);
        armIdle();
      });
      response.on('end', () =>
        finish({ kind: 'answer', status, statusText, headers: response.headers, body: Buffer.concat(chunks, total) }),
      );
      response.on('error', (err: NodeJS.ErrnoException) => failure('unreachable', networkMessage(url, err)));
      response.on('close', () => {
        if (!response.complete) failure('unreachable', `${url.host} closed the connection before the end`);
      });
    });
    request.end();
  });
}

function tooLarge(size: number, max: number, growing = false): string {
  return growing
    ? `the answer passed ${describeSize(max)} without ending; metadata is a few KB, so it was not read further`
    : `the answer is ${describeSize(size)}; metadata is a few KB, so over ${describeSize(max)} is not read`;
}

function networkMessage(url: URL, err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${url.hostname} could not be found (DNS); check the network or proxy`;
    case 'ECONNREFUSED':
      return `${url.host} refused the connection`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `${url.host} closed the connection`;
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return `${url.host} cannot be reached from this network`;
    default:
      if (err.code?.startsWith('ERR_TLS') || /certificate|SSL|TLS/i.test(err.message))
        return `the secure connection to ${url.host} failed: ${err.message}`;
      return `${url.host}: ${err.code ?? err.message}`;
  }
}

/**
 * Fetches and reads the live metadata: the outcome the pure comparison (core/drift/drift.ts driftFindings) takes. A document
 * that does not parse as IdP metadata is a "could not check" with the parser's reason.
 */
export async function fetchLiveMetadata(
  url: string,
  options: MetadataFetchOptions,
  parseMetadata: (xml: Uint8Array) => IdpMetadata,
): Promise<LiveOutcome> {
  const fetched = await fetchMetadata(url, options);
  if (!fetched.ok) return { ok: false, url, reason: fetched.message };
  let metadata: IdpMetadata;
  try {
    metadata = parseMetadata(fetched.body);
  } catch (err) {
    // Whatever the document does to the parser, the outcome is "could not check", never a failure of the caller.
    const message = isInputError(err) ? err.message : `it could not be read (${(err as Error).message})`;
    return { ok: false, url, reason: `the answer of ${new URL(url).host} is not SAML metadata: ${message}` };
  }
  return {
    ok: true,
    url,
    xml: fetched.body,
    metadata,
    fetchedAt: fetched.fetchedAt.toISOString(),
    fromCache: fetched.fromCache,
  };
}
