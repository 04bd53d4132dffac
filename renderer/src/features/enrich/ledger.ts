/**
 * The enrichment ledger (db.enrichments): provider + normalised input -> what the lookup found,
 * what it cost, when. Every lookup is checked here first, so the same input is never paid for twice
 * within the freshness window, across rows, files, reruns and crashes.
 */
import type { EnrichField } from '../../../../shared/domain';
import type { EnrichmentEntry } from '../../db/schema';
import type { EnrichedValues } from './enriched';

export const DEFAULT_FRESHNESS_DAYS = 90;
const DAY_MS = 86_400_000;

/** What the CSV runner stores beyond the base entry: the fields asked and the values found. */
export interface LedgerEntry extends EnrichmentEntry {
  fields?: EnrichField[];
  values?: EnrichedValues;
}

/** The lookup key, shared with main's enrichment journal so both sides agree on it. */
export { lookupKey as ledgerKey } from '../../../../shared/lookup-key';

export function isFresh(
  entry: Pick<EnrichmentEntry, 'fetchedAt'>,
  nowMs: number,
  freshnessDays = DEFAULT_FRESHNESS_DAYS,
): boolean {
  const at = Date.parse(entry.fetchedAt);
  return Number.isFinite(at) && nowMs - at <= freshnessDays * DAY_MS && at <= nowMs + DAY_MS;
}

/**
 * Whether a stored lookup answers a lookup for `fields`. A miss answers anything (the provider
 * did not know the person); a match answers the fields it was asked for.
 */
export function coversFields(entry: LedgerEntry, fields: readonly EnrichField[]): boolean {
  if (entry.status === 'not_found' || !entry.fields) return true;
  return fields.every((f) => entry.fields!.includes(f));
}

export function usableEntry(
  entry: LedgerEntry | undefined,
  fields: readonly EnrichField[],
  nowMs: number,
  freshnessDays: number,
): LedgerEntry | undefined {
  if (!entry) return undefined;
  return isFresh(entry, nowMs, freshnessDays) && coversFields(entry, fields) ? entry : undefined;
}
