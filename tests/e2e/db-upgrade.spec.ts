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
