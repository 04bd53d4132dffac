/** The IPC surface as a whole: the contract, what main binds and what the preload exposes are one set. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApi } from '../../shared/api';
import { CHANNELS, contract } from '../../shared/contract';
import { bindContract, createDispatch } from '../../main/ipc/bind';

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

  it('main registers exactly the contract channels', () => {
    const registered: string[] = [];
    bindContract((channel) => registered.push(channel), createDispatch({}));
    expect(registered.sort()).toEqual([...CHANNELS].sort());
  });

  it('the preload factory exposes exactly the contract channels, and each calls its own channel', async () => {
    const calls: string[] = [];
    const api = createApi({
      invoke: async (channel) => {
        calls.push(channel);
        return { ok: true, value: null };
      },
      subscribe: () => () => {},
    }) as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>> | (() => void)>;
    const exposed: string[] = [];
    for (const [ns, group] of Object.entries(api)) {
      if (typeof group === 'function') continue;
      for (const [method, fn] of Object.entries(group)) {
        exposed.push(`${ns}.${method}`);
        await fn({});
      }
    }
    expect(exposed.sort()).toEqual([...CHANNELS].sort());
    expect(calls.sort()).toEqual([...CHANNELS].sort());
  });

  it('the preload source holds no logic beyond the factory and exposes no raw ipcRenderer', () => {
    const source = readFileSync(join(__dirname, '../../preload/index.ts'), 'utf8');
    expect(source).toContain("exposeInMainWorld('api', api)");
    expect(source).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    expect(source.match(/exposeInMainWorld/g)).toHaveLength(1);
  });
});
