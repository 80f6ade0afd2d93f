import { MAX_PAGES } from './connection';
import { DeadlineError, PagingError } from './errors';

/**
 * Sends one request and gives up after `timeoutMs`, whatever the SDK is doing (connecting, retrying, signing,
 * resolving credentials). `signal` cancels it: the promise then rejects with an AbortError.
 */
export async function sendWithin<T>(
  send: (abortSignal: AbortSignal) => Promise<T>,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new DeadlineError(timeoutMs);
      controller.abort(err);
      reject(err);
    }, timeoutMs);
    onAbort = () => {
      controller.abort(signal?.reason);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
  });
  try {
    return await Promise.race([send(controller.signal), stop]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

/** The error a cancelled operation rejects with (errors.ts words it as "Cancelled."). */
export function abortError(): Error {
  return Object.assign(new Error('Cancelled'), { name: 'AbortError' });
}

/**
 * Follows page tokens until the end, one page at a time; the service may return fewer items than asked, so only the
 * token decides. A token seen before, or more than `maxPages` pages, throws a PagingError instead of looping for
 * ever. A caller may stop early.
 */
export async function* iteratePages<T>(
  fetch: (token?: string) => Promise<{ items: T[]; nextToken?: string }>,
  maxPages = MAX_PAGES,
): AsyncGenerator<T[]> {
  const seen = new Set<string>();
  let token: string | undefined;
  let pages = 0;
  do {
    if (pages >= maxPages) throw new PagingError('too-many-pages', pages);
    const result = await fetch(token);
    pages++;
    yield result.items;
    token = result.nextToken;
    if (token !== undefined) {
      if (seen.has(token)) throw new PagingError('repeated-token', pages);
      seen.add(token);
    }
  } while (token);
}

/** Every page of a listing, concatenated (iteratePages). */
export async function collectPages<T>(
  fetch: (token?: string) => Promise<{ items: T[]; nextToken?: string }>,
  options: { maxPages?: number; onPage?: (count: number) => void } = {},
): Promise<T[]> {
  const items: T[] = [];
  for await (const page of iteratePages(fetch, options.maxPages)) {
    items.push(...page);
    options.onPage?.(items.length);
  }
  return items;
}
