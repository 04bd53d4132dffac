/**
 * Merging two records of one person (or organization) with per-field provenance. Pure: no Node,
 * DOM or Electron, so main, the renderer and the CSV worker merge the same way.
 *
 * Rules, per field:
 * - a value the rep edited by hand (provenance `manual` or listed in `editedFields`) is never
 *   overwritten by a provider; only a newer manual value replaces it;
 * - an incoming empty value (undefined, '', [], {}) never erases anything;
 * - otherwise the newer value wins, "newer" by the fields' provenance `fetchedAt` (a field without
 *   provenance on the stored side counts as oldest; on the incoming side as `opts.now`);
 * - emails and phones are unioned by normalised address / number, keeping the best status;
 * - providerIds are unioned (the stored side wins a conflict: ids are identity, not data);
 * - location and organization are merged by sub-field when they describe the same place / company,
 *   and replaced whole (if newer) when they do not (the person moved or changed jobs);
 * - the stored record's id is kept.
 */
import type {
  Email,
  EmailStatus,
  Location,
  Organization,
  OrganizationRef,
  Person,
  Phone,
  Provenance,
  ProviderIds,
} from './domain';
import { isPlaceholderEmail, normalizeDomain } from './identity';

export interface MergeOptions {
  /** When the incoming record was fetched, for fields it carries without provenance. Default: now. */
  now?: string;
}

/** Anything stored may carry the list of fields the rep edited by hand. */
export interface Editable {
  editedFields?: string[];
}

type ProvenanceValue = Provenance[string];

/** Fields merged by dedicated rules (or never taken from the incoming side). */
const PERSON_SPECIAL = new Set([
  'id',
  'provenance',
  'providerIds',
  'updatedAt',
  'editedFields',
  'emails',
  'phones',
  'location',
  'organization',
]);
const ORGANIZATION_SPECIAL = new Set(['id', 'provenance', 'providerIds', 'updatedAt', 'editedFields', 'location']);

export function isManualEntry(entry: ProvenanceValue | undefined): entry is { manual: true; editedAt: string } {
  return !!entry && 'manual' in entry && entry.manual === true;
}

export function isManualField(record: { provenance?: Provenance } & Editable, field: string): boolean {
  return isManualEntry(record.provenance?.[field]) || !!record.editedFields?.includes(field);
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value as object).every((v) => isEmpty(v));
  return false;
}

function time(iso: string | undefined): number {
  if (!iso) return Number.NEGATIVE_INFINITY;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

function entryTime(entry: ProvenanceValue | undefined): number {
  if (!entry) return Number.NEGATIVE_INFINITY;
  return time(isManualEntry(entry) ? entry.editedAt : entry.fetchedAt);
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(value ?? {})) if (!isEmpty(v)) (out as Record<string, unknown>)[k] = v;
  return out;
}

function fold(text: string | undefined): string {
  return (text ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function mergeProviderIds(existing: ProviderIds | undefined, incoming: ProviderIds | undefined): ProviderIds {
  const out: ProviderIds = { ...(existing ?? {}) };
  for (const [provider, id] of Object.entries(incoming ?? {}) as [keyof ProviderIds, string | undefined][]) {
    if (id && !out[provider]) out[provider] = id;
  }
  return out;
}

// A known verdict beats "unknown"; among verdicts, the more deliverable one wins.
const EMAIL_STATUS_RANK: Record<EmailStatus, number> = {
  verified: 5,
  likely: 4,
  guessed: 3,
  unverified: 2,
  invalid: 1,
  unknown: 0,
};

export function emailKey(address: string): string {
  return address.trim().toLowerCase();
}

/** Union by normalised address; each address keeps its best status; best first, stable otherwise. */
export function mergeEmails(existing: readonly Email[] | undefined, incoming: readonly Email[] | undefined): Email[] {
  const byKey = new Map<string, Email>();
  const order: string[] = [];
  for (const e of [...(existing ?? []), ...(incoming ?? [])]) {
    if (!e?.address || isPlaceholderEmail(e.address)) continue;
    const key = emailKey(e.address);
    const status = e.status ?? 'unknown';
    const kind = e.kind ?? 'unknown';
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { address: e.address.trim(), status, kind });
      order.push(key);
      continue;
    }
    if (EMAIL_STATUS_RANK[status] > EMAIL_STATUS_RANK[seen.status]) seen.status = status;
    if (seen.kind === 'unknown' && kind !== 'unknown') seen.kind = kind;
  }
  const emails = order.map((k) => byKey.get(k)!);
  // Array.prototype.sort is stable: equal statuses keep the stored order.
  return emails.sort((a, b) => EMAIL_STATUS_RANK[b.status] - EMAIL_STATUS_RANK[a.status]);
}

