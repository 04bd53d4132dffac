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
import { openEnrichJournal } from './services/enrich-journal';

export interface RuntimeOptions {
  env: Record<string, string | undefined>;
  emit(event: AppEvent): void;
  saveCsv(suggestedName: string, content: string): Promise<{ saved: boolean; path?: string }>;
  safeStorage?: SafeStorageLike;
  userDataDir?: string;
  /**
   * Folder for main's own durable data (the enrichment journal): Electron's userData in the app.
   * Falls back to env PROSPECT_DESK_DATA_DIR (test host); with neither, nothing is journaled.
   */
  dataDir?: string;
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
  const dataDir = opts.dataDir ?? (opts.env.PROSPECT_DESK_DATA_DIR?.trim() || undefined);
  const journal = dataDir ? await openEnrichJournal({ dir: dataDir, log }) : undefined;
  const services = createServices({
    adapters,
    http,
    keys,
    emit: opts.emit,
    saveCsv: opts.saveCsv,
    log,
    ...(journal ? { journal } : {}),
  });
  return {
    config,
    dispatch: createDispatch(services, log),
    close: async () => {
      // Called first and synchronously: nothing more is journaled once the app is going away.
      const journalClosed = journal?.close();
      await http.close();
      await journalClosed;
    },
  };
}
