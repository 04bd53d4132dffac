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

      // Key first, the free probe tells the two apart. Body first, every key gets the same 400 and a
      // well-formed probe would cost 1-4 credits with a good key: the honest answer is "unverified",
      // and a wrong key is never called working.
      it(
        bodyCheckedFirst
          ? 'never calls a key working that it could not check, at no cost'
          : 'a good key is "working" and a bad key "invalid_key", at no cost',
        async () => {
          const apione = createApioneAdapter({ baseUrl: s.sim.baseUrl });
          const good = await apione.testConnection!(s.ctx());
          const bad = await apione.testConnection!(s.ctx({ getKey: async () => 'wrong-key' }));
          if (bodyCheckedFirst) {
            expect(good.status).toBe('unverified');
            expect(bad.status).toBe('unverified');
            expect(bad.message).toMatch(/first lookup/);
          } else {
            expect(good.status).toBe('working');
            expect(bad.status).toBe('invalid_key');
          }
          expect(s.sim.stats.creditsCharged).toBe(0);
        },
      );
    });
  }
});
