/**
 * Fallback when keytar cannot reach a keychain: keys encrypted with Electron's safeStorage (which uses
 * the OS keyring / DPAPI / Keychain for its own key) and saved as base64 in one JSON file in the
 * user-data folder. electron is not imported here: main/index.ts injects safeStorage.
 *
 * On Linux safeStorage may fall back to 'basic_text', a password hard-coded in Chromium: that is
 * obfuscation, not encryption, so we refuse to persist keys with it.
 */
import { randomBytes } from 'node:crypto';
import fs, { type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { KEYED_PROVIDER_IDS, type KeyedProviderId } from '../../shared/domain';
import { SecretStoreError, errorMessage, redact, type SafeStorageLike, type SecretStore } from './types';

export type { SafeStorageLike } from './types';

export const SECRETS_FILE_NAME = 'secrets.json';
const FILE_FORMAT = 'prospect-desk-secrets';

/** Linux safeStorage backends that encrypt with a key the desktop keeps secret. */
export const SECURE_LINUX_BACKENDS: readonly string[] = ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'];

const Base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);
const SecretsFile = z.object({
  format: z.literal(FILE_FORMAT),
  version: z.literal(1),
  // Accounts we do not know (a newer version's providers) are kept as they are on rewrite.
  keys: z.record(z.string(), Base64),
});
type SecretsFile = z.infer<typeof SecretsFile>;

export type SafeStorageAssessment =
  { ok: true; backend?: string } | { ok: false; code: 'unavailable' | 'insecure'; reason: string };

/** Whether safeStorage may hold keys here. On Linux, call it after Electron's app 'ready' (before, the backend reads 'unknown'). */
export function assessSafeStorage(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): SafeStorageAssessment {
  let available: boolean;
  try {
    available = safeStorage.isEncryptionAvailable();
  } catch (err) {
    return { ok: false, code: 'unavailable', reason: `Secure storage could not be queried: ${errorMessage(err)}` };
  }
  if (!available) {
    return {
      ok: false,
      code: 'unavailable',
      reason: 'Secure storage (Electron safeStorage) reports no encryption available.',
    };
  }
  if (platform !== 'linux') return { ok: true };
  const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
  if (backend === 'basic_text') {
    return {
      ok: false,
      code: 'insecure',
      reason:
        "Secure storage would use its 'basic_text' backend, which encrypts with a password built into the program (no desktop keyring was found), so it is not used.",
    };
  }
  if (!SECURE_LINUX_BACKENDS.includes(backend)) {
    return {
      ok: false,
      code: 'insecure',
      reason: `Secure storage uses an unrecognised backend ('${backend}'), so it is not used.`,
    };
  }
  return { ok: true, backend };
}

export interface SafeStorageStoreOptions {
  safeStorage: SafeStorageLike;
  /** Full path of the key file; see secretsFilePath(). */
  filePath: string;
  platform?: NodeJS.Platform;
  /** Why this store was chosen; appended to the default note. */
  why?: string;
}

export function secretsFilePath(userDataDir: string): string {
  return path.join(userDataDir, SECRETS_FILE_NAME);
}

export class SafeStorageSecretStore implements SecretStore {
  readonly kind = 'safeStorage' as const;
  readonly note: string;
  readonly filePath: string;
  private readonly safeStorage: SafeStorageLike;
  private readonly platform: NodeJS.Platform;
  // Writes are read-modify-write of one file: run them one at a time so none is lost.
  private queue: Promise<unknown> = Promise.resolve();

  /** Throws SecretStoreError ('unavailable' or 'insecure') when safeStorage must not hold keys. */
  constructor(options: SafeStorageStoreOptions) {
    this.safeStorage = options.safeStorage;
    this.filePath = options.filePath;
    this.platform = options.platform ?? process.platform;
    const assessment = this.assess();
    const backend = assessment.backend ? ` (${assessment.backend} backend)` : '';
    this.note =
      `Keys are encrypted with the desktop's secure storage${backend} and saved in ${this.filePath}.` +
      (options.why ? ` ${options.why}` : '');
  }

  async get(provider: KeyedProviderId): Promise<string | undefined> {
    const file = await this.read();
    const encrypted = file?.keys[provider];
    if (encrypted === undefined) return undefined;
    try {
      return this.safeStorage.decryptString(Buffer.from(encrypted, 'base64'));
    } catch {
      throw new SecretStoreError(
        'undecryptable',
        `The saved ${provider} key could not be decrypted (the desktop keyring may have changed, or the file comes from another computer). Enter the key again.`,
        this.kind,
        provider,
      );
    }
  }

