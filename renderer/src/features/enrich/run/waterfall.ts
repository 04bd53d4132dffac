/**
 * Waterfall rules for one row: which provider still needs to be asked, when a row is final, what
 * its final status is, and the row record written for it. Pure: no database, no calls.
 */
import type { EnrichField, PersonQuery, ProviderId } from '../../../../../shared/domain';
import {
  keysFor,
  missingFields,
  originalValues,
  type EnrichedKey,
  type EnrichedSources,
  type EnrichedValues,
} from '../enriched';
import { canEnrich, toPersonQuery, type ColumnMapping } from '../mapping';
import type { CsvRowRecord, EnrichPlan } from '../types';

/** One row in flight through the waterfall (in memory for one window). */
export interface RowState {
  row: CsvRowRecord;
  query: PersonQuery | null;
  tried: Set<ProviderId>;
  failedAt: Set<ProviderId>;
  enriched: EnrichedValues;
  sources: EnrichedSources;
  personId?: string;
  error?: CsvRowRecord['error'];
  final: boolean;
}

export interface WaterfallContext {
  plan: EnrichPlan;
  mapping: ColumnMapping;
}

export function rowState({ plan, mapping }: WaterfallContext, row: CsvRowRecord): RowState {
  const query = toPersonQuery(row.values, mapping);
  let enriched: EnrichedValues = { ...(row.enriched ?? {}) };
  let sources: EnrichedSources = { ...(row.sources ?? {}) };
  if (!row.enriched && plan.mode === 'fill_empty') {
    // The file's own values count as found: only empty cells are looked up.
    const original = originalValues(row.values, mapping);
    enriched = {};
    sources = {};
    for (const key of keysFor(plan.fields)) {
      if (original[key]) {
        enriched[key] = original[key];
        sources[key] = 'file';
      }
    }
  }
  return {
    row,
    query,
    tried: new Set(row.providersTried ?? []),
    failedAt: new Set(row.providersFailed ?? []),
    enriched,
    sources,
    ...(row.personId ? { personId: row.personId } : {}),
    ...(row.error ? { error: row.error } : {}),
    final: false,
  };
}

export function needs(ctx: WaterfallContext, s: RowState, provider: ProviderId): boolean {
  return (
    !s.final &&
    !s.tried.has(provider) &&
    !s.failedAt.has(provider) &&
    canEnrich(provider, s.query) &&
    missingFields(s.enriched, ctx.plan.fields).length > 0
  );
}

/** No provider after position `after` in the waterfall needs this row: its status can be final. */
export function isComplete(ctx: WaterfallContext, s: RowState, after: number): boolean {
  return ctx.plan.providers.every((p, i) => i <= after || !needs(ctx, s, p));
}

/** The row record to write: final when no later provider needs it, else with what is known so far. */
export function settled(ctx: WaterfallContext, s: RowState, after: number): CsvRowRecord {
  return isComplete(ctx, s, after) ? finalize(ctx, s) : rowFrom(s);
}

/** Final status, values from the file for what nothing found, and the row to write. */
export function finalize(ctx: WaterfallContext, s: RowState): CsvRowRecord {
  s.final = true;
  const row: CsvRowRecord = { ...s.row };
  const original = originalValues(row.values, ctx.mapping);
  for (const key of keysFor(ctx.plan.fields)) {
    if (!s.enriched[key] && original[key]) {
      s.enriched[key] = original[key];
      s.sources[key] = 'file';
    }
  }
  delete row.skipReason;
  if (s.personId) {
    row.status = 'done';
    delete s.error;
  } else if (s.error) row.status = 'failed';
  else if (s.tried.size > 0) row.status = 'not_found';
  else {
    row.status = 'skipped';
    row.skipReason = skipReason(ctx, s);
  }
  return rowFrom(s, row);
}

function skipReason({ plan }: WaterfallContext, s: RowState): string {
  if (plan.mode === 'fill_empty' && missingFields(s.enriched, plan.fields).length === 0) {
    return 'Every wanted cell was already filled.';
  }
  if (!s.query) return 'No email, LinkedIn URL, provider id or name to look this person up with.';
  return 'None of the chosen providers can look this row up with what it holds.';
}

export function rowFrom(s: RowState, base: CsvRowRecord = { ...s.row }): CsvRowRecord {
  const row: CsvRowRecord = {
    ...base,
    enriched: { ...s.enriched } as Record<string, string>,
    sources: { ...s.sources },
  };
  row.providersTried = [...s.tried];
  if (s.failedAt.size) row.providersFailed = [...s.failedAt];
  else delete row.providersFailed;
  if (s.personId) row.personId = s.personId;
  if (s.error) row.error = s.error;
  else delete row.error;
  return row;
}

/** Takes the values a provider found for the cells still empty, with the provider as their source. */
export function applyValues(
  s: RowState,
  values: EnrichedValues,
  provider: ProviderId,
  fields: readonly EnrichField[],
): void {
  for (const key of keysFor(fields)) {
    const v = values[key as EnrichedKey];
    if (v && !s.enriched[key]) {
      s.enriched[key] = v;
      s.sources[key] = provider;
    }
  }
}

export const wantedFields = (ctx: WaterfallContext, s: RowState) => missingFields(s.enriched, ctx.plan.fields);
