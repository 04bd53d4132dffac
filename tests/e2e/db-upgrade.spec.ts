/**
 * A database made by the previous release (schema version 2, written here with raw IndexedDB the way
 * Dexie laid it out), opened by the current app in real Chromium: the upgrade keeps every saved
 * person and list, and builds the people index's log so they are searchable and filterable at once.
 */
import { expect, test } from '@playwright/test';
import type { Person } from '../../shared/domain';
import { personIdentityKeys } from '../../shared/identity';
import { getSampleDataset } from '../../main/providers/sample/dataset';
import { toPerson } from '../../main/providers/sample/mapping';
import { personWords } from '../../renderer/src/db/words';
import { readExport } from './support/csv';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => stack?.close());

const SAVED_AT = '2026-06-01T00:00:00.000Z';

/** People rows as version 2 stored them: identity keys, search words and their 1-3 letter prefixes on the row. */
function v2People(count: number) {
  const data = getSampleDataset();
  const orgs = new Map(data.organizations.map((o) => [o.id, o]));
  return data.people.slice(0, count).map((raw) => {
    const p: Person = toPerson(raw, orgs.get(raw.organizationId)!, 'full', SAVED_AT);
    const words = personWords(p);
    const prefixes = [
      ...new Set(words.flatMap((w) => [1, 2, 3].filter((n) => n <= w.length).map((n) => w.slice(0, n)))),
    ];
    return {
      ...p,
      keys: personIdentityKeys(p),
      words,
      prefixes,
      countryCode: p.location?.countryCode,
      savedAt: SAVED_AT,
    };
  });
}

