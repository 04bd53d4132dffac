/**
 * Starts every provider simulator and hands back their handles plus the environment the app reads
 * its base URLs from (APOLLO_BASE_URL, ...). A new provider simulator: add its starter below.
 */
import { startApioneSimulator } from './apione';
import { startApolloSimulator } from './apollo';
import type { KnobsPatch, SimulatorHandle } from './core';
import { startOceanSimulator } from './ocean';
import { startSumbleSimulator } from './sumble';

export type SimulatorName = 'apollo' | 'apione' | 'ocean' | 'sumble';

export interface RunningSimulators {
  handles: Record<SimulatorName, SimulatorHandle>;
  /** APOLLO_BASE_URL etc., for every simulator started. */
  env: Record<string, string>;
  close(): Promise<void>;
}

type Starter = (knobs?: KnobsPatch) => Promise<SimulatorHandle>;

const SIMULATORS: Record<SimulatorName, { env: string; start: Starter }> = {
  apollo: { env: 'APOLLO_BASE_URL', start: (k) => startApolloSimulator(k) },
  apione: { env: 'APIONE_BASE_URL', start: (k) => startApioneSimulator(k) },
  ocean: { env: 'OCEAN_BASE_URL', start: (k) => startOceanSimulator(k) },
  sumble: { env: 'SUMBLE_BASE_URL', start: (k) => startSumbleSimulator(k) },
};

/**
 * `knobs` applies to every simulator, or give `{ apollo: {...}, sumble: {...} }` for per-simulator
 * knobs (each provider's own defaults, such as its test key, still apply underneath).
 */
export async function startAllSimulators(
  knobs?: KnobsPatch | Partial<Record<SimulatorName, KnobsPatch>>,
): Promise<RunningSimulators> {
  const perSimulator = isPerSimulator(knobs) ? knobs : undefined;
  const shared = perSimulator ? undefined : (knobs as KnobsPatch | undefined);
  const started: Partial<Record<SimulatorName, SimulatorHandle>> = {};
  const env: Record<string, string> = {};
  try {
    for (const [name, sim] of Object.entries(SIMULATORS) as [SimulatorName, (typeof SIMULATORS)[SimulatorName]][]) {
      const handle = await sim.start(perSimulator?.[name] ?? shared);
      started[name] = handle;
      env[sim.env] = handle.baseUrl;
    }
  } catch (err) {
    await Promise.all(Object.values(started).map((h) => h.close()));
    throw err;
  }
  const handles = started as Record<SimulatorName, SimulatorHandle>;
  return {
    handles,
    env,
    close: async () => {
      await Promise.all(Object.values(handles).map((h) => h.close()));
    },
  };
}

function isPerSimulator(k: unknown): k is Partial<Record<SimulatorName, KnobsPatch>> {
  return !!k && typeof k === 'object' && Object.keys(k).some((key) => key in SIMULATORS);
}
