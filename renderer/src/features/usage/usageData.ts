/**
 * What the Usage page charts, computed from what IndexedDB keeps across restarts: the enrichment
 * ledger (one entry per paid lookup, with its cost, outcome and date), the saved people and the CSV
 * jobs. Pure functions over plain records, so they are unit-tested without a database.
 */
import type { EnrichmentEntry, StoredPerson } from '../../db/schema';

export type Period = 'day' | 'week';

const DAY_MS = 86_400_000;

/** The UTC day (YYYY-MM-DD) a lookup falls in, or the Monday that starts its week. */
export function periodStart(iso: string, period: Period): string | undefined {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return undefined;
  const day = Math.floor(at / DAY_MS) * DAY_MS;
  if (period === 'day') return new Date(day).toISOString().slice(0, 10);
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
  return new Date(day - weekday * DAY_MS).toISOString().slice(0, 10);
}

export interface CreditsOverTime {
  /** One row per period, oldest first: `{ period, <provider id>: credits, … }`. */
  rows: Array<{ period: string } & Record<string, number | string>>;
  /** Providers that spent anything, in order of total spend (largest first). */
  providers: string[];
}

/** Credits per provider per day or week. Periods with no spend between two that had some are kept at 0. */
export function creditsOverTime(entries: readonly EnrichmentEntry[], period: Period): CreditsOverTime {
  const byPeriod = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  for (const e of entries) {
    if (!(e.credits > 0)) continue;
    const start = periodStart(e.fetchedAt, period);
    if (!start) continue;
    const row = byPeriod.get(start) ?? new Map<string, number>();
    row.set(e.provider, (row.get(e.provider) ?? 0) + e.credits);
    byPeriod.set(start, row);
    totals.set(e.provider, (totals.get(e.provider) ?? 0) + e.credits);
  }
  const providers = [...totals].sort((a, b) => b[1] - a[1]).map(([p]) => p);
  const starts = [...byPeriod.keys()].sort();
  const rows: CreditsOverTime['rows'] = [];
  if (starts.length) {
    const step = period === 'day' ? DAY_MS : 7 * DAY_MS;
    const last = Date.parse(starts[starts.length - 1]!);
    for (let t = Date.parse(starts[0]!); t <= last; t += step) {
      const key = new Date(t).toISOString().slice(0, 10);
      const spent = byPeriod.get(key);
      const row: CreditsOverTime['rows'][number] = { period: key };
      for (const p of providers) row[p] = spent?.get(p) ?? 0;
      rows.push(row);
    }
  }
  return { rows, providers };
}

export interface HitRate {
  provider: string;
  matched: number;
  notFound: number;
  /** Matched share of answered lookups, 0–100, one decimal. */
  rate: number;
}

export function hitRates(entries: readonly EnrichmentEntry[]): HitRate[] {
  const counts = new Map<string, { matched: number; notFound: number }>();
  for (const e of entries) {
    const c = counts.get(e.provider) ?? { matched: 0, notFound: 0 };
    if (e.status === 'matched') c.matched++;
    else c.notFound++;
    counts.set(e.provider, c);
  }
  return [...counts].map(([provider, c]) => ({
    provider,
    ...c,
    rate: Math.round((1000 * c.matched) / (c.matched + c.notFound)) / 10,
  }));
}

export const COVERAGE_FIELDS = [
  { id: 'email', label: 'Email', has: (p: StoredPerson) => (p.emails?.length ?? 0) > 0 },
  { id: 'phone', label: 'Phone', has: (p: StoredPerson) => (p.phones?.length ?? 0) > 0 },
  { id: 'title', label: 'Title', has: (p: StoredPerson) => !!p.title },
  { id: 'seniority', label: 'Seniority', has: (p: StoredPerson) => !!p.seniority },
  { id: 'company', label: 'Company', has: (p: StoredPerson) => !!p.organization?.name },
  { id: 'linkedin', label: 'LinkedIn', has: (p: StoredPerson) => !!p.linkedinUrl },
  {
    id: 'location',
    label: 'Location',
    has: (p: StoredPerson) => !!(p.location?.city || p.location?.countryCode || p.location?.country),
  },
] as const;

export interface FieldCoverage {
  total: number;
  fields: Array<{ field: string; label: string; count: number; percent: number }>;
}

/** Counts as it goes, so the caller can stream people from the database instead of loading them all. */
export function coverageCounter() {
  let total = 0;
  const counts: number[] = COVERAGE_FIELDS.map(() => 0);
  return {
    add(p: StoredPerson) {
      total++;
      COVERAGE_FIELDS.forEach((f, i) => {
        if (f.has(p)) counts[i]!++;
      });
    },
    result(): FieldCoverage {
      return {
        total,
        fields: COVERAGE_FIELDS.map((f, i) => ({
          field: f.id,
          label: f.label,
          count: counts[i]!,
          percent: total ? Math.round((1000 * counts[i]!) / total) / 10 : 0,
        })),
      };
    },
  };
}
