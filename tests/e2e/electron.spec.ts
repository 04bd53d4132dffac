/**
 * The real Electron launch: runs wherever an Electron binary exists (users' and developers'
 * machines after `npm start` fetched it) and is reported skipped with the reason elsewhere.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Finds an installed Electron binary without triggering electron's lazy download (CI is offline). */
function electronBinary(): string | undefined {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const relative = readFileSync(pathFile, 'utf8').trim();
    const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(dir, 'dist');
    const binary = join(distDir, relative);
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();

test('the Electron shell opens one secure window with window.api and no Node', async () => {
  test.skip(
    !binary,
    'No Electron binary on this machine (it is fetched on first `npm start`; offline CI cannot). The shell settings are covered by tests/unit/window-options.test.ts.',
  );
  const app = await electron.launch({
    executablePath: binary!,
    args: [join(__dirname, '../../out/main/index.js')],
    env: { ...process.env, PROSPECT_DESK_SECRET_STORE: 'memory' },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('navigation', { name: 'Main' })).toBeVisible();
    const probe = await window.evaluate(() => ({
      hasApi: typeof (window as any).api?.providers?.list === 'function',
      hasRequire: typeof (window as any).require,
      hasProcess: typeof (window as any).process,
    }));
    expect(probe).toEqual({ hasApi: true, hasRequire: 'undefined', hasProcess: 'undefined' });
    const windows = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
    expect(windows).toBe(1);
    // Navigation away from the app is refused by the shell.
    await window.evaluate(() => {
      location.href = 'https://example.invalid/';
    });
    await window.waitForTimeout(300);
    expect(window.url()).toContain('app://prospect-desk');
  } finally {
    await app.close();
  }
});
