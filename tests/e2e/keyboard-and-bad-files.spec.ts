/** Keyboard use of the results table, and bad files dropped on the window: a clear message, no crash. */
import { expect, test } from '@playwright/test';
import { dropFile } from './support/csv';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => stack?.close());

test('results table: arrows move, space selects, shift extends, Enter opens', async ({ page }) => {
  await page.goto(`${stack.host.url}/#/search`);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const body = page.getByTestId('vtable-body');
  await body.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press(' ');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(page.getByRole('grid', { name: 'Search results' }).locator('[aria-selected=true]')).toHaveCount(3);
  await expect(page.getByRole('button', { name: 'Save 3 selected' })).toBeEnabled();
  const third = (await page.locator('[data-cursor]').getByRole('gridcell').nth(2).textContent())!.trim();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: third })).toBeVisible();
});

for (const [name, content, message] of [
  ['empty.csv', '', /empty/i],
  ['header-only.csv', 'email,first name,last name\r\n', /no rows|only a header|no data/i],
  ['photo.csv', '\u0000\u0001\u0002PNG\u0000\u0000IHDR\u0000\u0000\u0000\u0010binary\u0000', /not a CSV|binary|text/i],
] as const) {
  test(`dropping ${name} explains what is wrong and keeps the app usable`, async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(stack.host.url);
    await dropFile(page, content, name);
    await expect(page.getByRole('alert')).toContainText(message);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' }).click();
    await expect(page.getByRole('heading', { name: 'Search people' })).toBeVisible();
    expect(errors).toEqual([]);
  });
}

test('a ragged file with a stray quote is read, and the problem rows are named by line', async ({ page }) => {
  const text = 'email,first name,last name\r\na@x.com,Ann,Lee\r\nb@x.com,Bob\r\nc@x.com,"Cy,Dee\r\nd@x.com,Dan,Roe\r\n';
  await page.goto(stack.host.url);
  await dropFile(page, text, 'ragged.csv');
  await expect(page.getByRole('heading', { name: /ragged\.csv: \d+ rows/ })).toBeVisible();
  await page.getByText(/need a look/).click();
  await expect(page.getByTestId('parse-issues')).toContainText('Line 3');
});
