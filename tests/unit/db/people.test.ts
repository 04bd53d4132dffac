import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Person } from '../../../shared/domain';
import { personIdentityKeys } from '../../../shared/identity';
import { db } from '../../../renderer/src/db/schema';
import {
  deletePeople,
  editPersonField,
  findSavedIds,
  getPerson,
  PEOPLE_WRITE_CHUNK,
  peopleWriteTables,
  upsertPeople,
} from '../../../renderer/src/db/people';
import { addToList, createList, listMemberships, listsOf } from '../../../renderer/src/db/lists';
import { getOrganization, peopleOfOrganization } from '../../../renderer/src/db/organizations';
import { searchSavedPeople } from '../../../renderer/src/db/localSearch';
import { personWords } from '../../../renderer/src/db/words';
import { asApollo, asOcean, resetDb, samplePeople } from './fixtures';

const LATER = '2026-10-15T00:00:00.000Z';

/** Sample people with both a work email and a LinkedIn URL, so every provider view can be linked. */
function linkable(count: number): Person[] {
  return samplePeople(400)
    .filter((p) => p.emails.some((e) => e.kind === 'work') && p.linkedinUrl)
    .slice(0, count);
}

beforeEach(resetDb);

describe('upsertPeople', () => {
  it('stores one row per person with keys, organizationId and countryCode, a search entry, and a minimal organization row', async () => {
    const people = samplePeople(50);
    const stored = await upsertPeople(people);
    expect(stored.map((p) => p.id)).toEqual(people.map((p) => p.id));
    expect(await db().people.count()).toBe(50);
    const row = (await getPerson(people[0]!.id))!;
    for (const key of personIdentityKeys(people[0]!)) expect(row.keys).toContain(key);
    const lastNameWord = people[0]!
      .lastName!.normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)[0]!;
    expect(
      (await searchSavedPeople({ text: `${lastNameWord} ${people[0]!.organization!.domain}` })).people.map((p) => p.id),
    ).toContain(row.id);
    expect(row.countryCode).toBe(people[0]!.location!.countryCode);
    expect(row.organizationId).toBe(`domain:${people[0]!.organization!.domain}`);
    const org = await getOrganization(row.organizationId!);
    expect(org).toMatchObject({ name: people[0]!.organization!.name, domain: people[0]!.organization!.domain });
    expect(org!.words).toContain(people[0]!.organization!.domain);
    const distinctOrgs = new Set(people.map((p) => p.organization!.domain));
    expect(await db().organizations.count()).toBe(distinctOrgs.size);
    expect((await peopleOfOrganization(row.organizationId!)).map((p) => p.id)).toContain(row.id);
  });

  it('stores one provenance entry per source, shared by the fields it filled, and a hand edit touches one field', async () => {
    const [input] = samplePeople(1);
    const [saved] = await upsertPeople([input!]);
    const stored = (await db().people.get(saved!.id))!;
    expect(stored.provenance).toEqual(input!.provenance);
    const sources = new Set(Object.values(stored.provenance));
    expect(sources.size).toBeLessThan(Object.keys(stored.provenance).length);
    await editPersonField(saved!.id, 'title', 'Chief Prospector');
    const edited = (await db().people.get(saved!.id))!;
    expect(edited.provenance.title).toMatchObject({ manual: true });
    expect(edited.provenance.fullName).toEqual(input!.provenance.fullName);
  });

  it('re-saving the same people changes nothing but keeps one row each', async () => {
    const people = samplePeople(30);
    const first = await upsertPeople(people);
    const second = await upsertPeople(people);
    expect(await db().people.count()).toBe(30);
    expect(second.map((p) => p.savedAt)).toEqual(first.map((p) => p.savedAt));
  });

  it('dedups across providers: Apollo by id, Ocean by LinkedIn -> one row with both provider ids', async () => {
    const [p] = linkable(1);
    await upsertPeople([asApollo(p!, 'ap-1', undefined, true)]);
    const [fromOcean] = await upsertPeople([asOcean(p!, 'oc-1', LATER)]);
    expect(await db().people.count()).toBe(1);
    expect(fromOcean!.id).toBe('apollo:ap-1');
    expect(fromOcean!.providerIds).toEqual({ apollo: 'ap-1', ocean: 'oc-1' });
    // Ocean's newer fields came in, Apollo's email stayed.
    expect(fromOcean!.seniority).toBe(p!.seniority);
    expect(fromOcean!.emails.map((e) => e.address)).toEqual(
      p!.emails.filter((e) => e.kind === 'work').map((e) => e.address),
    );
    expect(fromOcean!.provenance.seniority).toMatchObject({ provider: 'ocean' });
    expect(fromOcean!.provenance.emails).toMatchObject({ provider: 'apollo' });
    // Found again by Apollo id alone.
    const again = await upsertPeople([
      { id: 'apollo:ap-1', providerIds: { apollo: 'ap-1' }, departments: [], emails: [], phones: [], provenance: {} },
    ]);
    expect(again[0]!.id).toBe('apollo:ap-1');
    expect(await db().people.count()).toBe(1);
  });

  it('a record that links two separate rows merges them: memberships move, the absorbed id still resolves', async () => {
    const [p] = linkable(1);
    const [a] = await upsertPeople([asApollo(p!, 'ap-2')]); // email only
    const [o] = await upsertPeople([asOcean(p!, 'oc-2')]); // LinkedIn only
    expect(a!.id).not.toBe(o!.id);
    expect(await db().people.count()).toBe(2);
    const list = await createList('Linked', 'people');
    await addToList(list.id, [o!.id]);

    const [merged] = await upsertPeople([p!]); // has both email and LinkedIn
    expect(await db().people.count()).toBe(1);
    expect(merged!.id).toBe(a!.id); // the first saved row survives
    expect(merged!.providerIds).toMatchObject({ apollo: 'ap-2', ocean: 'oc-2', sample: p!.providerIds.sample });
    expect((await listMemberships(list.id)).map((m) => m.memberId)).toEqual([a!.id]);
    expect((await getPerson(o!.id))?.id).toBe(a!.id);
    expect((await listsOf(a!.id)).map((l) => l.name)).toEqual(['Linked']);
  });

  it('inside one outer transaction, an id absorbed by a merge resolves to its survivor at once', async () => {
    const [p] = linkable(1);
    const [a] = await upsertPeople([asApollo(p!, 'ap-3')]);
    const [o] = await upsertPeople([asOcean(p!, 'oc-3')]);
    const d = db();
    await d.transaction('rw', peopleWriteTables(d), async () => {
      await upsertPeople([p!]);
      expect((await getPerson(o!.id))?.id).toBe(a!.id);
    });
    expect((await getPerson(o!.id))?.id).toBe(a!.id);
  });

  it('dedups within one batch, mapping every input to its row', async () => {
    const people = linkable(5);
    const batch = [
      ...people,
      ...people.map((p, i) => asApollo(p, `b-${i}`)),
      ...people.map((p, i) => asOcean(p, `o-${i}`)),
    ];
    const stored = await upsertPeople(batch);
    expect(await db().people.count()).toBe(5);
    expect(stored).toHaveLength(15);
    for (let i = 0; i < 5; i++) {
      expect(stored[i + 5]!.id).toBe(stored[i]!.id);
      expect(stored[i + 10]!.id).toBe(stored[i]!.id);
      expect(stored[i]!.providerIds).toEqual({
        sample: people[i]!.providerIds.sample,
        apollo: `b-${i}`,
        ocean: `o-${i}`,
      });
    }
  });

  it('dedups a batch larger than one write chunk, duplicates across the chunk boundary included', async () => {
    const many = samplePeople(PEOPLE_WRITE_CHUNK + 300);
    const dupes = many
      .slice(0, 20)
      .filter((p) => p.emails.some((e) => e.kind === 'work'))
      .map((p, i) => asApollo(p, `late-${i}`));
    const stored = await upsertPeople([...many, ...dupes]);
    expect(await db().people.count()).toBe(many.length);
    dupes.forEach((d, i) => expect(stored[many.length + i]!.providerIds.apollo).toBe(d.providerIds.apollo));
  }, 60_000);

  it('a later chunk of one batch sees what an earlier chunk merged into a stored row', async () => {
    const [person] = linkable(1);
    const [saved] = await upsertPeople([person!]);
    const filler = samplePeople(PEOPLE_WRITE_CHUNK + 300, 400);
    // Apollo's view (by email) lands in the first chunk, Ocean's (by LinkedIn) in the second: they share no key.
    const batch = [
      ...filler.slice(0, 10),
      asApollo(person!, 'chunk-one'),
      ...filler.slice(10),
      asOcean(person!, 'chunk-two'),
    ];
    const stored = await upsertPeople(batch);
    expect(stored[10]!.id).toBe(saved!.id);
    expect(stored[batch.length - 1]!.id).toBe(saved!.id);
    const row = await getPerson(saved!.id);
    expect(row!.providerIds).toMatchObject({ apollo: 'chunk-one', ocean: 'chunk-two' });
    expect(await db().people.count()).toBe(filler.length + 1);
    expect((await findSavedIds([asOcean(person!, 'chunk-two')])).size).toBe(1);
  }, 60_000);

  it("a rep's hand edits survive a re-save with newer provider data", async () => {
    const [p] = samplePeople(1);
    await upsertPeople([p!]);
    const edited = await editPersonField(p!.id, 'title', 'Chief Coffee Officer');
    expect(edited.provenance.title).toMatchObject({ manual: true });
    expect(edited.editedFields).toEqual(['title']);
    expect((await searchSavedPeople({ text: 'coffee' })).people.map((x) => x.id)).toEqual([p!.id]);

    // Fetched after the edit: only the manual rule, not the clock, can keep the rep's value.
    const afterEdit = new Date(
      Date.parse(
        edited.provenance.title && 'editedAt' in edited.provenance.title ? edited.provenance.title.editedAt : '',
      ) + 60_000,
    ).toISOString();
    const newer: Person = { ...p!, title: 'Provider Title', headline: 'New headline', provenance: {} };
    for (const k of ['title', 'headline']) newer.provenance[k] = { provider: 'sample', fetchedAt: afterEdit };
    const [after] = await upsertPeople([newer]);
    expect(after!.title).toBe('Chief Coffee Officer');
    expect(after!.headline).toBe('New headline');
    expect(after!.editedFields).toEqual(['title']);
    expect((await getPerson(p!.id))!.title).toBe('Chief Coffee Officer');
  });

  it('editPersonField validates the field and value, accepts text from a form, and clears on blank', async () => {
    const [p] = samplePeople(1);
    await upsertPeople([p!]);
    await expect(editPersonField(p!.id, 'id', 'x')).rejects.toThrow(/cannot be edited/);
    await expect(editPersonField(p!.id, 'seniority', 'emperor')).rejects.toThrow(/Invalid seniority/);
    await expect(editPersonField('nobody', 'title', 'x')).rejects.toThrow(/No saved person/);
    const cleared = await editPersonField(p!.id, 'headline', '  ');
    expect(cleared.headline).toBeUndefined();
    const [after] = await upsertPeople([
      { ...p!, headline: 'Back again', provenance: { headline: { provider: 'sample', fetchedAt: LATER } } },
    ]);
    expect(after!.headline).toBeUndefined();
    const moved = await editPersonField(p!.id, 'organization', {
      name: 'Hand Made Inc',
      domain: 'handmade.example',
      providerIds: {},
    });
    expect(moved.organizationId).toBe('domain:handmade.example');
    expect(await getOrganization('domain:handmade.example')).toMatchObject({ name: 'Hand Made Inc' });
  });

  it('findSavedIds marks incoming people that match a saved row by any identity key', async () => {
    const people = linkable(6);
    await upsertPeople(people.slice(0, 3));
    const incoming = [
      asOcean(people[0]!, 'x0'),
      asApollo(people[1]!, 'x1'),
      people[2]!,
      asOcean(people[3]!, 'x3'),
      people[4]!,
    ];
    const saved = await findSavedIds(incoming);
    expect([...saved].sort()).toEqual([incoming[0]!.id, incoming[1]!.id, incoming[2]!.id].sort());
    expect(await findSavedIds([])).toEqual(new Set());
  });

  it('deletePeople removes rows and their list memberships', async () => {
    const people = samplePeople(4);
    const list = await createList('Doomed', 'people');
    await upsertPeople(people, { listId: list.id });
    expect(await listMemberships(list.id)).toHaveLength(4);
    await deletePeople([people[0]!.id, people[1]!.id]);
    expect(await db().people.count()).toBe(2);
    expect((await listMemberships(list.id)).map((m) => m.memberId).sort()).toEqual(
      [people[2]!.id, people[3]!.id].sort(),
    );
  });

  it("joins a caller's outer transaction: a failure after it rolls the save back", async () => {
    const d = db();
    const people = samplePeople(10);
    await expect(
      d.transaction('rw', peopleWriteTables(d), async () => {
        const stored = await upsertPeople(people);
        expect(stored).toHaveLength(10);
        expect(await d.people.count()).toBe(10);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await d.people.count()).toBe(0);
    expect(await d.organizations.count()).toBe(0);
    expect((await searchSavedPeople({})).total).toBe(0);
  });
});

describe('search totals after writes', () => {
  it('totals follow every write: saves, list adds, deletes', async () => {
    const people = samplePeople(40);
    await upsertPeople(people.slice(0, 20));
    const letter = people[0]!
      .firstName!.normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()[0]!;
    const before = await searchSavedPeople({ text: letter });
    expect((await searchSavedPeople({ text: letter })).total).toBe(before.total);
    expect((await searchSavedPeople({})).total).toBe(20);

    await upsertPeople(people.slice(20));
    const after = await searchSavedPeople({ text: letter });
    const expected = (await db().people.toArray()).filter((p) =>
      personWords(p).some((w) => w.startsWith(letter)),
    ).length;
    expect(after.total).toBe(expected);
    expect((await searchSavedPeople({})).total).toBe(40);

    const list = await createList('Counted', 'people');
    expect((await searchSavedPeople({ listId: list.id })).total).toBe(0);
    await addToList(list.id, [people[0]!.id, people[1]!.id]);
    expect((await searchSavedPeople({ listId: list.id })).total).toBe(2);
    await deletePeople([people[0]!.id]);
    expect((await searchSavedPeople({ listId: list.id })).total).toBe(1);
    expect((await searchSavedPeople({})).total).toBe(39);
  });
});
