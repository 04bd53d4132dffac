/**
 * The command palette as a rep uses it: Ctrl+K anywhere (also while typing in a filter), a few
 * letters, Enter. Goes to pages and saved lists, runs the search, switches the colour scheme.
 */
import { expect, test } from '@playwright/test';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => stack?.close());

test('Ctrl+K: go to a page, run the search from a filter field, switch to dark', async ({ page }) => {
  await page.goto(`${stack.host.url}/#/search`);
  await expect(page.getByRole('heading', { name: 'Search people' })).toBeVisible();

  await page.keyboard.press('Control+K');
  const command = page.getByRole('textbox', { name: 'Command' });
  await expect(command).toBeFocused();
  await page.keyboard.type('go to lists');
  await expect(page.getByRole('button', { name: 'Go to Lists' })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/lists$/);
  await expect(command).toHaveCount(0);

  // From inside a filter field on Search: the palette still opens, and runs the search.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' }).click();
  await page.getByRole('combobox', { name: 'Company domains' }).click();
  await page.keyboard.press('Control+K');
  await page.keyboard.type('run the people');
  await page.getByRole('button', { name: /Run the people search/ }).click();
  await expect(page.getByTestId('result-summary')).toContainText('page 1');
  await expect(command).toHaveCount(0);

  await page.keyboard.press('Control+K');
  await expect(command).toBeFocused();
  await page.keyboard.type('dark scheme');
  // The list filters as it is typed: wait for it to narrow before choosing the first entry.
  await expect(page.getByRole('button', { name: 'Use the dark scheme' })).toBeVisible();
  await expect(page.getByRole('dialog').getByRole('button')).toHaveCount(1);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await expect(command).toHaveCount(0);

  // Escape closes it without doing anything.
  await page.keyboard.press('Control+K');
  await expect(command).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(command).toHaveCount(0);
});
