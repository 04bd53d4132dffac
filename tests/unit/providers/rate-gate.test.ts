/**
 * RateGate's schedule under a fake clock whose timers fire late, as real ones do: it must keep the
 * configured pace (no drift from lateness) and still never put R + 1 sends into any one-second window.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateGate, SLOT_LATENESS_MS } from '../../../main/providers/rate-limiter';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/**
 * A clock whose timers fire late, like real ones: every timer callback runs up to `maxLagMs` after
 * it was due (seen through the returned clock, which the gate reads). Undo with the returned restore.
 */
function laggingTimers(maxLagMs: number, seed = 7): { now: () => number; restore: () => void } {
  let lag = 0;
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const fakeSetTimeout = globalThis.setTimeout;
  globalThis.setTimeout = ((fn: () => void, ms?: number) =>
    fakeSetTimeout(() => {
      lag += random() * maxLagMs;
      fn();
    }, ms)) as typeof setTimeout;
  return { now: () => Date.now() + lag, restore: () => void (globalThis.setTimeout = fakeSetTimeout) };
}

/** Sends `n` requests through the gate as fast as it admits them; returns the send times. */
async function sendAll(gate: RateGate, n: number, now: () => number): Promise<number[]> {
  const sentAt: number[] = [];
  const all = Array.from({ length: n }, () =>
    gate.acquire().then((release) => {
      sentAt.push(now());
      release();
    }),
  );
  while (sentAt.length < n) await vi.advanceTimersByTimeAsync(5);
  await Promise.all(all);
  return sentAt;
}

function maxInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi]! - sorted[lo]! >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

describe('RateGate schedule', () => {
  it('keeps the configured pace when timers fire late, and never exceeds R in any one-second window', async () => {
    const { now, restore } = laggingTimers(3);
    const R = 50;
    const gate = new RateGate({ provider: 'apollo', requestsPerSecond: R, concurrency: 8, now });
    const sent = await sendAll(gate, 500, now);
    const elapsed = sent[sent.length - 1]! - sent[0]!;
    const ideal = (499 * (1000 + SLOT_LATENESS_MS)) / R;
    // Spacing from the actual send time would add the lag (about 1.5 ms) to every one of 499 gaps.
    expect(elapsed).toBeLessThan(ideal + 2 * SLOT_LATENESS_MS);
    expect(elapsed).toBeGreaterThanOrEqual(ideal - SLOT_LATENESS_MS);
    expect(maxInAnyWindow(sent, 1000)).toBeLessThanOrEqual(R);
    gate.close();
    restore();
  });

  it('restarts the schedule after idle time instead of bursting to catch up', async () => {
    const now = () => Date.now();
    const gate = new RateGate({ provider: 'apollo', requestsPerSecond: 10, concurrency: 8, now });
    await sendAll(gate, 3, now);
    await vi.advanceTimersByTimeAsync(5_000);
    const after = await sendAll(gate, 5, now);
    for (let i = 1; i < after.length; i++) expect(after[i]! - after[i - 1]!).toBeGreaterThanOrEqual(100);
    gate.close();
  });

  it('holds every send until a pause ends, then resumes at the configured spacing', async () => {
    const now = () => Date.now();
    const gate = new RateGate({ provider: 'apollo', requestsPerSecond: 20, concurrency: 4, now });
    const start = Date.now();
    gate.pauseFor(2_000);
    const sent = await sendAll(gate, 4, now);
    expect(sent[0]! - start).toBeGreaterThanOrEqual(2_000);
    for (let i = 1; i < sent.length; i++) expect(sent[i]! - sent[i - 1]!).toBeGreaterThanOrEqual(50);
    gate.close();
  });

  it('admits no more than its concurrency at once', async () => {
    const now = () => Date.now();
    const gate = new RateGate({ provider: 'apollo', requestsPerSecond: 1000, concurrency: 2, now });
    const releases: (() => void)[] = [];
    const waiters = Array.from({ length: 4 }, () => gate.acquire().then((r) => releases.push(r)));
    await vi.advanceTimersByTimeAsync(100);
    expect(releases).toHaveLength(2);
    releases[0]!();
    await vi.advanceTimersByTimeAsync(100);
    expect(releases).toHaveLength(3);
    for (const r of releases.slice(1)) r();
    await vi.advanceTimersByTimeAsync(100);
    await Promise.all(waiters);
    releases[3]!();
    gate.close();
  });
});
