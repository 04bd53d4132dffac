/**
 * Starts what a browser test runs against: the provider simulators on loopback and the test host
 * (real main services + built renderer) pointed at them. Each spec file gets its own stack on
 * random ports, so specs never share state.
 */
import { startHost, type HostHandle, type HostOptions } from '../../host/server';

export interface Stack {
  host: HostHandle;
  close(): Promise<void>;
}

export async function startStack(options: { env?: Record<string, string>; host?: HostOptions } = {}): Promise<Stack> {
  const host = await startHost({
    ...options.host,
    env: { PROSPECT_DESK_SECRET_STORE: 'memory', ...options.env },
  });
  return { host, close: () => host.close() };
}

/** Calls a channel over the host's HTTP transport, as the page's bridge does. */
export async function callChannel(baseUrl: string, channel: string, input: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${baseUrl}/ipc/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof input === 'string' ? input : JSON.stringify(input),
  });
  return { status: response.status, body: await response.json() };
}
