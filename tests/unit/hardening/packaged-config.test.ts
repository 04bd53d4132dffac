/** In a packaged app the test hooks are inert: decided by plain functions, tested without Electron. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URLS, TEST_HOOK_VARIABLES, loadConfig, shellEnvironment } from '../../../main/config';
import { allowedOrigins } from '../../../main/window';
import { selectSecretStore } from '../../../main/secrets/select-store';
import { loadKeytar } from '../../../main/secrets/keytar-store';

const hostile = {
  ELECTRON_RENDERER_URL: 'https://evil.example',
  APOLLO_BASE_URL: 'http://evil.example',
  APIONE_BASE_URL: 'https://evil.example',
  OCEAN_BASE_URL: 'http://127.0.0.1:1234',
  SUMBLE_BASE_URL: 'https://api.sumble.com.evil.example',
  PROSPECT_DESK_KEYTAR_PATH: '/tmp/evil-module.js',
  PROSPECT_DESK_SECRET_STORE: 'memory',
  HOME: '/home/rep',
};

describe('packaged app: test hooks are inert', () => {
  it('drops every test hook, keeps the rest', () => {
    const env = shellEnvironment(hostile, true);
    for (const name of TEST_HOOK_VARIABLES) expect(env[name]).toBeUndefined();
    expect(env.HOME).toBe('/home/rep');
    expect(shellEnvironment(hostile, false)).toEqual(hostile);
  });

  it('ELECTRON_RENDERER_URL adds no trusted origin', () => {
    expect(allowedOrigins(shellEnvironment(hostile, true).ELECTRON_RENDERER_URL)).toEqual(['app://prospect-desk']);
  });

  it('keys go to the providers over https only', () => {
    expect(loadConfig(shellEnvironment(hostile, true)).baseUrls).toEqual(DEFAULT_BASE_URLS);
    expect(loadConfig(shellEnvironment(hostile, true)).secretStore).toBe('auto');
  });

  it('even in development, plain http is allowed to loopback simulators only', () => {
    expect(() => loadConfig({ APOLLO_BASE_URL: 'http://evil.example' })).toThrow(/https/);
    expect(loadConfig({ OCEAN_BASE_URL: 'http://127.0.0.1:1234' }).baseUrls.ocean).toBe('http://127.0.0.1:1234');
  });

  it('PROSPECT_DESK_KEYTAR_PATH loads no module, and the memory store is not chosen', async () => {
    const dev = await loadKeytar({ PROSPECT_DESK_KEYTAR_PATH: '/nonexistent/evil-module.js' });
    expect(dev.ok).toBe(false); // in development the override is tried (and fails here)
    if (!dev.ok) expect(dev.reason).toContain('evil-module');
    const packaged = await loadKeytar(
      shellEnvironment({ PROSPECT_DESK_KEYTAR_PATH: '/nonexistent/evil-module.js' }, true),
    );
    if (!packaged.ok) expect(packaged.reason).not.toContain('evil-module');
    const store = await selectSecretStore({
      env: shellEnvironment(hostile, true),
      probeKeychain: false,
      loadKeytar: async () => ({ ok: false, reason: 'none' }),
    });
    expect(store.kind).not.toBe('memory');
  });

  it('selectSecretStore hands its env to the keytar loader (not process.env)', async () => {
    process.env.PROSPECT_DESK_KEYTAR_PATH = '/nonexistent/from-process-env.js';
    try {
      const store = await selectSecretStore({ env: {}, probeKeychain: false });
      expect(JSON.stringify(store)).not.toContain('from-process-env');
    } finally {
      delete process.env.PROSPECT_DESK_KEYTAR_PATH;
    }
  });
});