function phoneDigits(number: string): string {
  return number.replace(/\D+/g, '');
}

function samePhone(a: Phone, b: Phone): boolean {
  const da = phoneDigits(a.number);
  const db = phoneDigits(b.number);
  if (!da || !db) return a.number.trim() === b.number.trim();
  if (da === db) return true;
  // A raw national number ("(415) 555-0100") is the same line as its E.164 form ("+14155550100").
  if (a.e164 !== b.e164) {
    const [short, long] = da.length < db.length ? [da, db] : [db, da];
    return short.length >= 7 && long.endsWith(short);
  }
  return false;
}

/** Union by number; the E.164 form and a specific kind win over a raw number and 'other'. */
export function mergePhones(existing: readonly Phone[] | undefined, incoming: readonly Phone[] | undefined): Phone[] {
  const out: Phone[] = [];
  for (const p of [...(existing ?? []), ...(incoming ?? [])]) {
    if (!p?.number) continue;
    const kind = p.kind ?? 'other';
    const seen = out.find((q) => samePhone(q, p));
    if (!seen) {
      out.push({ number: p.number.trim(), e164: !!p.e164, kind });
      continue;
    }
    if (!seen.e164 && p.e164) {
      seen.number = p.number.trim();
      seen.e164 = true;
    }
    if (seen.kind === 'other' && kind !== 'other') seen.kind = kind;
  }
  return out;
}

function sameCountry(a: Location, b: Location): boolean {
  if (a.countryCode && b.countryCode) return a.countryCode.toUpperCase() === b.countryCode.toUpperCase();
  if (a.country && b.country) return fold(a.country) === fold(b.country);
  return true;
}

function sameOrganization(a: OrganizationRef, b: OrganizationRef): boolean {
  for (const [provider, id] of Object.entries(a.providerIds ?? {})) {
    if (id && (b.providerIds as Record<string, string | undefined> | undefined)?.[provider] === id) return true;
  }
  const da = normalizeDomain(a.domain);
  const db = normalizeDomain(b.domain);
  if (da && db) return da === db;
  return !!a.name && !!b.name && fold(a.name) === fold(b.name);
}

function mergeOrganizationRef(newer: OrganizationRef, older: OrganizationRef): OrganizationRef {
  return {
    ...definedOnly(older),
    ...definedOnly(newer),
    providerIds: mergeProviderIds(newer.providerIds, older.providerIds),
  } as OrganizationRef;
}

function mergeLocation(newer: Location, older: Location): Location {
  const merged = { ...definedOnly(older), ...definedOnly(newer) } as Location;
  // "raw" describes the whole place: keep the newer one's when it has its own.
  if (newer.raw) merged.raw = newer.raw;
  return merged;
}

type Side = 'existing' | 'incoming';

interface FieldDecision {
  /** Which side is authoritative for the field. */
  winner: Side;
  /** Both sides have a value. */
  both: boolean;
}

interface MergeContext {
  existing: Record<string, unknown> & { provenance?: Provenance } & Editable;
  incoming: Record<string, unknown> & { provenance?: Provenance };
  incomingFallback: ProvenanceValue | undefined;
  incomingFallbackTime: number;
}

function incomingEntry(ctx: MergeContext, field: string): ProvenanceValue | undefined {
  return ctx.incoming.provenance?.[field] ?? ctx.incomingFallback;
}

