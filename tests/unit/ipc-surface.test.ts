/**
 * The IPC surface as a whole: the contract, the services main binds and the single door each way
 * (one ipcMain.handle, one ipcRenderer.invoke, one exposeInMainWorld) are one set.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { CHANNELS, contract } from '../../shared/contract';
import { createServices } from '../../main/services';
import { createKeyService } from '../../main/secrets/key-service';
import { createTestMemoryStore } from '../../main/secrets/memory-store';

type Deps = Parameters<typeof createServices>[0];
const root = join(__dirname, '../..');

/** Every call `a.b(...)` / `a.b.c(...)` in the folders' TypeScript sources: real calls, never comments or strings. */
function ipcCalls(folders: string[]): { file: string; callee: string }[] {
  const calls: { file: string; callee: string }[] = [];
  const files = folders.flatMap((folder) =>
    readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
      // tests/unit/layering.test.ts may have its probes there for a moment: they are not the app.
      .filter((f) => /\.tsx?$/.test(f) && !f.includes('layer-probe-tmp-'))
      .map((f) => join(folder, f)),
  );
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        calls.push({ file, callee: node.expression.getText(source).replace(/\s+/g, '') });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return calls;
}

describe('IPC surface', () => {
  it('declares the channels the foundation promises', () => {
    expect([...CHANNELS].sort()).toEqual(
      [
        'providers.list',
        'secrets.set',
        'secrets.remove',
        'secrets.test',
        'people.search',
        'people.enrich',
        'people.related',
        'people.lookalikes',
        'organizations.search',
        'organizations.jobPostings',
        'credits.estimate',
        'files.saveCsv',
        'data.purgePeople',
        'data.clearAll',
        'data.retention',
      ].sort(),
    );
    for (const c of CHANNELS) {
      expect(contract[c].input).toBeDefined();
      expect(contract[c].output).toBeDefined();
    }
  });

  it('the services object answers exactly the contract channels, no more and no fewer', () => {
    // Built the way main/runtime.ts builds it; nothing below is called, so the unused HTTP client
    // is a tripwire rather than a stand-in.
    const untouched = new Proxy({} as Deps['http'], {
      get: (_t, key) => {
        throw new Error(`createServices touched http.${String(key)} while being built`);
      },
    });
    const services = createServices({
      adapters: [],
      http: untouched,
      keys: createKeyService(createTestMemoryStore()),
      emit: () => {},
      saveCsv: async () => ({ saved: false }),
    });
    expect(Object.keys(services).sort()).toEqual([...CHANNELS].sort());
  });

  it('main and the preload have exactly one IPC door each way', () => {
    const calls = ipcCalls(['main', 'preload']);
    // One handler registration for every channel (main/index.ts through bindContract), one invoke
    // for every call (preload/index.ts through createApi), one object handed to the page.
    expect(
      calls.filter((c) => c.callee === 'ipcMain.handle'),
      'ipcMain.handle',
    ).toHaveLength(1);
    expect(
      calls.filter((c) => c.callee === 'ipcRenderer.invoke'),
      'ipcRenderer.invoke',
    ).toHaveLength(1);
    expect(
      calls.filter((c) => c.callee.endsWith('exposeInMainWorld')),
      'exposeInMainWorld',
    ).toHaveLength(1);
    // And no side door: no listener main answers on, nothing the page sends past the contract.
    const sideDoors = [
      'ipcMain.on',
      'ipcMain.once',
      'ipcMain.handleOnce',
      'ipcRenderer.send',
      'ipcRenderer.sendSync',
      'ipcRenderer.postMessage',
    ];
    expect(calls.filter((c) => sideDoors.includes(c.callee))).toEqual([]);
  });

  it('the preload source holds no logic beyond the factory and exposes no raw ipcRenderer', () => {
    const source = readFileSync(join(__dirname, '../../preload/index.ts'), 'utf8');
    expect(source).toContain("exposeInMainWorld('api', api)");
    expect(source).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    expect(source.match(/exposeInMainWorld/g)).toHaveLength(1);
  });
});
