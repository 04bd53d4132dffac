/**
 * The main process of the enrich benchmark, on a thread of its own: the Apollo simulator and the
 * real main services (createMainRuntime), answering the runner's calls over a MessagePort. In the
 * app, main and the renderer are separate processes; run on one thread, the simulator's and
 * main's work (HTTP, JSON, normalising answers) stole the runner's timer slots and measured the
 * machine's single-core speed, not the run.
 */
import { parentPort } from 'node:worker_threads';
import { createMainRuntime } from '../../main/runtime';
import { startApolloSimulator } from '../simulators/apollo';

export interface EnrichMainOptions {
  R: number;
  latencyMs: number;
  concurrency: number;
}

export type EnrichMainRequest =
  | { id: number; kind: 'open'; options: EnrichMainOptions }
  | { id: number; kind: 'invoke'; channel: string; input: unknown }
  | { id: number; kind: 'stats' }
  | { id: number; kind: 'close' };

type Run = {
  sim: Awaited<ReturnType<typeof startApolloSimulator>>;
  runtime: Awaited<ReturnType<typeof createMainRuntime>>;
};

/** A fresh simulator and main per run (main's journal would answer a repeated run for free); one warm thread for all. */
async function open({ R, latencyMs, concurrency }: EnrichMainOptions): Promise<Run> {
  const sim = await startApolloSimulator({
    latencyMs,
    // No x-rate-limit-* headers: their "minute" would be this one-second window, and main reads them as minutes.
    rateLimit: { requests: R, perMs: 1000, sendRetryAfter: true, headers: 'none' },
  });
  const runtime = await createMainRuntime({
    env: {
      PROSPECT_DESK_SECRET_STORE: 'memory',
      APOLLO_BASE_URL: sim.baseUrl,
      PROSPECT_DESK_RATE_LIMITS: JSON.stringify({ apollo: { requestsPerSecond: R, concurrency } }),
    },
    emit: () => {},
    saveCsv: async () => ({ saved: false }),
    log: () => {},
  });
  return { sim, runtime };
}

const port = parentPort!;
let run: Run | undefined;
port.on('message', (req: EnrichMainRequest) => {
  void (async () => {
    if (req.kind === 'open') {
      run = await open(req.options);
      return run.sim.validKey;
    }
    if (!run) throw new Error('No run is open.');
    if (req.kind === 'invoke') return run.runtime.dispatch(req.channel as never, req.input as never);
    if (req.kind === 'stats') {
      const { total, rateLimited, creditsCharged } = run.sim.stats;
      return { total, rateLimited, creditsCharged };
    }
    await run.runtime.close();
    await run.sim.close();
    run = undefined;
    return null;
  })().then(
    (output) => port.postMessage({ id: req.id, output }),
    (err: unknown) => port.postMessage({ id: req.id, error: String(err) }),
  );
});
