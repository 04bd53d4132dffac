/**
 * Settings as a rep first meets it: each card says what the provider is for and where to get a key;
 * a saved key is tested at once, so a wrong one is refused where it was typed; a credit balance is
 * said once.
 */
import { expect, test, type Page } from '@playwright/test';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => stack?.close());
test.beforeEach(() => {
  for (const sim of Object.values(stack.sims.handles)) sim.reset();
});

const card = (page: Page, label: string) => page.getByRole('article', { name: label });

test('a wrong key is refused as soon as it is saved; a good one is tested and kept', async ({ page }) => {
  await page.goto(`${stack.host.url}/#/settings`);
  const apollo = card(page, 'Apollo');
  await apollo.getByLabel('API key').fill('not-a-valid-key-9999');
  await apollo.getByRole('button', { name: 'Save' }).click();
  // No "Test connection" click: the refusal is there at once.
  await expect(apollo.getByRole('alert')).toHaveText('Apollo refused this key. Paste a working key to replace it.');
  await expect(apollo.getByTestId('test-status')).toContainText('Invalid key');

  await apollo.getByLabel('Replace key').fill(stack.sims.handles.apollo!.validKey);
  await apollo.getByRole('button', { name: 'Replace' }).click();
  await expect(apollo.getByRole('status').filter({ hasText: 'Key saved and tested.' })).toBeVisible();
  await expect(apollo.getByTestId('test-status')).toContainText('Working');
  await expect(apollo.getByRole('alert')).toHaveCount(0);
});

test('each card says what the provider is for, where to get a key, and its balance once', async ({ page }) => {
  await page.goto(`${stack.host.url}/#/settings`);
  await expect(card(page, 'Ocean.io')).toContainText('Used for: Search people and lookalikes');
  await expect(card(page, 'ApiOne')).toContainText('Used for: Enrich people');
  await expect(card(page, 'Sumble')).toContainText('Used for: Search people, enrich people and related people');
  await expect(
    card(page, 'Apollo').getByRole('link', { name: /Apollo: Settings → Integrations → API/ }),
  ).toHaveAttribute('href', /^https:\/\/app\.apollo\.io\//);
  for (const label of ['ApiOne', 'Ocean.io', 'Sumble'])
    await expect(card(page, label).getByRole('link', { name: /account/ })).toBeVisible();

  const sumble = card(page, 'Sumble');
  const credits = 1_234_567;
  stack.sims.handles.sumble!.setKnobs({ credits });
  await sumble.getByLabel('API key').fill(stack.sims.handles.sumble!.validKey);
  await sumble.getByRole('button', { name: 'Save' }).click();
  await expect(sumble.getByText('Credits left: 1,234,567')).toBeVisible();
  const text = (await sumble.textContent()) ?? '';
  expect(text.split('1,234,567').length - 1, `the balance is said once in: ${text}`).toBe(1);
});
