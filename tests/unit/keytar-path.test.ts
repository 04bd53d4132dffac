/** The Electron-built keytar copy (scripts/start.mjs) is loaded from PROSPECT_DESK_KEYTAR_PATH. */
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadKeytar } from '../../main/secrets/keytar-store';

describe('loadKeytar', () => {
  it('loads keytar from an explicit path', async () => {
    const path = dirname(createRequire(__filename).resolve('keytar/package.json'));
    const result = await loadKeytar({ PROSPECT_DESK_KEYTAR_PATH: path });
    expect(result.ok).toBe(true);
  });

  it('reports, not throws, when that path holds no keytar', async () => {
    const result = await loadKeytar({ PROSPECT_DESK_KEYTAR_PATH: '/nonexistent/keytar' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/could not be loaded/);
  });
});
