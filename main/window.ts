/**
 * The secure shell's settings as plain data, so they are unit-tested without Electron
 * (tests/unit/window-options.test.ts) and main/index.ts only applies them.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'prospect-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Strict CSP: only the app's own scripts, styles and workers; no remote anything. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export function secureWebPreferences(preloadPath: string, packaged = false) {
  return {
    /** No DevTools in an installed app (the menu has none either). */
    devTools: !packaged,
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    spellcheck: false,
  } as const;
}

export function browserWindowOptions(preloadPath: string, packaged = false) {
  return {
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Prospect Desk',
    backgroundColor: '#f6f7f9',
    webPreferences: secureWebPreferences(preloadPath, packaged),
  } as const;
}

/**
 * scheme://host[:port] of a URL. Not URL.origin: WHATWG gives custom schemes such as app:// an
 * opaque "null" origin, so it cannot tell our scheme's host from any other. Undefined when unparsable
 * or host-less (file:, about:, data:).
 */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (!parsed.host) return undefined;
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return undefined;
  }
}

/** Origins the renderer may be loaded from: the app scheme, plus the dev server in development. */
export function allowedOrigins(devServerUrl: string | undefined): string[] {
  const origins = [APP_ORIGIN];
  const dev = devServerUrl ? originOf(devServerUrl) : undefined;
  if (dev) origins.push(dev);
  return origins;
}

/** Navigation inside the window is allowed only to the app's own origin. */
export function isAllowedNavigation(url: string, origins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== undefined && origins.includes(origin);
}

/**
 * Hosts a link may open in the rep's browser: profiles and the data providers' own sites. Anything
 * else (another scheme, plain http, an unknown host) is refused: a renderer bug or a hostile value in
 * a provider's answer must not be able to launch arbitrary URLs or local handlers.
 */
export const EXTERNAL_HOSTS = ['linkedin.com', 'apollo.io', 'apione.store', 'ocean.io', 'sumble.com'] as const;

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) return false;
  const host = parsed.hostname.toLowerCase();
  return EXTERNAL_HOSTS.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * The file name main offers in the save dialog: the base name only (a renderer cannot pre-fill
 * ~/.config/autostart/…), no control or reserved characters, at most 120 characters, always `.csv`.
 */
export function safeCsvFileName(suggested: string): string {
  const base = suggested.split(/[\\/]/).pop() ?? '';
  let name = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069<>:"|?*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '');
  name = name
    .replace(/\.csv$/i, '')
    .slice(0, 116)
    .trim();
  if (!name) name = 'export';
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  return `${name}.csv`;
}

/**
 * The file under `rendererDir` an app:// request asks for, or why not: 404 for another host,
 * 400 for a malformed %-escape, 403 for anything outside the renderer folder.
 */
export function rendererFileFor(
  requestUrl: string,
  rendererDir: string,
  join: (...parts: string[]) => string,
  relative: (from: string, to: string) => string,
): { file: string } | { status: 400 | 403 | 404 } {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { status: 400 };
  }
  if (url.host !== APP_HOST) return { status: 404 };
  let path: string;
  try {
    path = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  } catch {
    return { status: 400 };
  }
  if (path.includes('\0')) return { status: 400 };
  const file = join(rendererDir, path);
  const rel = relative(rendererDir, file);
  if (!rel || rel.startsWith('..') || /^[a-z]:/i.test(rel) || rel.startsWith('/') || rel.startsWith('\\'))
    return { status: 403 };
  return { file };
}

/** Headers every app:// response carries (set on the Response: header events do not fire for custom schemes). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

/** Menu roles of the application menu: no reload or DevTools in a packaged app. */
export function applicationMenuTemplate(packaged: boolean, platform: NodeJS.Platform) {
  const edit = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const view = packaged
    ? {
        label: 'View',
        submenu: [
          { role: 'resetZoom' },
          { role: 'zoomIn' },
          { role: 'zoomOut' },
          { type: 'separator' },
          { role: 'togglefullscreen' },
        ],
      }
    : {
        label: 'View',
        submenu: [
          { role: 'reload' },
          { role: 'forceReload' },
          { role: 'toggleDevTools' },
          { type: 'separator' },
          { role: 'resetZoom' },
          { role: 'zoomIn' },
          { role: 'zoomOut' },
          { type: 'separator' },
          { role: 'togglefullscreen' },
        ],
      };
  const windowMenu = { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close' }] };
  const first = platform === 'darwin' ? [{ role: 'appMenu' }] : [{ label: 'File', submenu: [{ role: 'quit' }] }];
  return [...first, edit, view, windowMenu] as const;
}
