/** The shell's decisions as plain functions: external links, save names, app:// paths, menu, headers. */
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  SECURITY_HEADERS,
  applicationMenuTemplate,
  browserWindowOptions,
  isAllowedExternalUrl,
  rendererFileFor,
  safeCsvFileName,
} from '../../../main/window';

describe('shell.openExternal allow-list', () => {
  it.each([
    ['https://www.linkedin.com/in/jane', true],
    ['https://linkedin.com/company/acme', true],
    ['https://app.apollo.io/#/people', true],
    ['https://sumble.com/', true],
    ['http://www.linkedin.com/in/jane', false],
    ['https://linkedin.com.evil.example/in/jane', false],
    ['https://evil.example/', false],
    ['file:///etc/passwd', false],
    ['smb://server/share', false],
    ['javascript:alert(1)', false],
    ['https://user:pw@linkedin.com/', false],
    ['not a url', false],
  ])('%s -> %s', (url, allowed) => expect(isAllowedExternalUrl(url)).toBe(allowed));
});

describe('files.saveCsv file name', () => {
  it.each([
    ['leads - enriched.csv', 'leads - enriched.csv'],
    ['../../.config/autostart/evil.desktop', 'evil.desktop.csv'],
    ['~/.config/autostart/x.csv', 'x.csv'],
    ['C:\\Users\\rep\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\run.bat', 'run.bat.csv'],
    ['a\u0000b\u001fc\u202etxt.csv', 'a b c txt.csv'],
    ['what?<>:"|*.csv', 'what.csv'],
    ['CON', '_CON.csv'],
    ['...', 'export.csv'],
    ['', 'export.csv'],
    ['leads.CSV', 'leads.csv'],
  ])('%j -> %j', (input, expected) => expect(safeCsvFileName(input)).toBe(expected));

  it('is at most 120 characters', () => expect(safeCsvFileName('x'.repeat(500)).length).toBeLessThanOrEqual(120));
});

describe('app:// paths', () => {
  const dir = '/app/out/renderer';
  const at = (url: string) => rendererFileFor(url, dir, join, relative);
  it('serves index.html and assets, refuses traversal, other hosts and malformed escapes', () => {
    expect(at('app://prospect-desk/')).toEqual({ file: '/app/out/renderer/index.html' });
    expect(at('app://prospect-desk/assets/a.js')).toEqual({ file: '/app/out/renderer/assets/a.js' });
    // WHATWG URL resolves %2e%2e segments before we see them: this stays inside the folder.
    expect(at('app://prospect-desk/%2e%2e/%2e%2e/etc/passwd')).toEqual({ file: '/app/out/renderer/etc/passwd' });
    expect(at('app://prospect-desk/..%2f..%2fmain%2findex.js')).toEqual({ status: 403 });
    expect(at('app://prospect-desk/%E0%A4%A')).toEqual({ status: 400 });
    expect(at('app://prospect-desk/a%00.js')).toEqual({ status: 400 });
    expect(at('app://elsewhere/index.html')).toEqual({ status: 404 });
  });
});

describe('packaged shell', () => {
  it('has no DevTools: not in the menu, not in the window', () => {
    const roles = (t: ReturnType<typeof applicationMenuTemplate>) =>
      JSON.stringify(t)
        .match(/"role":"(\w+)"/g)
        ?.map((r) => r.slice(8, -1)) ?? [];
    expect(roles(applicationMenuTemplate(true, 'linux'))).not.toContain('toggleDevTools');
    expect(roles(applicationMenuTemplate(true, 'linux'))).not.toContain('reload');
    expect(roles(applicationMenuTemplate(false, 'linux'))).toContain('toggleDevTools');
    expect(browserWindowOptions('/p.cjs', true).webPreferences.devTools).toBe(false);
    expect(browserWindowOptions('/p.cjs', false).webPreferences.devTools).toBe(true);
  });

  it('every app:// response carries the CSP', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toContain("default-src 'none'");
    expect(SECURITY_HEADERS['Content-Security-Policy']).toContain("frame-ancestors 'none'");
  });
});
