/**
 * The thin Electron shell: the only main-process file that imports electron. It applies the
 * secure window settings from main/window.ts, serves the renderer from the app:// scheme, and
 * binds the contract to ipcMain with a sender check. Everything else lives in main/runtime.ts.
 */
import { app, BrowserWindow, dialog, ipcMain, net, protocol, safeStorage, session, shell } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join, normalize, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_PREFIX, type AppEvent } from '../shared/contract';
import { shellEnvironment } from './config';
import { bindContract } from './ipc/bind';
import { isTrustedSender } from './ipc/sender';
import { createMainRuntime } from './runtime';
import {
  APP_HOST,
  APP_ORIGIN,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  allowedOrigins,
  browserWindowOptions,
  isAllowedNavigation,
} from './window';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

// Packaged: the test hooks (dev server origin, base URLs, keytar path, memory store) are dropped.
const env = shellEnvironment(process.env, app.isPackaged);
const devServerUrl = env.ELECTRON_RENDERER_URL;
const origins = allowedOrigins(devServerUrl);
const rendererDir = join(__dirname, '../renderer');
let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.whenReady().then(start).catch((err) => {
    console.error('[main] failed to start', err instanceof Error ? err.message : err);
    app.exit(1);
  });
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.on('will-navigate', (e, url) => {
    if (!isAllowedNavigation(url, origins)) e.preventDefault();
  });
  contents.on('will-redirect', (e, url) => {
    if (!isAllowedNavigation(url, origins)) e.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    // Links to profiles open in the rep's browser, never inside the app.
    if (safeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

function safeExternalUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

function serveRenderer() {
  protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    const path = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = normalize(join(rendererDir, path));
    const rel = relative(rendererDir, file);
    if (rel.startsWith('..') || rel.includes(`..${sep}`)) return new Response('Forbidden', { status: 403 });
    return net.fetch(pathToFileURL(file).toString());
  });
}

async function start() {
  serveRenderer();
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  const emit = (event: AppEvent) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(IPC_EVENT_CHANNEL, event);
  };
  const runtime = await createMainRuntime({
    env,
    emit,
    safeStorage,
    userDataDir: app.getPath('userData'),
    dataDir: app.getPath('userData'),
    saveCsv: async (suggestedName, content) => {
      const target = mainWindow ?? undefined;
      const options = { defaultPath: suggestedName, filters: [{ name: 'CSV', extensions: ['csv'] }] };
      const choice = target ? await dialog.showSaveDialog(target, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return { saved: false };
      await writeFile(choice.filePath, content, 'utf8');
      return { saved: true, path: choice.filePath };
    },
  });

  bindContract((channel, dispatch) => {
    ipcMain.handle(IPC_INVOKE_PREFIX + channel, async (event, input) => {
      if (!isTrustedSender(event.senderFrame, origins)) {
        return { ok: false, error: { code: 'auth', message: 'This frame may not call Prospect Desk.' } };
      }
      return dispatch(input);
    });
  }, runtime.dispatch);

  app.on('before-quit', () => void runtime.close());
  createWindow();
}

function createWindow() {
  mainWindow = new BrowserWindow(browserWindowOptions(join(__dirname, '../preload/index.cjs')));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  void mainWindow.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
}
