/**
 * What a provider is to the rest of main. One adapter per provider under main/providers/<id>/;
 * the services layer only ever talks to this interface, so the UI can offer exactly what a
 * provider declares.
 */
import type {
  Capability,
  CreditsUsed,
  EnrichField,
  OrganizationFilterKey,
  OrganizationFilters,
  PeopleFilterKey,
  PeopleFilters,
  PersonQuery,
  ProviderId,
} from '../../shared/domain';
import type {
  ChannelOutput,
  ConnectionTest,
  CreditPlan,
  EnrichOutcome,
  OrganizationSearchResult,
  PageRequest,
  PeopleSearchResult,
  PersonRef,
} from '../../shared/contract';
import type { HttpClient } from './http';

export interface ProviderContext {
  /** The provider's API key, read from the key store for this call. Undefined when none is set. */
  getKey(): Promise<string | undefined>;
  http: HttpClient;
  signal?: AbortSignal;
  /** 'background' (a CSV run) waits out rate limits; interactive calls (the default) fail fast with rate_limited. */
  patience?: 'interactive' | 'background';
}

/** Options of one people.enrich call beyond its fields. */
export interface EnrichOptions {
  /** Reveal personal emails too (Apollo reveal_personal_emails): opt-in and priced. */
  personalEmails?: boolean;
}

export interface CreditRange {
  min: number;
  max: number;
  /** One line a rep can read: "4 per hit, 1 per miss". */
  basis: string;
}

export interface OrganizationRefInput {
  providerIds: Partial<Record<ProviderId, string>>;
  domain?: string;
  name?: string;
}

export interface ProviderAdapter {
  id: ProviderId;
  label: string;
  sample: boolean;
  capabilities: readonly Capability[];
  peopleFilters: readonly PeopleFilterKey[];
  organizationFilters: readonly OrganizationFilterKey[];

  searchPeople?(filters: PeopleFilters, page: PageRequest, ctx: ProviderContext): Promise<PeopleSearchResult>;
  enrichPeople?(
    queries: PersonQuery[],
    fields: EnrichField[],
    ctx: ProviderContext,
    options?: EnrichOptions,
  ): Promise<{ results: EnrichOutcome[]; credits: CreditsUsed }>;
  relatedPeople?(
    person: PersonRef,
    direction: 'managers' | 'direct_reports' | 'both',
    ctx: ProviderContext,
  ): Promise<ChannelOutput<'people.related'>>;
  lookalikes?(people: PersonRef[], page: PageRequest, ctx: ProviderContext): Promise<PeopleSearchResult>;
  searchOrganizations?(
    filters: OrganizationFilters,
    page: PageRequest,
    ctx: ProviderContext,
  ): Promise<OrganizationSearchResult>;
  jobPostings?(
    organization: OrganizationRefInput,
    page: PageRequest,
    ctx: ProviderContext,
  ): Promise<ChannelOutput<'organizations.jobPostings'>>;
  /** The cheapest real call the provider offers, classified. */
  testConnection?(ctx: ProviderContext): Promise<ConnectionTest>;
  /** The documented cost model as code. */
  estimateCredits(plan: CreditPlan): CreditRange;
}
