/**
 * Keys in process memory only. Kind 'memory' is for tests (PROSPECT_DESK_SECRET_STORE=memory);
 * kind 'session' is the last resort when the desktop has no secure store: keys last for this run.
 */
import { KEYED_PROVIDER_IDS, type KeyedProviderId } from '../../shared/domain';
import type { SecretStore } from './types';

export const SESSION_ONLY_NOTE =
  'No OS keychain or secure storage is available on this desktop; keys are kept for this session only';

export class MemorySecretStore implements SecretStore {
  // A private field, so util.inspect / console.log of the store never prints keys.
  readonly #keys = new Map<KeyedProviderId, string>();

  constructor(
    readonly kind: 'memory' | 'session',
    readonly note?: string,
  ) {}

  async get(provider: KeyedProviderId): Promise<string | undefined> {
    return this.#keys.get(provider);
  }

  async set(provider: KeyedProviderId, key: string): Promise<void> {
    this.#keys.set(provider, key);
  }

  async remove(provider: KeyedProviderId): Promise<void> {
    this.#keys.delete(provider);
  }

  async list(): Promise<KeyedProviderId[]> {
    return KEYED_PROVIDER_IDS.filter((id) => this.#keys.has(id));
  }

  async check(): Promise<string | undefined> {
    return undefined;
  }
}

export function createTestMemoryStore(): MemorySecretStore {
  return new MemorySecretStore(
    'memory',
    'Test store (PROSPECT_DESK_SECRET_STORE=memory): keys are kept in memory and never saved.',
  );
}

/** `why` is the chain of reasons the better stores were not used. */
export function createSessionStore(why?: string): MemorySecretStore {
  return new MemorySecretStore('session', why ? `${SESSION_ONLY_NOTE}. ${why}` : `${SESSION_ONLY_NOTE}.`);
}
