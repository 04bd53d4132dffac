/** `npm start` uses the pinned @electron/rebuild from node_modules: nothing is fetched at run time. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');

describe('npm start', () => {
  it('runs no npx and no @latest-style download', () => {
    const start = readFileSync(join(ROOT, 'scripts/start.mjs'), 'utf8');
    expect(start).not.toMatch(/\bnpx\b/);
    expect(start).not.toMatch(/--yes/);
  });

  it('rebuilds keytar with the pinned devDependency, which runs offline', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.devDependencies['@electron/rebuild']).toMatch(/^\d+\.\d+\.\d+$/); // exact pin
    const startModule = pathToFileURL(join(ROOT, 'scripts/start.mjs')).href;
    const { rebuildCli, rebuildArgs } = (await import(startModule)) as {
      rebuildCli(): string;
      rebuildArgs(moduleDir: string, electronVersion: string): string[];
    };
    const cli = rebuildCli();
    expect(cli.startsWith(join(ROOT, 'node_modules/@electron/rebuild/'))).toBe(true);
    expect(existsSync(cli)).toBe(true);
    const installed = JSON.parse(
      readFileSync(join(ROOT, 'node_modules/@electron/rebuild/package.json'), 'utf8'),
    ).version;
    expect(installed).toBe(pkg.devDependencies['@electron/rebuild']);
    expect(execFileSync(process.execPath, [cli, '--help'], { encoding: 'utf8' })).toMatch(/--only/);
    expect(rebuildArgs('/m', '45.4.1')).toEqual([
      '--force',
      '--only',
      'keytar',
      '--module-dir',
      '/m',
      '--version',
      '45.4.1',
    ]);
  });
});
