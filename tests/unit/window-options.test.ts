import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  allowedOrigins,
  browserWindowOptions,
  isAllowedNavigation,
} from '../../main/window';
import { isTrustedSender } from '../../main/ipc/sender';

describe('the Electron window', () => {
  it('uses the secure web preferences', () => {
    const prefs = browserWindowOptions('/x/preload/index.cjs').webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      allowRunningInsecureContent: false,
      preload: '/x/preload/index.cjs',
    });
  });

  it('the shell applies these options, the CSP, navigation guards and the single-instance lock', () => {
    const shell = readFileSync(join(__dirname, '../../main/index.ts'), 'utf8');
    expect(shell).toContain('browserWindowOptions(');
    expect(shell).toContain('CONTENT_SECURITY_POLICY');
    expect(shell).toContain("'will-navigate'");
    expect(shell).toContain('setWindowOpenHandler');
    expect(shell).toContain("action: 'deny'");
    expect(shell).toContain('requestSingleInstanceLock');
    expect(shell).toContain('isTrustedSender(event.senderFrame');
    expect(shell).not.toMatch(/sandbox:\s*false|contextIsolation:\s*false|nodeIntegration:\s*true/);
  });

  it('the CSP allows only the app itself', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
    const html = readFileSync(join(__dirname, '../../renderer/index.html'), 'utf8');
    expect(html).toContain("default-src 'none'");
  });

  it('navigation is allowed only to the app origin', () => {
    const origins = allowedOrigins(undefined);
    expect(isAllowedNavigation(`${APP_ORIGIN}/index.html#/settings`, origins)).toBe(true);
    expect(isAllowedNavigation('https://evil.example/', origins)).toBe(false);
    expect(isAllowedNavigation('app://prospect-desk.evil/', origins)).toBe(false);
    expect(isAllowedNavigation('not a url', origins)).toBe(false);
  });
});

describe('IPC sender check', () => {
  const origins = allowedOrigins('http://localhost:5173');
  it('accepts the app main frame and the dev server', () => {
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, parent: null }, origins)).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:5173/#/x', parent: null }, origins)).toBe(true);
  });
  it('rejects sub-frames, other origins, look-alike prefixes, empty and garbage URLs', () => {
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, parent: {} }, origins)).toBe(false);
    expect(isTrustedSender({ url: 'http://localhost:5173.evil.com/', parent: null }, origins)).toBe(false);
    expect(isTrustedSender({ url: 'app://prospect-desk-evil/', parent: null }, origins)).toBe(false);
    expect(isTrustedSender({ url: 'file:///etc/passwd', parent: null }, origins)).toBe(false);
    expect(isTrustedSender({ url: '', parent: null }, origins)).toBe(false);
    expect(isTrustedSender({ url: '::::', parent: null }, origins)).toBe(false);
    expect(isTrustedSender(null, origins)).toBe(false);
  });
});
