/**
 * Runs the BUILT main bundle (out/main/index.js) in plain Node under an Electron stand-in that
 * records every call the shell makes, then exercises what it registered (the app:// handler, the IPC
 * handlers, the permission handlers) and writes a JSON report to $BOOT_REPORT.
 *   BOOT_REPORT=/tmp/r.json FAKE_ELECTRON_PACKAGED=1 node --import tsx tests/boot/run-built-main.ts
 * It catches what unit tests of the sources cannot: bundling, externals, start-up order.
 */
import { readFile, writeFile } from 'node:fs/promises';
import Module, { createRequire } from 'node:module';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

type Handler = (...args: unknown[]) => unknown;
const ROOT = resolve(__dirname, '../..');
const packaged = process.env.FAKE_ELECTRON_PACKAGED === '1';
const userData = process.env.FAKE_ELECTRON_USER_DATA ?? join(ROOT, 'test-results', 'boot-user-data');

const calls: { api: string; args: unknown[] }[] = [];
const record = (api: string, ...args: unknown[]) =>
  calls.push({ api, args: JSON.parse(JSON.stringify(args ?? null) ?? 'null') });
const ipcHandlers = new Map<string, Handler>();
let protocolHandler: ((request: Request) => Promise<Response> | Response) | undefined;
let permissionCheck: Handler | undefined;
let permissionRequest: Handler | undefined;
const windows: { options: unknown; loaded: string[] }[] = [];
const appEvents = new Map<string, Handler[]>();
let ready!: () => void;
const whenReady = new Promise<void>((r) => (ready = r));

const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

class FakeWebContents {
  handlers = new Map<string, Handler>();
  on(event: string, fn: Handler) {
    this.handlers.set(event, fn);
    return this;
  }
  setWindowOpenHandler(fn: Handler) {
    this.handlers.set('window-open', fn);
  }
  send(...args: unknown[]) {
    record('webContents.send', ...args);
  }
}

class FakeBrowserWindow {
  static all: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  private readonly entry: { options: unknown; loaded: string[] };
  constructor(options: unknown) {
    this.entry = { options, loaded: [] };
    windows.push(this.entry);
    FakeBrowserWindow.all.push(this);
    record('BrowserWindow', options);
    for (const fn of appEvents.get('web-contents-created') ?? []) fn({}, this.webContents);
  }
  static getAllWindows() {
    return FakeBrowserWindow.all;
  }
  loadURL(url: string) {
    this.entry.loaded.push(url);
    record('loadURL', url);
    return Promise.resolve();
  }
  once() {}
  on() {}
  show() {}
  isMinimized() {
    return false;
  }
}

const electron = {
  app: {
    isPackaged: packaged,
    requestSingleInstanceLock: () => (record('app.requestSingleInstanceLock'), true),
    whenReady: () => whenReady,
    on: (event: string, fn: Handler) => appEvents.set(event, [...(appEvents.get(event) ?? []), fn]),
    getPath: (name: string) => (name === 'userData' ? userData : join(userData, name)),
    quit: () => record('app.quit'),
    exit: (code: number) => {
      record('app.exit', code);
      void finish(`app.exit(${code})`);
    },
  },
  BrowserWindow: FakeBrowserWindow,
  dialog: { showSaveDialog: async () => ({ canceled: true }) },
  ipcMain: {
    handle: (channel: string, fn: Handler) => {
      if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      ipcHandlers.set(channel, fn);
    },
  },
  Menu: {
    buildFromTemplate: (template: unknown) => ({ template }),
    setApplicationMenu: (menu: { template: unknown }) => record('Menu.setApplicationMenu', menu.template),
  },
  net: {
    fetch: async (url: string) => {
      const path = fileURLToPath(url);
      try {
        return new Response(await readFile(path), {
          headers: { 'content-type': MIME[extname(path)] ?? 'application/octet-stream' },
        });
      } catch {
        return new Response('not found', { status: 404 });
      }
    },
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown) => record('protocol.registerSchemesAsPrivileged', schemes),
    handle: (scheme: string, fn: typeof protocolHandler) => {
      record('protocol.handle', scheme);
      protocolHandler = fn;
    },
  },
  safeStorage: {
    isEncryptionAvailable: () => false,
    getSelectedStorageBackend: () => 'basic_text',
    encryptString: () => Buffer.alloc(0),
    decryptString: () => '',
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (fn: Handler) => (
        (permissionRequest = fn),
        record('session.setPermissionRequestHandler')
      ),
      setPermissionCheckHandler: (fn: Handler) => ((permissionCheck = fn), record('session.setPermissionCheckHandler')),
      webRequest: { onHeadersReceived: () => record('session.webRequest.onHeadersReceived') },
    },
  },
  shell: { openExternal: async (url: string) => record('shell.openExternal', url) },
};