test('a version-2 database opens upgraded: people, lists, search and filters intact', async ({ page }) => {
  const people = v2People(400);
  const target = people[137]!;
  const country = target.countryCode!;
  const inCountry = people.filter((p) => p.countryCode === country).length;
  const listMembers = people.slice(0, 12).map((p) => p.id);

  // Same origin, without the app: the host answers unknown paths with a plain 404 page.
  await page.goto(`${stack.host.url}/no-app-here`);
  await page.evaluate(
    async ({ rows, members, savedAt }) => {
      // Dexie stores version n as IndexedDB version n * 10 and names each index after its key path.
      const stores: [string, string | string[], [string, string | string[], boolean][]][] = [
        [
          'people',
          'id',
          [
            ['keys', 'keys', true],
            ['words', 'words', true],
            ['organizationId', 'organizationId', false],
            ['seniority', 'seniority', false],
            ['countryCode', 'countryCode', false],
            ['savedAt', 'savedAt', false],
            ['departments', 'departments', true],
            ['prefixes', 'prefixes', true],
          ],
        ],
        [
          'organizations',
          'id',
          [
            ['keys', 'keys', true],
            ['words', 'words', true],
            ['domain', 'domain', false],
            ['savedAt', 'savedAt', false],
          ],
        ],
        [
          'jobPostings',
          'id',
          [
            ['organizationId', 'organizationId', false],
            ['fetchedAt', 'fetchedAt', false],
          ],
        ],
        [
          'lists',
          'id',
          [
            ['name', 'name', false],
            ['createdAt', 'createdAt', false],
          ],
        ],
        [
          'listMembers',
          ['listId', 'memberId'],
          [
            ['listId', 'listId', false],
            ['memberId', 'memberId', false],
          ],
        ],
        [
          'savedSearches',
          'id',
          [
            ['kind', 'kind', false],
            ['createdAt', 'createdAt', false],
          ],
        ],
        [
          'enrichments',
          'key',
          [
            ['provider', 'provider', false],
            ['fetchedAt', 'fetchedAt', false],
          ],
        ],
        [
          'csvJobs',
          'id',
          [
            ['status', 'status', false],
            ['createdAt', 'createdAt', false],
          ],
        ],
        [
          'csvRows',
          ['jobId', 'index'],
          [
            ['jobId', 'jobId', false],
            ['[jobId+status]', ['jobId', 'status'], false],
          ],
        ],
      ];
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('prospect-desk', 20);
        request.onupgradeneeded = () => {
          for (const [name, keyPath, indexes] of stores) {
            const store = request.result.createObjectStore(name, { keyPath });
            for (const [index, path, multiEntry] of indexes) store.createIndex(index, path, { multiEntry });
          }
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['people', 'lists', 'listMembers'], 'readwrite');
        for (const row of rows) tx.objectStore('people').put(row);
        tx.objectStore('lists').put({
          id: 'old-list',
          name: 'Kept from v2',
          kind: 'people',
          createdAt: savedAt,
          updatedAt: savedAt,
        });
        for (const memberId of members)
          tx.objectStore('listMembers').put({ listId: 'old-list', memberId, addedAt: savedAt });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { rows: people, members: listMembers, savedAt: SAVED_AT },
  );

  await page.goto(stack.host.url);
  await page.getByRole('tab', { name: 'Saved people' }).click();
  await expect(page.getByTestId('saved-count')).toHaveText(`${people.length} saved`);
  const grid = page.getByRole('grid', { name: 'Saved people' });
  await page.getByLabel('Search saved people').fill(`${target.firstName} ${target.lastName}`);
  await expect(grid).toContainText(target.fullName!);
  await page.getByLabel('Search saved people').fill('');
  await page.getByLabel('Country code').fill(country);
  await expect(page.getByTestId('saved-count')).toHaveText(`${inCountry} saved`);
  await page.getByLabel('Country code').fill('');
  await page.getByLabel('List').selectOption({ label: 'Kept from v2' });
  await expect(page.getByTestId('saved-count')).toHaveText(`${listMembers.length} saved`);

  // Found again through a provider, the same person is marked as already saved.
  await page.getByRole('tab', { name: 'Find people' }).click();
  await page.getByLabel('Name', { exact: true }).fill(target.fullName!);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const results = page.getByRole('grid', { name: 'Search results' });
  const row = results.getByRole('row').filter({ hasText: target.fullName! }).first();
  await expect(row.getByText('Saved', { exact: true })).toBeVisible();
});

test('a version-3 database opens upgraded: CSV jobs keep their rows, export and resume', async ({ page }) => {
  await page.goto(`${stack.host.url}/no-app-here`);
  await page.evaluate(async (at) => {
    // Version 3 as Dexie laid it out (IndexedDB version 30): one csvRows record per row.
    const stores: [string, string | string[], [string, string | string[]][], boolean?][] = [
      ['people', 'id', [['organizationId', 'organizationId']]],
      [
        'organizations',
        'id',
        [
          ['domain', 'domain'],
          ['savedAt', 'savedAt'],
        ],
      ],
      [
        'jobPostings',
        'id',
        [
          ['organizationId', 'organizationId'],
          ['fetchedAt', 'fetchedAt'],
        ],
      ],
      [
        'lists',
        'id',
        [
          ['name', 'name'],
          ['createdAt', 'createdAt'],
        ],
      ],
      [
        'listMembers',
        ['listId', 'memberId'],
        [
          ['listId', 'listId'],
          ['memberId', 'memberId'],
        ],
      ],
      [
        'savedSearches',
        'id',
        [
          ['kind', 'kind'],
          ['createdAt', 'createdAt'],
        ],
      ],
      [
        'enrichments',
        'key',
        [
          ['provider', 'provider'],
          ['fetchedAt', 'fetchedAt'],
        ],
      ],
      [
        'csvJobs',
        'id',
        [
          ['status', 'status'],
          ['createdAt', 'createdAt'],
        ],
      ],
      [
        'csvRows',
        ['jobId', 'index'],
        [
          ['jobId', 'jobId'],
          ['[jobId+status]', ['jobId', 'status']],
        ],
      ],
      ['peopleSearch', 'seq', [], true],
    ];
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('prospect-desk', 30);
      request.onupgradeneeded = () => {
        for (const [name, keyPath, indexes, autoIncrement] of stores) {
          const store = request.result.createObjectStore(name, { keyPath, autoIncrement: !!autoIncrement });
          const words = name === 'organizations' ? [['keys'], ['words']] : [];
          for (const [w] of words) store.createIndex(w!, w!, { multiEntry: true });
          for (const [index, path] of indexes) store.createIndex(index, path);
        }
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const job = (id: string, fileName: string, status: string, extra: object) => ({
      id,
      fileName,
      createdAt: at,
      updatedAt: at,
      status,
      headers: ['Email', 'Full Name', 'Title'],
      rowCount: 3,
      mapping: { '0': 'email', '1': 'fullName', '2': 'title' },
      plan: { providers: ['sample'], fields: ['title'], mode: 'fill_empty', freshnessDays: 90 },
      creditsSpent: 2,
      ...extra,
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(['csvJobs', 'csvRows'], 'readwrite');
      tx.objectStore('csvJobs').put(job('old', 'old-leads.csv', 'done', { finishedAt: at }));
      tx.objectStore('csvJobs').put(job('half', 'half-done.csv', 'paused', { pausedReason: 'Paused by you.' }));
      const rows = tx.objectStore('csvRows');
      rows.put({
        jobId: 'old',
        index: 0,
        status: 'done',
        values: ['ada@old.example', 'Ada Old', ''],
        line: 2,
        enriched: { title: 'Chief Counter' },
        sources: { title: 'sample' },
      });
      rows.put({
        jobId: 'old',
        index: 1,
        status: 'not_found',
        values: ['bob@old.example', 'Bob Old', ''],
        line: 3,
        providersTried: ['sample'],
      });
      rows.put({ jobId: 'old', index: 2, status: 'skipped', values: ['', '', 'CTO'], line: 4 });
      for (let i = 0; i < 3; i++)
        rows.put({ jobId: 'half', index: i, status: 'pending', values: [`p${i}@half.example`, '', ''], line: i + 2 });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, SAVED_AT);

  await page.goto(stack.host.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Enrich CSV' }).click();
  const finished = page.getByRole('region', { name: 'Finished enrichments', exact: true });
  await expect(finished).toContainText('old-leads.csv (3 rows');
  await finished.getByRole('button', { name: 'Export enriched CSV' }).click();
  await expect(page.getByText(/Saved 3 rows/)).toBeVisible();
  const out = await readExport(stack.host.exportDir, 'old-leads - enriched.csv');
  expect(out.rows.map((r) => r.slice(0, 2))).toEqual([
    ['ada@old.example', 'Ada Old'],
    ['bob@old.example', 'Bob Old'],
    ['', ''],
  ]);
  expect(out.rows[0]).toContain('Chief Counter');
  const status = out.header.indexOf('Enrichment status');
  expect(out.rows.map((r) => r[status])).toEqual(['enriched', 'not found', 'skipped']);

  // The paused job's rows came over as never run: Resume runs all three.
  const unfinished = page.getByRole('region', { name: 'Unfinished enrichments', exact: true });
  await expect(unfinished).toContainText('half-done.csv: paused');
  await unfinished.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByTestId('run-finished')).toHaveText('Finished.', { timeout: 60_000 });
  await expect(page.getByTestId('run-progress')).toContainText('3 / 3 rows');
});
