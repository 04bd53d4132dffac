/**
 * What the rest of main uses for API keys. Keys are read from the store on every call (no cache), so a
 * key removed in Settings, or in the OS keychain app, is gone for the very next request.
 * Nothing here logs, and no message carries a key.
 */
import type { SecretStoreKind } from '../../shared/contract';
import type { KeyedProviderId } from '../../shared/domain';
import { PROVIDER_LABELS, SecretStoreError, errorMessage, type SecretStore } from './types';

export const MIN_KEY_LENGTH = 8;
export const MAX_KEY_LENGTH = 512;

export interface KeyDescription {
  configured: boolean;
  /** Last four characters, and only for keys long enough that four is at most half of it. */
  keyHint?: string;
  store: SecretStoreKind;
  storeNote?: string;
}

export interface KeyService {
  readonly store: SecretStore;
  getKey(provider: KeyedProviderId): Promise<string | undefined>;
  setKey(provider: KeyedProviderId, key: string): Promise<void>;
  removeKey(provider: KeyedProviderId): Promise<void>;
  /** Never throws: a broken store is described in storeNote. */
  describe(provider: KeyedProviderId): Promise<KeyDescription>;
}

export function keyHint(key: string): string | undefined {
  return key.length >= MIN_KEY_LENGTH ? key.slice(-4) : undefined;
}

/** The key as it will be stored (trimmed), or a SecretStoreError that does not quote it. */
export function normalizeKey(provider: KeyedProviderId, key: string): string {
  const label = PROVIDER_LABELS[provider];
  const trimmed = key.trim();
  const invalid = (why: string) => new SecretStoreError('invalid_key', `The ${label} key ${why}.`, undefined, provider);
  if (trimmed.length < MIN_KEY_LENGTH) throw invalid(`is too short (at least ${MIN_KEY_LENGTH} characters)`);
  if (trimmed.length > MAX_KEY_LENGTH) throw invalid(`is too long (at most ${MAX_KEY_LENGTH} characters)`);
  // A key with a line break or space inside is a paste mistake, and would break the HTTP header.
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(trimmed)) throw invalid('contains spaces or control characters');
  return trimmed;
}

export function createKeyService(store: SecretStore): KeyService {
  return {
    store,

    getKey: (provider) => store.get(provider),

    async setKey(provider, key) {
      await store.set(provider, normalizeKey(provider, key));
    },

    removeKey: (provider) => store.remove(provider),

    async describe(provider) {
      const base = { store: store.kind };
      let key: string | undefined;
      let problem: string | undefined;
      try {
        key = await store.get(provider);
      } catch (err) {
        problem = errorMessage(err);
      }
      problem ??= await store.check().catch((err: unknown) => errorMessage(err));
      const storeNote = [store.note, problem].filter(Boolean).join(' ') || undefined;
      const hint = key ? keyHint(key) : undefined;
      return {
        ...base,
        configured: Boolean(key),
        ...(hint ? { keyHint: hint } : {}),
        ...(storeNote ? { storeNote } : {}),
      };
    },
  };
}
