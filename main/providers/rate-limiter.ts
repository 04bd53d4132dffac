/**
 * Per-provider admission gate: bounded concurrency plus smooth spacing that keeps requests just
 * under the provider's rate instead of bursting into 429s. It also adapts: a 429 without advice
 * slows it down (multiplicative decrease), successes bring it back gradually, and rate-limit
 * headers can pause it or lower its ceiling.
 *
 * Sends follow a fixed schedule of slots, not "interval after the last send": timers fire a
 * millisecond or two late, and spacing from the actual send time lost that lateness on every request
 * (7% of the rate at 50 req/s). A send may lag its slot by up to SLOT_LATENESS_MS and the schedule
 * keeps its pace; later than that, the schedule restarts from now. Slots are spaced so that R of them
 * span a second plus that lateness, so no clock-aligned one-second window can ever see R + 1 sends.
 */
import { ProviderError } from './errors';
import type { ProviderId } from '../../shared/domain';

/** How late a send may be on its slot without moving the schedule (also the spacing margin per second). */
export const SLOT_LATENESS_MS = 10;

export interface GateOptions {
  provider: ProviderId;
  requestsPerSecond: number;
  concurrency: number;
  /** A pause longer than this (from now) fails the waiter with 'rate_limited' instead of waiting. */
  maxWaitMs?: number;
  /** Floor for the adaptive slow-down, as a fraction of the configured rate. */
  minFactor?: number;
  now?: () => number;
}

interface Waiter {
  resolve: (release: () => void) => void;
  reject: (err: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
  /** This waiter's own patience for a pause (interactive calls have less than background runs). */
  maxWaitMs: number;
}

/** What the provider said when it last limited us: carried by errors of calls refused before sending. */
export interface LimitAdvice {
  message?: string;
  window?: 'second' | 'minute' | 'hour' | 'day';
}

export class RateGate {
  readonly provider: ProviderId;
  private configuredRps: number;
  private ceilingRps = Infinity;
  private factor = 1;
  private readonly minFactor: number;
  private concurrency: number;
  private readonly maxWaitMs: number;
  private readonly now: () => number;

  private active = 0;
  /** The next send's slot on the schedule. */
  private nextSlotAt = -Infinity;
  private pausedUntil = 0;
  /** A window the headers say is empty (no 429 yet): background waits, a rep's call still asks. */
  private predictedUntil = 0;
  private advice: LimitAdvice = {};
  private readonly queue: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(opts: GateOptions) {
    this.provider = opts.provider;
    this.configuredRps = positive(opts.requestsPerSecond, 1);
    this.concurrency = Math.max(1, Math.floor(opts.concurrency || 1));
    this.maxWaitMs = opts.maxWaitMs ?? 65_000;
    this.minFactor = opts.minFactor ?? 0.2;
    this.now = opts.now ?? Date.now;
  }

  /** Requests per second the gate currently admits. */
  get effectiveRps(): number {
    return Math.min(this.configuredRps, this.ceilingRps) * this.factor;
  }

  get pending(): number {
    return this.queue.length;
  }

  get inFlight(): number {
    return this.active;
  }

  /** Remaining pause in ms (0 when not paused). */
  pauseRemainingMs(): number {
    return Math.max(0, this.pausedUntil - this.now());
  }

  setLimits(requestsPerSecond: number, concurrency: number): void {
    this.configuredRps = positive(requestsPerSecond, this.configuredRps);
    this.concurrency = Math.max(1, Math.floor(concurrency || 1));
    this.pump();
  }

  /**
   * The provider told us this endpoint's real limit (Apollo's x-rate-limit-minute): run at it, whether it is
   * above the default (a paid plan) or below it.
   */
  learnRate(requestsPerSecond: number): void {
    if (!(requestsPerSecond > 0 && Number.isFinite(requestsPerSecond))) return;
    this.configuredRps = requestsPerSecond;
    this.ceilingRps = Infinity;
    this.pump();
  }

  /** Remember what the provider said when it limited us (message, exhausted window). */
  setAdvice(advice: LimitAdvice): void {
    this.advice = { ...advice };
  }

  /** The provider told us its real limit (e.g. Apollo's x-rate-limit-minute): never go faster. */
  setCeiling(requestsPerSecond: number): void {
    if (requestsPerSecond > 0 && Number.isFinite(requestsPerSecond)) this.ceilingRps = requestsPerSecond;
  }

  /** Stop admitting anything until `ms` from now (Retry-After, a window with nothing left). */
  pauseFor(ms: number): void {
    const until = this.now() + Math.max(0, ms);
    if (until > this.pausedUntil) this.pausedUntil = until;
    this.reschedule();
  }

  /**
   * The headers say a window has nothing left (x-minute-requests-left: 0 on a success). Background
   * calls wait it out; a call that would not wait is still sent, so the rep gets the provider's own
   * 429 (free, with its message and retry-after) instead of our guess about clock-aligned windows.
   */
  predictPauseFor(ms: number): void {
    const until = this.now() + Math.max(0, ms);
    if (until > this.predictedUntil) this.predictedUntil = until;
    this.reschedule();
  }

