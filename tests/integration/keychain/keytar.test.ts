/**
 * The real OS keychain through keytar. Run under scripts/with-keychain.sh, which gives this process a
 * private D-Bus session with an unlocked gnome-keyring:
 *   bash scripts/with-keychain.sh npx vitest run --config vitest.keychain.config.ts
 * Every entry goes under a service name unique to this run, and is deleted afterwards.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyService } from '../../../main/secrets/key-service';
import { KEYCHAIN_SERVICE, KeytarSecretStore, loadKeytar, type KeytarLike } from '../../../main/secrets/keytar-store';
import { selectSecretStore } from '../../../main/secrets/select-store';

const execFileAsync = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const service = `prospect-desk-test-${process.pid}-${randomBytes(4).toString('hex')}`;

const APOLLO_KEY = `apollo_it_${randomBytes(12).toString('hex')}`;
const OCEAN_KEY = `ocean_it_${randomBytes(12).toString('hex')}`;

let keytar: KeytarLike;

beforeAll(async () => {
  const loaded = await loadKeytar();
  if (!loaded.ok) throw new Error(loaded.reason);
  keytar = loaded.keytar;
});

afterAll(async () => {
  if (!keytar) return;
  for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account);
});

/** A separate Node process with its own keytar: what the next app start would see. */
async function inAnotherProcess(body: string, env: Record<string, string> = {}): Promise<unknown> {
  const storeUrl = pathToFileURL(path.join(repoRoot, 'main/secrets/keytar-store.ts')).href;
  const code = `
    const mod = await import(${JSON.stringify(storeUrl)});
    const { KeytarSecretStore, loadKeytar } = mod.loadKeytar ? mod : mod.default; // tsx may load it as CommonJS from -e
    const loaded = await loadKeytar();
    if (!loaded.ok) throw new Error(loaded.reason);
    const store = new KeytarSecretStore(loaded.keytar, { service: process.env.PD_TEST_SERVICE });
    const result = await (async () => { ${body} })();
    console.log(JSON.stringify(result ?? null));
  `;
  const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: repoRoot,
    env: { ...process.env, PD_TEST_SERVICE: service, ...env },
  });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

describe('OS keychain (Secret Service)', () => {
  it('is the store selectSecretStore picks, and the probe leaves nothing behind', async () => {
    const store = await selectSecretStore({ env: {}, keychainService: service });
    expect(store.kind).toBe('keychain');
    expect(store).toBeInstanceOf(KeytarSecretStore);
    expect(store.note).toContain(`under "${service}"`);
    expect(await keytar.findCredentials(service)).toEqual([]);
    expect(await store.check()).toBeUndefined();
  });

  it('takes the service name from env, defaulting to "Prospect Desk"', async () => {
    const fromEnv = await selectSecretStore({ env: { PROSPECT_DESK_KEYCHAIN_SERVICE: service }, probeKeychain: false });
    expect((fromEnv as KeytarSecretStore).service).toBe(service);
    const byDefault = await selectSecretStore({ env: {}, probeKeychain: false });
    expect((byDefault as KeytarSecretStore).service).toBe(KEYCHAIN_SERVICE);
  });

  it('sets, reads, replaces and removes a key', async () => {
    const store = new KeytarSecretStore(keytar, { service });
    expect(await store.get('apollo')).toBeUndefined();

    await store.set('apollo', APOLLO_KEY);
    expect(await store.get('apollo')).toBe(APOLLO_KEY);
    // One keychain entry per provider, account = provider id.
    expect(await keytar.getPassword(service, 'apollo')).toBe(APOLLO_KEY);
    expect(await store.list()).toEqual(['apollo']);

    const replacement = `${APOLLO_KEY}_v2`;
    await store.set('apollo', replacement);
    expect(await store.get('apollo')).toBe(replacement);
    expect((await keytar.findCredentials(service)).filter((c) => c.account === 'apollo')).toHaveLength(1);

    await store.remove('apollo');
    expect(await store.get('apollo')).toBeUndefined();
    expect(await keytar.getPassword(service, 'apollo')).toBeNull();
    await store.remove('apollo'); // removing a missing key is not an error
    expect(await store.list()).toEqual([]);
  });

  it('keeps keys across a process restart, in both directions', async () => {
    const store = new KeytarSecretStore(keytar, { service });
    await store.set('apollo', APOLLO_KEY);

    const seen = await inAnotherProcess(
      `const apollo = await store.get('apollo'); await store.set('ocean', process.env.PD_OCEAN_KEY); return { apollo };`,
      { PD_OCEAN_KEY: OCEAN_KEY },
    );
    expect(seen).toEqual({ apollo: APOLLO_KEY });
    expect(await store.get('ocean')).toBe(OCEAN_KEY);
    expect(await store.list()).toEqual(['apollo', 'ocean']);

    await store.remove('ocean');
    expect(
      await inAnotherProcess(`return { ocean: (await store.get('ocean')) ?? null, list: await store.list() };`),
    ).toEqual({
      ocean: null,
      list: ['apollo'],
    });
    await store.remove('apollo');
  });

  it('serves the key service: last four only, removal effective on the next read', async () => {
    const keys = createKeyService(new KeytarSecretStore(keytar, { service }));
    await keys.setKey('sumble', `  ${OCEAN_KEY}  `);
    expect(await keys.getKey('sumble')).toBe(OCEAN_KEY);
    expect(await keys.describe('sumble')).toEqual({
      configured: true,
      keyHint: OCEAN_KEY.slice(-4),
      store: 'keychain',
      storeNote: expect.stringContaining('Secret Service keyring'),
    });

    // Removed behind the app's back (e.g. in Seahorse): the next read sees it.
    await keytar.deletePassword(service, 'sumble');
    expect(await keys.getKey('sumble')).toBeUndefined();
    expect((await keys.describe('sumble')).configured).toBe(false);
  });
});
