/**
 * The CSV waterfall for one person, from their page: providers in order, each asked only for the
 * fields still missing, the ledger consulted first (a lookup done before is free) and written after,
 * the answer merged into the saved person with provenance.
 */
import type { Api } from '../../../../shared/api';
import type { AppError, EnrichField, Person, PersonQuery, ProviderId } from '../../../../shared/domain';
import { db as defaultDb, type ProspectDb } from '../../db/schema';
import { peopleWriteTables, upsertPeople } from '../../db/people';
import { personValues } from './enriched';
import { DEFAULT_FRESHNESS_DAYS, ledgerKey, usableEntry, type LedgerEntry } from './ledger';
import { canEnrich, queryFor } from './mapping';

export interface PersonEnrichStep {
  provider: ProviderId;
  outcome: 'matched' | 'not_found' | 'skipped' | 'from_ledger' | 'error';
  fields: EnrichField[];
  credits: number;
  error?: AppError;
}

export interface PersonEnrichResult {
  person: Person;
  steps: PersonEnrichStep[];
  credits: number;
  /** Fields still empty after every provider. */
  missing: EnrichField[];
}

/** What a provider can be asked about this person. */
export function queryOf(p: Person): PersonQuery {
  const q: PersonQuery = { providerIds: p.providerIds };
  const email = p.emails.find((e) => e.status !== 'invalid')?.address;
  if (email) q.email = email;
  if (p.firstName) q.firstName = p.firstName;
  if (p.lastName) q.lastName = p.lastName;
  if (p.fullName) q.fullName = p.fullName;
  if (p.organization?.name) q.organizationName = p.organization.name;
  if (p.organization?.domain) q.organizationDomain = p.organization.domain;
  if (p.linkedinUrl) q.linkedinUrl = p.linkedinUrl;
  return q;
}

function missingFields(p: Person, fields: readonly EnrichField[]): EnrichField[] {
  const have = personValues(p, fields);
  const primary: Record<EnrichField, keyof typeof have> = {
    email: 'email',
    phone: 'phone',
    title: 'title',
    seniority: 'seniority',
    organization: 'company',
    linkedin: 'linkedin',
    location: 'location',
  };
  return fields.filter((f) => !have[primary[f]]);
}

export async function enrichPersonWaterfall(
  api: Api,
  start: Person,
  opts: { providers: ProviderId[]; fields: EnrichField[]; freshnessDays?: number; db?: ProspectDb; now?: () => number },
): Promise<PersonEnrichResult> {
  const database = opts.db ?? defaultDb();
  const now = opts.now ?? Date.now;
  const freshness = opts.freshnessDays ?? DEFAULT_FRESHNESS_DAYS;
  let person = start;
  const steps: PersonEnrichStep[] = [];
  let credits = 0;
  for (const provider of opts.providers) {
    const wanted = missingFields(person, opts.fields);
    if (wanted.length === 0) break;
    const base = queryOf(person);
    if (!canEnrich(provider, base)) {
      steps.push({ provider, outcome: 'skipped', fields: wanted, credits: 0 });
      continue;
    }
    const query = queryFor(provider, base);
    const key = ledgerKey(provider, query);
    const known = key
      ? usableEntry((await database.enrichments.get(key)) as LedgerEntry | undefined, wanted, now(), freshness)
      : undefined;
    if (known) {
      const stored = known.personId ? await database.people.get(known.personId) : undefined;
      if (stored) person = { ...stored };
      steps.push({ provider, outcome: 'from_ledger', fields: wanted, credits: 0 });
      continue;
    }
    const answer = await api.people.enrich({ provider, queries: [query], fields: wanted, maxAgeDays: freshness });
    if (!answer.ok) {
      steps.push({ provider, outcome: 'error', fields: wanted, credits: 0, error: answer.error });
      continue;
    }
    const outcome = answer.value.results[0];
    const spent = answer.value.credits.credits;
    credits += spent;
    if (outcome?.status === 'matched' && outcome.person) {
      const [saved] = await database.transaction(
        'rw',
        [...peopleWriteTables(database), database.enrichments],
        async () => {
          const rows = await upsertPeople([{ ...outcome.person!, id: person.id }]);
          if (key) {
            const entry: LedgerEntry = {
              key,
              provider,
              input: query,
              status: 'matched',
              personId: rows[0]!.id,
              credits: spent,
              fetchedAt: new Date(now()).toISOString(),
              fields: wanted,
              values: personValues(outcome.person!, wanted),
            };
            await database.enrichments.put(entry);
          }
          return rows;
        },
      );
      person = saved!;
      steps.push({ provider, outcome: 'matched', fields: wanted, credits: spent });
    } else if (outcome?.status === 'not_found') {
      if (key) {
        const entry: LedgerEntry = {
          key,
          provider,
          input: query,
          status: 'not_found',
          credits: spent,
          fetchedAt: new Date(now()).toISOString(),
          fields: wanted,
        };
        await database.enrichments.put(entry);
      }
      steps.push({ provider, outcome: 'not_found', fields: wanted, credits: spent });
    } else {
      steps.push({
        provider,
        outcome: 'error',
        fields: wanted,
        credits: spent,
        ...(outcome?.error ? { error: outcome.error } : {}),
      });
    }
  }
  return { person, steps, credits, missing: missingFields(person, opts.fields) };
}
