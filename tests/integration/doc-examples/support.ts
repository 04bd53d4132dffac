/**
 * Shared set-up for the doc-example tests: one simulator per file (started with its doc examples
 * served verbatim where asked), the real HTTP layer with short retry delays, and a context whose
 * key is the simulator's valid one. The expected domain objects in these tests are written by
 * hand from the providers' doc pages, never by running our mappers.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { HttpClient, HttpClientOptions } from '../../../main/providers/http';
import type { ProviderContext } from '../../../main/providers/types';
import type { SimulatorHandle } from '../../simulators/core';
import { clientTracker } from '../support/harness';

export const FAST_RETRIES: HttpClientOptions = {
  retries: { baseDelayMs: 10, maxDelayMs: 50 },
  timeouts: { totalMs: 5_000 },
};

export interface DocSuite {
  readonly sim: SimulatorHandle;
  readonly http: HttpClient;
  ctx(over?: Partial<ProviderContext>): ProviderContext;
  /** A further HTTP client (e.g. with other limits), closed after the file. */
  client(opts: HttpClientOptions): HttpClient;
}

/** Starts `start()` before the file, resets it before each test, closes everything after. */
export function docSuite(start: () => Promise<SimulatorHandle>, http: HttpClientOptions = FAST_RETRIES): DocSuite {
  const tracker = clientTracker();
  let sim: SimulatorHandle | undefined;
  let client: HttpClient | undefined;
  beforeAll(async () => {
    sim = await start();
    client = tracker.client(http);
  });
  beforeEach(() => sim!.reset());
  afterAll(async () => {
    await tracker.closeAll();
    await sim?.close();
  });
  return {
    get sim() {
      return sim!;
    },
    get http() {
      return client!;
    },
    ctx: (over = {}) => ({ getKey: async () => sim!.validKey, http: client!, ...over }),
    client: (opts) => tracker.client(opts),
  };
}

/** POSTs or GETs the simulator directly, for what a provider's wire looks like (status, headers, body). */
export async function wire(
  sim: SimulatorHandle,
  path: string,
  init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: unknown } = {},
): Promise<{ status: number; headers: Headers; text: string; json<T = Record<string, unknown>>(): T }> {
  const res = await fetch(`${sim.baseUrl}${path}`, {
    method: init.method ?? 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: <T>() => JSON.parse(text) as T };
}

/**
 * Waits, when needed, until a clock-aligned window of `lengthMs` has at least `needMs` left, so a
 * test's few requests all land in one fixed window (the simulators align windows to the clock).
 */
export async function freshWindow(lengthMs: number, needMs: number): Promise<void> {
  const left = lengthMs - (Date.now() % lengthMs);
  if (left < needMs) await new Promise((r) => setTimeout(r, left + 5));
}
