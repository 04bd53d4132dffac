/** Apollo requests: people and company search bodies from filters, people/match details from queries. */
import type {
  NumberRange,
  OrganizationFilterKey,
  OrganizationFilters,
  PeopleFilterKey,
  PeopleFilters,
  PersonQuery,
} from '../../../shared/domain';
import { normalizeDomain, normalizeEmail, normalizeLinkedinUrl } from '../../../shared/identity';
import { isPresent } from '../kit';
import { countryCodeFrom, countryName } from '../normalize';
import { APOLLO_EMPLOYEE_RANGE, APOLLO_FUNCTION_OF, apolloTechnologyUid } from './vocab';

/** ISO alpha-2 codes become country names: Apollo's location filters take place names. */
function apolloLocation(text: string): string {
  const t = text.trim();
  if (/^[a-z]{2}$/i.test(t)) return countryName(countryCodeFrom(t)) ?? t;
  return t;
}

/** { min, max } as Apollo's range hashes take it; an open end is left out. */
function apolloRange(r: NumberRange): { min?: number; max?: number } {
  return { ...(r.min !== undefined ? { min: r.min } : {}), ...(r.max !== undefined ? { max: r.max } : {}) };
}

/** PeopleFilters -> Apollo people search body. Filters Apollo cannot apply are listed, never silently dropped. */
export function apolloPeopleSearchBody(filters: PeopleFilters): {
  body: Record<string, unknown>;
  unsupported: PeopleFilterKey[];
} {
  const body: Record<string, unknown> = {};
  const unsupported: PeopleFilterKey[] = [];
  for (const [key, value] of Object.entries(filters) as [PeopleFilterKey, unknown][]) {
    if (!isPresent(value)) continue;
    switch (key) {
      case 'name':
        body.q_person_name = filters.name;
        break;
      case 'keywords':
        body.q_keywords = filters.keywords;
        break;
      case 'titles':
        body.person_titles = filters.titles;
        break;
      case 'excludeTitles':
        body.person_not_titles = filters.excludeTitles;
        break;
      case 'seniorities':
        // Apollo's seniority tokens are the canonical ones.
        body.person_seniorities = filters.seniorities;
        break;
      case 'departments': {
        const tokens = filters.departments!.map((d) => APOLLO_FUNCTION_OF[d]);
        // Applying only the expressible part of an OR list would hide people: all or nothing.
        if (tokens.every((t): t is string => !!t)) body.person_functions = [...new Set(tokens)];
        else unsupported.push('departments');
        break;
      }
      case 'locations':
        body.person_locations = filters.locations!.map(apolloLocation);
        break;
      case 'organizationDomains': {
        const domains = filters.organizationDomains!.map((d) => normalizeDomain(d) ?? d.trim().toLowerCase());
        body.q_organization_domains_list = [...new Set(domains)].slice(0, 1000);
        break;
      }
      case 'organizationIds':
        body.organization_ids = filters.organizationIds;
        break;
      case 'employeeRanges':
        body.organization_num_employees_ranges = filters.employeeRanges!.map((r) => APOLLO_EMPLOYEE_RANGE[r]);
        break;
      case 'technologies':
        body.currently_using_any_of_technology_uids = filters.technologies!.map(apolloTechnologyUid);
        break;
      case 'hasEmail':
        body.has_email = filters.hasEmail ? 'yes' : 'no';
        break;
      case 'hasPhone':
        body.has_phone = filters.hasPhone ? 'yes' : 'no';
        break;
      case 'organizationLocations':
        body.organization_locations = filters.organizationLocations!.map(apolloLocation);
        break;
      case 'excludeOrganizationIds':
        body.not_organization_ids = filters.excludeOrganizationIds;
        break;
      case 'revenueRange':
        body.revenue_range = apolloRange(filters.revenueRange!);
        break;
      case 'totalFundingRange':
        body.total_funding_range = apolloRange(filters.totalFundingRange!);
        break;
      case 'latestFundingRange':
        body.latest_funding_amount_range = apolloRange(filters.latestFundingRange!);
        break;
      case 'technologiesAll':
        body.currently_using_all_of_technology_uids = filters.technologiesAll!.map(apolloTechnologyUid);
        break;
      case 'excludeTechnologies':
        body.currently_using_not_of_technology_uids = filters.excludeTechnologies!.map(apolloTechnologyUid);
        break;
      case 'jobPostingTitles':
        // The page documents a string with boolean operators: several titles are any of them.
        body.q_organization_job_titles = filters
          .jobPostingTitles!.map((t) => (/\s/.test(t) ? `"${t}"` : t))
          .join(' OR ');
        break;
      case 'prospected':
        body.prospected_by_current_team = filters.prospected === 'net_new' ? 'no' : 'yes';
        break;
      default:
        unsupported.push(key);
    }
  }
  return { body, unsupported };
}

export function apolloOrganizationSearchBody(filters: OrganizationFilters): {
  body: Record<string, unknown>;
  unsupported: OrganizationFilterKey[];
} {
  const body: Record<string, unknown> = {};
  const unsupported: OrganizationFilterKey[] = [];
  for (const [key, value] of Object.entries(filters) as [OrganizationFilterKey, unknown][]) {
    if (!isPresent(value)) continue;
    switch (key) {
      case 'name':
        body.q_organization_name = filters.name;
        break;
      case 'keywords':
        body.q_organization_keyword_tags = filters
          .keywords!.split(',')
          .map((k) => k.trim())
          .filter(Boolean);
        break;
      case 'domains':
        body.q_organization_domains_list = [
          ...new Set(filters.domains!.map((d) => normalizeDomain(d) ?? d.trim().toLowerCase())),
        ];
        break;
      case 'locations':
        body.organization_locations = filters.locations!.map(apolloLocation);
        break;
      case 'employeeRanges':
        body.organization_num_employees_ranges = filters.employeeRanges!.map((r) => APOLLO_EMPLOYEE_RANGE[r]);
        break;
      case 'technologies':
        body.currently_using_any_of_technology_uids = filters.technologies!.map(apolloTechnologyUid);
        break;
      default:
        // industries need Apollo's industry tag ids, which we do not have.
        unsupported.push(key);
    }
  }
  return { body, unsupported };
}

export interface ApolloMatchDetail {
  id?: string;
  email?: string;
  first_name?: string;
  last_name?: string;
  name?: string;
  organization_name?: string;
  domain?: string;
  linkedin_url?: string;
}

/**
 * PersonQuery -> one people/match detail. Undefined when Apollo could not match on it: it needs an
 * id, an email, a LinkedIn URL, or a name together with a company domain or name.
 */
export function apolloMatchDetail(q: PersonQuery): ApolloMatchDetail | undefined {
  const d: ApolloMatchDetail = {};
  if (q.providerIds?.apollo) d.id = q.providerIds.apollo;
  const email = normalizeEmail(q.email);
  if (email) d.email = email;
  const linkedin = normalizeLinkedinUrl(q.linkedinUrl);
  if (linkedin) d.linkedin_url = linkedin;
  if (q.firstName) d.first_name = q.firstName;
  if (q.lastName) d.last_name = q.lastName;
  if (q.fullName) d.name = q.fullName;
  const domain = normalizeDomain(q.organizationDomain);
  if (domain) d.domain = domain;
  if (q.organizationName) d.organization_name = q.organizationName;
  const hasName = !!(d.name || (d.first_name && d.last_name));
  if (d.id || d.email || d.linkedin_url || (hasName && (d.domain || d.organization_name))) return d;
  return undefined;
}
