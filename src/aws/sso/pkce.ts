import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { abortError } from '../calls';

/**
 * Authorization code with PKCE on a loopback redirect (RFC 7636, RFC 8252 §7.3; docs/domain.md §5). The browser
 * comes back to `http://127.0.0.1:<port>/oauth/callback?code=…&state=…`; the listener accepts exactly one callback
 * with the right `state`, answers with a short page, and closes. Callbacks with another state get an error page and are
 * otherwise ignored. It listens on 127.0.0.1 only and for a bounded time.
 */
export const CALLBACK_PATH = '/oauth/callback';
/** The redirect URI registered with RegisterClient; the port may differ at each sign-in (RFC 8252 §7.3). */
export const REGISTERED_REDIRECT_URI = `http://127.0.0.1${CALLBACK_PATH}`;

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/** The S256 code challenge of a verifier: BASE64URL(SHA256(ASCII(verifier))). */
export function codeChallenge(verifier: string): string {
  return base64url(createHash('sha256').update(verifier, 'ascii').digest());
}

/** A code verifier (43–128 unreserved characters; 64 random bytes give 86) and its challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = base64url(randomBytes(64));
  return { verifier, challenge: codeChallenge(verifier) };
}

export function randomState(): string {
  return base64url(randomBytes(32));
}

export type CallbackFailure = 'denied' | 'no-code' | 'timeout';

export class CallbackError extends Error {
  constructor(
    readonly reason: CallbackFailure,
    message: string,
  ) {
    super(message);
    this.name = 'CallbackError';
  }
}

export interface LoopbackListener {
  /** `http://127.0.0.1:<port>/oauth/callback`. */
  redirectUri: string;
  /** The authorization code, once the browser comes back with the right state. */
  code: Promise<string>;
  /** Stops listening (also done after the callback, a time-out or a cancel). */
  close(): void;
}

function equalStrings(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const PAGE = (title: string, text: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
  `<title>${title}</title><style>body{font:16px system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em;` +
  `color:#1f2328;background:#fff}@media (prefers-color-scheme:dark){body{color:#e6edf3;background:#0d1117}}</style>` +
  `</head><body><h1>${title}</h1><p>${text}</p></body></html>`;

/** Short printable text from the query, for a message (the service's error description). */
const shown = (v: string | null) => (v ?? '').replace(/[^\x20-\x7e]/g, '').slice(0, 200);

/**
 * Starts the listener on 127.0.0.1 at a free port. It gives up after `timeoutMs`, or when `signal` aborts (an
 * AbortError); other paths (a favicon) get 404 and do not count as the callback.
 */
export async function startLoopback(options: {
  state: string;
  timeoutMs: number;
  signal?: AbortSignal;
}): Promise<LoopbackListener> {
  let settle: { resolve(code: string): void; reject(err: Error): void } | undefined;
  const code = new Promise<string>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // Callers may not await `code` before a failure: keep the rejection from going unhandled.
  code.catch(() => undefined);
  let done = false;
  let timer: ReturnType<typeof setTimeout> | undefined = undefined;
  const server: Server = createServer((req, res) => handle(req, res));
  // Bounds on what a local process can make the listener hold.
  server.maxConnections = 8;
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;
  server.keepAliveTimeout = 1000;

  const onAbort = () => finish(abortError());
  const close = () => {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    server.close();
    // The browser may keep its connection open; it must not keep the listener alive.
    setTimeout(() => server.closeAllConnections?.(), 200).unref();
  };
  const finish = (result: string | Error) => {
    if (done) return;
    done = true;
    close();
    if (typeof result === 'string') settle?.resolve(result);
    else settle?.reject(result);
  };

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const answer = (status: number, title: string, text: string) => {
      res.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
        connection: 'close',
      });
      res.end(PAGE(title, text));
    };
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH || done) {
      answer(404, 'Not found', 'Nothing here.');
      return;
    }
    const error = url.searchParams.get('error');
    const state = url.searchParams.get('state') ?? '';
    const received = url.searchParams.get('code');
    if (!equalStrings(state, options.state)) {
      // Any local process, or a tab left from an earlier sign-in, can reach this port: such a request must not end
      // the sign-in under way, which keeps waiting for the browser until its time-out.
      answer(
        400,
        'Sign-in refused',
        'This answer does not belong to the sign-in under way (a tab from an earlier sign-in?). Finish the sign-in in the tab it opened, or start it again.',
      );
    } else if (error) {
      answer(200, 'Sign-in not completed', 'You can close this tab and return to where you started.');
      const description = shown(url.searchParams.get('error_description'));
      finish(
        new CallbackError(
          'denied',
          `The sign-in was not completed in the browser (${shown(error)}${description ? `: ${description}` : ''}).`,
        ),
      );
    } else if (!received) {
      answer(400, 'Sign-in failed', 'The answer has no authorization code. Start the sign-in again.');
      finish(new CallbackError('no-code', 'The browser came back without an authorization code. Sign in again.'));
    } else {
      answer(200, 'Signed in', 'You are signed in to IAM Identity Center. You can close this tab.');
      finish(received);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  timer = setTimeout(
    () =>
      finish(
        new CallbackError(
          'timeout',
          `The browser did not come back within ${Math.round(options.timeoutMs / 1000)} seconds. Sign in again, or use a device code.`,
        ),
      ),
    options.timeoutMs,
  );
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  return { redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`, code, close: () => finish(abortError()) };
}
