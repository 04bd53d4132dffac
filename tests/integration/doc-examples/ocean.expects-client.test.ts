/**
 * Ocean.io page examples the client does not follow yet. Expectations written by hand from the
 * "Search people" page (tests/fixtures/ocean/README.md); expected to fail until the providers branch
 * fixes the client.
 */
import { describe, expect, it } from 'vitest';
import { createOceanAdapter } from '../../../main/providers/ocean';
import { startOceanSimulator } from '../../simulators/ocean';
import { docSuite, FAST_RETRIES } from './support';

const FAST = { ...FAST_RETRIES, limits: { ocean: { requestsPerSecond: 500, concurrency: 4 } } };

describe('Ocean "Search people" success example: paging', () => {
  const s = docSuite(() => startOceanSimulator({ docExamples: true }), FAST);

  it("offers the next page with the answer's searchAfter while total (32,871) is far from reached", async () => {
    const ocean = createOceanAdapter({ baseUrl: s.sim.baseUrl });
    const res = await ocean.searchPeople!({ keywords: 'cloud' }, { pageSize: 25 }, s.ctx());
    expect(res.total).toBe(32871);
    expect(res.nextPage).toEqual({ cursor: 'NoBgdA7BAsBMEgGwBoAEAiADgGwK4HN8BTAJwC8wBjAewFt0BdIA' });
  });
});
