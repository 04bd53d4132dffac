/**
 * The `sample` provider: the embedded synthetic dataset behind the same adapter interface as the
 * paid providers, so a first run can search, save and enrich with no key. Free and instant: no
 * simulated latency, credits always 0 and never "reported" (nobody counted them).
 */
import {
  organizationFiltersApplied,
  peopleFiltersApplied,
  unappliedPeopleFilters,
} from '../../../shared/provider-capabilities';
import type { Capability, CreditsUsed } from '../../../shared/domain';
import type { PageRequest } from '../../../shared/contract';
import { ProviderError } from '../errors';
import type { ProviderAdapter, ProviderContext } from '../types';
import type { SampleDataset } from './dataset-types';
import { getSampleDataset } from './dataset';
import { toJobPosting, toOrganization, toPerson } from './mapping';
import {
  directReportsOf,
  filterOrganizations,
  filterPeople,
  findPersonForQuery,
  getSampleIndex,
  hasUsableIdentifier,
  lookalikes,
  managersOf,
  resolveOrganization,
  resolvePersonRef,
} from './search';

export { getSampleDataset, SAMPLE_REFERENCE_DATE } from './dataset';
export type { SampleDataset, SampleJobPosting, SampleOrganization, SamplePerson } from './dataset-types';

export const SAMPLE_LABEL = 'Sample data (synthetic)';

const CAPABILITIES: readonly Capability[] = [
  'people.search',
  'people.enrich',
  'people.enrichBulk',
  'people.related',
  'people.lookalikes',
  'organizations.search',
  'organizations.jobPostings',
];

const FREE: CreditsUsed = { provider: 'sample', credits: 0, reported: false };
const free = (): CreditsUsed => ({ ...FREE });

export interface SampleAdapterOptions {
  /** Defaults to the shared seeded dataset. */
  dataset?: SampleDataset;
  /** Clock for provenance `fetchedAt` (the data itself never depends on it). */
  now?: () => Date;
}

/** page/pageSize -> slice bounds. A cursor, when given instead of a page, is the page number as text. */
function pageBounds(page: PageRequest): { page: number; size: number; start: number } {
  let number = page.page;
  if (number === undefined && page.cursor !== undefined) {
    number = Number(page.cursor);
    if (!Number.isInteger(number) || number < 1)
      throw new ProviderError('bad_request', 'Unknown page cursor.', 'sample');
  }
  number ??= 1;
  const size = page.pageSize ?? 25;
  return { page: number, size, start: (number - 1) * size };
}

function paginate<T>(
  items: readonly T[],
  page: PageRequest,
): { slice: T[]; total: number; nextPage?: { page: number } } {
  const { page: number, size, start } = pageBounds(page);
  const slice = items.slice(start, start + size);
  return { slice, total: items.length, ...(start + size < items.length ? { nextPage: { page: number + 1 } } : {}) };
}

function checkSignal(ctx: ProviderContext): void {
  if (ctx.signal?.aborted) throw new ProviderError('cancelled', 'The request was cancelled.', 'sample');
}

