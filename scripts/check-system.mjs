// `npm test` runs this first: the system packages the tests need on Linux (Chromium for the browser
// tests, dbus-run-session + gnome-keyring-daemon for the real-keychain tests, libsecret for keytar).
// As root with apt-get it installs what is missing and says so; otherwise it prints the one command
// to run and exits non-zero. keytar is an optional dependency: when libsecret arrives after
// `npm ci` (whose keytar build then failed and was skipped), keytar is built now.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const root = join(dirname(new URL(import.meta.url).pathname), '..');

/** What the tests need: how to see it is there, and the Debian package that provides it. */
export const NEEDS = [
  {
    what: 'Chromium',
    package: 'chromium',
    present: (probe) => probe.file(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') || probe.command('chromium'),
  },
  { what: 'dbus-run-session', package: 'dbus', present: (probe) => probe.command('dbus-run-session') },
  { what: 'dbus-launch', package: 'dbus-x11', present: (probe) => probe.command('dbus-launch') },
  { what: 'gnome-keyring-daemon', package: 'gnome-keyring', present: (probe) => probe.command('gnome-keyring-daemon') },
  {
    what: 'libsecret (to build keytar)',
    package: 'libsecret-1-dev',
    present: (probe) => probe.debPackage('libsecret-1-dev'),
  },
];

/**
 * The decision, as data: nothing to do, install (as root with apt), or tell the rep the one command.
 * `keytar` is 'ok' (loads), 'unbuilt' (in node_modules, no binding) or 'absent' (npm skipped it).
 */
export function planSystemSetup({ missing, isRoot, hasApt, keytar }) {
  const packages = missing.map((m) => m.package);
  const keytarStep = keytar === 'ok' ? undefined : keytar === 'unbuilt' ? 'rebuild' : 'install';
  if (packages.length === 0) return { action: keytarStep ? 'keytar' : 'ok', packages, keytarStep };
  const command = `apt-get install -y --no-install-recommends ${packages.join(' ')}`;
  if (isRoot && hasApt)
    return { action: 'install', packages, command, keytarStep: keytar === 'ok' ? undefined : keytarStep };
  // keytar, if it needs building, is built by the next run once libsecret is there (no root needed).
  return { action: 'tell', packages, command: `sudo ${command}` };
}

const probe = {
  file: (path) => existsSync(path),
  command: (name) => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0,
  debPackage: (name) => {
    const out = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return out.status === 0 && out.stdout.includes('install ok installed');
  },
};

function keytarState() {
  if (!existsSync(join(root, 'node_modules/keytar/package.json'))) return 'absent';
  const loads = spawnSync(process.execPath, ['-e', "require('keytar')"], { cwd: root, stdio: 'ignore' }).status === 0;
  return loads ? 'ok' : 'unbuilt';
}

function run(command, args) {
  console.log(`check-system: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0) {
    console.error(`check-system: \`${[command, ...args].join(' ')}\` failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

function buildKeytar(step) {
  if (step === 'rebuild') return run('npm', ['rebuild', 'keytar']);
  // npm skipped the optional keytar when it could not build: install the locked version now.
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const version = lock.packages?.['node_modules/keytar']?.version;
  run('npm', ['install', '--no-save', '--no-audit', '--no-fund', `keytar@${version ?? '7.9.0'}`]);
}

function main() {
  if (process.platform !== 'linux') {
    console.log(
      'check-system: not Linux: the keychain and browser tests use the OS keychain and Chromium as installed.',
    );
    return;
  }
  const missing = NEEDS.filter((need) => !need.present(probe));
  const plan = planSystemSetup({
    missing,
    isRoot: process.getuid?.() === 0,
    hasApt: probe.command('apt-get'),
    keytar: keytarState(),
  });
  if (plan.action === 'tell') {
    console.error(`check-system: the tests need ${missing.map((m) => m.what).join(', ')}. Install with:`);
    console.error(`  ${plan.command}`);
    console.error('check-system: then run `npm test` again.');
    process.exit(1);
  }
  if (plan.action === 'install') {
    console.log(`check-system: installing system packages: ${plan.packages.join(' ')}`);
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...plan.packages]);
  }
  if (plan.keytarStep) {
    console.log('check-system: building keytar against libsecret (it was not built at install time)');
    buildKeytar(plan.keytarStep);
  }
  if (plan.action === 'ok')
    console.log('check-system: Chromium, D-Bus, gnome-keyring, libsecret and keytar are in place.');
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) main();
