/** The one table of provider facts, the Ocean filter mapping that reports widening, and saved-org lookup. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { mapOceanPerson, oceanFilters } from '../../main/providers/ocean';
import { OceanSearchPeopleResponse } from '../../main/providers/ocean/schemas';
import { PeopleFilters, Person } from '../../shared/domain';
import { findOrganizationIds } from '../../shared/organization-lookup';
import {
  enrichBatchSize,
  ENRICHING_PROVIDERS,
  notAppliedReason,
  PEOPLE_FILTER_SUPPORT,
  peopleFiltersApplied,
} from '../../shared/provider-capabilities';

describe('provider capability table', () => {
  it('gives the documented enrichment batches (Sumble 25 only with contact attributes)', () => {
    expect(enrichBatchSize('apollo', ['email'])).toBe(10);
    expect(enrichBatchSize('sumble', ['title'])).toBe(100);
    expect(enrichBatchSize('sumble', ['title', 'email'])).toBe(25);
    expect(enrichBatchSize('apione', [])).toBe(1);
    expect(enrichBatchSize('ocean', ['email'])).toBe(0);
    expect(ENRICHING_PROVIDERS).not.toContain('ocean');
  });

  it('names only filters the domain has, and gives a reason for every one a provider does not apply', () => {
    const keys = Object.keys(PeopleFilters.shape);
    for (const [provider, table] of Object.entries(PEOPLE_FILTER_SUPPORT)) {
      for (const k of Object.keys(table)) expect(keys, `${provider}.${k}`).toContain(k);
    }
    expect(peopleFiltersApplied('apollo')).toEqual(
      expect.arrayContaining(['revenueRange', 'jobPostingTitles', 'prospected']),
    );
    expect(peopleFiltersApplied('ocean')).toEqual(
      expect.arrayContaining(['skills', 'states', 'excludeCountries', 'lookalikeDomains']),
    );
    expect(peopleFiltersApplied('sumble')).toEqual(expect.arrayContaining(['orderBy', 'technologies']));
    expect(peopleFiltersApplied('sumble')).not.toContain('seniorities');
    expect(notAppliedReason('apollo', 'industries')).toMatch(/tag ids/);
    expect(notAppliedReason('sumble', 'skills')).toMatch(/Sumble does not offer/);
  });
});

describe('Ocean filters', () => {
  it('reports widened seniorities and departments, and sends states, excludeCountries and the new filters', () => {
    const m = oceanFilters({
      seniorities: ['senior', 'vp'],
      departments: ['information_technology', 'sales'],
      states: [{ abbreviation: 'ca', country: 'US' }],
      excludeCountries: ['Germany', 'fr'],
      skills: ['Go'],
      changedPositionAfter: '2023-01',
      peoplePerCompany: 3,
      lookalikeDomains: ['https://stripe.com'],
      organizationIds: ['1'],
    });
    expect(m.peopleFilters).toMatchObject({
      seniorities: ['Other', 'VP'],
      states: [{ abbreviation: 'CA', country: 'us' }],
      excludeCountries: ['de', 'fr'],
      skills: ['Go'],
      changedPositionAfter: '2023-01',
    });
    expect(m.companiesFilters.lookalikeDomains).toEqual(['stripe.com']);
    expect(m.peoplePerCompany).toBe(3);
    expect(m.widened.map((w) => w.filter).sort()).toEqual(['departments', 'seniorities']);
    expect(m.widened.find((w) => w.filter === 'departments')?.note).toMatch(
      /information_technology searched as "Engineering"/,
    );
    expect(m.unsupported).toEqual(['organizationIds']);
  });

  it('keeps the answer fields Ocean documents: experiences, summary, skills', () => {
    const body = OceanSearchPeopleResponse.parse(
      JSON.parse(readFileSync(new URL('../fixtures/ocean/search-people-success.json', import.meta.url), 'utf8')),
    );
    const p = Person.parse(mapOceanPerson(body.people[0]!, '2026-12-01T00:00:00.000Z'));
    expect(p.summary).toBe('Some text that the person wrote to describe themselves');
    expect(p.skills).toEqual(['Product Management', 'Entrepreneurship', 'Social Media']);
    expect(p.employmentHistory).toEqual([
      {
        title: 'Software Engineer',
        domain: 'domain.com',
        startDate: '2020-01-01',
        endDate: '2021-01-01',
        current: false,
        description: 'Software Engineer specializing in cloud infrastructure',
      },
    ]);
  });
});

describe('saved organization lookup (Sumble ids by name or domain)', () => {
  const saved = [
    { providerIds: { sumble: '101' }, name: 'Acme Robotics', domain: 'acme.io' },
    { providerIds: { sumble: '102' }, name: 'Acme', domain: 'acme.com' },
    { providerIds: { apollo: 'x' }, name: 'Acme Apollo only', domain: 'acme.dev' },
    { providerIds: { sumble: '103' }, name: 'Zeta Acmeworks' },
  ];
  it('finds by exact domain, then by name (exact, prefix, inside), only with the provider id', () => {
    expect(findOrganizationIds(saved, 'sumble', 'https://www.acme.io/about').map((m) => m.id)).toEqual(['101']);
    expect(findOrganizationIds(saved, 'sumble', 'acme').map((m) => m.id)).toEqual(['102', '101', '103']);
    expect(findOrganizationIds(saved, 'sumble', 'acme apollo')).toEqual([]);
    expect(findOrganizationIds(saved, 'sumble', '  ')).toEqual([]);
  });
});
