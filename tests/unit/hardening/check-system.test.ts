/** `npm test` checks its system needs first: install as root with apt, else one command to run. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
type Need = { what: string; package: string };
type Plan = { action: string; packages: string[]; command?: string; keytarStep?: string };
const load = async () =>
  (await import(pathToFileURL(join(ROOT, 'scripts/check-system.mjs')).href)) as {
    NEEDS: Need[];
    planSystemSetup(input: { missing: Need[]; isRoot: boolean; hasApt: boolean; keytar: string }): Plan;
  };

describe('scripts/check-system.mjs', () => {
  it('checks Chromium, dbus, gnome-keyring and libsecret', async () => {
    const { NEEDS } = await load();
    expect(NEEDS.map((n) => n.package)).toEqual(
      expect.arrayContaining(['chromium', 'dbus', 'gnome-keyring', 'libsecret-1-dev']),
    );
  });

  it('as root with apt: installs what is missing, then builds keytar that npm skipped', async () => {
    const { NEEDS, planSystemSetup } = await load();
    const missing = NEEDS.filter((n) => n.package === 'libsecret-1-dev' || n.package === 'gnome-keyring');
    expect(planSystemSetup({ missing, isRoot: true, hasApt: true, keytar: 'absent' })).toEqual({
      action: 'install',
      packages: ['gnome-keyring', 'libsecret-1-dev'],
      command: 'apt-get install -y --no-install-recommends gnome-keyring libsecret-1-dev',
      keytarStep: 'install',
    });
  });

  it('otherwise: the one command to run, and a stop', async () => {
    const { NEEDS, planSystemSetup } = await load();
    const missing = NEEDS.filter((n) => n.package === 'chromium');
    const plan = planSystemSetup({ missing, isRoot: false, hasApt: true, keytar: 'ok' });
    expect(plan).toEqual({
      action: 'tell',
      packages: ['chromium'],
      command: 'sudo apt-get install -y --no-install-recommends chromium',
    });
    expect(planSystemSetup({ missing, isRoot: true, hasApt: false, keytar: 'ok' }).action).toBe('tell');
  });

  it('nothing missing: a keytar left unbuilt is rebuilt, else nothing happens', async () => {
    const { planSystemSetup } = await load();
    expect(planSystemSetup({ missing: [], isRoot: false, hasApt: false, keytar: 'unbuilt' })).toMatchObject({
      action: 'keytar',
      keytarStep: 'rebuild',
    });
    expect(planSystemSetup({ missing: [], isRoot: false, hasApt: false, keytar: 'ok' })).toMatchObject({
      action: 'ok',
    });
  });

  it.runIf(process.platform === 'linux')('on this machine (which has them all) it passes and says so', () => {
    const out = execFileSync(process.execPath, ['scripts/check-system.mjs'], { cwd: ROOT, encoding: 'utf8' });
    expect(out).toContain('are in place');
  });

  it('npm test runs it first, and .ci/run is just npm ci && npm test', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.test).toMatch(/^node scripts\/check-system\.mjs && /);
    const ci = readFileSync(join(ROOT, '.ci/run'), 'utf8');
    const commands = ci
      .split('\n')
      .filter(
        (l) => l.trim() && !l.trim().startsWith('#') && !/^(set|cd|export)\b/.test(l.trim()) && !l.startsWith('#!'),
      );
    expect(commands).toEqual(['npm ci --no-audit --no-fund', 'npm test']);
    expect(ci).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD=1');
  });

  it('keytar is optional: npm install never fails without libsecret', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.dependencies.keytar).toBeUndefined();
    expect(pkg.optionalDependencies.keytar).toBeDefined();
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
    expect(lock.packages['node_modules/keytar'].optional).toBe(true);
  });
});
