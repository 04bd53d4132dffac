/**
 * The key stores without an OS keychain: safeStorage file store, memory stores, key service and the
 * store selection fallbacks. The real keychain is tested in tests/integration/keychain/.
 *
 * SafeStorageLike is faked on purpose: Electron's safeStorage cannot run in Node. The fake encrypts
 * for real (AES-256-GCM with its own key), so a wrong key fails to decrypt as the real one does.
 */
import { execFile, spawnSync } from 'node:child_process';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inspect, promisify } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeyService, keyHint, normalizeKey } from '../../main/secrets/key-service';
import {
  KeytarSecretStore,
  loadKeytar,
  probeKeychain,
  type KeytarLike,
  type KeytarLoadResult,
} from '../../main/secrets/keytar-store';
import {
  MemorySecretStore,
  SESSION_ONLY_NOTE,
  createSessionStore,
  createTestMemoryStore,
} from '../../main/secrets/memory-store';
import { SafeStorageSecretStore, assessSafeStorage, secretsFilePath } from '../../main/secrets/safe-storage-store';
import { selectSecretStore } from '../../main/secrets/select-store';
import { SecretStoreError, type SafeStorageLike } from '../../main/secrets/types';
import { toAppError } from '../../main/providers/errors';

const execFileAsync = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const posix = process.platform !== 'win32';
/**
 * As root, "cannot read" is only observable as another user. That user must be able to reach the
 * checkout and its node_modules: not the case when the clone sits in a private (0700) folder.
 */
const canTestUnreadable =
  posix &&
  (process.getuid?.() !== 0 ||
    spawnSync(process.execPath, ['-e', `require.resolve('tsx', { paths: [${JSON.stringify(repoRoot)}] })`], {
      uid: 65534,
      gid: 65534,
      cwd: os.tmpdir(),
    }).status === 0);

class FakeSafeStorage implements SafeStorageLike {
  readonly osKey = randomBytes(32);
  available = true;
  backend = 'gnome_libsecret';
  /** When set, encryptString fails with this message (real errors may quote their input). */
  encryptFailure?: (plainText: string) => string;

  isEncryptionAvailable() {
    return this.available;
  }
  getSelectedStorageBackend() {
    return this.backend;
  }
  encryptString(plainText: string): Buffer {
    if (this.encryptFailure) throw new Error(this.encryptFailure(plainText));
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.osKey, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }
  decryptString(encrypted: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.osKey, encrypted.subarray(0, 12));
    decipher.setAuthTag(encrypted.subarray(12, 28));
    return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
  }
}

const APOLLO_KEY = 'apollo_live_5f2b9c1e7d3a4b6c8e0f9a2b';
const OCEAN_KEY = 'ocean-tok-93b1d7e5c2a4f6081e3d5c7b';

const keytarUnavailable = async (): Promise<KeytarLoadResult> => ({
  ok: false,
  reason: 'The keychain module (keytar) could not be loaded: libsecret-1.so.0: cannot open shared object file',
});

let dir: string;
let filePath: string;
let safeStorage: FakeSafeStorage;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pd-secrets-'));
  filePath = secretsFilePath(path.join(dir, 'userData'));
  safeStorage = new FakeSafeStorage();
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const fileStore = (ss: SafeStorageLike = safeStorage, platform: NodeJS.Platform = 'linux') =>
  new SafeStorageSecretStore({ safeStorage: ss, filePath, platform });

async function rejection(promise: Promise<unknown>): Promise<SecretStoreError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SecretStoreError);
  return err as SecretStoreError;
}

