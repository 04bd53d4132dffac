import { createRequire } from 'node:module';
import { join } from 'node:path';
/**
 * Keys in the OS keychain through keytar: macOS Keychain, Windows Credential Manager, or the
 * Secret Service (gnome-keyring, KWallet) on Linux. One entry per provider under one service name.
 *
 * keytar is a native module: it can fail to load (not rebuilt for this Electron, missing libsecret),
 * so it is imported lazily and a failure becomes a reason, not a crash.
 */
import { KEYED_PROVIDER_IDS, type KeyedProviderId } from '../../shared/domain';
import { SecretStoreError, errorMessage, redact, type SecretStore } from './types';

export const KEYCHAIN_SERVICE = 'Prospect Desk';

/** The part of keytar we use. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

export type KeytarLoadResult = { ok: true; keytar: KeytarLike } | { ok: false; reason: string };

export async function loadKeytar(env: Record<string, string | undefined> = process.env): Promise<KeytarLoadResult> {
  try {
    // `npm start` rebuilds keytar for Electron's ABI into its own folder (scripts/start.mjs) and
    // points here, so the Node build in node_modules keeps serving the tests.
    const override = env.PROSPECT_DESK_KEYTAR_PATH?.trim();
    const mod = (
      override ? createRequire(join(process.cwd(), 'noop.js'))(override) : await import('keytar')
    ) as Partial<KeytarLike> & { default?: Partial<KeytarLike> };
    // CommonJS module: Node's ESM loader puts it whole on `default` (and only some names at top level).
    const keytar = [mod.default, mod].find(isKeytarLike);
    if (!keytar) return { ok: false, reason: 'The keytar module loaded but does not look like keytar.' };
    return { ok: true, keytar };
  } catch (err) {
    return { ok: false, reason: `The keychain module (keytar) could not be loaded: ${errorMessage(err)}` };
  }
}

function isKeytarLike(candidate: Partial<KeytarLike> | undefined): candidate is KeytarLike {
  return (
    !!candidate &&
    typeof candidate.getPassword === 'function' &&
    typeof candidate.setPassword === 'function' &&
    typeof candidate.deletePassword === 'function' &&
    typeof candidate.findCredentials === 'function'
  );
}

export function keychainName(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service keyring';
}

export interface KeytarStoreOptions {
  /** Tests use their own service name so a developer's real entries are never touched. */
  service?: string;
  note?: string;
}

export class KeytarSecretStore implements SecretStore {
  readonly kind = 'keychain' as const;
  readonly service: string;
  readonly note: string;

  constructor(
    private readonly keytar: KeytarLike,
    options: KeytarStoreOptions = {},
  ) {
    this.service = options.service ?? KEYCHAIN_SERVICE;
    this.note = options.note ?? `Keys are kept in the ${keychainName()} under "${this.service}".`;
  }

  async get(provider: KeyedProviderId): Promise<string | undefined> {
    try {
      const value = await this.keytar.getPassword(this.service, provider);
      return value ?? undefined;
    } catch (err) {
      throw this.failure('read', provider, err);
    }
  }

  async set(provider: KeyedProviderId, key: string): Promise<void> {
    try {
      await this.keytar.setPassword(this.service, provider, key);
    } catch (err) {
      throw this.failure('save', provider, err, key);
    }
  }

  async remove(provider: KeyedProviderId): Promise<void> {
    try {
      await this.keytar.deletePassword(this.service, provider);
    } catch (err) {
      throw this.failure('remove', provider, err);
    }
  }

  async list(): Promise<KeyedProviderId[]> {
    let credentials: Array<{ account: string; password: string }>;
    try {
      credentials = await this.keytar.findCredentials(this.service);
    } catch (err) {
      throw this.failure('list', undefined, err);
    }
    const accounts = new Set(credentials.filter((c) => c.password).map((c) => c.account));
    return KEYED_PROVIDER_IDS.filter((id) => accounts.has(id));
  }

  async check(): Promise<string | undefined> {
    try {
      await this.keytar.findCredentials(this.service);
      return undefined;
    } catch (err) {
      return `The ${keychainName()} did not answer: ${errorMessage(err)}`;
    }
  }

  private failure(action: string, provider: KeyedProviderId | undefined, err: unknown, key?: string) {
    const what = provider ? `the ${provider} key` : 'the saved keys';
    return new SecretStoreError(
      'io',
      `Could not ${action} ${what} in the ${keychainName()}: ${redact(errorMessage(err), key)}`,
      'keychain',
      provider,
    );
  }
}

const PROBE_ACCOUNT = 'prospect-desk-probe';

/**
 * A write, read and delete of a throwaway entry: the only way to know the keychain really works
 * (keytar loads fine on a Linux desktop with no Secret Service and fails on first use).
 */
export async function probeKeychain(
  keytar: KeytarLike,
  service: string = KEYCHAIN_SERVICE,
  timeoutMs = 10_000,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const value = `probe-${process.pid}-${Date.now()}`;
  const roundTrip = async () => {
    await keytar.setPassword(service, PROBE_ACCOUNT, value);
    try {
      const read = await keytar.getPassword(service, PROBE_ACCOUNT);
      if (read !== value) throw new Error('a value written to it read back differently');
    } finally {
      await keytar.deletePassword(service, PROBE_ACCOUNT).catch(() => false);
    }
  };
  let timer: NodeJS.Timeout | undefined;
  // A D-Bus call with nobody answering can hang; the app must still start.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
    timer.unref?.();
  });
  try {
    await Promise.race([roundTrip(), timeout]);
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: `The ${keychainName()} is not usable: ${errorMessage(err)}` };
  } finally {
    clearTimeout(timer);
  }
}
