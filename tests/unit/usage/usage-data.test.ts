/** The Usage page's figures from ledger entries and saved people. */
import { describe, expect, it } from 'vitest';
import type { EnrichmentEntry, StoredPerson } from '../../../renderer/src/db/schema';
import {
  coverageCounter,
  creditsOverTime,
  hitRates,
  periodStart,
} from '../../../renderer/src/features/usage/usageData';

const entry = (over: Partial<EnrichmentEntry>): EnrichmentEntry => ({
  key: Math.random().toString(36),
  provider: 'apollo',
  input: {},
  status: 'matched',
  credits: 1,
  fetchedAt: '2026-11-02T10:00:00.000Z',
  ...over,
});

describe('usage data', () => {
  it('puts a lookup in its UTC day, or in the week starting that Monday', () => {
    expect(periodStart('2026-11-04T23:59:00.000Z', 'day')).toBe('2026-11-04');
    expect(periodStart('2026-11-04T23:59:00.000Z', 'week')).toBe('2026-11-02'); // a Wednesday
    expect(periodStart('2026-11-08T12:00:00.000Z', 'week')).toBe('2026-11-02'); // the Sunday after
    expect(periodStart('2026-11-09T00:00:00.000Z', 'week')).toBe('2026-11-09');
    expect(periodStart('not a date', 'day')).toBeUndefined();
  });

  it('sums credits per provider per period, filling quiet days between busy ones', () => {
    const ledger = [
      entry({ provider: 'apollo', credits: 2, fetchedAt: '2026-11-02T09:00:00.000Z' }),
      entry({ provider: 'apollo', credits: 3, fetchedAt: '2026-11-02T15:00:00.000Z' }),
      entry({ provider: 'ocean', credits: 7, fetchedAt: '2026-11-04T09:00:00.000Z' }),
      entry({ provider: 'sumble', credits: 0, status: 'not_found', fetchedAt: '2026-11-05T09:00:00.000Z' }),
    ];
    const byDay = creditsOverTime(ledger, 'day');
    expect(byDay.providers).toEqual(['ocean', 'apollo']);
    expect(byDay.rows).toEqual([
      { period: '2026-11-02', ocean: 0, apollo: 5 },
      { period: '2026-11-03', ocean: 0, apollo: 0 },
      { period: '2026-11-04', ocean: 7, apollo: 0 },
    ]);
    expect(creditsOverTime(ledger, 'week').rows).toEqual([{ period: '2026-11-02', ocean: 7, apollo: 5 }]);
    expect(creditsOverTime([], 'day')).toEqual({ rows: [], providers: [] });
  });

  it('gives each provider its share of matched lookups', () => {
    const ledger = [
      entry({ provider: 'apollo' }),
      entry({ provider: 'apollo' }),
      entry({ provider: 'apollo', status: 'not_found' }),
      entry({ provider: 'ocean', status: 'not_found' }),
    ];
    expect(hitRates(ledger)).toEqual([
      { provider: 'apollo', matched: 2, notFound: 1, rate: 66.7 },
      { provider: 'ocean', matched: 0, notFound: 1, rate: 0 },
    ]);
  });

  it('counts how many saved people have each field', () => {
    const counter = coverageCounter();
    const person = (over: Partial<StoredPerson>) =>
      ({
        id: 'p',
        providerIds: {},
        departments: [],
        emails: [],
        phones: [],
        provenance: {},
        keys: [],
        savedAt: '',
        ...over,
      }) as StoredPerson;
    counter.add(person({ emails: [{ address: 'a@b.example' } as never], title: 'CTO' }));
    counter.add(person({ title: 'VP', location: { countryCode: 'DE' } }));
    const result = counter.result();
    expect(result.total).toBe(2);
    const by = Object.fromEntries(result.fields.map((f) => [f.field, [f.count, f.percent]]));
    expect(by).toMatchObject({ email: [1, 50], phone: [0, 0], title: [2, 100], location: [1, 50] });
  });
});
