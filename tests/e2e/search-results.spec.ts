/**
 * Search results as a rep works them: choose columns, sort, read the saved/new mark, act on one row
 * (save, add to a list, enrich, open), and see values the provider keeps locked (Apollo's search rows
 * say an email exists without giving it) marked as locked with the action and its cost.
 */
import { expect, test, type Page } from '@playwright/test';
import { getSampleDataset } from '../../main/providers/sample/dataset';
import { callChannel, startStack, type Stack } from './support/stack';

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
  const set = await callChannel(stack.host.url, 'secrets.set', {
    provider: 'apollo',
    key: stack.sims.handles.apollo!.validKey,
  });
  expect(set.body.ok).toBe(true);
});
test.afterAll(async () => stack?.close());

const grid = (page: Page) => page.getByRole('grid', { name: 'Search results' });

async function searchApollo(page: Page, domain: string) {
  await page.goto(`${stack.host.url}/#/search`);
  await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'Apollo' });
  await page.getByRole('combobox', { name: 'Company domains' }).fill(domain);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByTestId('result-summary')).toContainText('page 1');
}

async function columnTexts(page: Page, header: string): Promise<string[]> {
  const headers = await grid(page).getByRole('columnheader').allTextContents();
  const index = headers.findIndex((h) => h.replace(/[▲▼]/g, '').trim() === header);
  expect(index, `column ${header}`).toBeGreaterThanOrEqual(0);
  return grid(page)
    .getByRole('row')
    .evaluateAll(
      (rows, i) => rows.slice(1).map((r) => r.querySelectorAll('[role=gridcell]')[i]?.textContent ?? ''),
      index,
    );
}

test('columns, sorting, locked email with its cost, row actions', async ({ page }) => {
  const data = getSampleDataset();
  const org = data.organizations.find((o) => data.people.filter((p) => p.organizationId === o.id).length >= 4)!;
  await searchApollo(page, org.domain);

  // Apollo's search rows carry has_email and no address: locked, with the unlock and its price.
  const firstRow = grid(page).getByRole('row').nth(1);
  await expect(firstRow.getByText('Locked', { exact: true })).toBeVisible();
  const unlock = firstRow.getByRole('button', { name: /^Enrich · \d+ credits? to unlock the email of .+$/ });
  await expect(unlock).toBeVisible();
  await expect(firstRow.getByText('New', { exact: true })).toBeVisible();

  // Column chooser: add company size and phone, drop title.
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('checkbox', { name: 'Company size' }).check();
  await page.getByRole('checkbox', { name: 'Phone' }).check();
  await page.getByRole('checkbox', { name: 'Title' }).uncheck();
  await page.keyboard.press('Escape');
  await expect(grid(page).getByRole('columnheader', { name: 'Company size' })).toBeVisible();
  await expect(grid(page).getByRole('columnheader', { name: 'Phone' })).toBeVisible();
  await expect(grid(page).getByRole('columnheader', { name: 'Title' })).toHaveCount(0);

  // Sorting by name: ascending, then descending.
  await grid(page).getByRole('button', { name: 'Name', exact: true }).click();
  await expect(grid(page).getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'ascending');
  const ascending = await columnTexts(page, 'Name');
  expect(ascending.length).toBeGreaterThan(1);
  expect(ascending).toEqual([...ascending].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));
  await grid(page).getByRole('button', { name: 'Name', exact: true }).click();
  await expect(grid(page).getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'descending');
  expect(await columnTexts(page, 'Name')).toEqual([...ascending].reverse());

  // Row actions on one row: save it; it is then marked Saved. Apollo's search rows lock the surname
  // (shown as "Ge***n", locked, with its unlock), so the row is found by the first name.
  const first = ascending[ascending.length - 1]!.split(' ')[0]!;
  const startsWith = (text: string) => new RegExp(`^${text}`);
  const row = grid(page).getByRole('row').filter({ hasText: first });
  await row.getByRole('button', { name: startsWith(`Actions for ${first}`) }).click();
  await page.getByRole('menuitem', { name: 'Save' }).click();
  await expect(row.getByText('Saved', { exact: true })).toBeVisible();

  // Add to a new list from the row's menu.
  await row.getByRole('button', { name: startsWith(`Actions for ${first}`) }).click();
  await page.getByRole('menuitem', { name: 'Add to list…' }).click();
  const dialog = page.getByRole('dialog', { name: startsWith(`Add ${first}`) });
  await dialog.getByLabel('Save to list').selectOption({ label: 'New list…' });
  await dialog.getByLabel('New list name').fill('Row action list');
  await dialog.getByRole('button', { name: /Save 1 selected/ }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Saved 1 person to the list' })).toBeVisible();

  // Enrich from the locked email: the address replaces the lock and the credits are said.
  await row.getByRole('button', { name: /^Enrich · \d+ credits? to unlock the email of/ }).click();
  await expect(
    page.getByRole('status').filter({ hasText: new RegExp(`^Enriched ${first}.* \\(\\d+ credits?\\)`) }),
  ).toBeVisible();
  await expect(row.getByText(/^[^@\s]+@[^@\s]+$/)).toBeVisible();
  await expect(row.getByRole('button', { name: /^Enrich · \d+ credits? to unlock the email of/ })).toHaveCount(0);

  // Open from the row's menu goes to the person page.
  await row.getByRole('button', { name: startsWith(`Actions for ${first}`) }).click();
  await page.getByRole('menuitem', { name: 'Open' }).click();
  await expect(page.getByRole('heading', { level: 1, name: startsWith(first) })).toBeVisible();
});