  async set(provider: KeyedProviderId, key: string): Promise<void> {
    await this.exclusive(async () => {
      // Checked on every write: the backend can change between runs, never persist with basic_text.
      this.assess();
      const file = (await this.read()) ?? emptyFile();
      let encrypted: Buffer;
      try {
        encrypted = this.safeStorage.encryptString(key);
      } catch (err) {
        throw new SecretStoreError(
          'io',
          `Could not encrypt the ${provider} key: ${redact(errorMessage(err), key)}`,
          this.kind,
          provider,
        );
      }
      file.keys[provider] = encrypted.toString('base64');
      await this.write(file);
    });
  }

  async remove(provider: KeyedProviderId): Promise<void> {
    await this.exclusive(async () => {
      const file = await this.read();
      if (!file || !(provider in file.keys)) return;
      delete file.keys[provider];
      await this.write(file);
    });
  }

  async list(): Promise<KeyedProviderId[]> {
    const file = await this.read();
    return KEYED_PROVIDER_IDS.filter((id) => file?.keys[id] !== undefined);
  }

  async check(): Promise<string | undefined> {
    try {
      await this.read();
      const assessment = assessSafeStorage(this.safeStorage, this.platform);
      return assessment.ok ? undefined : `${assessment.reason} New keys cannot be saved.`;
    } catch (err) {
      return errorMessage(err);
    }
  }

  private assess(): { backend?: string } {
    const assessment = assessSafeStorage(this.safeStorage, this.platform);
    if (!assessment.ok) throw new SecretStoreError(assessment.code, assessment.reason, this.kind);
    return assessment;
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The parsed file, or undefined when there is none yet. */
  private async read(): Promise<SecretsFile | undefined> {
    let handle: FileHandle;
    try {
      handle = await fs.open(this.filePath, 'r');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return undefined;
      if (code === 'EACCES' || code === 'EPERM') {
        throw new SecretStoreError(
          'permissions',
          `The key file ${this.filePath} cannot be read by Prospect Desk (permission denied). Make it readable by your user only: chmod 600 "${this.filePath}".`,
          this.kind,
        );
      }
      throw new SecretStoreError(
        'io',
        `The key file ${this.filePath} cannot be opened: ${errorMessage(err)}`,
        this.kind,
      );
    }
    let text: string;
    try {
      // Checked on the open handle, so the file we judge is the file we read.
      const stat = await handle.stat();
      if (!stat.isFile()) {
        throw new SecretStoreError('io', `The key file ${this.filePath} is not a regular file.`, this.kind);
      }
      if (this.platform !== 'win32') this.checkPermissions(stat);
      text = await handle.readFile('utf8');
    } catch (err) {
      if (err instanceof SecretStoreError) throw err;
      throw new SecretStoreError('io', `The key file ${this.filePath} cannot be read: ${errorMessage(err)}`, this.kind);
    } finally {
      await handle.close();
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw this.corrupted('it is not valid JSON');
    }
    const parsed = SecretsFile.safeParse(json);
    if (!parsed.success) throw this.corrupted('it is not in the format Prospect Desk writes');
    return parsed.data;
  }

  private checkPermissions(stat: { mode: number; uid: number }) {
    const uid = process.getuid?.();
    if (uid !== undefined && stat.uid !== uid) {
      throw new SecretStoreError(
        'permissions',
        `The key file ${this.filePath} belongs to another user (uid ${stat.uid}), so Prospect Desk does not trust it. Remove it and enter your keys again.`,
        this.kind,
      );
    }
    const loose = stat.mode & 0o077;
    if (loose) {
      const who = loose & 0o044 ? 'readable' : 'writable';
      const mode = (stat.mode & 0o777).toString(8).padStart(3, '0');
      throw new SecretStoreError(
        'permissions',
        `The key file ${this.filePath} is ${who} by other users (mode ${mode}), so Prospect Desk will not use it. Make it private with: chmod 600 "${this.filePath}".`,
        this.kind,
      );
    }
  }

  private corrupted(why: string) {
    return new SecretStoreError(
      'corrupted',
      `The key file ${this.filePath} is damaged (${why}). Remove it and enter your keys again.`,
      this.kind,
    );
  }

  /** Temp file + rename: a crash leaves the old file or the new one, never half of one. */
  private async write(file: SecretsFile): Promise<void> {
    const dir = path.dirname(this.filePath);
    const tmp = `${this.filePath}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      const handle = await fs.open(tmp, 'wx', 0o600);
      try {
        await handle.writeFile(`${JSON.stringify(file, null, 2)}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(tmp, this.filePath);
    } catch (err) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw new SecretStoreError(
        'io',
        `The key file ${this.filePath} could not be written: ${errorMessage(err)}`,
        this.kind,
      );
    }
  }
}

function emptyFile(): SecretsFile {
  return { format: FILE_FORMAT, version: 1, keys: {} };
}
