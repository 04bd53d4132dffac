/** Ocean.io requests: PeopleFilters -> the search body (with what was widened or not applied), lookalike seeds. */
import type { PersonRef } from '../../../shared/contract';
import type { Department, PeopleFilterKey, PeopleFilters } from '../../../shared/domain';
import { normalizeDomain, normalizeLinkedinUrl } from '../../../shared/identity';
import { PEOPLE_FILTER_SUPPORT } from '../../../shared/provider-capabilities';
import { isPresent } from '../kit';
import { countryCodeFrom, parseLocation } from '../normalize';
import type { OceanCompaniesFilters, OceanPeopleFilters, OceanSearchPeopleRequest } from './schemas';
import { OCEAN_DEPARTMENT_OF, OCEAN_SENIORITY_OF, OCEAN_SIZES_OF } from './vocab';

export const OCEAN_MAX_LOOKALIKE_DOMAINS = 10;

/** Departments Ocean has by that name; the others are searched as a broader Ocean department. */
const EXACT_DEPARTMENTS: ReadonlySet<Department> = new Set<Department>([
  'sales',
  'marketing',
  'engineering',
  'product',
  'design',
  'operations',
  'human_resources',
  'legal',
  'customer_success',
  'media_communication',
  'other',
]);
const DEPARTMENT_IS_EXACT = (d: Department) => EXACT_DEPARTMENTS.has(d);

export interface OceanFilterMapping {
  peopleFilters: OceanPeopleFilters;
  companiesFilters: OceanCompaniesFilters;
  /** Filters given that Ocean cannot apply (wholly or for some of their values). */
  unsupported: PeopleFilterKey[];
  /** Filters Ocean applies more broadly than asked (its vocabulary is coarser): reported like unsupported ones. */
  widened: { filter: PeopleFilterKey; note: string }[];
  /** Body-level options (Ocean peoplePerCompany). */
  peoplePerCompany?: number;
}

const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];
const nonEmpty = <T>(xs: T[] | undefined): xs is T[] => !!xs && xs.length > 0;

