import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { personIdentityKeys } from '../../../shared/identity';
import { ProspectDb, setDb } from '../../../renderer/src/db/schema';
import { searchSavedPeople } from '../../../renderer/src/db/localSearch';
import { findSavedIds, upsertPeople } from '../../../renderer/src/db/people';
import { peopleOfOrganization } from '../../../renderer/src/db/organizations';
import { personWords } from '../../../renderer/src/db/words';
import { allRows, countWithStatus, pendingRows, rowsWithStatus } from '../../../renderer/src/features/enrich/rows';
import type { CsvRowRecord } from '../../../renderer/src/features/enrich/types';
import { samplePeople } from './fixtures';

const NAME = 'prospect-desk-upgrade-test';

/** The schema exactly as version 1 shipped it. */
const V1_STORES = {
  people: 'id, *keys, *words, organizationId, seniority, countryCode, savedAt',
  organizations: 'id, *keys, *words, domain, savedAt',
  jobPostings: 'id, organizationId, fetchedAt',
  lists: 'id, name, createdAt',
  listMembers: '[listId+memberId], listId, memberId',
  savedSearches: 'id, kind, createdAt',
  enrichments: 'key, provider, fetchedAt',
  csvJobs: 'id, status, createdAt',
  csvRows: '[jobId+index], jobId, [jobId+status]',
};

/** Version 2's `prefixes`: each word's 1- to 3-character prefixes. */
function shortPrefixes(words: readonly string[]): string[] {
  return [...new Set(words.flatMap((w) => [1, 2, 3].filter((n) => n <= w.length).map((n) => w.slice(0, n))))];
}

/** Version 2 changed only the people store. */
const V2_STORES = {
  ...V1_STORES,
  people: 'id, *keys, *words, organizationId, seniority, countryCode, savedAt, *departments, *prefixes',
};

/** Version 3: people lost their search indexes to the peopleSearch log. */
const V3_STORES = { ...V2_STORES, people: 'id, organizationId', peopleSearch: '++seq' };

/** Version 4: CSV rows in chunks; people still had the organizationId index. */
const V4_STORES = {
  ...V3_STORES,
  csvRows: null,
  csvRowChunks: '[jobId+chunk]',
  csvRowState: '[jobId+index], [jobId+status]',
};

/** Ids the current search finds on this database. */
async function found(database: ProspectDb, q: Parameters<typeof searchSavedPeople>[0]): Promise<string[]> {
  const previous = setDb(database);
  try {
    return (await searchSavedPeople(q)).people.map((p) => p.id);
  } finally {
    setDb(previous);
  }
}

afterEach(async () => {
  await Dexie.delete(NAME);
});

