/**
 * Every IPC channel between the renderer and main, as { input, output } zod schemas, plus the
 * events main pushes. The preload, main's `register` and the test host are all generated from
 * this one object, so a channel cannot exist on one side only (tests/unit/ipc-surface.test.ts).
 */
import { z } from 'zod';
import {
  AppError,
  Capability,
  CreditsUsed,
  ENRICH_FIELDS,
  EnrichField,
  enumList,
  JobPosting,
  KeyedProviderId,
  Organization,
  OrganizationFilters,
  Person,
  PeopleFilters,
  PersonQuery,
  ProviderId,
  ProviderIds,
} from './domain';

export const SECRET_STORES = ['keychain', 'safeStorage', 'memory', 'session'] as const;
export const SecretStoreKind = z.enum(SECRET_STORES);
export type SecretStoreKind = z.infer<typeof SecretStoreKind>;

export const CONNECTION_STATUSES = [
  'working',
  'invalid_key',
  'plan_restricted',
  'out_of_credits',
  'rate_limited',
  'unreachable',
  'not_configured',
  /** The provider answered but cannot confirm a key for free (ApiOne checks a request before its key). */
  'unverified',
] as const;
export const ConnectionStatus = z.enum(CONNECTION_STATUSES);
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

export const ConnectionTest = z.object({
  status: ConnectionStatus,
  message: z.string(),
  creditsLeft: z.number().optional(),
  retryAfterMs: z.number().int().nonnegative().optional(),
  testedAt: z.string(),
});
export type ConnectionTest = z.infer<typeof ConnectionTest>;

export const ProviderInfo = z.object({
  id: ProviderId,
  label: z.string(),
  /** true for the embedded sample dataset: no key, no credits, synthetic people. */
  sample: z.boolean(),
  capabilities: z.array(Capability),
  /** Filters this provider can apply; the UI marks the others as not applied. */
  peopleFilters: z.array(z.string()),
  organizationFilters: z.array(z.string()),
  configured: z.boolean(),
  /** Last four characters of the key, never more. */
  keyHint: z.string().max(4).optional(),
  store: SecretStoreKind.optional(),
  /** Why the store is what it is (e.g. "No Secret Service on this desktop"). */
  storeNote: z.string().optional(),
  lastTest: ConnectionTest.optional(),
});
export type ProviderInfo = z.infer<typeof ProviderInfo>;

/** Where to continue a search: page number or opaque cursor, as the provider pages. */
export const PageRequest = z
  .object({
    page: z.number().int().min(1).max(10_000).optional(),
    cursor: z.string().max(4096).optional(),
    pageSize: z.number().int().min(1).max(200).default(25),
  })
  .strict();
export type PageRequest = z.infer<typeof PageRequest>;

export const NextPage = z.object({ page: z.number().int().optional(), cursor: z.string().optional() });

const searchMeta = {
  total: z.number().int().nonnegative().optional(),
  nextPage: NextPage.optional(),
  /** Filters given that this provider cannot apply: shown to the rep, never silently dropped. */
  unsupportedFilters: z.array(z.string()).default([]),
  /** Filters applied more broadly than asked (Ocean has no "Senior" seniority, so it searches "Other"). */
  widenedFilters: z.array(z.object({ filter: z.string(), note: z.string() })).optional(),
  credits: CreditsUsed,
};

export const PeopleSearchResult = z.object({ people: z.array(Person), ...searchMeta });
export type PeopleSearchResult = z.infer<typeof PeopleSearchResult>;

export const OrganizationSearchResult = z.object({ organizations: z.array(Organization), ...searchMeta });
export type OrganizationSearchResult = z.infer<typeof OrganizationSearchResult>;

export const EnrichOutcome = z.object({
  /** Position of the query in the request. */
  index: z.number().int().nonnegative(),
  status: z.enum(['matched', 'not_found', 'error']),
  person: Person.optional(),
  error: AppError.optional(),
  /** Credits this one lookup cost, when the provider lets us attribute them. */
  credits: z.number().nonnegative().optional(),
});
export type EnrichOutcome = z.infer<typeof EnrichOutcome>;

