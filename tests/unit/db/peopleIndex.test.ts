/**
 * The people search index's log: writers append, every reader (this page, another window) replays
 * it, compaction rewrites it without losing anyone, and a rolled-back save leaves no entry.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { ProspectDb, setDb } from '../../../renderer/src/db/schema';
import { PeopleIndex, peopleIndex } from '../../../renderer/src/db/peopleIndex';
import { deletePeople, editPersonField, peopleWriteTables, upsertPeople } from '../../../renderer/src/db/people';
import { searchSavedPeople } from '../../../renderer/src/db/localSearch';
import { samplePeople } from './fixtures';

const NAME = 'prospect-desk-index-test';
let database: ProspectDb | undefined;
let previous: ProspectDb | undefined;
/** Connections of "other windows", closed after each test. */
const others: ProspectDb[] = [];

function anotherWindow(): PeopleIndex {
  const connection = new ProspectDb(NAME);
  others.push(connection);
  return new PeopleIndex(connection);
}

async function fresh(): Promise<ProspectDb> {
  await Dexie.delete(NAME);
  database = new ProspectDb(NAME);
  previous = setDb(database);
  return database;
}

afterEach(async () => {
  for (const connection of others.splice(0)) connection.close();
  setDb(previous);
  database?.close();
  await Dexie.delete(NAME);
});

const ids = (index: PeopleIndex) => index.all().map((e) => e.id);

describe('people search index', () => {
  it('another window replays the same log: saves, edits and deletes made elsewhere show up', async () => {
    const d = await fresh();
    const people = samplePeople(60);
    const here = await peopleIndex();
    const elsewhere = anotherWindow();
    await elsewhere.ready();
    expect(elsewhere.size).toBe(0);

    await upsertPeople(people.slice(0, 40));
    await upsertPeople(people.slice(40));
    await editPersonField(people[5]!.id, 'title', 'Chief Lighthouse Keeper');
    await deletePeople([people[0]!.id, people[1]!.id]);
    await elsewhere.ready();
    await here.ready();
    const expected = (await d.people.toCollection().primaryKeys()).sort();
    expect(ids(elsewhere)).toEqual(expected);
    expect(ids(here)).toEqual(expected);
    expect(elsewhere.all().find((e) => e.id === people[5]!.id)!.text).toContain(' lighthouse');
  });

  it('compaction keeps every live entry, shrinks the log, and a reader that missed it reloads', async () => {
    const d = await fresh();
    const people = samplePeople(120);
    const elsewhere = anotherWindow();
    await elsewhere.ready();
    for (let i = 0; i < people.length; i += 10) await upsertPeople(people.slice(i, i + 10));
    await deletePeople(people.slice(0, 5).map((p) => p.id));
    const index = await peopleIndex();
    expect(index.logRecords).toBe(13);
    await index.compactNow();
    expect(await d.peopleSearch.count()).toBe(1);
    await index.ready();
    expect(index.size).toBe(115);
    await elsewhere.ready();
    expect(ids(elsewhere)).toEqual(ids(index));
    // Appends after a compaction replay on top of the snapshot.
    await upsertPeople(samplePeople(3, 500));
    expect((await searchSavedPeople({ limit: 1000 })).total).toBe(118);
    // A fresh page (a reload) reads the snapshot plus what followed.
    const reloaded = anotherWindow();
    await reloaded.ready();
    expect(ids(reloaded)).toEqual((await d.people.toCollection().primaryKeys()).sort());
  });

  it('two saves inside one outer transaction see each other: the second merges into the first', async () => {
    const d = await fresh();
    const [p] = samplePeople(1);
    await d.transaction('rw', peopleWriteTables(d), async () => {
      await upsertPeople([p!]);
      // The same person by LinkedIn only, as another provider returns them, before anything committed.
      await upsertPeople([
        {
          id: 'ocean:x1',
          providerIds: { ocean: 'x1' },
          linkedinUrl: p!.linkedinUrl,
          fullName: p!.fullName,
          departments: [],
          emails: [],
          phones: [],
          provenance: {},
        },
      ]);
    });
    expect(await d.people.count()).toBe(1);
    expect((await d.people.get(p!.id))!.providerIds.ocean).toBe('x1');
    expect((await searchSavedPeople({})).total).toBe(1);
  });

  it('a save rolled back by its caller leaves no search entry', async () => {
    const d = await fresh();
    await upsertPeople(samplePeople(5));
    await expect(
      d.transaction('rw', peopleWriteTables(d), async () => {
        await upsertPeople(samplePeople(5, 100));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await searchSavedPeople({})).total).toBe(5);
    expect((await peopleIndex()).size).toBe(5);
  });

  it('replays log records of the earlier format (per-entry signatures), keys and text intact', async () => {
    const d = await fresh();
    const people = samplePeople(3);
    await upsertPeople(people);
    const stored = (await d.peopleSearch.toArray())[0]!;
    // Earlier versions wrote 18 signature ints per entry; the index ignores them now.
    await d.peopleSearch.clear();
    await d.peopleSearch.add({
      ...stored,
      seq: undefined,
      signatures: new Int32Array(18 * stored.ids.length).fill(-1),
    });
    const reader = anotherWindow();
    await reader.ready();
    expect(ids(reader)).toEqual([...stored.ids].sort());
    for (const [i, id] of stored.ids.entries()) {
      for (const key of stored.keys[i]!.split('\u001f').filter(Boolean)) expect(reader.idForKey(key)).toBe(id);
      expect(reader.query({ tokens: [stored.texts[i]!.trim().split(' ')[0]!], limit: 10 }).ids).toContain(id);
    }
  });
});
