/**
 * The one factory that turns the contract into `window.api`. The preload calls it over Electron
 * IPC; the test host's bridge calls it over HTTP. Same methods, same types, so the browser tests
 * exercise exactly what the app's renderer sees.
 */
import { CHANNELS, type AppEvent, type Channel, type ChannelInput, type ChannelOutput, type Result } from './contract';

export interface ApiTransport {
  invoke(channel: Channel, input: unknown): Promise<unknown>;
  /** Subscribes to pushed events; returns the unsubscribe function. */
  subscribe(listener: (event: AppEvent) => void): () => void;
}

type Split<S extends string> = S extends `${infer A}.${infer B}` ? [A, B] : never;
type Namespaces = Split<Channel>[0];
type MethodsOf<N extends string> = {
  [C in Channel as Split<C>[0] extends N ? Split<C>[1] : never]: (
    input: ChannelInput<C>,
  ) => Promise<Result<ChannelOutput<C>>>;
};

export type Api = { [N in Namespaces]: MethodsOf<N> } & {
  /** Subscribe to events main pushes (progress, rate limits). Returns unsubscribe. */
  onEvent(listener: (event: AppEvent) => void): () => void;
};

export function createApi(transport: ApiTransport): Api {
  const api: Record<string, unknown> = {};
  for (const channel of CHANNELS) {
    const [ns, method] = channel.split('.') as [string, string];
    const group = (api[ns] ??= {}) as Record<string, unknown>;
    group[method] = (input: unknown) => transport.invoke(channel, input ?? {});
  }
  api.onEvent = (listener: (event: AppEvent) => void) => transport.subscribe(listener);
  return Object.freeze(api) as Api;
}
