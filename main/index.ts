/**
 * The thin Electron shell: the only main-process file that imports electron. It applies the
 * secure window settings from main/window.ts, serves the renderer from the app:// scheme, and
 * binds the contract to ipcMain with a sender check. Everything else lives in main/runtime.ts.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, safeStorage, session, shell } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_PREFIX, type AppEvent } from '../shared/contract';
import { shellEnvironment } from './config';
import { bindContract } from './ipc/bind';
import { isTrustedSender } from './ipc/sender';
import { createMainRuntime } from './runtime';
import {
  APP_ORIGIN,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  SECURITY_HEADERS,
  allowedOrigins,
  applicationMenuTemplate,
  browserWindowOptions,
  isAllowedExternalUrl,
  isAllowedNavigation,
  rendererFileFor,
  safeCsvFileName,
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
  app
    .whenReady()
    .then(start)
    .catch((err) => {
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
    // Links to profiles and provider sites open in the rep's browser, never inside the app; others are refused.
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    else console.warn('[main] refused to open a link outside the allow-list');
    return { action: 'deny' };
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

function serveRenderer() {
  protocol.handle(APP_SCHEME, async (request) => {
    const target = rendererFileFor(request.url, rendererDir, join, relative);
    if ('status' in target) return new Response(null, { status: target.status, headers: SECURITY_HEADERS });
    const file = await net.fetch(pathToFileURL(target.file).toString());
    // The CSP travels on the Response itself: header events do not reliably fire for custom schemes.
    const headers = new Headers(file.headers);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
    return new Response(file.body, { status: file.status, statusText: file.statusText, headers });
  });
}

async function start() {
  serveRenderer();
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(app.isPackaged, process.platform) as never));
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  // The dev server's (http) responses get the same CSP; app:// responses carry it themselves.
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
      // The renderer suggests a base name only; main picks the folder (Documents, else Downloads).
      const folder = safePath('documents') ?? safePath('downloads') ?? app.getPath('home');
      const target = mainWindow ?? undefined;
      const options = {
        defaultPath: join(folder, safeCsvFileName(suggestedName)),
        filters: [{ name: 'CSV', extensions: ['csv'] }],
      };
      const choice = target ? await dialog.showSaveDialog(target, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return { saved: false };
      const path = /\.csv$/i.test(choice.filePath) ? choice.filePath : `${choice.filePath}.csv`;
      await writeFile(path, content, 'utf8');
      return { saved: true, path };
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

function safePath(name: 'documents' | 'downloads'): string | undefined {
  try {
    return app.getPath(name);
  } catch {
    return undefined;
  }
}

function createWindow() {
  mainWindow = new BrowserWindow(browserWindowOptions(join(__dirname, '../preload/index.cjs'), app.isPackaged));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  void mainWindow.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
}