// Every require('electron') in the bundle gets the stand-in.
const moduleWithLoad = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const originalLoad = moduleWithLoad._load;
moduleWithLoad._load = function (request: string, ...rest: unknown[]) {
  if (request === 'electron') return electron;
  return originalLoad.call(this, request, ...rest);
};

let finished = false;
async function finish(failure?: string) {
  if (finished) return;
  finished = true;
  const report = { packaged, failure, calls, windows, ipcChannels: [...ipcHandlers.keys()].sort(), probes };
  await writeFile(
    process.env.BOOT_REPORT ?? join(ROOT, 'test-results', 'boot-report.json'),
    JSON.stringify(report, null, 2),
  );
  process.exit(0);
}

const probes: Record<string, unknown> = {};
async function fetchApp(url: string) {
  const response = await protocolHandler!(new Request(url));
  const body = response.status === 200 ? await response.text() : '';
  return { status: response.status, csp: response.headers.get('content-security-policy'), body: body.slice(0, 2000) };
}

async function probe() {
  // Start-up must have created the window by the time the IPC handlers are in place.
  for (let i = 0; i < 200 && windows.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
  probes.index = await fetchApp('app://prospect-desk/');
  probes.traversal = await fetchApp('app://prospect-desk/..%2f..%2fmain%2findex.js');
  probes.malformed = await fetchApp('app://prospect-desk/%E0%A4%A');
  probes.otherHost = await fetchApp('app://elsewhere/index.html');
  const invoke = (frame: unknown) => ipcHandlers.get('pd:providers.list')?.({ senderFrame: frame }, {});
  probes.ownFrame = await invoke({ url: 'app://prospect-desk/index.html', parent: null });
  probes.foreignFrame = await invoke({ url: 'https://evil.example/', parent: null });
  probes.devServerFrame = await invoke({ url: 'https://evil.example/index.html', parent: null });
  probes.subFrame = await invoke({ url: 'app://prospect-desk/index.html', parent: {} });
  probes.permissionCheck = permissionCheck?.({}, 'media', 'app://prospect-desk', {});
  let granted: unknown = 'not called';
  permissionRequest?.({}, 'notifications', (g: boolean) => (granted = g));
  probes.permissionRequest = granted;
  const openers = FakeBrowserWindow.all[0]?.webContents.handlers.get('window-open');
  probes.openExternal = ['https://www.linkedin.com/in/jane', 'https://evil.example/', 'file:///etc/passwd'].map((url) =>
    openers?.({ url }),
  );
  await new Promise((r) => setTimeout(r, 50));
}

whenReady.then(() =>
  setTimeout(
    () =>
      void probe().then(
        () => finish(),
        (err) => finish(String(err)),
      ),
    0,
  ),
);
const requireFromHere = createRequire(__filename);
requireFromHere(join(ROOT, 'out/main/index.js'));
ready();
setTimeout(() => void finish('timed out waiting for start-up'), 20_000).unref();
