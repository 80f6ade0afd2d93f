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
  private readonly waiting: Array<{ start: () => void; urgent: boolean }> = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Until when an urgent chain counts as running (it is between two of its calls for a few milliseconds). */
  private urgentUntil = -Infinity;

  constructor(
    readonly concurrency = 8,
    readonly perSecond = 20,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * Runs `task` when a slot is free. An `urgent` task goes before those already waiting, and while an urgent chain
   * runs, other calls leave one slot free for it: a chain of pages that must be fetched one after another (each
   * needs the previous NextToken) would otherwise find every freed slot taken by the parallel calls, and its
   * latency would add to the run instead of overlapping it.
   */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal, urgent = false): Promise<T> {
    await this.acquire(signal, urgent);
    try {
      return await task();
    } finally {
      this.inFlight--;
      this.recentEnds.push(this.now());
      if (urgent) this.urgentUntil = this.now() + 250;
      this.pump();
    }
  }

  private acquire(signal: AbortSignal | undefined, urgent: boolean): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason ?? new Error('aborted'));
    return new Promise((resolve, reject) => {
      const start = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const entry = { start, urgent };
      const onAbort = () => {
        const i = this.waiting.indexOf(entry);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal?.reason ?? new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      if (urgent) this.waiting.unshift(entry);
      else this.waiting.push(entry);
      this.pump();
    });
  }

  private pump(): void {
    while (this.waiting.length > 0 && this.inFlight < this.concurrency) {
      const now = this.now();
      while (this.recentEnds.length > 0 && now - (this.recentEnds[0] as number) >= 1000) this.recentEnds.shift();
      const next = this.waiting[0] as { start: () => void; urgent: boolean };
      const shared = !next.urgent && now < this.urgentUntil;
      const capacity = shared ? this.perSecond - 1 : this.perSecond;
      if (this.inFlight + this.recentEnds.length >= capacity) {
        // Full: wake when the oldest finished call leaves the window, or the urgent chain stops (a call in flight
        // wakes us when it ends).
        const oldestLeaves = this.recentEnds.length > 0 ? 1000 - (now - (this.recentEnds[0] as number)) + 1 : Infinity;
        const wait = Math.min(oldestLeaves, shared ? this.urgentUntil - now + 1 : Infinity);
        if (!this.timer && Number.isFinite(wait)) {
          this.timer = setTimeout(() => {
            this.timer = undefined;
            this.pump();
          }, wait);
        }
        return;
      }
      this.inFlight++;
      this.waiting.shift();
      next.start();
    }
  }
}