export function oceanFilters(filters: PeopleFilters): OceanFilterMapping {
  const people: OceanPeopleFilters = {};
  const companies: OceanCompaniesFilters = {};
  const unsupported = new Set<PeopleFilterKey>();

  if (filters.name) people.names = [filters.name];
  if (filters.keywords) companies.keywords = [filters.keywords];
  if (nonEmpty(filters.titles) || nonEmpty(filters.excludeTitles)) {
    people.jobTitleKeywords = {
      ...(nonEmpty(filters.titles) ? { anyOf: filters.titles } : {}),
      ...(nonEmpty(filters.excludeTitles) ? { noneOf: filters.excludeTitles } : {}),
    };
  }
  const widened: OceanFilterMapping['widened'] = [];
  if (nonEmpty(filters.seniorities)) {
    people.seniorities = uniq(filters.seniorities.map((s) => OCEAN_SENIORITY_OF[s]));
    const broad = filters.seniorities.filter((s) => OCEAN_SENIORITY_OF[s] === 'Other');
    if (broad.length) {
      widened.push({
        filter: 'seniorities',
        note: `${broad.join(', ')} searched as Ocean's "Other" (it does not rank them).`,
      });
    }
  }
  if (nonEmpty(filters.departments)) {
    people.departments = uniq(filters.departments.map((d) => OCEAN_DEPARTMENT_OF[d]));
    const broad = filters.departments.filter((d) => !DEPARTMENT_IS_EXACT(d));
    if (broad.length) {
      widened.push({
        filter: 'departments',
        note: broad.map((d) => `${d} searched as "${OCEAN_DEPARTMENT_OF[d]}"`).join('; '),
      });
    }
  }
  if (nonEmpty(filters.states)) {
    people.states = filters.states.map((s) => ({
      abbreviation: s.abbreviation.toUpperCase(),
      country: s.country.toLowerCase(),
    }));
  }
  if (nonEmpty(filters.excludeCountries)) {
    const codes = filters.excludeCountries.map((c) => countryCodeFrom(c));
    if (codes.some((c) => !c)) unsupported.add('excludeCountries');
    const valid = uniq(codes.filter((c): c is string => !!c).map((c) => c.toLowerCase()));
    if (valid.length) people.excludeCountries = valid;
  }
  if (nonEmpty(filters.skills)) people.skills = filters.skills;
  if (filters.changedPositionAfter) people.changedPositionAfter = filters.changedPositionAfter;
  if (filters.changedPositionBefore) people.changedPositionBefore = filters.changedPositionBefore;
  if (nonEmpty(filters.lookalikeDomains)) {
    const domains = uniq(filters.lookalikeDomains.map((d) => normalizeDomain(d)).filter((d): d is string => !!d));
    if (domains.length < filters.lookalikeDomains.length) unsupported.add('lookalikeDomains');
    if (domains.length) companies.lookalikeDomains = domains.slice(0, OCEAN_MAX_LOOKALIKE_DOMAINS);
  }

  if (nonEmpty(filters.locations)) {
    const countries: string[] = [];
    const cities: { city: string; country: string }[] = [];
    for (const text of filters.locations) {
      const country = countryCodeFrom(text);
      if (country) {
        countries.push(country.toLowerCase());
        continue;
      }
      const loc = parseLocation(text);
      if (loc?.city && loc.countryCode) cities.push({ city: loc.city, country: loc.countryCode.toLowerCase() });
      // A city without a country (or a lone region) has no Ocean form.
      else unsupported.add('locations');
    }
    if (countries.length) people.countries = uniq(countries);
    if (cities.length) people.cities = cities;
  }

  if (nonEmpty(filters.organizationDomains)) {
    const domains = filters.organizationDomains.map((d) => normalizeDomain(d));
    if (domains.some((d) => !d)) unsupported.add('organizationDomains');
    const valid = uniq(domains.filter((d): d is string => !!d));
    if (valid.length) companies.includeDomains = valid;
  }
  if (nonEmpty(filters.employeeRanges))
    companies.companySizes = uniq(filters.employeeRanges.flatMap((r) => OCEAN_SIZES_OF[r]));
  if (nonEmpty(filters.industries)) companies.industries = { industries: filters.industries, mode: 'anyOf' };
  if (nonEmpty(filters.technologies)) companies.technologies = filters.technologies;

  if (nonEmpty(filters.organizationNames)) unsupported.add('organizationNames');
  if (nonEmpty(filters.organizationIds)) unsupported.add('organizationIds');
  // Everything else the table says Ocean does not apply is reported, never silently dropped.
  for (const [key, value] of Object.entries(filters) as [PeopleFilterKey, unknown][]) {
    if (!isPresent(value) || key === 'peoplePerCompany') continue;
    if (!PEOPLE_FILTER_SUPPORT.ocean[key]?.applies) unsupported.add(key);
  }

  return {
    peopleFilters: people,
    companiesFilters: companies,
    unsupported: [...unsupported],
    widened,
    ...(filters.peoplePerCompany ? { peoplePerCompany: filters.peoplePerCompany } : {}),
  };
}

export function oceanSearchBody(
  mapping: Pick<OceanFilterMapping, 'peopleFilters' | 'companiesFilters' | 'peoplePerCompany'>,
  size: number,
  searchAfter?: string,
): OceanSearchPeopleRequest {
  return {
    size,
    ...(searchAfter ? { searchAfter } : {}),
    ...(mapping.peoplePerCompany ? { peoplePerCompany: mapping.peoplePerCompany } : {}),
    ...(Object.keys(mapping.peopleFilters).length ? { peopleFilters: mapping.peopleFilters } : {}),
    ...(Object.keys(mapping.companiesFilters).length ? { companiesFilters: mapping.companiesFilters } : {}),
  };
}

/** "https://www.linkedin.com/in/jane-doe" -> "jane-doe". */
export function linkedinHandle(url: string | undefined): string | undefined {
  const normalized = normalizeLinkedinUrl(url);
  const match = normalized?.match(/^https:\/\/www\.linkedin\.com\/in\/([^/]+)$/);
  return match?.[1];
}

/** Lookalike seeds: Ocean takes LinkedIn handles; the seeds' own Ocean ids are excluded from the answer. */
export function oceanLookalikeFilters(seeds: readonly PersonRef[]): {
  peopleFilters: OceanPeopleFilters;
  withoutHandle: number;
} {
  const handles = uniq(seeds.map((s) => linkedinHandle(s.linkedinUrl)).filter((h): h is string => !!h));
  const ownIds = uniq(seeds.map((s) => s.providerIds?.ocean).filter((id): id is string => !!id));
  return {
    peopleFilters: {
      lookalikeLinkedinHandles: handles,
      ...(ownIds.length ? { excludePeopleIds: ownIds } : {}),
    },
    withoutHandle: seeds.filter((s) => !linkedinHandle(s.linkedinUrl)).length,
  };
}
