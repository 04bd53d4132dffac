/**
 * The filter rail on Search, as a rep uses it: pick values with the keyboard and see them as chips,
 * read the one-line summary, clear everything in one click, fold the rail away. Filters the chosen
 * provider cannot apply stay visible and disabled with the reason, and a value already chosen in one
 * is kept and reported, not dropped. Placeholders follow the provider.
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

async function openSearch(page: Page) {
  await page.goto(`${stack.host.url}/#/search`);
  await expect(page.getByRole('heading', { name: 'Search people' })).toBeVisible();
  return page.getByRole('complementary', { name: 'Filters' });
}

test('choose filters with the keyboard, see chips and the summary, search, clear in one click', async ({ page }) => {
  const data = getSampleDataset();
  const expected = data.people.filter((p) => p.seniority === 'vp' && p.countryCode === 'US').length;
  const rail = await openSearch(page);

  // Seniority: type to narrow the list, Enter takes the first match.
  await rail.getByLabel('Seniority', { exact: true }).click();
  await page.keyboard.type('vp');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect(rail.getByText('VP', { exact: true })).toBeVisible();

  // Location: typed, then a comma makes it a chip.
  await rail.getByLabel('Person location').click();
  await page.keyboard.type('US,');
  await expect(rail.getByText('US', { exact: true })).toBeVisible();

  const summary = page.getByRole('status', { name: 'Applied filters' });
  await expect(summary).toContainText('Seniority: VP');
  await expect(summary).toContainText('Person location: US');

  await rail.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByTestId('result-summary')).toContainText(`${expected.toLocaleString('en-US')} results`);

  await page.getByRole('button', { name: 'Clear all filters' }).click();
  await expect(summary).toContainText('No filters');
  await expect(rail.getByText('VP', { exact: true })).toHaveCount(0);

  // The rail folds away and comes back.
  await rail.getByRole('button', { name: 'Hide filters' }).click();
  await expect(page.getByRole('complementary', { name: 'Filters' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Show filters' }).click();
  await expect(page.getByRole('complementary', { name: 'Filters' })).toBeVisible();
});

test('a filter Apollo cannot apply is shown disabled with the reason, and a chosen value is kept and reported', async ({
  page,
}) => {
  const data = getSampleDataset();
  const rail = await openSearch(page);
  await expect(rail.getByLabel("Company ids (the provider's)", { exact: true })).toHaveAttribute(
    'placeholder',
    'org_0001',
  );

  await rail.getByLabel('Industries').click();
  await page.keyboard.type('Software,');
  await rail.getByLabel('Company domains').click();
  await page.keyboard.type(`${data.organizations[0]!.domain},`);

  await rail.getByLabel('Provider', { exact: true }).selectOption({ label: 'Apollo' });
  const industries = rail.getByLabel('Industries');
  await expect(industries).toBeDisabled();
  await expect(rail.getByText('Not applied by Apollo: kept for other providers')).toBeVisible();
  await expect(rail.getByText('Software', { exact: true })).toBeVisible();
  // Organization names are not applied by Apollo either, and say so while empty.
  await expect(rail.getByLabel('Company names')).toBeDisabled();
  // Apollo's own example, not the sample data's or Sumble's.
  await expect(rail.getByLabel("Company ids (the provider's)", { exact: true })).toHaveAttribute(
    'placeholder',
    '5e66b6381e05b4008c8331b8',
  );
  await expect(page.getByRole('status', { name: 'Applied filters' })).toContainText(
    'Industries: Software (not applied by Apollo)',
  );

  await rail.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByText(/Not applied by Apollo: .*industries/)).toBeVisible();
});