/** A reference to a person a provider already knows (from a search or an earlier enrichment). */
export const PersonRef = z
  .object({
    providerIds: ProviderIds.default({}),
    linkedinUrl: z.string().max(500).optional(),
    email: z.string().max(320).optional(),
  })
  .strict();
export type PersonRef = z.infer<typeof PersonRef>;

export const OrganizationRefInput = z
  .object({
    providerIds: ProviderIds.default({}),
    domain: z.string().max(300).optional(),
    name: z.string().max(300).optional(),
  })
  .strict();

export const CreditOperation = z.enum([
  'people.search',
  'people.enrich',
  'people.related',
  'people.lookalikes',
  'organizations.search',
  'organizations.jobPostings',
]);
export type CreditOperation = z.infer<typeof CreditOperation>;

export const CreditPlan = z
  .object({
    provider: ProviderId,
    operation: CreditOperation,
    /** Number of lookups (enrich) or results (search) planned. */
    count: z.number().int().nonnegative().max(10_000_000),
    fields: enumList(ENRICH_FIELDS).default([]),
    /** Ask for personal emails too (Apollo reveal_personal_emails): opt-in, priced. */
    personalEmails: z.boolean().optional(),
    /** Of `count`, how many are asked by email (Sumble charges email identifiers). */
    byEmail: z.number().int().nonnegative().optional(),
  })
  .strict();
export type CreditPlan = z.infer<typeof CreditPlan>;

export const CreditEstimate = z.object({
  perProvider: z.array(
    z.object({ provider: ProviderId, operation: CreditOperation, min: z.number(), max: z.number(), basis: z.string() }),
  ),
  total: z.object({ min: z.number(), max: z.number() }),
});
export type CreditEstimate = z.infer<typeof CreditEstimate>;

