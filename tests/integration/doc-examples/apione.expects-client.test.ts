/**
 * ApiOne behaviours issue 11 asks of the client, against the page's error table (plain-text bodies).
 * Expectations written by hand from the page; expected to fail until the providers branch lands them.
 */
import { describe, expect, it } from 'vitest';
import { createApioneAdapter } from '../../../main/providers/apione';
import { APIONE_MISS_CREDITS, startApioneSimulator } from '../../simulators/apione';
import { docSuite, FAST_RETRIES } from './support';

const FAST = { ...FAST_RETRIES, limits: { apione: { requestsPerSecond: 500, concurrency: 4 } } };

describe('ApiOne 404 not_found (plain text, 1 credit deducted)', () => {
  const s = docSuite(() => startApioneSimulator(), FAST);

  it('is not_found costing 1 credit, not an error', async () => {
    const apione = createApioneAdapter({ baseUrl: s.sim.baseUrl });
    const { results, credits } = await apione.enrichPeople!([{ email: 'nobody@nowhere.example' }], ['email'], s.ctx());
    expect(results[0]).toMatchObject({ index: 0, status: 'not_found', credits: APIONE_MISS_CREDITS });
    expect(credits).toMatchObject({ provider: 'apione', credits: APIONE_MISS_CREDITS });
    expect(s.sim.stats.creditsCharged).toBe(APIONE_MISS_CREDITS);
  });
});

describe('ApiOne connection test, whichever the API validates first: key or body', () => {
  for (const bodyCheckedFirst of [false, true]) {
    describe(bodyCheckedFirst ? 'body first' : 'key first', () => {
      const s = docSuite(() => startApioneSimulator(undefined, { bodyCheckedFirst }), FAST);

      it('a good key is "working" and a bad key "invalid_key", at no cost', async () => {
        const apione = createApioneAdapter({ baseUrl: s.sim.baseUrl });
        expect((await apione.testConnection!(s.ctx())).status).toBe('working');
        expect((await apione.testConnection!(s.ctx({ getKey: async () => 'wrong-key' }))).status).toBe('invalid_key');
        expect(s.sim.stats.creditsCharged).toBe(0);
      });
    });
  }
});