function decide(ctx: MergeContext, field: string): FieldDecision {
  const exValue = ctx.existing[field];
  const inValue = ctx.incoming[field];
  if (isEmpty(inValue)) return { winner: 'existing', both: false };
  const inEntry = ctx.incoming.provenance?.[field];
  const inManual = isManualEntry(inEntry);
  const inTime = inEntry ? entryTime(inEntry) : ctx.incomingFallbackTime;
  if (isManualField(ctx.existing, field)) {
    // Only a later hand edit replaces a hand edit.
    const exTime = entryTime(ctx.existing.provenance?.[field]);
    return { winner: inManual && inTime >= exTime ? 'incoming' : 'existing', both: !isEmpty(exValue) };
  }
  if (isEmpty(exValue)) return { winner: 'incoming', both: false };
  if (inManual) return { winner: 'incoming', both: true };
  const exTime = entryTime(ctx.existing.provenance?.[field]);
  return { winner: inTime >= exTime ? 'incoming' : 'existing', both: true };
}

function mergeGeneric<T extends { provenance?: Provenance; updatedAt?: string; providerIds?: ProviderIds }>(
  existing: T & Editable,
  incoming: T,
  special: Set<string>,
  opts: MergeOptions | undefined,
): { out: T & Editable; ctx: MergeContext; provenance: Provenance } {
  const now = opts?.now ?? incoming.updatedAt ?? new Date().toISOString();
  const ctx: MergeContext = {
    existing: existing as unknown as MergeContext['existing'],
    incoming: incoming as unknown as MergeContext['incoming'],
    incomingFallback: undefined,
    incomingFallbackTime: time(now),
  };
  const provenance: Provenance = { ...(existing.provenance ?? {}) };
  const out = { ...existing } as T & Editable;
  const outRecord = out as unknown as Record<string, unknown>;
  for (const field of Object.keys(incoming)) {
    if (special.has(field)) continue;
    const decision = decide(ctx, field);
    if (decision.winner === 'incoming') {
      outRecord[field] = ctx.incoming[field];
      const entry = incomingEntry(ctx, field);
      if (entry) provenance[field] = entry;
      else delete provenance[field];
    }
  }
  out.providerIds = mergeProviderIds(existing.providerIds, incoming.providerIds);
  const updated = [existing.updatedAt, incoming.updatedAt]
    .filter((t): t is string => !!t)
    .sort((a, b) => time(a) - time(b));
  if (updated.length) out.updatedAt = updated[updated.length - 1];
  return { out, ctx, provenance };
}

/** The newer of two provenance entries (for unioned fields where both sides contributed). */
function newerEntry(a: ProvenanceValue | undefined, b: ProvenanceValue | undefined): ProvenanceValue | undefined {
  if (!a) return b;
  if (!b) return a;
  return entryTime(b) >= entryTime(a) ? b : a;
}

function mergeUnionField<V>(
  ctx: MergeContext,
  provenance: Provenance,
  field: string,
  union: (existing: V | undefined, incoming: V | undefined) => V,
): V | undefined {
  const exValue = ctx.existing[field] as V | undefined;
  const inValue = ctx.incoming[field] as V | undefined;
  if (isEmpty(inValue)) return exValue;
  // The rep curated this list by hand (perhaps deleting a bounced address): a provider may not re-add to it.
  if (isManualField(ctx.existing, field) && !isManualEntry(ctx.incoming.provenance?.[field])) return exValue;
  const merged = union(exValue, inValue);
  if (JSON.stringify(merged) !== JSON.stringify(exValue)) {
    const entry = newerEntry(ctx.existing.provenance?.[field], incomingEntry(ctx, field));
    if (entry) provenance[field] = entry;
  }
  return merged;
}