const channel = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export const contract = {
  'providers.list': channel(z.object({}).strict(), z.array(ProviderInfo)),
  'secrets.set': channel(
    z
      .object({
        provider: KeyedProviderId,
        // Printable ASCII only: a key is sent as an HTTP header, which cannot carry U+202E or Cyrillic.
        key: z
          .string()
          .max(512)
          .trim()
          .min(8)
          .regex(/^[\x20-\x7e]+$/, 'An API key is printable ASCII only (no accents, symbols or hidden characters).'),
      })
      .strict(),
    ProviderInfo,
  ),
  'secrets.remove': channel(z.object({ provider: KeyedProviderId }).strict(), ProviderInfo),
  'secrets.test': channel(z.object({ provider: KeyedProviderId }).strict(), ConnectionTest),
  'people.search': channel(
    z.object({ provider: ProviderId, filters: PeopleFilters, page: PageRequest.default({ pageSize: 25 }) }).strict(),
    PeopleSearchResult,
  ),
  'people.enrich': channel(
    z
      .object({
        provider: ProviderId,
        queries: z.array(PersonQuery).min(1).max(100),
        fields: enumList(ENRICH_FIELDS).pipe(z.array(EnrichField).min(1)).default(['email', 'title', 'organization']),
        /**
         * Ask again the lookups that were in flight when the app last stopped (answered 'uncertain'
         * otherwise): the rep accepts that the provider may charge them a second time.
         */
        retryUncertain: z.boolean().optional(),
        /** Replay an earlier paid answer only if it is younger than this (the plan's freshness window). */
        maxAgeDays: z.number().min(0).max(3650).optional(),
        /**
         * The run (CSV job) asking. An answer main journaled for this same run (paid while the page
         * was away) is replayed with its original cost, so the run's spend is never under-reported.
         */
        runId: z.string().min(1).max(100).optional(),
        /** Reveal personal emails too (Apollo reveal_personal_emails): off unless the rep opts in; priced. */
        personalEmails: z.boolean().optional(),
      })
      .strict(),
    z.object({
      results: z.array(EnrichOutcome),
      credits: CreditsUsed,
      /** Lookups main answered from its enrichment journal (already paid for, by this run or earlier). */
      replayed: z.number().int().nonnegative().optional(),
      /** What the replayed answers of this same run cost when they were paid (not charged again). */
      replayedCredits: z.number().nonnegative().optional(),
    }),
  ),
  'people.related': channel(
    z
      .object({
        provider: ProviderId,
        person: PersonRef,
        direction: z.enum(['managers', 'direct_reports', 'both']).default('both'),
      })
      .strict(),
    z.object({
      managers: z.array(Person),
      directReports: z.array(Person),
      /** Person id -> how strongly the provider relates them to the person asked about, 0 to 1 (Sumble). */
      confidence: z.record(z.string(), z.number()).optional(),
      credits: CreditsUsed,
    }),
  ),
  'people.lookalikes': channel(
    z
      .object({
        provider: ProviderId,
        people: z.array(PersonRef).min(1).max(50),
        page: PageRequest.default({ pageSize: 25 }),
      })
      .strict(),
    PeopleSearchResult,
  ),
  'organizations.search': channel(
    z
      .object({ provider: ProviderId, filters: OrganizationFilters, page: PageRequest.default({ pageSize: 25 }) })
      .strict(),
    OrganizationSearchResult,
  ),
  'organizations.jobPostings': channel(
    z
      .object({ provider: ProviderId, organization: OrganizationRefInput, page: PageRequest.default({ pageSize: 25 }) })
      .strict(),
    z.object({
      jobPostings: z.array(JobPosting),
      total: z.number().int().optional(),
      nextPage: NextPage.optional(),
      credits: CreditsUsed,
    }),
  ),
  'credits.estimate': channel(z.object({ plans: z.array(CreditPlan).min(1).max(20) }).strict(), CreditEstimate),
  'files.saveCsv': channel(
    z
      .object({
        suggestedName: z.string().trim().min(1).max(200),
        /** Full CSV text (already neutralised and BOM-prefixed by the exporter). */
        content: z.string().max(512 * 1024 * 1024),
      })
      .strict(),
    z.object({ saved: z.boolean(), path: z.string().optional() }),
  ),
  /**
   * Forget people in main's enrichment journal (emails, phones and names of paid lookups) when the rep
   * deletes them: their identity keys as shared/identity.ts personIdentityKeys gives them.
   */
  'data.purgePeople': channel(
    z.object({ identityKeys: z.array(z.string().min(1).max(1000)).min(1).max(10_000) }).strict(),
    z.object({ purged: z.number().int().nonnegative() }),
  ),
  /** "Clear all local data": main's journal and every saved API key (the renderer clears IndexedDB). */
  'data.clearAll': channel(z.object({}).strict(), z.object({ cleared: z.literal(true) })),
  /** Days main keeps paid lookups' answers; without `days` it only reads the setting. */
  'data.retention': channel(
    z.object({ days: z.number().int().min(1).max(3650).optional() }).strict(),
    z.object({ retentionDays: z.number().int().positive() }),
  ),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as Channel[];
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: AppError): Result<never> => ({ ok: false, error });

/** Events main pushes to the renderer. */
export const AppEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('provider.rateLimited'),
    provider: ProviderId,
    retryAfterMs: z.number().int().nonnegative(),
  }),
  z.object({
    type: z.literal('provider.status'),
    provider: ProviderId,
    reachable: z.boolean(),
    message: z.string().optional(),
  }),
  z.object({ type: z.literal('providers.changed') }),
]);
export type AppEvent = z.infer<typeof AppEvent>;

/** The IPC channel names the transports use underneath. */
export const IPC_INVOKE_PREFIX = 'pd:';
export const IPC_EVENT_CHANNEL = 'pd:event';