  /** A 429 with no advice: slow down on our own (Sumble sends no headers). */
  penalize(): void {
    this.factor = Math.max(this.minFactor, this.factor * 0.7);
  }

  /** A success: creep back towards the configured rate. */
  reward(): void {
    if (this.factor < 1) this.factor = Math.min(1, this.factor + 0.05);
  }

  /**
   * Waits for a concurrency slot and the next rate slot. Resolves with a release function that
   * MUST be called once the request is finished (it frees the concurrency slot).
   */
  acquire(signal?: AbortSignal, maxWaitMs = this.maxWaitMs): Promise<() => void> {
    if (this.closed)
      return Promise.reject(new ProviderError('unavailable', 'The HTTP client is closed.', this.provider));
    if (signal?.aborted) return Promise.reject(cancelled(this.provider));
    const tooLong = this.pauseRemainingMs();
    if (tooLong > maxWaitMs) return Promise.reject(rateLimited(this.provider, tooLong, this.advice));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, maxWaitMs };
      if (signal) {
        waiter.onAbort = () => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(cancelled(this.provider));
          this.pump();
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      this.pump();
    });
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const w of this.queue.splice(0)) {
      if (w.signal && w.onAbort) w.signal.removeEventListener('abort', w.onAbort);
      w.reject(new ProviderError('unavailable', 'The HTTP client is closed.', this.provider));
    }
  }

  private reschedule(): void {
    this.pump();
  }

  private pump(): void {
    if (this.closed) return;
    while (this.queue.length > 0 && this.active < this.concurrency) {
      const now = this.now();
      const pause = this.pausedUntil - now;
      if (pause > 0) {
        // Waiting that long would look like a hang: fail those who would not wait with the advice instead.
        const impatient = this.queue.filter((w) => pause > w.maxWaitMs);
        if (impatient.length) {
          for (const w of impatient) {
            this.queue.splice(this.queue.indexOf(w), 1);
            this.settle(w, undefined, rateLimited(this.provider, pause, this.advice));
          }
          continue;
        }
      }
      // Under a predicted pause only, the first waiter that would not wait that long goes to ask.
      const predicted = pause > 0 ? 0 : this.predictedUntil - now;
      const probe = predicted > 0 ? this.queue.findIndex((w) => predicted > w.maxWaitMs) : -1;
      const blockedUntil = probe >= 0 ? this.pausedUntil : Math.max(this.pausedUntil, this.predictedUntil);
      const intervalMs = (1000 + SLOT_LATENESS_MS) / this.effectiveRps;
      const earliest = Math.max(this.nextSlotAt, blockedUntil);
      if (now < earliest) {
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(
          () => {
            this.timer = undefined;
            this.pump();
          },
          Math.ceil(earliest - now),
        );
        return;
      }
      // On schedule (a late timer): keep the pace. Far behind (idle, paused): restart from now, no catch-up burst.
      const slot = now - earliest <= SLOT_LATENESS_MS ? earliest : now;
      this.nextSlotAt = slot + intervalMs;
      const waiter = probe >= 0 ? this.queue.splice(probe, 1)[0]! : this.queue.shift()!;
      this.active++;
      let released = false;
      this.settle(waiter, () => {
        if (released) return;
        released = true;
        this.active--;
        this.pump();
      });
    }
  }

  private settle(w: Waiter, release?: () => void, err?: unknown): void {
    if (w.signal && w.onAbort) w.signal.removeEventListener('abort', w.onAbort);
    if (release) w.resolve(release);
    else w.reject(err);
  }
}

function positive(n: number, fallback: number): number {
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

function cancelled(provider: ProviderId): ProviderError {
  return new ProviderError('cancelled', 'The request was cancelled.', provider);
}

export const PROVIDER_LABELS: Record<ProviderId, string> = {
  apollo: 'Apollo',
  apione: 'ApiOne',
  ocean: 'Ocean.io',
  sumble: 'Sumble',
  sample: 'Sample data',
};

const WINDOW_WORDS = { second: 'per-second', minute: 'per-minute', hour: 'hourly', day: 'daily' } as const;

/** The rate_limited error a rep sees: the provider's own words when it gave any, the window, when to retry. */
export function rateLimited(provider: ProviderId, retryAfterMs: number, advice: LimitAdvice = {}): ProviderError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const label = PROVIDER_LABELS[provider];
  const which = advice.window ? `${label}'s ${WINDOW_WORDS[advice.window]} rate limit` : `${label}'s rate limit`;
  const said = advice.message ? ` ${label} says: "${advice.message}"` : '';
  const when = seconds >= 120 ? `about ${Math.ceil(seconds / 60)} min` : `about ${seconds} s`;
  return new ProviderError(
    'rate_limited',
    `${which} is reached. Try again in ${when}.${said}`,
    provider,
    Math.max(0, Math.round(retryAfterMs)),
    429,
    advice.window ? { rateWindow: advice.window } : {},
  );
}
