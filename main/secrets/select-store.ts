/**
 * Picks where keys live, best first: the OS keychain (keytar), then Electron safeStorage in a file,
 * then this session only. The chosen store's note says which and why, for the Settings page.
 */
import { KEYCHAIN_SERVICE, KeytarSecretStore, loadKeytar, probeKeychain, type KeytarLoadResult } from './keytar-store';
import { createSessionStore, createTestMemoryStore } from './memory-store';
import { SafeStorageSecretStore, assessSafeStorage, secretsFilePath } from './safe-storage-store';
import type { SafeStorageLike, SecretStore } from './types';

export interface SelectSecretStoreOptions {
  /**
   * PROSPECT_DESK_SECRET_STORE=memory: in-memory test store.
   * PROSPECT_DESK_KEYCHAIN_SERVICE: keychain service name (tests use their own; default "Prospect Desk").
   */
  env: Record<string, string | undefined>;
  /** Electron's safeStorage; pass it after app 'ready' (on Linux its backend is unknown before). */
  safeStorage?: SafeStorageLike;
  /** Where the safeStorage key file goes. Without it the file store is not offered. */
  userDataDir?: string;
  /** Default true: try a write/read/delete round trip before trusting the keychain. */
  probeKeychain?: boolean;
  /** Overrides env PROSPECT_DESK_KEYCHAIN_SERVICE. */
  keychainService?: string;
  /** Tests inject a loader that fails, to walk the fallbacks without a real keychain. */
  loadKeytar?: () => Promise<KeytarLoadResult>;
  probeTimeoutMs?: number;
  platform?: NodeJS.Platform;
}

export async function selectSecretStore(opts: SelectSecretStoreOptions): Promise<SecretStore> {
  const requested = opts.env.PROSPECT_DESK_SECRET_STORE?.trim();
  if (requested === 'memory') return createTestMemoryStore();

  const platform = opts.platform ?? process.platform;
  const service = opts.keychainService ?? (opts.env.PROSPECT_DESK_KEYCHAIN_SERVICE?.trim() || KEYCHAIN_SERVICE);
  const reasons: string[] = [];

  const loaded = await (opts.loadKeytar ?? (() => loadKeytar(opts.env)))();
  if (loaded.ok) {
    const probe =
      opts.probeKeychain === false
        ? { ok: true as const }
        : await probeKeychain(loaded.keytar, service, opts.probeTimeoutMs);
    if (probe.ok) return new KeytarSecretStore(loaded.keytar, { service });
    reasons.push(sentence(probe.reason));
  } else {
    reasons.push(sentence(loaded.reason));
  }

  if (!opts.safeStorage) {
    reasons.push('Secure storage (Electron safeStorage) is not available in this process.');
  } else if (!opts.userDataDir) {
    reasons.push('Secure storage has no user-data folder to save keys in.');
  } else {
    const assessment = assessSafeStorage(opts.safeStorage, platform);
    if (assessment.ok) {
      return new SafeStorageSecretStore({
        safeStorage: opts.safeStorage,
        filePath: secretsFilePath(opts.userDataDir),
        platform,
        why: reasons.join(' '),
      });
    }
    reasons.push(assessment.reason);
  }

  return createSessionStore(reasons.join(' '));
}

/** Reasons come from libraries without a full stop; they are joined into one note. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
