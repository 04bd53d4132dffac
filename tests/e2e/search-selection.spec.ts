/**
 * Working with many people from a search: the selection survives paging and a new page size,
 * "Select all N" pages through the provider with the cap stated, and the selection is exported to
 * CSV in one click (read back: one row each, BOM) and saved to a list.
 */
import { expect, test, type Page } from '@playwright/test';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getSampleDataset } from '../../main/providers/sample/dataset';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => stack?.close());

const grid = (page: Page) => page.getByRole('grid', { name: 'Search results' });

async function searchVps(page: Page) {
  await page.goto(`${stack.host.url}/#/search`);
  const rail = page.getByRole('complementary', { name: 'Filters' });
  await rail.getByLabel('Seniority', { exact: true }).click();
  await page.keyboard.type('vp');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await rail.getByLabel('Person location').click();
  await page.keyboard.type('US,');
  await rail.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByTestId('result-summary')).toContainText('page 1');
}

test('selection across pages and page sizes, select all N, export and save the selection', async ({ page }) => {
  const data = getSampleDataset();
  const expected = data.people.filter((p) => p.seniority === 'vp' && p.countryCode === 'US');
  expect(expected.length).toBeGreaterThan(50);
  await searchVps(page);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '25');

  // Two on page 1, one on page 2: all three stay selected.
  await grid(page).getByRole('checkbox', { name: 'Select row 1', exact: true }).check();
  await grid(page).getByRole('checkbox', { name: 'Select row 2', exact: true }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByTestId('result-summary')).toContainText('page 2');
  await grid(page).getByRole('checkbox', { name: 'Select row 1', exact: true }).check();
  await expect(page.getByRole('button', { name: 'Save 3 selected' })).toBeVisible();
  await page.getByRole('button', { name: 'Previous' }).click();
  await expect(grid(page).getByRole('checkbox', { name: 'Select row 1', exact: true })).toBeChecked();

  // A page size of 100 starts again at page 1 and keeps the selection.
  await page.getByLabel('Page size').selectOption('100');
  // The table is virtual: it says how many rows it holds.
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(Math.min(100, expected.length)));
  await expect(page.getByRole('button', { name: 'Save 3 selected' })).toBeVisible();

  // Select all N: the cap is stated, every result ends up selected.
  await expect(page.getByText('Up to 10,000 people are selected at once.')).toBeVisible();
  await page.getByRole('button', { name: `Select all ${expected.length.toLocaleString('en-US')} results` }).click();
  await expect(page.getByRole('button', { name: `Save ${expected.length} selected` })).toBeVisible();

  // Export the selection in one click and read it back.
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export Selected results' });
  await dialog.getByRole('button', { name: `Export ${expected.length.toLocaleString('en-US')} people` }).click();
  await expect(dialog).toHaveCount(0);
  const file = (await readdir(stack.host.exportDir)).find((f) => /selected/i.test(f));
  expect(file, 'an export of the selection').toBeTruthy();
  const raw = await readFile(join(stack.host.exportDir, file!), 'utf8');
  expect(raw.startsWith('\uFEFF')).toBe(true);
  // Sample names and titles hold no line breaks, so one line is one person (plus the header).
  const lines = raw
    .replace(/^\uFEFF/, '')
    .split(/\r\n/)
    .filter(Boolean);
  expect(lines.length - 1).toBe(expected.length);
  for (const p of expected.slice(0, 5)) expect(lines.some((l) => l.includes(p.lastName))).toBe(true);

  // Save the whole selection to a new list.
  await page.getByLabel('Save to list').selectOption({ label: 'New list…' });
  await page.getByLabel('New list name').fill('All US VPs');
  await page.getByRole('button', { name: `Save ${expected.length} selected` }).click();
  await expect(page.getByRole('status').filter({ hasText: `Saved ${expected.length} people` })).toBeVisible();
  await expect(grid(page).getByText('Saved', { exact: true }).first()).toBeVisible();
});
