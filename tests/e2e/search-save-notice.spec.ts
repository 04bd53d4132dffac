/**
 * After saving from a search the rep is told which list the people went to, with a link there, and
 * the list picker is back at "No list"; deleting a saved search asks first.
 */
import { expect, test } from '@playwright/test';
import { getSampleDataset } from '../../main/providers/sample/dataset';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => stack?.close());

test('the save notice names and links the list, the picker resets, deleting a saved search asks', async ({ page }) => {
  const data = getSampleDataset();
  const org = data.organizations.find((o) => data.people.filter((p) => p.organizationId === o.id).length >= 3)!;
  await page.goto(`${stack.host.url}/#/search`);
  await page.getByRole('combobox', { name: 'Company domains' }).fill(org.domain);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const grid = page.getByRole('grid', { name: 'Search results' });
  for (const i of [1, 2]) await grid.getByRole('checkbox', { name: `Select row ${i}`, exact: true }).check();

  await page.getByLabel('Save to list').selectOption({ label: 'New list…' });
  await page.getByLabel('New list name').fill('Notice list');
  await page.getByRole('button', { name: 'Save 2 selected' }).click();
  const notice = page.getByRole('status').filter({ hasText: 'Saved 2 people to the list “Notice list”.' });
  await expect(notice).toBeVisible();
  await expect(page.getByLabel('Save to list')).toHaveValue('');
  await expect(page.getByLabel('New list name')).toHaveCount(0);

  // Name this search, then follow the notice's link to the list.
  await page.getByLabel('Search name').fill('Notice search');
  await page.getByRole('button', { name: 'Save search' }).click();
  await expect(page.getByText('Saved search "Notice search".')).toBeVisible();
  await page.getByLabel('Save to list').selectOption({ label: 'Notice list' });
  await grid.getByRole('checkbox', { name: 'Select row 3', exact: true }).check();
  await page.getByRole('button', { name: 'Save 3 selected' }).click();
  const again = page.getByRole('status').filter({ hasText: 'Saved 3 people to the list “Notice list”.' });
  await again.getByRole('link', { name: 'Open Notice list' }).click();
  await expect(page.getByRole('grid', { name: 'Members of Notice list' })).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Members of Notice list' })).toHaveAttribute('aria-rowcount', '3');

  // Deleting the saved search asks first; Keep keeps it.
  await page.getByRole('button', { name: 'Delete saved search Notice search' }).click();
  const ask = page.getByRole('group', { name: 'Delete saved search Notice search?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Keep' }).click();
  await expect(page.getByRole('button', { name: 'Delete saved search Notice search' })).toBeVisible();
  await page.getByRole('button', { name: 'Delete saved search Notice search' }).click();
  await ask.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('button', { name: 'Delete saved search Notice search' })).toHaveCount(0);
});
