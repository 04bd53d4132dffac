/** What the provider integration tests share: HTTP clients closed after the suite, and error assertions. */
import { expect } from 'vitest';
import { ProviderError } from '../../../main/providers/errors';
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../../../main/providers/http';

/** The rejection of `p`, asserted to be a ProviderError (a resolved promise fails the test). */
export async function rejection(p: Promise<unknown>): Promise<ProviderError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}

/** Creates HTTP clients and remembers them, so one afterAll closes every pool. */
export function clientTracker() {
  const clients: HttpClient[] = [];
  return {
    client(opts: HttpClientOptions): HttpClient {
      const c = createHttpClient(opts);
      clients.push(c);
      return c;
    },
    closeAll: () => Promise.all(clients.map((c) => c.close())),
  };
}