describe('safeStorage file store', () => {
  it('sets, reads, replaces and removes keys', async () => {
    const store = fileStore();
    expect(store.kind).toBe('safeStorage');
    expect(await store.get('apollo')).toBeUndefined();
    expect(await store.list()).toEqual([]);

    await store.set('apollo', APOLLO_KEY);
    await store.set('ocean', OCEAN_KEY);
    expect(await store.get('apollo')).toBe(APOLLO_KEY);
    expect(await store.list()).toEqual(['apollo', 'ocean']);

    await store.set('apollo', 'apollo_live_replacement_0001');
    expect(await store.get('apollo')).toBe('apollo_live_replacement_0001');

    await store.remove('apollo');
    expect(await store.get('apollo')).toBeUndefined();
    expect(await store.get('ocean')).toBe(OCEAN_KEY);
    await store.remove('apollo'); // removing again is fine
    expect(await store.list()).toEqual(['ocean']);
    expect(await store.check()).toBeUndefined();
  });

  it('persists across instances in a private file that never holds a key in clear', async () => {
    await fileStore().set('apollo', APOLLO_KEY);
    const reopened = fileStore();
    expect(await reopened.get('apollo')).toBe(APOLLO_KEY);

    const text = await fs.readFile(filePath, 'utf8');
    expect(text).not.toContain(APOLLO_KEY);
    expect(JSON.parse(text).keys.apollo).toMatch(/^[A-Za-z0-9+/]+=*$/);
    if (posix) {
      expect((await fs.stat(filePath)).mode & 0o777).toBe(0o600);
    }
    // Atomic writes leave no temp files behind.
    expect(await fs.readdir(path.dirname(filePath))).toEqual(['secrets.json']);
  });

  it('loses no key when several are saved at once', async () => {
    const store = fileStore();
    await Promise.all([
      store.set('apollo', APOLLO_KEY),
      store.set('apione', 'apione_key_000111222'),
      store.set('ocean', OCEAN_KEY),
      store.set('sumble', 'sumble_key_333444555'),
    ]);
    expect(await fileStore().list()).toEqual(['apollo', 'apione', 'ocean', 'sumble']);
  });

  it('says clearly when a key was encrypted with another OS key', async () => {
    await fileStore().set('apollo', APOLLO_KEY);
    const err = await rejection(fileStore(new FakeSafeStorage()).get('apollo'));
    expect(err.reason).toBe('undecryptable');
    expect(err.message).toMatch(/could not be decrypted.*Enter the key again/);
    expect(err.message).not.toContain(APOLLO_KEY);
  });

  it('reports a corrupted file with a clear error instead of crashing, and does not overwrite it', async () => {
    await fileStore().set('apollo', APOLLO_KEY);
    await fs.writeFile(filePath, '{"format":"prospect-desk-secrets","version":1,"keys":{"apollo":"abc', {
      mode: 0o600,
    });
    const store = fileStore();

    const err = await rejection(store.get('apollo'));
    expect(err.reason).toBe('corrupted');
    expect(err.message).toContain(filePath);
    expect(err.message).toMatch(/damaged \(it is not valid JSON\)/);
    expect(await store.check()).toBe(err.message);
    expect(toAppError(err)).toEqual({ code: 'unavailable', message: err.message });

    // Writing must not silently throw away what is left of the file.
    expect((await rejection(store.set('ocean', OCEAN_KEY))).reason).toBe('corrupted');
    expect(await fs.readFile(filePath, 'utf8')).toContain('"abc');

    const described = await createKeyService(store).describe('apollo');
    expect(described.configured).toBe(false);
    expect(described.storeNote).toContain('damaged');
  });

  it('reports valid JSON that is not our format as corrupted', async () => {
    await fs.mkdir(path.dirname(filePath), { recursive: true });
    await fs.writeFile(filePath, JSON.stringify({ keys: { apollo: 12 } }), { mode: 0o600 });
    const err = await rejection(fileStore().list());
    expect(err.reason).toBe('corrupted');
    expect(err.message).toMatch(/not in the format Prospect Desk writes/);
  });

  it.skipIf(!posix)('refuses a key file readable or writable by other users, and says how to fix it', async () => {
    const store = fileStore();
    await store.set('apollo', APOLLO_KEY);

    await fs.chmod(filePath, 0o644);
    const readable = await rejection(store.get('apollo'));
    expect(readable.reason).toBe('permissions');
    expect(readable.message).toContain(`${filePath} is readable by other users (mode 644)`);
    expect(readable.message).toContain(`chmod 600 "${filePath}"`);
    expect(await store.check()).toBe(readable.message);

    await fs.chmod(filePath, 0o620);
    expect((await rejection(store.get('apollo'))).message).toMatch(/is writable by other users \(mode 620\)/);

    await fs.chmod(filePath, 0o600);
    expect(await store.get('apollo')).toBe(APOLLO_KEY);
  });

  it.skipIf(!canTestUnreadable)('reports a key file it cannot read', async () => {
    await fileStore().set('apollo', APOLLO_KEY);
    await fs.chmod(filePath, 0o000);
    await fs.chmod(dir, 0o755);
    await fs.chmod(path.dirname(filePath), 0o755);
    const message = await checkAsUnprivilegedUser(filePath);
    expect(message).toContain(`The key file ${filePath} cannot be read by Prospect Desk (permission denied)`);
  });

  it('refuses to persist with the Linux basic_text backend', async () => {
    safeStorage.backend = 'basic_text';
    const err = (() => {
      try {
        fileStore();
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(SecretStoreError);
    expect((err as SecretStoreError).reason).toBe('insecure');
    expect((err as SecretStoreError).message).toMatch(/basic_text/);

    // The backend can change after the store was made: still never written with basic_text.
    safeStorage.backend = 'gnome_libsecret';
    const store = fileStore();
    await store.set('apollo', APOLLO_KEY);
    const before = await fs.readFile(filePath, 'utf8');
    safeStorage.backend = 'basic_text';
    expect((await rejection(store.set('ocean', OCEAN_KEY))).reason).toBe('insecure');
    expect(await fs.readFile(filePath, 'utf8')).toBe(before);
    expect(await store.check()).toMatch(/basic_text.*New keys cannot be saved/);
  });

  it('judges safeStorage backends', () => {
    expect(assessSafeStorage(safeStorage, 'linux')).toEqual({ ok: true, backend: 'gnome_libsecret' });
    safeStorage.backend = 'kwallet6';
    expect(assessSafeStorage(safeStorage, 'linux').ok).toBe(true);
    safeStorage.backend = 'unknown';
    expect(assessSafeStorage(safeStorage, 'linux')).toMatchObject({ ok: false, code: 'insecure' });
    // The backend is a Linux notion: macOS and Windows encrypt with the Keychain / DPAPI.
    expect(assessSafeStorage(safeStorage, 'darwin')).toEqual({ ok: true });
    safeStorage.available = false;
    expect(assessSafeStorage(safeStorage, 'darwin')).toMatchObject({ ok: false, code: 'unavailable' });
  });

  it('never puts the key in an error message', async () => {
    const store = fileStore();
    safeStorage.encryptFailure = (plainText) => `encryption failed for "${plainText}"`;
    const err = await rejection(store.set('apollo', APOLLO_KEY));
    expect(err.reason).toBe('io');
    expect(err.message).toMatch(/Could not encrypt the apollo key/);
    expect(err.message).not.toContain(APOLLO_KEY);
    expect(inspect(err)).not.toContain(APOLLO_KEY);
  });
});

describe('keychain store error handling', () => {
  it('loads the real keytar module lazily, with every function we use', async () => {
    const loaded = await loadKeytar();
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(typeof loaded.keytar.findCredentials).toBe('function');
  });

  it('redacts the key from keychain errors', async () => {
    const failing: KeytarLike = {
      getPassword: async () => null,
      setPassword: async (_s, _a, password) => {
        throw new Error(`org.freedesktop.Secret.Error: cannot store "${password}"`);
      },
      deletePassword: async () => false,
      findCredentials: async () => [],
    };
    const err = await rejection(new KeytarSecretStore(failing, { service: 'pd-unit' }).set('apollo', APOLLO_KEY));
    expect(err.message).toMatch(/Could not save the apollo key/);
    expect(err.message).toContain('[redacted]');
    expect(err.message).not.toContain(APOLLO_KEY);
  });
});

describe('memory stores', () => {
  it('keeps keys for the process only, and does not print them', async () => {
    const store = createTestMemoryStore();
    expect(store.kind).toBe('memory');
    await store.set('sumble', 'sumble_key_333444555');
    await store.set('apollo', APOLLO_KEY);
    expect(await store.get('apollo')).toBe(APOLLO_KEY);
    expect(await store.list()).toEqual(['apollo', 'sumble']);
    await store.remove('apollo');
    expect(await store.get('apollo')).toBeUndefined();
    expect(inspect(store, { depth: 5 })).not.toContain('sumble_key_333444555');
    expect(await createTestMemoryStore().get('sumble')).toBeUndefined();
  });

  it('labels the session fallback with why', () => {
    const store = createSessionStore('Secure storage reports no encryption available.');
    expect(store.kind).toBe('session');
    expect(store.note).toBe(`${SESSION_ONLY_NOTE}. Secure storage reports no encryption available.`);
  });
});

describe('key service', () => {
  it('shows only the last four characters', async () => {
    const keys = createKeyService(createTestMemoryStore());
    expect(await keys.describe('apollo')).toEqual({
      configured: false,
      store: 'memory',
      storeNote: expect.stringContaining('Test store'),
    });
    await keys.setKey('apollo', `  ${APOLLO_KEY}\n`);
    const described = await keys.describe('apollo');
    expect(described.configured).toBe(true);
    expect(described.keyHint).toBe(APOLLO_KEY.slice(-4));
    expect(JSON.stringify(described)).not.toContain(APOLLO_KEY.slice(-5));
    expect(await keys.getKey('apollo')).toBe(APOLLO_KEY); // stored trimmed
    expect(keyHint('1234567')).toBeUndefined();
  });

  it('makes a removal take effect on the next getKey, also when removed through another instance', async () => {
    const keys = createKeyService(fileStore());
    await keys.setKey('ocean', OCEAN_KEY);
    expect(await keys.getKey('ocean')).toBe(OCEAN_KEY);
    await keys.removeKey('ocean');
    expect(await keys.getKey('ocean')).toBeUndefined();
    expect((await keys.describe('ocean')).configured).toBe(false);

    await keys.setKey('ocean', OCEAN_KEY);
    expect(await keys.getKey('ocean')).toBe(OCEAN_KEY);
    await createKeyService(fileStore()).removeKey('ocean');
    expect(await keys.getKey('ocean')).toBeUndefined();
  });

  it('rejects implausible keys without quoting them', async () => {
    const keys = createKeyService(createTestMemoryStore());
    const withSpace = 'abcd efgh ijkl 9876';
    const err = await rejection(keys.setKey('apione', withSpace));
    expect(err.reason).toBe('invalid_key');
    expect(err.message).toBe('The ApiOne key contains spaces or control characters.');
    expect(toAppError(err)).toMatchObject({ code: 'bad_request', provider: 'apione' });
    expect(() => normalizeKey('apollo', 'short')).toThrow(/too short/);
    expect(() => normalizeKey('apollo', 'x'.repeat(513))).toThrow(/too long/);
    expect(await keys.getKey('apione')).toBeUndefined();
  });
});

describe('selectSecretStore', () => {
  it('uses the memory store when asked by env', async () => {
    const store = await selectSecretStore({
      env: { PROSPECT_DESK_SECRET_STORE: 'memory' },
      loadKeytar: keytarUnavailable,
    });
    expect(store.kind).toBe('memory');
  });

  it('falls back to safeStorage when keytar cannot load', async () => {
    const store = await selectSecretStore({
      env: {},
      safeStorage,
      userDataDir: path.dirname(filePath),
      loadKeytar: keytarUnavailable,
      platform: 'linux',
    });
    expect(store.kind).toBe('safeStorage');
    expect(store.note).toContain('gnome_libsecret backend');
    expect(store.note).toContain(filePath);
    expect(store.note).toContain('libsecret-1.so.0');
    await store.set('apollo', APOLLO_KEY);
    expect(await fileStore().get('apollo')).toBe(APOLLO_KEY);
  });

  it('falls back to safeStorage when the keychain loads but does not answer', async () => {
    const silent: KeytarLike = {
      getPassword: () => new Promise(() => {}),
      setPassword: () => new Promise(() => {}),
      deletePassword: () => new Promise(() => {}),
      findCredentials: () => new Promise(() => {}),
    };
    const store = await selectSecretStore({
      env: {},
      safeStorage,
      userDataDir: path.dirname(filePath),
      loadKeytar: async () => ({ ok: true, keytar: silent }),
      probeTimeoutMs: 50,
      platform: 'linux',
    });
    expect(store.kind).toBe('safeStorage');
    expect(store.note).toMatch(/is not usable: no answer within/);
  });

  it('keeps keys for the session only when safeStorage would use basic_text', async () => {
    safeStorage.backend = 'basic_text';
    const store = await selectSecretStore({
      env: {},
      safeStorage,
      userDataDir: path.dirname(filePath),
      loadKeytar: keytarUnavailable,
      platform: 'linux',
    });
    expect(store.kind).toBe('session');
    expect(store.note).toMatch(new RegExp(`^${SESSION_ONLY_NOTE}\\. `));
    expect(store.note).toContain('keytar');
    expect(store.note).toContain('basic_text');
    await store.set('apollo', APOLLO_KEY);
    expect(await store.get('apollo')).toBe(APOLLO_KEY);
    await expect(fs.access(filePath)).rejects.toThrow();
  });

  it('keeps keys for the session only when there is no safeStorage or no encryption', async () => {
    const none = await selectSecretStore({ env: {}, loadKeytar: keytarUnavailable });
    expect(none.kind).toBe('session');
    expect(none.note).toContain('not available in this process');

    safeStorage.available = false;
    const unavailable = await selectSecretStore({
      env: {},
      safeStorage,
      userDataDir: path.dirname(filePath),
      loadKeytar: keytarUnavailable,
    });
    expect(unavailable.kind).toBe('session');
    expect(unavailable.note).toContain('no encryption available');
  });

  it.skipIf(process.platform !== 'linux')(
    'falls back with the real keytar when no Secret Service is reachable',
    async () => {
      const selectUrl = pathToFileURL(path.join(repoRoot, 'main/secrets/select-store.ts')).href;
      const code = `
        const mod = await import(${JSON.stringify(selectUrl)});
        const { selectSecretStore } = mod.selectSecretStore ? mod : mod.default; // tsx may load it as CommonJS from -e
        const store = await selectSecretStore({ env: {}, keychainService: 'prospect-desk-unit-no-bus' });
        console.log(JSON.stringify({ kind: store.kind, note: store.note }));
      `;
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(dir, 'no-bus')}`,
      };
      delete env.DISPLAY;
      delete env.WAYLAND_DISPLAY;
      const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
        cwd: repoRoot,
        env,
      });
      const result = JSON.parse(stdout.trim().split('\n').pop()!) as { kind: string; note: string };
      expect(result.kind).toBe('session');
      expect(result.note).toContain(SESSION_ONLY_NOTE);
      expect(result.note).toMatch(/Secret Service keyring is not usable: /);
    },
  );

  it('probes with a round trip and leaves nothing behind', async () => {
    const entries = new Map<string, string>();
    const keytar: KeytarLike = {
      getPassword: async (s, a) => entries.get(`${s}/${a}`) ?? null,
      setPassword: async (s, a, p) => void entries.set(`${s}/${a}`, p),
      deletePassword: async (s, a) => entries.delete(`${s}/${a}`),
      findCredentials: async () => [],
    };
    expect(await probeKeychain(keytar, 'pd-unit')).toEqual({ ok: true });
    expect(entries.size).toBe(0);
    const store = await selectSecretStore({
      env: {},
      keychainService: 'pd-unit',
      loadKeytar: async () => ({ ok: true, keytar }),
    });
    expect(store).toBeInstanceOf(KeytarSecretStore);
    expect((store as KeytarSecretStore).service).toBe('pd-unit');
    expect(store).not.toBeInstanceOf(MemorySecretStore);
  });
});

/** The store's check() run by a user who may not read the file (root reads everything, so drop to nobody). */
async function checkAsUnprivilegedUser(file: string): Promise<string | undefined> {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) {
    return new SafeStorageSecretStore({ safeStorage, filePath: file, platform: 'linux' }).check();
  }
  const storeUrl = pathToFileURL(path.join(repoRoot, 'main/secrets/safe-storage-store.ts')).href;
  const code = `
    const mod = await import(${JSON.stringify(storeUrl)});
    const { SafeStorageSecretStore } = mod.SafeStorageSecretStore ? mod : mod.default; // tsx may load it as CommonJS from -e
    const safeStorage = { isEncryptionAvailable: () => true, getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (s) => Buffer.from(s), decryptString: (b) => b.toString() };
    const store = new SafeStorageSecretStore({ safeStorage, filePath: ${JSON.stringify(file)}, platform: 'linux' });
    console.log(JSON.stringify({ problem: await store.check() }));
  `;
  const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: repoRoot,
    uid: 65534,
    gid: 65534,
    env: { ...process.env, HOME: os.tmpdir() },
  });
  return (JSON.parse(stdout.trim().split('\n').pop()!) as { problem?: string }).problem;
}
