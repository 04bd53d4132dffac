/**
 * Before anything is spent: which rows each provider of the waterfall could take (and which no one
 * can), then a credit estimate from main's cost models with a min/max per provider. A later
 * provider gets at most the rows the earlier ones might miss: its min counts only rows no earlier
 * provider can take, its max every row it could take.
 */
import type { Api } from '../../../../shared/api';
import type { CreditPlan, Result } from '../../../../shared/contract';
import type { EnrichField, PersonQuery, ProviderId } from '../../../../shared/domain';
import type { ProspectDb } from '../../db/schema';
import { canFillAny } from '../../../../shared/provider-capabilities';
import { keysFor, missingFields, originalValues, type EnrichedKey, type EnrichedValues } from './enriched';
import { DEFAULT_FRESHNESS_DAYS, ledgerKey, usableEntry, type LedgerEntry } from './ledger';
import { canEnrich, ENRICH_BATCH_SIZES, queryFor, toPersonQuery, type ColumnMapping } from './mapping';
import { providerLabel } from './providerLabels';
import { pagesOfValues } from './rows';
import type { EnrichPlan } from './types';

export function defaultPlan(providers: ProviderId[] = ['sample']): EnrichPlan {
  return {
    providers,
    fields: ['email', 'title', 'organization'],
    mode: 'fill_empty',
    freshnessDays: DEFAULT_FRESHNESS_DAYS,
  };
}

/** Problems that make a plan unusable, in words; empty when it can run. */
export function planProblems(plan: EnrichPlan): string[] {
  const problems: string[] = [];
  if (plan.providers.length === 0) problems.push('Choose at least one provider.');
  if (new Set(plan.providers).size !== plan.providers.length)
    problems.push('A provider appears twice in the waterfall.');
  for (const p of plan.providers) {
    if (!ENRICH_BATCH_SIZES[p])
      problems.push(`${providerLabel(p)} cannot enrich people; take it out of the waterfall.`);
  }
  if (plan.fields.length === 0) problems.push('Choose at least one field to fill.');
  if (plan.creditBudget !== undefined && !(plan.creditBudget >= 0))
    problems.push('The credit budget must be 0 or more.');
  if (!(plan.freshnessDays >= 0)) problems.push('The freshness window must be 0 days or more.');
  return problems;
}

export interface ProviderEligibility {
  /** Rows this provider can look up (and still needs to: not already answered by the ledger). */
  eligible: number;
  /** Of those, rows whose first possible provider in the waterfall is this one: certain to be asked. */
  certain: number;
  eligibleByEmail: number;
  certainByEmail: number;
  /** Rows the ledger already answers for this provider (free). */
  fromLedger: number;
}

export interface EligibilitySummary {
  total: number;
  /** Rows naming no person at all (no email, LinkedIn URL, provider id or name). */
  noIdentifier: number;
  /** Rows that name someone, but no provider of the waterfall can look them up. */
  noProvider: number;
  /** "Fill empty cells only": rows whose wanted cells are all filled already. */
  complete: number;
  perProvider: Partial<Record<ProviderId, ProviderEligibility>>;
}

export function emptyEligibility(providers: readonly ProviderId[]): EligibilitySummary {
  const perProvider: EligibilitySummary['perProvider'] = {};
  for (const p of providers)
    perProvider[p] = { eligible: 0, certain: 0, eligibleByEmail: 0, certainByEmail: 0, fromLedger: 0 };
  return { total: 0, noIdentifier: 0, noProvider: 0, complete: 0, perProvider };
}

/** What the ledger already knows for a provider and query (a fresh entry covering the fields), if anything. */
export type LedgerAnswer = Pick<LedgerEntry, 'status' | 'values'> | undefined;

/**
 * Adds one row to `summary`, walking the waterfall as the runner will: a provider is counted only while
 * the row still misses a wanted field it can fill, and a lookup the ledger answers (`cached`) is free and
 * fills what it found, so a later provider is not counted for a row the ledger already completes. A
 * provider after free answers only is as certain to be asked as the first one.
 */
