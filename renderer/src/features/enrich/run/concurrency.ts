/** How many batches a provider gets in flight, and how long to wait out a rate limit. */

export const abortableSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/** A semaphore whose size can shrink on 429s and grow back after successes. */
export class Gate {
  private active = 0;
  private waiters: (() => void)[] = [];
  private successes = 0;
  constructor(
    private limit: number,
    private readonly max: number,
  ) {}
  async acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
  release(): void {
    const next = this.active <= this.limit ? this.waiters.shift() : undefined;
    if (next) next();
    else this.active--;
  }
  slowDown(): void {
    this.limit = Math.max(1, Math.floor(this.limit / 2));
    this.successes = 0;
  }
  succeeded(): void {
    if (this.limit < this.max && ++this.successes >= 10) {
      this.limit++;
      this.successes = 0;
      const next = this.waiters.shift();
      if (next) {
        this.active++;
        next();
      }
    }
  }
}

/** Exponential backoff with jitter, capped at 30 s; the provider's Retry-After wins when it gives one. */
export function rateLimitWaitMs(retryAfterMs: number | undefined, attempt: number, random = Math.random): number {
  const backoff = Math.min(30_000, 500 * 2 ** Math.min(attempt - 1, 6));
  return retryAfterMs ?? backoff * (0.75 + random() * 0.5);
}