/** Merge of an object-valued field whose parts merge when they describe the same thing. */
function mergeObjectField<V extends object>(
  ctx: MergeContext,
  provenance: Provenance,
  field: string,
  same: (a: V, b: V) => boolean,
  combine: (newer: V, older: V) => V,
): V | undefined {
  const exValue = ctx.existing[field] as V | undefined;
  const inValue = ctx.incoming[field] as V | undefined;
  const decision = decide(ctx, field);
  if (!decision.both) {
    if (decision.winner === 'existing') return exValue;
    const entry = incomingEntry(ctx, field);
    if (entry) provenance[field] = entry;
    else delete provenance[field];
    return inValue;
  }
  const compatible = same(exValue!, inValue!);
  if (decision.winner === 'incoming') {
    const entry = incomingEntry(ctx, field);
    if (entry) provenance[field] = entry;
    else delete provenance[field];
    return compatible ? combine(inValue!, exValue!) : inValue;
  }
  // The stored value stays; an older (or provider vs. manual) incoming value may only fill its gaps.
  if (compatible && !isManualField(ctx.existing, field)) return combine(exValue!, inValue!);
  return exValue;
}

/**
 * Merge `incoming` into the stored `existing` record of the same person. Returns a new object with
 * the stored record's id (and any extra stored properties, e.g. keys or savedAt, untouched).
 */
export function mergePerson<T extends Person & Editable>(existing: T, incoming: Person, opts?: MergeOptions): T {
  const { out, ctx, provenance } = mergeGeneric<Person>(existing, incoming, PERSON_SPECIAL, opts);
  const emails = mergeUnionField<Email[]>(ctx, provenance, 'emails', (a, b) => mergeEmails(a, b));
  const phones = mergeUnionField<Phone[]>(ctx, provenance, 'phones', (a, b) => mergePhones(a, b));
  out.emails = emails ?? [];
  out.phones = phones ?? [];
  const location = mergeObjectField<Location>(ctx, provenance, 'location', sameCountry, mergeLocation);
  if (location) out.location = location;
  const organization = mergeObjectField<OrganizationRef>(
    ctx,
    provenance,
    'organization',
    sameOrganization,
    mergeOrganizationRef,
  );
  if (organization) out.organization = organization;
  // A provider's "has email" flag cannot contradict the addresses we hold.
  if (out.emails.length && !isManualField(out, 'hasEmail')) out.hasEmail = true;
  if (out.phones.length && !isManualField(out, 'hasPhone')) out.hasPhone = true;
  out.departments ??= [];
  out.provenance = provenance;
  out.id = existing.id;
  return out as T;
}

/** Same rules for organizations. */
export function mergeOrganization<T extends Organization & Editable>(
  existing: T,
  incoming: Organization,
  opts?: MergeOptions,
): T {
  const { out, ctx, provenance } = mergeGeneric<Organization>(existing, incoming, ORGANIZATION_SPECIAL, opts);
  const location = mergeObjectField<Location>(ctx, provenance, 'location', sameCountry, mergeLocation);
  if (location) out.location = location;
  out.keywords ??= [];
  out.technologies ??= [];
  out.provenance = provenance;
  out.id = existing.id;
  return out as T;
}

/**
 * The same provenance with entries that say the same thing as one object. A provider's answer fills
 * a dozen fields from one record, and a stored row with one entry object per source instead of one
 * per field is smaller on disk and in memory and cheaper to clone: the structured clone IndexedDB
 * writes keeps shared objects shared (measured: 100k saved people written 12-15% faster). Safe
 * because entries are replaced, never changed in place (see mergeGeneric). Returns `provenance`
 * itself when nothing repeats.
 */
export function shareProvenanceEntries(provenance: Provenance): Provenance {
  // The distinct entries so far: a row has a handful of sources, so a scan beats building keys.
  const sources: ProvenanceValue[] = [];
  let out: Provenance | undefined;
  for (const field in provenance) {
    const entry = provenance[field]!;
    let same: ProvenanceValue | undefined;
    for (const source of sources) {
      if (source === entry || sameSource(source, entry)) {
        same = source;
        break;
      }
    }
    if (same === undefined) sources.push(entry);
    else if (same !== entry) (out ??= { ...provenance })[field] = same;
  }
  return out ?? provenance;
}

function sameSource(a: ProvenanceValue, b: ProvenanceValue): boolean {
  if (isManualEntry(a) || isManualEntry(b)) return isManualEntry(a) && isManualEntry(b) && a.editedAt === b.editedAt;
  return a.fetchedAt === b.fetchedAt && a.provider === b.provider && a.providerRecordId === b.providerRecordId;
}
