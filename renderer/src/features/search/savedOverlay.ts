/**
 * Search rows as the rep knows them: a person already saved shows what was saved (an email revealed
 * earlier, a manual edit) merged with the provider's fresh row, and their company shows the saved
 * company's size and industry. Read-only: nothing is written until the rep saves.
 */
import type { Person } from '../../../../shared/domain';
import { mergePerson } from '../../../../shared/merge';
import { personKeys } from '../../db/people';
import { peopleIndex } from '../../db/peopleIndex';
import { db, type StoredOrganization, type StoredPerson } from '../../db/schema';

export interface SavedOverlay {
  /** Result id -> the row to show (the result's id kept, so selection and keys stay the provider's). */
  rows: Map<string, Person>;
  /** Result ids that match a saved person. */
  savedIds: Set<string>;
  /** Result id -> the saved company of that person, when there is one. */
  organizations: Map<string, StoredOrganization>;
}

export async function overlaySaved(people: readonly Person[]): Promise<SavedOverlay> {
  const overlay: SavedOverlay = { rows: new Map(), savedIds: new Set(), organizations: new Map() };
  if (!people.length) return overlay;
  const index = await peopleIndex();
  const savedIdOf = new Map<string, string>();
  for (const p of people) {
    const id = personKeys(p)
      .map((k) => index.idForKey(k))
      .find((x): x is string => !!x);
    if (id) savedIdOf.set(p.id, id);
  }
  const d = db();
  const savedRows = await d.people.bulkGet([...new Set(savedIdOf.values())]);
  const byId = new Map(savedRows.filter((r): r is StoredPerson => !!r).map((r) => [r.id, r]));
  const orgIds = [...new Set([...byId.values()].map((r) => r.organizationId).filter((x): x is string => !!x))];
  const orgs = new Map(
    (await d.organizations.bulkGet(orgIds)).filter((o): o is StoredOrganization => !!o).map((o) => [o.id, o]),
  );
  for (const p of people) {
    const saved = byId.get(savedIdOf.get(p.id) ?? '');
    if (!saved) continue;
    overlay.savedIds.add(p.id);
    overlay.rows.set(p.id, { ...mergePerson(saved, p), id: p.id });
    const org = saved.organizationId ? orgs.get(saved.organizationId) : undefined;
    if (org) overlay.organizations.set(p.id, org);
  }
  return overlay;
}
