/**
 * The enrichment ledger (db.enrichments): provider + normalised input -> what the lookup found,
 * what it cost, when. Every lookup is checked here first, so the same input is never paid for twice
 * within the freshness window, across rows, files, reruns and crashes.
 */
import type { EnrichField, PersonQuery, ProviderId } from '../../../shared/domain';
import { normalizeDomain, normalizeEmail, normalizeLinkedinUrl } from '../../../shared/identity';
import type { EnrichmentEntry } from '../db/schema';
import type { EnrichedValues } from './enriched';

export const DEFAULT_FRESHNESS_DAYS = 90;
const DAY_MS = 86_400_000;

/** What the CSV runner stores beyond the base entry: the fields asked and the values found. */
export interface LedgerEntry extends EnrichmentEntry {
  fields?: EnrichField[];
  values?: EnrichedValues;
}

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * `provider|email:jane@acme.com`, `provider|li:https://www.linkedin.com/in/jane`,
 * `provider|id:123`, `provider|name:jane|doe|acme.com` (or `|org:acme inc` without a domain).
 * Undefined when the query has no identifier the key can be built from.
 */
export function ledgerKey(provider: ProviderId, q: PersonQuery): string | undefined {
  const email = normalizeEmail(q.email);
  if (email) return `${provider}|email:${email}`;
  const li = normalizeLinkedinUrl(q.linkedinUrl);
  if (li) return `${provider}|li:${li}`;
  const id = q.providerIds?.[provider]?.trim();
  if (id) return `${provider}|id:${id}`;
  let first = q.firstName?.trim();
  let last = q.lastName?.trim();
  if ((!first || !last) && q.fullName) {
    const parts = q.fullName.trim().split(/\s+/);
    if (parts.length >= 2) {
      first ||= parts[0];
      last ||= parts[parts.length - 1];
    }
  }
  if (!first || !last) return undefined;
  const name = `${fold(first)}|${fold(last)}`;
  const domain = normalizeDomain(q.organizationDomain);
  if (domain) return `${provider}|name:${name}|${domain}`;
  const org = q.organizationName ? fold(q.organizationName) : '';
  if (org) return `${provider}|name:${name}|org:${org}`;
  return undefined;
}

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
