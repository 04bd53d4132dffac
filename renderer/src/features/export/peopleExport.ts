/**
 * From saved people to a CSV on disk: attach each person's saved company (website, industry), write
 * the text with lib/export, hand it to main's save dialog. Used by the list page, the saved people
 * view and (through `savePeopleCsv`) any other feature that exports people.
 */
import type { Api } from '../../../../shared/api';
import type { Result } from '../../../../shared/contract';
import type { Person } from '../../../../shared/domain';
import { searchSavedPeople, type SavedPeopleQuery } from '../../db/localSearch';
import { db, type StoredOrganization, type StoredPerson } from '../../db/schema';
import { exportFileName, peopleCsv, type ExportPerson, type PeopleCsvOptions } from '../../lib/export';

/** Pairs people with their saved organizations, one bulk read. */
export async function withOrganizations(
  people: readonly (Person & { organizationId?: string })[],
): Promise<ExportPerson[]> {
  const ids = [...new Set(people.map((p) => p.organizationId).filter((id): id is string => !!id))];
  const orgs = ids.length ? await db().organizations.bulkGet(ids) : [];
  const byId = new Map(orgs.filter((o): o is StoredOrganization => !!o).map((o) => [o.id, o]));
  return people.map((person) => ({
    person,
    organization: person.organizationId ? byId.get(person.organizationId) : undefined,
  }));
}

export interface SavedExport {
  saved: boolean;
  path?: string;
  rows: number;
  fileName: string;
}

/** Writes the people to CSV and opens main's save dialog. */
export async function savePeopleCsv(
  api: Api,
  title: string,
  people: readonly (Person & { organizationId?: string })[],
  options: PeopleCsvOptions,
): Promise<Result<SavedExport>> {
  const rows = await withOrganizations(people);
  const fileName = exportFileName(title, options.preset);
  const answer = await api.files.saveCsv({ suggestedName: fileName, content: peopleCsv(rows, options) });
  if (!answer.ok) return answer;
  return { ok: true, value: { ...answer.value, rows: rows.length, fileName } };
}

/** Every saved person matching the local filter (all pages, not just what is on screen). */
export async function allSavedPeople(query: SavedPeopleQuery): Promise<StoredPerson[]> {
  const people: StoredPerson[] = [];
  let after: string | undefined;
  do {
    const page = await searchSavedPeople({ ...query, limit: 5000, ...(after ? { after } : {}) });
    people.push(...page.people);
    after = page.nextAfter;
  } while (after);
  return people;
}