export function tallyRow(
  summary: EligibilitySummary,
  values: readonly string[],
  mapping: ColumnMapping,
  plan: Pick<EnrichPlan, 'providers' | 'fields' | 'mode'>,
  /** The ledger's answer for `missing` (the runner checks coverage of what the row still misses, too). */
  cached: (provider: ProviderId, query: PersonQuery, missing: readonly EnrichField[]) => LedgerAnswer = () => undefined,
): void {
  summary.total++;
  const original = originalValues(values, mapping);
  if (plan.mode === 'fill_empty' && missingFields(original, plan.fields).length === 0) {
    summary.complete++;
    return;
  }
  const query = toPersonQuery(values, mapping);
  if (!query) {
    summary.noIdentifier++;
    return;
  }
  // The file's own values count as found in "fill empty cells only" (as in the runner's rowState).
  let have: EnrichedValues = plan.mode === 'fill_empty' ? pick(original, keysFor(plan.fields)) : {};
  let first = true;
  let any = false;
  for (const provider of plan.providers) {
    if (!canEnrich(provider, query)) continue;
    any = true;
    const missing = missingFields(have, plan.fields);
    if (missing.length === 0) break;
    if (!canFillAny(provider, missing)) continue;
    const stat = (summary.perProvider[provider] ??= {
      eligible: 0,
      certain: 0,
      eligibleByEmail: 0,
      certainByEmail: 0,
      fromLedger: 0,
    });
    const known = cached(provider, query, missing);
    if (known) {
      stat.fromLedger++;
      if (known.status === 'matched' && known.values) have = { ...have, ...known.values };
      continue;
    }
    stat.eligible++;
    if (query.email) stat.eligibleByEmail++;
    if (first) {
      stat.certain++;
      if (query.email) stat.certainByEmail++;
    }
    first = false;
  }
  if (!any) summary.noProvider++;
}

function pick(values: EnrichedValues, keys: readonly EnrichedKey[]): EnrichedValues {
  const out: EnrichedValues = {};
  for (const k of keys) if (values[k]) out[k] = values[k];
  return out;
}

/** Chunks of rows read per page (2,000 rows). */
const SCAN_CHUNKS = 2;

/**
 * Counts the stored rows of a job against a mapping and plan, checking the ledger as it goes.
 * Pages through the job's chunks, so it runs in constant memory (in the Worker for big files).
 */
export async function scanEligibility(
  db: ProspectDb,
  jobId: string,
  mapping: ColumnMapping,
  plan: Pick<EnrichPlan, 'providers' | 'fields' | 'mode'> & { freshnessDays?: number },
  opts: { now?: number; useLedger?: boolean; signal?: AbortSignal } = {},
): Promise<EligibilitySummary> {
  const summary = emptyEligibility(plan.providers);
  const now = opts.now ?? Date.now();
  const freshness = plan.freshnessDays ?? DEFAULT_FRESHNESS_DAYS;
  for await (const page of pagesOfValues(db, jobId, SCAN_CHUNKS)) {
    if (opts.signal?.aborted) throw new DOMException('Cancelled', 'AbortError');
    let known = new Map<string, LedgerEntry>();
    if (opts.useLedger !== false) {
      const keys = new Set<string>();
      for (const values of page) {
        const q = toPersonQuery(values, mapping);
        if (!q) continue;
        for (const p of plan.providers) {
          const key = canEnrich(p, q) ? ledgerKey(p, queryFor(p, q)) : undefined;
          if (key) keys.add(key);
        }
      }
      const list = [...keys];
      const found = (await db.enrichments.bulkGet(list)) as (LedgerEntry | undefined)[];
      known = new Map(list.map((k, i) => [k, found[i]] as const).filter((e): e is [string, LedgerEntry] => !!e[1]));
    }
    for (const values of page) {
      tallyRow(summary, values, mapping, plan, (provider, query, missing) => {
        const key = ledgerKey(provider, queryFor(provider, query));
        return key ? usableEntry(known.get(key), missing, now, freshness) : undefined;
      });
    }
  }
  return summary;
}

export interface ProviderEstimate {
  provider: ProviderId;
  /** Rows certain to be asked / rows that might be asked. */
  rowsMin: number;
  rowsMax: number;
  min: number;
  max: number;
  /** Rows the ledger answers for free at this provider (lookups paid before this run). */
  fromLedger: number;
  basis: string;
}

