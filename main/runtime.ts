/**
 * Assembles main's services from configuration: key store, HTTP layer, provider adapters,
 * validated dispatch. Used by the Electron shell (main/index.ts), the test host and benchmarks,
 * so all three run the same code.
 */
import type { AppEvent } from '../shared/contract';
import { loadConfig, type AppConfig } from './config';
import { createDispatch, type Dispatch } from './ipc/bind';
import { createHttpClient } from './providers/http';
import { createProviderAdapters } from './providers/registry';
import type { ProviderAdapter } from './providers/types';
import { createKeyService } from './secrets/key-service';
import { selectSecretStore } from './secrets/select-store';
import type { SafeStorageLike } from './secrets/safe-storage-store';
import { createServices } from './services';

export interface RuntimeOptions {
  env: Record<string, string | undefined>;
  emit(event: AppEvent): void;
  saveCsv(suggestedName: string, content: string): Promise<{ saved: boolean; path?: string }>;
  safeStorage?: SafeStorageLike;
  userDataDir?: string;
  log?: (line: string) => void;
  /** Tests may swap adapters (e.g. to point one at a simulator with custom limits). */
  adapters?: (config: AppConfig) => ProviderAdapter[];
}

export interface MainRuntime {
  config: AppConfig;
  dispatch: Dispatch;
  close(): Promise<void>;
}

export async function createMainRuntime(opts: RuntimeOptions): Promise<MainRuntime> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const config = loadConfig(opts.env);
  const store = await selectSecretStore({
    env: opts.env,
    ...(opts.safeStorage ? { safeStorage: opts.safeStorage } : {}),
    ...(opts.userDataDir ? { userDataDir: opts.userDataDir } : {}),
  });
  log(`[keys] using ${store.kind} store`);
  const keys = createKeyService(store);
  const http = createHttpClient({
    ...(config.rateLimits ? { limits: config.rateLimits } : {}),
    onRateLimited: (provider, retryAfterMs) =>
      opts.emit({ type: 'provider.rateLimited', provider, retryAfterMs: Math.round(retryAfterMs) }),
  });
  const adapters = (opts.adapters ?? createProviderAdapters)(config);
  const services = createServices({ adapters, http, keys, emit: opts.emit, saveCsv: opts.saveCsv });
  return {
    config,
    dispatch: createDispatch(services, log),
    close: () => http.close(),
  };
}
