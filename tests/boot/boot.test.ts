/**
 * Boot test of the BUILT main bundle (run `npm run build` first): out/main/index.js runs in a child
 * Node process under a recording Electron stand-in (tests/boot/run-built-main.ts). Checks bundling,
 * externals and start-up order as shipped, in development and with the packaged flag on.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, IPC_INVOKE_PREFIX } from '../../shared/contract';
import { CONTENT_SECURITY_POLICY, secureWebPreferences } from '../../main/window';

const ROOT = resolve(__dirname, '../..');
const run = promisify(execFile);
let dir: string;

interface Report {
  packaged: boolean;
  failure?: string;
  calls: { api: string; args: unknown[] }[];
  windows: { options: { webPreferences: Record<string, unknown> }; loaded: string[] }[];
  ipcChannels: string[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON report read back field by field
  probes: Record<string, any>;
}

async function boot(name: string, env: Record<string, string>, packaged: boolean): Promise<Report> {
  const report = join(dir, `${name}.json`);
  await run(process.execPath, ['--import', 'tsx', 'tests/boot/run-built-main.ts'], {
    cwd: ROOT,
    timeout: 60_000,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      // No Secret Service for the child: the rep's real keyring is never probed by this test.
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus',
      BOOT_REPORT: report,
      FAKE_ELECTRON_USER_DATA: join(dir, `${name}-user-data`),
      ...(packaged ? { FAKE_ELECTRON_PACKAGED: '1' } : {}),
      ...env,
    },
  });
  return JSON.parse(await readFile(report, 'utf8')) as Report;
}

const roles = (value: unknown) => JSON.stringify(value).match(/"role":"(\w+)"/g) ?? [];

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'out/main/index.js')))
    throw new Error('Run `npm run build` first: this test boots out/main/index.js.');
  dir = await mkdtemp(join(tmpdir(), 'pd-boot-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the built main bundle', () => {
  it('boots: exactly the contract channels, one secure window on the app origin, CSP on every response', async () => {
    const r = await boot('dev', { PROSPECT_DESK_SECRET_STORE: 'memory' }, false);
    expect(r.failure).toBeUndefined();
    expect(r.ipcChannels).toEqual(CHANNELS.map((c) => IPC_INVOKE_PREFIX + c).sort());
    expect(r.windows).toHaveLength(1);
    expect(r.windows[0]!.options.webPreferences).toEqual({
      ...secureWebPreferences(join(ROOT, 'out/preload/index.cjs')),
    });
    expect(r.windows[0]!.loaded).toEqual(['app://prospect-desk/index.html']);
    expect(r.calls.map((c) => c.api)).toEqual(
      expect.arrayContaining([
        'app.requestSingleInstanceLock',
        'session.setPermissionRequestHandler',
        'session.setPermissionCheckHandler',
      ]),
    );
    // The scheme is registered before the app is ready, the handler after.
    const order = r.calls.map((c) => c.api);
    expect(order.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(order.indexOf('protocol.handle'));
    expect(order.indexOf('protocol.handle')).toBeLessThan(order.indexOf('BrowserWindow'));

    expect(r.probes.index).toMatchObject({ status: 200, csp: CONTENT_SECURITY_POLICY });
    expect(r.probes.index.body).toContain('<div id="root"></div>');
    expect(r.probes.traversal).toMatchObject({ status: 403, csp: CONTENT_SECURITY_POLICY });
    expect(r.probes.malformed.status).toBe(400);
    expect(r.probes.otherHost.status).toBe(404);

    expect(r.probes.ownFrame.ok).toBe(true);
    expect(r.probes.foreignFrame).toMatchObject({ ok: false, error: { code: 'auth' } });
    expect(r.probes.subFrame).toMatchObject({ ok: false, error: { code: 'auth' } });
    expect(r.probes.permissionCheck).toBe(false);
    expect(r.probes.permissionRequest).toBe(false);
    const opened = r.calls.filter((c) => c.api === 'shell.openExternal').map((c) => c.args[0]);
    expect(opened).toEqual(['https://www.linkedin.com/in/jane']);
    expect(r.probes.openExternal.every((a: { action: string }) => a.action === 'deny')).toBe(true);
    expect(roles(r.calls.find((c) => c.api === 'Menu.setApplicationMenu'))).toContain('"role":"toggleDevTools"');
  });

  it('packaged: the test hooks are ignored and there are no DevTools', async () => {
    const r = await boot(
      'packaged',
      {
        ELECTRON_RENDERER_URL: 'https://evil.example/index.html',
        APOLLO_BASE_URL: 'http://evil.example', // refused in development: start-up would fail if it were read
        PROSPECT_DESK_SECRET_STORE: 'memory',
        PROSPECT_DESK_KEYTAR_PATH: '/nonexistent/evil-keytar.js',
      },
      true,
    );
    expect(r.failure).toBeUndefined();
    expect(r.windows).toHaveLength(1);
    expect(r.windows[0]!.loaded).toEqual(['app://prospect-desk/index.html']);
    expect(r.windows[0]!.options.webPreferences.devTools).toBe(false);
    expect(r.probes.devServerFrame).toMatchObject({ ok: false, error: { code: 'auth' } });
    const apollo = r.probes.ownFrame.value.find((p: { id: string }) => p.id === 'apollo');
    expect(apollo.store).not.toBe('memory');
    expect(JSON.stringify(r.probes.ownFrame)).not.toContain('evil-keytar');
    expect(roles(r.calls.find((c) => c.api === 'Menu.setApplicationMenu'))).not.toContain('"role":"toggleDevTools"');
  });

  it('the same hostile environment unpackaged is read (so the packaged run proves the hooks are dropped)', async () => {
    const r = await boot(
      'dev-hostile',
      { APOLLO_BASE_URL: 'http://evil.example', PROSPECT_DESK_SECRET_STORE: 'memory' },
      false,
    );
    expect(r.failure).toBe('app.exit(1)');
  });
});
