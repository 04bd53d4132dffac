/**
 * Settings > Local data, the way a rep uses it: change how long paid lookups are kept, then clear
 * everything Prospect Desk stored on this computer (keys and main's journal included).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { callChannel, startStack, type Stack } from './support/stack';

let stack: Stack;
let dataDir: string;
test.beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pd-e2e-data-'));
  stack = await startStack({ env: { PROSPECT_DESK_DATA_DIR: dataDir } });
});
test.afterAll(async () => {
  await stack?.close();
  await rm(dataDir, { recursive: true, force: true });
});

test('set the retention, then clear all local data', async ({ page }) => {
  await page.goto(`${stack.host.url}/#/settings`);
  const local = page.getByRole('region', { name: 'Local data' });
  const days = local.getByLabel('Keep paid lookups for (days)');
  await expect(days).toHaveValue('90');
  await days.fill('30');
  await local.getByRole('button', { name: 'Save retention' }).click();
  await expect(local.getByRole('status')).toHaveText('Paid lookups are kept for 30 days.');
  expect(await readFile(join(dataDir, 'enrich-journal.jsonl'), 'utf8')).toContain('"retentionDays":30');

  const set = await callChannel(stack.host.url, 'secrets.set', {
    provider: 'apollo',
    key: stack.sims.handles.apollo!.validKey,
  });
  expect(set.body.ok).toBe(true);
  await local.getByRole('button', { name: 'Clear all local data' }).click();
  await local.getByRole('button', { name: 'Yes, clear everything' }).click();
  // The Apollo card is on the page before and after the reload, so wait on what the click changes.
  await expect
    .poll(async () => {
      const list = await callChannel(stack.host.url, 'providers.list', {});
      return list.body.value.find((p: { id: string }) => p.id === 'apollo').configured;
    })
    .toBe(false);
  await expect(page.getByRole('article', { name: 'Apollo' })).toBeVisible();
  const databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  expect(databases.length).toBeLessThanOrEqual(1); // reopened empty by the reloaded app at most
});
