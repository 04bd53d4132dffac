// The registry mirror these machines use carries only linux builds of platform-specific optional
// packages (rollup's @rollup/rollup-<os>-<cpu>), so `npm install` leaves the others out of
// package-lock.json and `npm ci` then refuses the lock as out of sync. This adds the missing entries
// with their os/cpu, which is all `npm ci` needs to skip them here; on a full registry they install
// as usual. Run after `npm install` changes the lock: `node scripts/lockfile-platforms.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
const PLATFORM =
  /-(android|darwin|freebsd|linux|openbsd|openharmony|win32|netbsd|sunos|aix)-(arm64|arm|x64|ia32|loong64|ppc64|riscv64|s390x)(?:-(gnu|musl|gnueabihf|musleabihf|msvc|eabi))?$/;
let added = 0;
for (const meta of Object.values(packages)) {
  for (const [dep, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (packages[key]) continue;
    const match = PLATFORM.exec(dep.split('/').pop());
    if (!match) continue;
    const [, os, cpu, abi] = match;
    // Keys in the order npm writes them, so a later `npm install` leaves the file as it is.
    packages[key] = {
      version,
      cpu: [cpu],
      ...(meta.dev ? { dev: true } : {}),
      ...(abi === 'gnu' || abi === 'gnueabihf' ? { libc: ['glibc'] } : {}),
      ...(abi === 'musl' || abi === 'musleabihf' ? { libc: ['musl'] } : {}),
      optional: true,
      os: [os],
    };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} platform entries added`);
