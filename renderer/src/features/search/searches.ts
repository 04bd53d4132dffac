/** The two provider searches the app offers, bound to their channels. */
import type { Organization, Person } from '../../../../shared/domain';
import { api } from '../../api';
import { toOrganizationFilters, toPeopleFilters } from '../../lib/filters';
import { createRemoteSearchStore } from './remoteSearch';

/** People seen in provider results this session, so a person page can show one not saved yet. */
export const seenPeople = new Map<string, Person>();
export const seenOrganizations = new Map<string, Organization>();

export const peopleSearch = createRemoteSearchStore<Person>(async (provider, values, page) => {
  const result = await api().people.search({ provider, filters: toPeopleFilters(values), page });
  if (!result.ok) return result;
  for (const p of result.value.people) seenPeople.set(p.id, p);
  const { people, ...rest } = result.value;
  return { ok: true, value: { items: people, ...rest } };
});

export const companySearch = createRemoteSearchStore<Organization>(async (provider, values, page) => {
  const result = await api().organizations.search({ provider, filters: toOrganizationFilters(values), page });
  if (!result.ok) return result;
  for (const o of result.value.organizations) seenOrganizations.set(o.id, o);
  const { organizations, ...rest } = result.value;
  return { ok: true, value: { items: organizations, ...rest } };
});
