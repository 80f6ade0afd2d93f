import { abortError } from '../calls';

/**
 * Polling CreateToken during device authorization (RFC 8628 §3.4–3.5, docs/domain.md §5): wait `interval` seconds
 * between polls, 5 seconds more after each SlowDownException, and stop when the device code expires. No SDK import:
 * `poll` is one CreateToken call that says what the service answered.
 */
export type PollAnswer<T> = { kind: 'token'; token: T } | { kind: 'pending' } | { kind: 'slow-down' };

export interface PollOptions {
  /** The interval StartDeviceAuthorization asked for, in seconds (RFC 8628: 5 when absent). */
  intervalSeconds: number | undefined;
  /** How long the device code lives, in seconds. */
  expiresInSeconds: number;
  signal?: AbortSignal;
  /** Waits `ms`, rejecting with an AbortError when `signal` aborts (replaceable in tests). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  /** Called before each wait with the time left until the code expires. */
  onWait?: (remainingMs: number) => void;
}

/** The device code expired before the user confirmed it. */
export class DeviceCodeExpiredError extends Error {
  constructor(readonly expiresInSeconds: number) {
    super(`The device code expired after ${expiresInSeconds} seconds`);
    this.name = 'DeviceCodeExpiredError';
  }
}

/** A hostile or broken endpoint must not make the loop wait for hours. */
export const MAX_INTERVAL_SECONDS = 60;
export const MAX_DEVICE_CODE_SECONDS = 3600;
/** RFC 8628 §3.5. */
export const SLOW_DOWN_SECONDS = 5;

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export async function pollForToken<T>(poll: () => Promise<PollAnswer<T>>, options: PollOptions): Promise<T> {
  const now = options.now ?? Date.now;
  const wait = options.sleep ?? sleep;
  const requested = options.intervalSeconds;
  let intervalMs =
    1000 *
    Math.min(
      MAX_INTERVAL_SECONDS,
      Math.max(1, requested !== undefined && Number.isFinite(requested) && requested > 0 ? requested : 5),
    );
  const lifetime = Math.min(MAX_DEVICE_CODE_SECONDS, Math.max(0, options.expiresInSeconds));
  const deadline = now() + lifetime * 1000;
  for (;;) {
    if (options.signal?.aborted) throw abortError();
    // The next poll would come after the code expired: it cannot succeed.
    if (now() + intervalMs > deadline) throw new DeviceCodeExpiredError(lifetime);
    options.onWait?.(deadline - now());
    await wait(intervalMs, options.signal);
    const answer = await poll();
    if (answer.kind === 'token') return answer.token;
    if (answer.kind === 'slow-down')
      intervalMs = Math.min(MAX_INTERVAL_SECONDS * 1000, intervalMs + SLOW_DOWN_SECONDS * 1000);
  }
}
