/** Helpers every response mapper uses: provenance per field, and dropping empty values. */
import type { ProviderId, ProvenanceEntry } from '../../../shared/domain';

/** field -> { provider, providerRecordId, fetchedAt } for each field the mapper filled. */
export function provenanceFor(
  provider: ProviderId,
  fields: readonly string[],
  recordId: string | undefined,
  fetchedAt: string,
): Record<string, ProvenanceEntry> {
  const entry: ProvenanceEntry = { provider, fetchedAt, ...(recordId ? { providerRecordId: recordId } : {}) };
  return Object.fromEntries(fields.map((f) => [f, entry]));
}

/** The keys of `obj` whose values are present (see `isPresent`). */
export function presentKeys(obj: object): string[] {
  return Object.entries(obj)
    .filter(([, v]) => isPresent(v))
    .map(([k]) => k);
}

/** Not undefined, null, blank text or an empty list. */
export function isPresent(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
}

/**
 * A copy of `obj` without undefined, null or blank-text values, so optional fields stay absent instead of
 * `undefined` (IndexedDB and zod treat those differently). Lists are kept, even empty: they have defaults.
 * Call it with the target type (`compact<Person>({...})`) so the literal is checked field by field.
 */
export function compact<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined && v !== null && v !== '')) as T;
}

/** Trimmed text, or undefined when blank. */
export function text(v: string | null | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}

const NOT_PROVENANCED = new Set(['id', 'providerIds', 'provenance', 'updatedAt']);

/** Every field the record filled (not empty) gets the same provenance entry. */
export function provenanceOfFilled(record: object, entry: ProvenanceEntry): Record<string, ProvenanceEntry> {
  const out: Record<string, ProvenanceEntry> = {};
  for (const [field, value] of Object.entries(record)) {
    if (NOT_PROVENANCED.has(field) || value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[field] = entry;
  }
  return out;
}
