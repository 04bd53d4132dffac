/**
 * Saving people from any result list (search, related people, lookalikes). Their companies are
 * saved with them; a company the rep saw in a company search this session is saved with everything
 * that search showed (industry, size, HQ, technologies…), not as a bare name and domain.
 */
import type { Organization, Person } from '../../../../shared/domain';
import { organizationKeys, upsertOrganizations } from '../../db/organizations';
import { upsertPeople, type UpsertPeopleOptions } from '../../db/people';
import type { StoredPerson } from '../../db/schema';
import { seenOrganizations } from '../search/searches';

/** Companies seen in a company search this session that these people work at. */
export function seenCompaniesOf(people: readonly Person[]): Organization[] {
  const byKey = new Map<string, Organization>();
  for (const o of seenOrganizations.values()) for (const key of organizationKeys(o)) byKey.set(key, o);
  const found = new Map<string, Organization>();
  for (const p of people) {
    if (!p.organization) continue;
    for (const key of organizationKeys(p.organization)) {
      const o = byKey.get(key);
      if (o) {
        found.set(o.id, o);
        break;
      }
    }
  }
  return [...found.values()];
}

export async function savePeople(people: Person[], opts: UpsertPeopleOptions = {}): Promise<StoredPerson[]> {
  const companies = seenCompaniesOf(people);
  if (companies.length) await upsertOrganizations(companies);
  return upsertPeople(people, opts);
}
