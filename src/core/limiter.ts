/**
 * Bounds concurrent calls and calls per second. IAM Identity Center APIs share a 20 requests/second throttle.
 *
 * A call holds one of `perSecond` slots from its start until one second after it completes. The server receives the
 * call somewhere between those two moments, so whatever the network delays, no one-second window at the server can
 * see more than `perSecond` calls (a limit on start times alone fails when delays bunch arrivals together).
 */
export class RequestLimiter {
  private readonly recentEnds: number[] = [];
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly concurrency = 8,
    readonly perSecond = 20,
    private readonly now: () => number = () => performance.now(),
  ) {}

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await task();
    } finally {
      this.inFlight--;
      this.recentEnds.push(this.now());
      this.pump();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason ?? new Error('aborted'));
    return new Promise((resolve, reject) => {
      const entry = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(entry);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal?.reason ?? new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
      this.pump();
    });
  }

  private pump(): void {
    while (this.waiting.length > 0 && this.inFlight < this.concurrency) {
      const now = this.now();
      while (this.recentEnds.length > 0 && now - (this.recentEnds[0] as number) >= 1000) this.recentEnds.shift();
      if (this.inFlight + this.recentEnds.length >= this.perSecond) {
        // Full: wake when the oldest finished call leaves the window (a call in flight wakes us when it ends).
        if (!this.timer && this.recentEnds.length > 0) {
          this.timer = setTimeout(
            () => {
              this.timer = undefined;
              this.pump();
            },
            1000 - (now - (this.recentEnds[0] as number)) + 1,
          );
        }
        return;
      }
      this.inFlight++;
      (this.waiting.shift() as () => void)();
    }
  }
}
