/**
 * Where API keys live. Callers only see SecretStore, so the backend (keytar today, which is archived
 * upstream) can change without touching them. Nothing here imports electron.
 */
import type { KeyedProviderId } from '../../shared/domain';
import { PROVIDER_NAMES } from '../../shared/provider-names';
import { ProviderError } from '../providers/errors';
import type { SecretStoreKind } from '../../shared/contract';

export interface SecretStore {
  readonly kind: SecretStoreKind;
  /** Which store this is and why it was chosen, for the Settings page. */
  readonly note?: string;
  get(provider: KeyedProviderId): Promise<string | undefined>;
  set(provider: KeyedProviderId, key: string): Promise<void>;
  /** Removing a key that is not there is not an error. */
  remove(provider: KeyedProviderId): Promise<void>;
  /** Providers that have a key in this store. */
  list(): Promise<KeyedProviderId[]>;
  /**
   * A problem found with the store itself (damaged file, loose permissions), or undefined when it is
   * healthy. Never throws: the Settings page shows the answer.
   */
  check(): Promise<string | undefined>;
}

/** The part of Electron's safeStorage we use; main/index.ts passes the real one in. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron: 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown'. */
  getSelectedStorageBackend?(): string;
}

export type SecretStoreErrorCode =
  /** The store cannot be used on this desktop (no keychain, no encryption). */
  | 'unavailable'
  /** The store would only obfuscate (safeStorage basic_text): refused. */
  | 'insecure'
  /** The key file is not what we wrote. */
  | 'corrupted'
  /** The key file is readable by others, or not readable by us. */
  | 'permissions'
  /** A saved key could not be decrypted (the OS key changed, or the file came from another machine). */
  | 'undecryptable'
  /** The key given to setKey is not a plausible key. */
  | 'invalid_key'
  /** Reading or writing failed for another reason. */
  | 'io';

/**
 * Messages are written for the rep and never contain a key. It is a ProviderError so the IPC layer's
 * toAppError passes the message through instead of a generic one.
 */
export class SecretStoreError extends ProviderError {
  constructor(
    readonly reason: SecretStoreErrorCode,
    message: string,
    readonly store?: SecretStoreKind,
    provider?: KeyedProviderId,
  ) {
    super(reason === 'invalid_key' ? 'bad_request' : 'unavailable', message, provider);
    this.name = 'SecretStoreError';
  }
}

/** Removes every occurrence of the secret from a message that came from outside our code. */
export function redact(message: string, secret: string | undefined): string {
  if (!secret) return message;
  let out = message.split(secret).join('[redacted]');
  const trimmed = secret.trim();
  if (trimmed && trimmed !== secret) out = out.split(trimmed).join('[redacted]');
  return out;
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** Display names, from the one shared table. */
export const PROVIDER_LABELS: Readonly<Record<KeyedProviderId, string>> = PROVIDER_NAMES;
