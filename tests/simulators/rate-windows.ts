/**
 * Fixed rate windows counted per route, three at once (minute, hour, day), as Apollo documents its
 * limits ("fixed windows per team and per endpoint"). Windows are aligned to the clock. Lengths are
 * knobs: real by default (a minute is 60 s, for `npm run bench`), shortened by fast tests.
 */

export type WindowName = 'minute' | 'hour' | 'day';
export const WINDOW_NAMES: readonly WindowName[] = ['minute', 'hour', 'day'];

export interface WindowLimits {
  minute: number;
  hour: number;
  day: number;
}

export interface RateWindowsKnob extends WindowLimits {
  /** Limits for single routes (route name -> limits), e.g. a plan that allows one endpoint more. */
  routes?: Record<string, Partial<WindowLimits>>;
  /** Window lengths. Defaults are real time (60_000, 3_600_000, 86_400_000). */
  minuteMs?: number;
  hourMs?: number;
  dayMs?: number;
  /** Send `retry-after` (whole seconds to the exhausted window's reset) on 429s. Default true. */
  sendRetryAfter?: boolean;
}

/** One window's state after a request, in the words of Apollo's usage_stats answer. */
export interface WindowState {
  limit: number;
  consumed: number;
  left_over: number;
  /** Milliseconds until this window resets. */
  resetInMs: number;
}

export type WindowsState = Record<WindowName, WindowState>;

export type WindowVerdict =
  | { ok: true; state: WindowsState }
  | { ok: false; state: WindowsState; exhausted: WindowName; limit: number; retryAfterSeconds: number };

const REAL_LENGTH: Record<WindowName, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

export function windowLength(knob: RateWindowsKnob, name: WindowName): number {
  const override = name === 'minute' ? knob.minuteMs : name === 'hour' ? knob.hourMs : knob.dayMs;
  return override && override > 0 ? override : REAL_LENGTH[name];
}

export function limitsFor(knob: RateWindowsKnob, route: string): WindowLimits {
  return { minute: knob.minute, hour: knob.hour, day: knob.day, ...knob.routes?.[route] };
}

/** Counters for every route; `reset()` when the knob changes. */
export class RouteWindows {
  private counters = new Map<string, { start: number; used: number }>();

  reset(): void {
    this.counters.clear();
  }

  private counter(route: string, name: WindowName, length: number, now: number) {
    const key = `${route}\u0000${name}`;
    const start = now - (now % length);
    let c = this.counters.get(key);
    if (!c || c.start !== start) {
      c = { start, used: 0 };
      this.counters.set(key, c);
    }
    return c;
  }

  /** The windows of `route` as they stand, without counting a request. */
  state(knob: RateWindowsKnob, route: string, now = Date.now()): WindowsState {
    const limits = limitsFor(knob, route);
    const out = {} as WindowsState;
    for (const name of WINDOW_NAMES) {
      const length = windowLength(knob, name);
      const c = this.counter(route, name, length, now);
      out[name] = {
        limit: limits[name],
        consumed: c.used,
        left_over: Math.max(0, limits[name] - c.used),
        resetInMs: c.start + length - now,
      };
    }
    return out;
  }

  /** Counts the request when every window has room; otherwise names the window that is full. */
  admit(knob: RateWindowsKnob, route: string, now = Date.now()): WindowVerdict {
    const before = this.state(knob, route, now);
    // The longest exhausted window decides the wait: an hour that is full outlasts the minute.
    const full = [...WINDOW_NAMES].reverse().find((n) => before[n].left_over <= 0);
    if (full) {
      return {
        ok: false,
        state: before,
        exhausted: full,
        limit: before[full].limit,
        retryAfterSeconds: Math.max(1, Math.ceil(before[full].resetInMs / 1000)),
      };
    }
    for (const name of WINDOW_NAMES) this.counter(route, name, windowLength(knob, name), now).used++;
    return { ok: true, state: this.state(knob, route, now) };
  }
}
