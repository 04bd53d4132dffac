/**
 * A saved list as the input of an enrichment run: its people become the rows of a CSV job, so the
 * list goes through the very same import, mapping, waterfall, estimate, budget, ledger and export as
 * a dropped file (nothing list-specific in the runner). The columns are ones the header mapping
 * recognises by name; the ids keep a row tied to its saved person.
 */
import { csvLine } from '../../../../shared/csv-cell';
import { listPeople } from '../../db/lists';
import type { StoredPerson } from '../../db/schema';

export const LIST_COLUMNS = [
  'Email',
  'First Name',
  'Last Name',
  'Full Name',
  'Title',
  'Company',
  'Company Website',
  'LinkedIn URL',
];

export function personRow(p: StoredPerson): string[] {
  return [
    p.emails?.[0]?.address ?? '',
    p.firstName ?? '',
    p.lastName ?? '',
    p.fullName ?? '',
    p.title ?? '',
    p.organization?.name ?? '',
    p.organization?.domain ?? '',
    p.linkedinUrl ?? '',
  ];
}

/** The list's people as a CSV file named after the list (comma separated, UTF-8). */
export async function listAsCsvFile(listId: string, listName: string): Promise<File> {
  const people = await listPeople(listId);
  const lines = [csvLine(LIST_COLUMNS), ...people.map((p) => csvLine(personRow(p)))];
  const safeName = listName.replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'list';
  return new File([lines.join('\r\n') + '\r\n'], `${safeName}.csv`, { type: 'text/csv' });
}