export function createSampleAdapter(options: SampleAdapterOptions = {}): ProviderAdapter {
  // Built on first use so merely registering the provider costs nothing.
  const index = () => getSampleIndex(options.dataset ?? getSampleDataset());
  const fetchedAt = () => (options.now ? options.now() : new Date()).toISOString();
  const orgOf = (organizationId: string) => index().orgById.get(organizationId)!;

  return {
    id: 'sample',
    label: SAMPLE_LABEL,
    sample: true,
    capabilities: CAPABILITIES,
    peopleFilters: peopleFiltersApplied('sample'),
    organizationFilters: organizationFiltersApplied('sample'),

    async searchPeople(filters, page, ctx) {
      checkSignal(ctx);
      const at = fetchedAt();
      const { slice, total, nextPage } = paginate(filterPeople(index(), filters ?? {}), page);
      return {
        people: slice.map((p) => toPerson(p, orgOf(p.organizationId), 'profile', at)),
        total,
        ...(nextPage ? { nextPage } : {}),
        unsupportedFilters: unappliedPeopleFilters('sample', filters ?? {}),
        credits: free(),
      };
    },

    async enrichPeople(queries, fields, ctx) {
      checkSignal(ctx);
      const at = fetchedAt();
      const idx = index();
      const results = queries.map((query, i) => {
        if (!hasUsableIdentifier(query)) {
          return {
            index: i,
            status: 'error' as const,
            error: {
              code: 'bad_request' as const,
              message: 'Needs an email, a LinkedIn URL, a sample id, or a first and last name with a company.',
              provider: 'sample' as const,
            },
            credits: 0,
          };
        }
        const found = findPersonForQuery(idx, query);
        if (!found) return { index: i, status: 'not_found' as const, credits: 0 };
        return {
          index: i,
          status: 'matched' as const,
          person: toPerson(found, orgOf(found.organizationId), fields, at),
          credits: 0,
        };
      });
      return { results, credits: free() };
    },

    async relatedPeople(ref, direction, ctx) {
      checkSignal(ctx);
      const idx = index();
      const person = resolvePersonRef(idx, ref);
      if (!person) throw new ProviderError('not_found', 'This person is not in the sample data.', 'sample');
      const at = fetchedAt();
      const view = (p: typeof person) => toPerson(p, orgOf(p.organizationId), 'profile', at);
      return {
        managers: direction === 'direct_reports' ? [] : managersOf(idx, person).map(view),
        directReports: direction === 'managers' ? [] : directReportsOf(idx, person).map(view),
        credits: free(),
      };
    },

    async lookalikes(refs, page, ctx) {
      checkSignal(ctx);
      const idx = index();
      const seeds = refs.map((r) => resolvePersonRef(idx, r)).filter((p): p is NonNullable<typeof p> => !!p);
      if (seeds.length === 0)
        throw new ProviderError('not_found', 'None of these people are in the sample data.', 'sample');
      const at = fetchedAt();
      const { slice, total, nextPage } = paginate(lookalikes(idx, seeds), page);
      return {
        people: slice.map((p) => toPerson(p, orgOf(p.organizationId), 'profile', at)),
        total,
        ...(nextPage ? { nextPage } : {}),
        unsupportedFilters: [],
        credits: free(),
      };
    },

    async searchOrganizations(filters, page, ctx) {
      checkSignal(ctx);
      const at = fetchedAt();
      const { slice, total, nextPage } = paginate(filterOrganizations(index(), filters ?? {}), page);
      return {
        organizations: slice.map((o) => toOrganization(o, at)),
        total,
        ...(nextPage ? { nextPage } : {}),
        unsupportedFilters: [],
        credits: free(),
      };
    },

    async jobPostings(organization, page, ctx) {
      checkSignal(ctx);
      const idx = index();
      const org = resolveOrganization(idx, organization);
      if (!org) throw new ProviderError('not_found', 'This company is not in the sample data.', 'sample');
      const at = fetchedAt();
      // newest first, as job boards list them; id breaks ties so paging is stable
      const jobs = [...(idx.jobsByOrg.get(org.id) ?? [])].sort((a, b) =>
        a.postedAt === b.postedAt ? (a.id < b.id ? -1 : 1) : a.postedAt < b.postedAt ? 1 : -1,
      );
      const { slice, total, nextPage } = paginate(jobs, page);
      return {
        jobPostings: slice.map((j) => toJobPosting(j, org, at)),
        total,
        ...(nextPage ? { nextPage } : {}),
        credits: free(),
      };
    },

    async testConnection() {
      return {
        status: 'working',
        message: 'Sample data is built in: no key, no credits.',
        testedAt: fetchedAt(),
      };
    },

    estimateCredits() {
      return { min: 0, max: 0, basis: 'free (sample data)' };
    },
  };
}
