/**
 * Provider rate benchmark: N requests through the real HttpClient against a loopback simulator that
 * allows R requests per second (fixed one-second windows) and answers after L ms. Reports the rate
 * the server actually accepted, its ratio to R (1.0 = every slot used), and how many 429s it sent.
 */
import { createHttpClient } from '../../main/providers/http';
import type { ProviderId } from '../../shared/domain';
import type { SampleDataset } from '../../main/providers/sample/dataset-types';
import { startSimulator, type ProviderReplies } from '../simulators/core';
import { peerRatio, type PeerRatio } from './peers';

export interface BenchRateOptions {
  /** Whose gate and 429 style to use: 'apollo' sends x-rate-limit-* headers and Retry-After; others send neither (Sumble). */
  provider?: ProviderId;
  /** Requests per second the simulator allows. */
  R: number;
  latencyMs: number;
  requests: number;
  /** Rate the client is configured with (default R: configured right). Higher = the client must learn. */
  clientRps?: number;
  concurrency?: number;
}

export interface BenchRateResult {
  provider: ProviderId;
  R: number;
  latencyMs: number;
  requests: number;
  clientRps: number;
  /** Accepted requests per second, first to last acceptance at the server. */
  achievedRps: number;
  /** achievedRps / R. */
  ratio: number;
  r429: number;
  elapsedMs: number;
  failed: number;
}

const EMPTY: SampleDataset = { seed: 0, organizations: [], people: [], jobPostings: [] };

const replies: ProviderReplies = {
  authenticate: () => ({ key: 'bench' }),
  creditsExhausted: () => ({ status: 402, json: { detail: 'credits' } }),
  rateLimited: () => ({ status: 429, json: { detail: 'Too many requests' } }),
  planRestricted: () => ({ status: 403, json: { detail: 'plan' } }),
  notFound: () => ({ status: 404, json: { detail: 'not found' } }),
  badJson: () => ({ status: 400, json: { detail: 'bad json' } }),
};

export async function benchRate(opts: BenchRateOptions): Promise<BenchRateResult> {
  const provider = opts.provider ?? 'sumble';
  const clientRps = opts.clientRps ?? opts.R;
  const apolloStyle = provider === 'apollo';
  const accepted: number[] = [];
  const sim = await startSimulator({
    name: `bench-${provider}`,
    dataset: EMPTY,
    replies,
    knobs: {
      latencyMs: opts.latencyMs,
      rateLimit: {
        requests: opts.R,
        perMs: 1000,
        sendRetryAfter: apolloStyle,
        headers: apolloStyle ? 'apollo' : 'none',
      },
    },
    routes: [
      {
        method: 'POST',
        path: '/ping',
        handler: () => {
          accepted.push(performance.now());
          return { status: 200, json: { ok: true } };
        },
      },
    ],
  });
  const http = createHttpClient({
    limits: {
      [provider]: {
        requestsPerSecond: clientRps,
        concurrency: opts.concurrency ?? Math.max(2, Math.ceil(opts.R * (opts.latencyMs / 1000) * 2)),
      },
    },
    // The simulator's "minute" window lasts one second.
    rateHeaderWindows: { minuteMs: 1000 },
    retries: { maxAttempts: 10 },
  });
  const started = performance.now();
  let failed = 0;
  try {
    await Promise.all(
      Array.from({ length: opts.requests }, (_, i) =>
        http
          .request({ provider, method: 'POST', url: `${sim.baseUrl}/ping`, json: { i }, retry: 'idempotent' })
          .then((res) => {
            if (res.status !== 200) failed++;
          })
          .catch(() => {
            failed++;
          }),
      ),
    );
  } finally {
    await http.close();
    await sim.close();
  }
  const elapsedMs = performance.now() - started;
  const span = accepted.length > 1 ? (accepted[accepted.length - 1]! - accepted[0]!) / 1000 : 0;
  const achievedRps = span > 0 ? (accepted.length - 1) / span : 0;
  return {
    provider,
    R: opts.R,
    latencyMs: opts.latencyMs,
    requests: opts.requests,
    clientRps,
    achievedRps: round(achievedRps),
    ratio: round(achievedRps / opts.R),
    r429: sim.stats.rateLimited,
    elapsedMs: Math.round(elapsedMs),
    failed,
  };
}

/** The scenarios `npm run bench` reports. */
export async function benchRateSuite(quick = false): Promise<Record<string, unknown>> {
  const n = (full: number) => (quick ? Math.max(20, Math.round(full / 4)) : full);
  const scenarios: [string, BenchRateOptions][] = [
    ['sumble 10/s, L=30ms, configured right', { provider: 'sumble', R: 10, latencyMs: 30, requests: n(100) }],
    [
      'sumble 10/s, L=30ms, client told 20/s',
      { provider: 'sumble', R: 10, latencyMs: 30, requests: n(100), clientRps: 20 },
    ],
    ['apollo 10/s, L=100ms, configured right', { provider: 'apollo', R: 10, latencyMs: 100, requests: n(100) }],
    [
      'apollo 10/s, L=100ms, client told 50/s',
      { provider: 'apollo', R: 10, latencyMs: 100, requests: n(100), clientRps: 50 },
    ],
    ['apione 25/s, L=50ms, configured right', { provider: 'apione', R: 25, latencyMs: 50, requests: n(200) }],
  ];
  const out: Record<string, unknown> = {};
  const peers: PeerRatio[] = [];
  for (const [name, opts] of scenarios) {
    const r = await benchRate(opts);
    out[name] = { achievedRps: r.achievedRps, ratio: r.ratio, r429: r.r429, failed: r.failed, elapsedMs: r.elapsedMs };
    // The provider's limit is the physical ceiling: one run each (the limit does not vary with load).
    peers.push(peerRatio(`rate-vs-limit (${name})`, r.achievedRps, "the simulator's limit", opts.R, 'req/s', 'higher'));
  }
  return { ...out, peers };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