describe('schema upgrade', () => {
  it('opens a version-1 database with the current schema: data kept, departments indexed, words rebuilt', async () => {
    const v1 = new Dexie(NAME);
    v1.version(1).stores(V1_STORES);
    const [a, b] = samplePeople(2);
    const savedAt = '2026-01-01T00:00:00.000Z';
    // Written as version-1 code did: stale words, and one row without a departments array.
    const legacyB: Record<string, unknown> = { ...b!, keys: [b!.id], words: ['stale'], savedAt };
    delete legacyB.departments;
    await v1
      .table('people')
      .bulkAdd([{ ...a!, departments: ['sales'], keys: [a!.id], words: ['stale'], savedAt }, legacyB]);
    await v1.table('organizations').add({
      id: 'domain:acme.com',
      name: 'Acme Rockets',
      domain: 'acme.com',
      providerIds: {},
      keywords: [],
      technologies: [],
      provenance: {},
      keys: ['domain:acme.com'],
      words: [],
      savedAt,
    });
    await v1.table('lists').add({ id: 'l1', name: 'Old list', kind: 'people', createdAt: savedAt, updatedAt: savedAt });
    await v1.table('listMembers').add({ listId: 'l1', memberId: a!.id, addedAt: savedAt });
    await v1.table('csvJobs').add({ id: 'j1', fileName: 'a.csv', status: 'ready', rowCount: 1, headers: ['a'] });
    await v1.table('csvRows').add({ jobId: 'j1', index: 0, status: 'pending', values: ['x'] });
    v1.close();

    const current = new ProspectDb(NAME);
    await current.open();
    expect(current.verno).toBe(6);
    // No index that nothing queries: each one was a write per company saved.
    expect(current.organizations.schema.indexes.map((i) => i.name).sort()).toEqual(['keys', 'words']);
    expect(await current.people.count()).toBe(2);
    const rowA = (await current.people.get(a!.id))! as unknown as Record<string, unknown>;
    expect(rowA.savedAt).toBe(savedAt);
    // Search words left the rows for the search index, built from the rows as they were.
    expect(rowA.words).toBeUndefined();
    expect(await found(current, { text: personWords(a!)[0]!.slice(0, 3) })).toContain(a!.id);
    expect(await found(current, { text: 'stale' })).toEqual([]);
    expect((await current.people.get(b!.id))!.departments).toEqual([]);
    expect(await found(current, { departments: ['sales'] })).toEqual([a!.id]);
    expect((await current.organizations.where('words').startsWith('rock').primaryKeys()) as string[]).toEqual([
      'domain:acme.com',
    ]);
    expect(await current.listMembers.where('listId').equals('l1').count()).toBe(1);
    expect(await current.lists.get('l1')).toMatchObject({ name: 'Old list' });
    expect(await allRows(current, 'j1')).toEqual([{ jobId: 'j1', index: 0, status: 'pending', values: ['x'] }]);
    current.close();
  });

  it('opens a version-2 database: every saved person is searchable by text and filters, nothing lost', async () => {
    const v2 = new Dexie(NAME);
    v2.version(2).stores(V2_STORES);
    const people = samplePeople(300);
    const savedAt = '2026-02-01T00:00:00.000Z';
    await v2.table('people').bulkAdd(
      people.map((p) => {
        const words = personWords(p);
        return {
          ...p,
          keys: personIdentityKeys(p),
          words,
          prefixes: shortPrefixes(words),
          countryCode: p.location?.countryCode,
          savedAt,
        };
      }),
    );
    v2.close();

    const current = new ProspectDb(NAME);
    await current.open();
    expect(await current.people.count()).toBe(300);
    expect(await found(current, { limit: 1000 })).toEqual(people.map((p) => p.id).sort());
    const target = people[123]!;
    expect(await found(current, { text: `${target.firstName} ${target.lastName}`, limit: 1000 })).toContain(target.id);
    const country = target.location!.countryCode!;
    expect(await found(current, { countryCodes: [country], limit: 1000 })).toEqual(
      people
        .filter((p) => p.location?.countryCode === country)
        .map((p) => p.id)
        .sort(),
    );
    // Identity keys come over too: the same people saved again are recognised, not duplicated.
    const previous = setDb(current);
    try {
      expect((await findSavedIds(people.slice(0, 10))).size).toBe(10);
      await upsertPeople(
        people.slice(0, 10).map((p) => ({ ...p, id: `apollo:${p.id}`, providerIds: { apollo: p.id } })),
      );
      expect(await current.people.count()).toBe(300);
    } finally {
      setDb(previous);
    }
    current.close();
  });

  it("opens a version-4 database: a company's people come from the search index, found as before", async () => {
    const v4 = new Dexie(NAME);
    v4.version(4).stores(V4_STORES);
    const people = samplePeople(40);
    const savedAt = '2026-04-01T00:00:00.000Z';
    const rows = people.map((p, i) => ({
      ...p,
      keys: personIdentityKeys(p),
      organizationId: `org-${i % 3}`,
      countryCode: p.location?.countryCode,
      savedAt,
    }));
    await v4.table('people').bulkAdd(rows);
    // Version 4's log: entries without a company.
    const ids = rows.map((r) => r.id).sort();
    await v4.table('peopleSearch').add({
      ids,
      keys: ids.map(() => ''),
      texts: ids.map(() => ' x'),
      seniorities: ids.map(() => ''),
      departments: ids.map(() => ''),
      countries: ids.map(() => ''),
      snapshot: true,
    });
    v4.close();

    const current = new ProspectDb(NAME);
    await current.open();
    expect(current.verno).toBe(6);
    // No index that nothing queries: each one was a write per company saved.
    expect(current.organizations.schema.indexes.map((i) => i.name).sort()).toEqual(['keys', 'words']);
    expect(current.people.schema.indexes.map((i) => i.name)).toEqual([]);
    const previous = setDb(current);
    try {
      const atOne = (await peopleOfOrganization('org-1')).map((p) => p.id).sort();
      expect(atOne).toEqual(
        rows
          .filter((r) => r.organizationId === 'org-1')
          .map((r) => r.id)
          .sort(),
      );
      // The log was written again from the rows: their own words, not the old entries'.
      const target = people[7]!;
      expect(await found(current, { text: target.lastName!, limit: 100 })).toContain(target.id);
    } finally {
      setDb(previous);
      current.close();
    }
  });

  it('opens a version-3 database: CSV rows move into chunks, run state kept only where a row has any', async () => {
    const v3 = new Dexie(NAME);
    v3.version(3).stores(V3_STORES);
    const at = '2026-03-01T00:00:00.000Z';
    const job = (id: string, status: string, rowCount: number) => ({
      id,
      fileName: `${id}.csv`,
      createdAt: at,
      updatedAt: at,
      status,
      headers: ['Email', 'Name'],
      rowCount,
      mapping: { '0': 'email', '1': 'fullName' },
      creditsSpent: 7,
    });
    // An interrupted run of 2,500 rows: the first 900 done, 3 failed, one put back by "retry failed".
    const running: CsvRowRecord[] = Array.from({ length: 2500 }, (_, i) => {
      const row: CsvRowRecord = {
        jobId: 'run',
        index: i,
        status: 'pending',
        values: [`p${i}@acme.com`, `P ${i}`],
        line: i + 2,
      };
      if (i === 4) row.issue = 'Line 6: 1 value for 2 columns; padded';
      if (i < 900) Object.assign(row, { status: 'done', enriched: { title: `T${i}` }, sources: { title: 'apollo' } });
      else if (i < 903) Object.assign(row, { status: 'failed', error: { code: 'unavailable', message: 'down' } });
      else if (i === 903) Object.assign(row, { providersTried: ['apollo'] });
      return row;
    });
    const finished: CsvRowRecord[] = [0, 1, 2].map((i) => ({
      jobId: 'done',
      index: i,
      status: 'not_found',
      values: [`d${i}@x.com`, ''],
      line: i + 2,
    }));
    await v3.table('csvJobs').bulkAdd([job('run', 'running', 2500), job('done', 'done', 3)]);
    await v3.table('csvRows').bulkAdd([...running, ...finished]);
    // Rows of a job deleted long ago go with the old table.
    await v3.table('csvRows').add({ jobId: 'gone', index: 0, status: 'pending', values: ['x'] });
    v3.close();

    const current = new ProspectDb(NAME);
    await current.open();
    expect(current.verno).toBe(6);
    // No index that nothing queries: each one was a write per company saved.
    expect(current.organizations.schema.indexes.map((i) => i.name).sort()).toEqual(['keys', 'words']);
    expect(current.tables.map((t) => t.name)).not.toContain('csvRows');
    expect(await current.csvRowChunks.count()).toBe(3 + 1);
    // 900 done + 3 failed + the row that was tried: the 1,596 never-run rows have no state record.
    expect(await current.csvRowState.count()).toBe(904 + 3);
    expect(await allRows(current, 'run')).toEqual(running);
    expect(await allRows(current, 'done')).toEqual(finished);
    expect(await allRows(current, 'gone')).toEqual([]);
    expect(await countWithStatus(current, 'run', 'done')).toBe(900);
    expect((await rowsWithStatus(current, 'run', 'failed')).map((r) => r.index)).toEqual([900, 901, 902]);
    // The runner's next window starts at the first row not final, the tried one included.
    const pending = await pendingRows(current, 'run', 0, 5);
    expect(pending.map((r) => r.index)).toEqual([903, 904, 905, 906, 907]);
    expect(pending[0]).toMatchObject({ providersTried: ['apollo'], values: ['p903@acme.com', 'P 903'] });
    expect(await current.csvJobs.get('run')).toMatchObject({ status: 'running', rowCount: 2500, creditsSpent: 7 });
    current.close();
  });
});
