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

export function secureWebPreferences(preloadPath: string) {
  return {
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

export function browserWindowOptions(preloadPath: string) {
  return {
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Prospect Desk',
    backgroundColor: '#f6f7f9',
    webPreferences: secureWebPreferences(preloadPath),
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
