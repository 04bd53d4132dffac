/**
 * Starts what a browser test runs against: the provider simulators on loopback and the test host
 * (real main services + built renderer) pointed at them. Each spec file gets its own stack on
 * random ports, so specs never share state.
 */
import { startHost, type HostHandle, type HostOptions } from '../../host/server';
import { startAllSimulators, type RunningSimulators } from '../../simulators';
import type { KnobsPatch } from '../../simulators/core';

export interface Stack {
  host: HostHandle;
  sims: RunningSimulators;
  close(): Promise<void>;
}

export async function startStack(
  options: { env?: Record<string, string>; host?: HostOptions; knobs?: Parameters<typeof startAllSimulators>[0] } = {},
): Promise<Stack> {
  const sims = await startAllSimulators(options.knobs as KnobsPatch | undefined);
  const host = await startHost({
    ...options.host,
    env: { PROSPECT_DESK_SECRET_STORE: 'memory', ...sims.env, ...options.env },
  });
  return {
    host,
    sims,
    close: async () => {
      await host.close();
      await sims.close();
    },
  };
}

/** Calls a channel over the host's HTTP transport, as the page's bridge does. */
export async function callChannel(
  baseUrl: string,
  channel: string,
  input: unknown,
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${baseUrl}/ipc/${channel}`, {
    method: 'POST',
    // What the host's own page sends (the host refuses calls from any other origin).
    headers: { 'content-type': 'application/json', origin: new URL(baseUrl).origin },
    body: typeof input === 'string' ? input : JSON.stringify(input),
  });
  return { status: response.status, body: await response.json() };
}
