/**
 * Sumble behaviours issue 11 asks of the client. The page shows one `filter.query` form only,
 * `technology EQ '<slug>'`; a simulator started with `documentedQueryOnly` refuses any other (422), so a
 * client that sends only what is documented, and marks the rest unsupported, passes. Expected to fail
 * until the providers branch lands it.
 */
import { describe, expect, it } from 'vitest';
import { createSumbleAdapter } from '../../../main/providers/sumble';
import { getSampleDataset } from '../../../main/providers/sample/dataset';
import { startSumbleSimulator, sumbleOrganizationId } from '../../simulators/sumble';
import { docSuite, FAST_RETRIES } from './support';

const FAST = { ...FAST_RETRIES, limits: { sumble: { requestsPerSecond: 500, concurrency: 4 } } };
const orgs = getSampleDataset()
  .organizations.filter((o) => o.technologies.includes('Snowflake'))
  .slice(0, 3);

describe('Sumble filter.query: only the documented grammar is sent', () => {
  const s = docSuite(() => startSumbleSimulator({ rateLimit: null }, { documentedQueryOnly: true }), FAST);

  it('a technology filter goes as technology EQ; departments and seniorities are reported unsupported', async () => {
    expect(orgs.length).toBeGreaterThan(0);
    const sumble = createSumbleAdapter({ baseUrl: s.sim.baseUrl });
    const res = await sumble.searchPeople!(
      {
        organizationIds: orgs.map((o) => String(sumbleOrganizationId(o.id))),
        technologies: ['snowflake'],
        departments: ['engineering'],
        seniorities: ['director'],
      },
      { page: 1, pageSize: 10 },
      s.ctx(),
    );
    expect(res.unsupportedFilters).toEqual(expect.arrayContaining(['departments', 'seniorities']));
    expect(res.unsupportedFilters).not.toContain('technologies');
    expect(s.sim.stats.statuses['422']).toBeUndefined();
  });
});
