import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../renderer/src/db/schema';
import {
  addToList,
  allLists,
  createList,
  deleteList,
  getList,
  listMembers,
  listMemberships,
  listSize,
  listsOf,
  removeFromList,
  renameList,
} from '../../../renderer/src/db/lists';
import { upsertPeople } from '../../../renderer/src/db/people';
import { upsertOrganizations } from '../../../renderer/src/db/organizations';
import { deleteSavedSearch, markRun, saveSearch, savedSearches } from '../../../renderer/src/db/savedSearches';
import { resetDb, sampleOrganizations, samplePeople } from './fixtures';

beforeEach(resetDb);

describe('lists', () => {
  it('create, rename, list and delete; deleting a list keeps the saved people', async () => {
    const a = await createList('  Berlin   leads ', 'people');
    const b = await createList('Accounts', 'organizations');
    expect(a.name).toBe('Berlin leads');
    await expect(createList('   ', 'people')).rejects.toThrow(/needs a name/);
    await renameList(a.id, 'Munich leads');
    expect((await getList(a.id))!.name).toBe('Munich leads');
    await expect(renameList('missing', 'x')).rejects.toThrow(/No list/);
    expect((await allLists()).map((l) => l.name)).toEqual(['Accounts', 'Munich leads']);
    expect((await allLists('organizations')).map((l) => l.id)).toEqual([b.id]);

    const people = samplePeople(5);
    await upsertPeople(people, { listId: a.id });
    expect(await listSize(a.id)).toBe(5);
    await deleteList(a.id);
    expect(await getList(a.id)).toBeUndefined();
    expect(await db().listMembers.count()).toBe(0);
    expect(await db().people.count()).toBe(5);
  });

  it('bulk add is idempotent, keeps first addedAt, and reports only new memberships', async () => {
    const list = await createList('Big', 'people');
    const ids = Array.from({ length: 6000 }, (_, i) => `person-${String(i).padStart(5, '0')}`);
    expect(await addToList(list.id, ids.slice(0, 4000))).toBe(4000);
    const firstAdded = (await listMemberships(list.id))[0]!.addedAt;
    expect(await addToList(list.id, [...ids, ...ids.slice(0, 10)])).toBe(2000);
    expect(await listSize(list.id)).toBe(6000);
    expect((await listMemberships(list.id)).find((m) => m.memberId === ids[0])!.addedAt).toBe(firstAdded);
    await expect(addToList('missing', ['x'])).rejects.toThrow(/No list/);
  }, 30_000);

  it('remove, listsOf and listMembers (records of the list kind, oldest membership first)', async () => {
    const people = samplePeople(3);
    const orgs = sampleOrganizations(2);
    await upsertPeople(people);
    await upsertOrganizations(orgs);
    const hot = await createList('Hot', 'people');
    const cold = await createList('Cold', 'people');
    const accounts = await createList('Accounts', 'organizations');
    await addToList(hot.id, [people[2]!.id]);
    await addToList(hot.id, [people[0]!.id, people[1]!.id]);
    await addToList(cold.id, [people[0]!.id]);
    await addToList(
      accounts.id,
      orgs.map((o) => o.id),
    );

    expect((await listsOf(people[0]!.id)).map((l) => l.name)).toEqual(['Cold', 'Hot']);
    const members = await listMembers(hot.id);
    expect(members[0]!.id).toBe(people[2]!.id);
    expect(members.map((m) => m.id).sort()).toEqual(people.map((p) => p.id).sort());
    expect((await listMembers(accounts.id)).map((o) => o.id).sort()).toEqual(orgs.map((o) => o.id).sort());

    await removeFromList(hot.id, [people[0]!.id, people[2]!.id]);
    expect((await listMembers(hot.id)).map((m) => m.id)).toEqual([people[1]!.id]);
    expect((await listsOf(people[0]!.id)).map((l) => l.name)).toEqual(['Cold']);
    expect(await listMembers('missing')).toEqual([]);
  });
});

describe('saved searches', () => {
  it('save, list newest first, mark run, delete', async () => {
    const filters = { titles: ['CTO'], seniorities: ['c_suite'] };
    const first = await saveSearch({ name: 'CTOs', kind: 'people', provider: 'sample', filters });
    filters.titles.push('mutated after save');
    expect(first.filters).toEqual({ titles: ['CTO'], seniorities: ['c_suite'] });
    await new Promise((r) => setTimeout(r, 5));
    const second = await saveSearch({
      name: 'SaaS',
      kind: 'organizations',
      provider: 'apollo',
      filters: { industries: ['Software'] },
    });
    await expect(saveSearch({ name: ' ', kind: 'people', provider: 'sample', filters: {} })).rejects.toThrow(
      /needs a name/,
    );
    expect((await savedSearches()).map((s) => s.id)).toEqual([second.id, first.id]);
    expect((await savedSearches('people')).map((s) => s.id)).toEqual([first.id]);
    await markRun(first.id, '2026-11-02T10:00:00.000Z');
    expect((await savedSearches('people'))[0]!.lastRunAt).toBe('2026-11-02T10:00:00.000Z');
    await deleteSavedSearch(first.id);
    expect((await savedSearches()).map((s) => s.id)).toEqual([second.id]);
  });
});
