/**
 * The main process of the enrich benchmark, on a thread of its own: the Apollo simulator and the
 * real main services (createMainRuntime), answering the runner's calls over a MessagePort. In the
 * app, main and the renderer are separate processes; run on one thread, the simulator's and
 * main's work (HTTP, JSON, normalising answers) stole the runner's timer slots and measured the
 * machine's single-core speed, not the run.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createMainRuntime } from '../../main/runtime';
import { startApolloSimulator } from '../simulators/apollo';

export interface EnrichMainWorkerData {
  R: number;
  latencyMs: number;
  concurrency: number;
}

export type EnrichMainRequest =
  | { id: number; kind: 'invoke'; channel: string; input: unknown }
  | { id: number; kind: 'stats' }
  | { id: number; kind: 'close' };

async function main() {
  const { R, latencyMs, concurrency } = workerData as EnrichMainWorkerData;
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
  const port = parentPort!;
  port.on('message', (req: EnrichMainRequest) => {
    void (async () => {
      if (req.kind === 'invoke') {
        const output = await runtime.dispatch(req.channel as never, req.input as never);
        port.postMessage({ id: req.id, output });
      } else if (req.kind === 'stats') {
        const { total, rateLimited, creditsCharged } = sim.stats;
        port.postMessage({ id: req.id, output: { total, rateLimited, creditsCharged } });
      } else {
        await runtime.close();
        await sim.close();
        port.postMessage({ id: req.id, output: null });
      }
    })().catch((err: unknown) => port.postMessage({ id: req.id, error: String(err) }));
  });
  port.postMessage({ ready: true, validKey: sim.validKey });
}

void main();