export interface PlanEstimate {
  perProvider: ProviderEstimate[];
  /**
   * `likely` is the middle of the range, rounded: the rows certain to be asked pay their mid cost and a
   * later provider gets about half of what the earlier ones might miss. Said as "most likely ~N".
   */
  total: { min: number; max: number; likely: number };
  /** Lookups the ledger answers for free, over all providers of the plan. */
  fromLedger: number;
  eligibility: EligibilitySummary;
  /** true when the worst case fits the budget (or there is none). Over it, the run stops by itself. */
  withinBudget: boolean;
}

/** Asks main's cost models (credits.estimate) for the plan, given the counted rows. */
export async function estimatePlan(
  api: Api,
  plan: EnrichPlan,
  eligibility: EligibilitySummary,
): Promise<Result<PlanEstimate>> {
  const fields = plan.fields;
  const plans: CreditPlan[] = [];
  for (const provider of plan.providers) {
    const e = eligibility.perProvider[provider] ?? {
      eligible: 0,
      certain: 0,
      eligibleByEmail: 0,
      certainByEmail: 0,
      fromLedger: 0,
    };
    plans.push({ provider, operation: 'people.enrich', count: e.certain, fields, byEmail: e.certainByEmail });
    plans.push({ provider, operation: 'people.enrich', count: e.eligible, fields, byEmail: e.eligibleByEmail });
  }
  const answer = await api.credits.estimate({ plans });
  if (!answer.ok) return answer;
  const perProvider: ProviderEstimate[] = plan.providers.map((provider, i) => {
    const certain = answer.value.perProvider[2 * i];
    const all = answer.value.perProvider[2 * i + 1];
    const e = eligibility.perProvider[provider];
    return {
      provider,
      rowsMin: e?.certain ?? 0,
      rowsMax: e?.eligible ?? 0,
      min: certain?.min ?? 0,
      max: all?.max ?? 0,
      fromLedger: e?.fromLedger ?? 0,
      basis: all?.basis ?? certain?.basis ?? '',
    };
  });
  const total = {
    min: perProvider.reduce((s, p) => s + p.min, 0),
    max: perProvider.reduce((s, p) => s + p.max, 0),
  };
  return {
    ok: true,
    value: {
      perProvider,
      total: { ...total, likely: Math.round((total.min + total.max) / 2) },
      fromLedger: perProvider.reduce((s, p) => s + p.fromLedger, 0),
      eligibility,
      withinBudget: plan.creditBudget === undefined || total.max <= plan.creditBudget,
    },
  };
}

const PER_ROW_SAMPLE = 1000;

/** The most one row can cost at each provider of the plan (the runner's budget guard). */
export async function maxCreditsPerRow(
  api: Api,
  providers: readonly ProviderId[],
  fields: EnrichField[],
): Promise<Result<Partial<Record<ProviderId, number>>>> {
  if (providers.length === 0) return { ok: true, value: {} };
  const answer = await api.credits.estimate({
    plans: providers.map((provider) => ({
      provider,
      operation: 'people.enrich' as const,
      count: PER_ROW_SAMPLE,
      fields,
      byEmail: PER_ROW_SAMPLE,
    })),
  });
  if (!answer.ok) return answer;
  const out: Partial<Record<ProviderId, number>> = {};
  providers.forEach((p, i) => {
    out[p] = (answer.value.perProvider[i]?.max ?? 0) / PER_ROW_SAMPLE;
  });
  return { ok: true, value: out };
}

/**
 * What adding `field` costs per looked-up row at each provider: the worst case with it minus the
 * worst case without it, from main's cost models. Phone numbers are billed apart by most providers,
 * so the plan offers Phone with this price next to it and leaves the choice to the rep.
 */
export async function extraCreditsPerRow(
  api: Api,
  providers: readonly ProviderId[],
  fields: EnrichField[],
  field: EnrichField,
): Promise<Result<Partial<Record<ProviderId, number>>>> {
  const without = fields.filter((f) => f !== field);
  const [a, b] = await Promise.all([
    maxCreditsPerRow(api, providers, [...without, field]),
    without.length ? maxCreditsPerRow(api, providers, without) : Promise.resolve({ ok: true as const, value: {} }),
  ]);
  if (!a.ok) return a;
  if (!b.ok) return b;
  const out: Partial<Record<ProviderId, number>> = {};
  for (const p of providers)
    out[p] = Math.max(0, (a.value[p] ?? 0) - ((b.value as Partial<Record<ProviderId, number>>)[p] ?? 0));
  return { ok: true, value: out };
}
