/**
 * The release pipeline cannot run here, so its two halves are checked against each other: the
 * electron-builder config (schema-valid, four targets, app id, icons, every fuse) and the release
 * workflow (version tag, one OS runner per target, npm ci + npm run dist, signing secrets, uploads
 * that match the artifacts the config produces).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';

const ROOT = resolve(__dirname, '../../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const builder = YAML.parse(read('electron-builder.yml'));
const workflow = YAML.parse(read('.github/workflows/release.yml'));
const pkg = JSON.parse(read('package.json'));
const require = createRequire(__filename);

type Step = {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
};
const job = workflow.jobs.dist as {
  'runs-on': string;
  strategy: { matrix: { include: { os: string; platform: string; artifacts: string }[] } };
  steps: Step[];
};
const matrix = job.strategy.matrix.include;
const targetsOf = (os: 'linux' | 'mac' | 'win'): string[] =>
  builder[os].target.map((t: string | { target: string }) => (typeof t === 'string' ? t : t.target));
const EXTENSION: Record<string, string> = { AppImage: 'AppImage', deb: 'deb', dmg: 'dmg', nsis: 'exe' };

describe('electron-builder config', () => {
  it("passes electron-builder's own schema (and the check can fail)", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config');
    const { DebugLogger } = require('builder-util');
    await expect(validateConfiguration(structuredClone(builder), new DebugLogger(false))).resolves.toBeUndefined();
    const broken = { ...structuredClone(builder), electronFuses: { ...builder.electronFuses, runAsNodee: false } };
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow();
  });

  it('has the four targets, an app id, icons and the dist script', () => {
    expect(builder.appId).toMatch(/^[a-z0-9]+(\.[a-z0-9-]+)+$/);
    expect(targetsOf('linux').sort()).toEqual(['AppImage', 'deb']);
    expect(targetsOf('mac')).toEqual(['dmg']);
    expect(targetsOf('win')).toEqual(['nsis']);
    expect(existsSync(join(ROOT, 'build/icon.png'))).toBe(true);
    expect(existsSync(join(ROOT, builder.linux.icon, '512x512.png'))).toBe(true);
    expect(existsSync(join(ROOT, builder.mac.icon))).toBe(true);
    expect(pkg.scripts.dist).toMatch(/electron-vite build && electron-builder\b/);
    expect(builder.files).toContain('out/**/*');
    expect(pkg.main).toMatch(/^out\//);
  });

  it('flips every fuse', () => {
    expect(builder.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(builder.asar).not.toBe(false); // OnlyLoadAppFromAsar needs the archive
  });
});

describe('release workflow', () => {
  it('runs on version tags only', () => {
    expect(Object.keys(workflow.on)).toEqual(['push']);
    expect(workflow.on.push.tags).toEqual(['v*.*.*']);
    expect(workflow.on.push.branches).toBeUndefined();
  });

  it('builds each OS on its own runner with npm ci and the same npm run dist', () => {
    const byPlatform = Object.fromEntries(matrix.map((m) => [m.platform, m.os]));
    expect(byPlatform.linux).toMatch(/^ubuntu-/);
    expect(byPlatform.mac).toMatch(/^macos-/);
    expect(byPlatform.win).toMatch(/^windows-/);
    expect(job['runs-on']).toBe('${{ matrix.os }}');
    const runs = job.steps.map((s) => s.run ?? '');
    expect(runs).toContain('npm ci');
    const dist = job.steps.find((s) => s.run?.startsWith('npm run dist'));
    expect(dist?.run).toBe('npm run dist -- --${{ matrix.platform }}');
    expect(runs.indexOf('npm ci')).toBeLessThan(runs.indexOf(dist!.run!));
  });

  it('uploads exactly the artifacts electron-builder writes for each OS', () => {
    const upload = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
    expect(upload.with?.path).toBe('${{ matrix.artifacts }}');
    expect(upload.with?.['if-no-files-found']).toBe('error');
    expect(builder.artifactName).toMatch(/\.\$\{ext\}$/);
    for (const m of matrix) {
      const globs = m.artifacts
        .trim()
        .split('\n')
        .map((g) => g.trim());
      const wanted = targetsOf(m.platform as 'linux' | 'mac' | 'win').map(
        (t) => `${builder.directories.output}/*.${EXTENSION[t]}`,
      );
      expect(globs.sort()).toEqual(wanted.sort());
    }
  });

  it('wires signing and notarising to secrets, and documents each one', () => {
    const dist = job.steps.find((s) => s.run?.startsWith('npm run dist'))!;
    const env = dist.env ?? {};
    for (const name of ['CSC_LINK', 'CSC_KEY_PASSWORD', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID']) {
      expect(env[name], name).toMatch(/secrets\./);
    }
    expect(builder.mac.notarize).toBe(true);
    const secrets = new Set(
      JSON.stringify(workflow)
        .match(/secrets\.([A-Z_]+)/g)!
        .map((s) => s.slice('secrets.'.length)),
    );
    const docs = read('docs/release.md');
    for (const secret of secrets) if (secret !== 'GITHUB_TOKEN') expect(docs, secret).toContain(`\`${secret}\``);
  });
});
