// `npm start`: launches the built app with Electron (Electron 45 fetches its binary on first run).
// keytar is a native module built for Node by `npm install`; Electron needs it built for its own
// ABI. So the first start copies keytar aside and rebuilds that copy for Electron, leaving the
// Node build for the tests. If that fails (offline), the app still runs: it falls back to
// Electron safeStorage and says so in Settings. keytar is optional: when it is not installed
// (no libsecret at install time) there is nothing to rebuild.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(dirname(new URL(import.meta.url).pathname), '..');

function electronBinary() {
  try {
    return require('electron');
  } catch (err) {
    console.error(`Electron is not available: ${err instanceof Error ? err.message : err}`);
    console.error(
      'Without an Electron binary, run the same app in a browser: `npm run host`, then open http://127.0.0.1:5174.',
    );
    process.exit(1);
  }
}

/** @electron/rebuild's CLI from node_modules (a pinned devDependency). */
export function rebuildCli() {
  const pkgPath = require.resolve('@electron/rebuild/package.json');
  return join(dirname(pkgPath), JSON.parse(readFileSync(pkgPath, 'utf8')).bin['electron-rebuild']);
}

export function rebuildArgs(moduleDir, electronVersion) {
  return ['--force', '--only', 'keytar', '--module-dir', moduleDir, '--version', electronVersion];
}

function keytarForElectron() {
  const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  const base = join(root, 'node_modules', '.cache', 'prospect-desk-electron');
  const target = join(base, 'node_modules', 'keytar');
  const marker = join(base, 'built-for');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === electronVersion) return target;
  try {
    mkdirSync(join(base, 'node_modules'), { recursive: true });
    cpSync(dirname(require.resolve('keytar/package.json')), target, { recursive: true });
    console.log(`Building the keychain module (keytar) for Electron ${electronVersion}…`);
    // The pinned devDependency from node_modules: start-up must not fetch tools at run time.
    const result = spawnSync(process.execPath, [rebuildCli(), ...rebuildArgs(base, electronVersion)], {
      stdio: 'inherit',
    });
    if (result.status !== 0) throw new Error(`electron-rebuild exited with ${result.status}`);
    writeFileSync(marker, electronVersion);
    return target;
  } catch (err) {
    console.warn(
      `Could not build keytar for Electron (${err instanceof Error ? err.message : err}); keys will use the fallback store.`,
    );
    return undefined;
  }
}

function keytarInstalled() {
  try {
    require.resolve('keytar/package.json');
    return true;
  } catch {
    return false;
  }
}

// Importing this file (tests) only reads the helpers above; `node scripts/start.mjs` launches.
if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) launch();

function launch() {
  const electronPath = electronBinary();
  const keytarPath = keytarInstalled() ? keytarForElectron() : undefined;
  const child = spawn(electronPath, ['.'], {
    stdio: 'inherit',
    env: { ...process.env, ...(keytarPath ? { PROSPECT_DESK_KEYTAR_PATH: keytarPath } : {}) },
  });
  child.on('exit', (code) => process.exit(code ?? 0));
}
