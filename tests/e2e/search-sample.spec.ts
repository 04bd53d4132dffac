/**
 * The rep's main loop on the embedded sample data (no key): search with filters, page, save to a
 * list, reload and find it again, company page with job postings, related people and lookalikes.
 */
import { expect, test, type Page } from '@playwright/test';
import { getSampleDataset } from '../../main/providers/sample/dataset';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => stack?.close());

async function openSearch(page: Page) {
  await page.goto(stack.host.url);
  await expect(page.getByRole('heading', { name: 'Search people' })).toBeVisible();
}

test('search sample people with filters, page through, save to a list, reload and find them', async ({ page }) => {
  const data = getSampleDataset();
  // The expected count comes from the dataset itself, filtered independently.
  const expected = data.people.filter((p) => p.seniority === 'vp' && p.countryCode === 'US').length;
  expect(expected).toBeGreaterThan(25);

  await openSearch(page);
  await page.getByRole('combobox', { name: 'Seniority' }).click();
  await page.keyboard.type('vp');
  await page.keyboard.press('Enter');
  await page.getByRole('combobox', { name: 'Person location' }).fill('US');
  await page.getByRole('combobox', { name: 'Person location' }).press('Enter');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByTestId('result-summary')).toContainText(`${expected.toLocaleString('en-US')} results`);
  await expect(page.getByText('Sample data: synthetic people')).toBeVisible();

  const grid = page.getByRole('grid', { name: 'Search results' });
  await expect(grid.getByRole('row').nth(1)).toBeVisible();
  const firstName = (await grid.getByRole('row').nth(1).getByRole('gridcell').nth(2).textContent())!;

  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByTestId('result-summary')).toContainText('page 2');
  await page.getByRole('button', { name: 'Previous' }).click();
  await expect(page.getByTestId('result-summary')).toContainText('page 1');

  // Select the first three rows, save them into a new list.
  for (const i of [1, 2, 3]) await grid.getByRole('checkbox', { name: `Select row ${i}`, exact: true }).check();
  await page.getByLabel('Save to list').selectOption('__new');
  await page.getByLabel('New list name').first().fill('US VPs');
  await page.getByRole('button', { name: 'Save 3 selected' }).click();
  await expect(page.getByText('Saved 3 people to the list “US VPs”.')).toBeVisible();
  await expect(grid.getByText('Saved', { exact: true })).toHaveCount(3);

  await page.reload();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lists' }).click();
  await page.getByRole('button', { name: /US VPs/ }).click();
  await expect(page.getByTestId('member-count')).toHaveText('3 members');
  await expect(page.getByRole('grid', { name: 'Members of US VPs' })).toContainText(firstName.trim());

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' }).click();
  await page.getByRole('tab', { name: 'Saved people' }).click();
  const lastName = firstName.trim().split(' ').pop()!;
  await page.getByLabel('Search saved people').fill(lastName.slice(0, 3).toLowerCase());
  await expect(page.getByRole('grid', { name: 'Saved people' })).toContainText(firstName.trim());
});

test('company page shows job postings as hiring signals, cached after one fetch', async ({ page }) => {
  const data = getSampleDataset();
  const org = data.organizations.find((o) => data.jobPostings.filter((j) => j.organizationId === o.id).length >= 3)!;
  const postings = data.jobPostings.filter((j) => j.organizationId === org.id);

  await page.goto(stack.host.url + '/#/companies');
  await page.getByRole('combobox', { name: 'Domains' }).fill(org.domain);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const grid = page.getByRole('grid', { name: 'Company results' });
  await expect(grid.getByRole('row')).toHaveCount(2);
  await grid.getByRole('row').nth(1).dblclick();
  await expect(page.getByRole('heading', { level: 1, name: org.name })).toBeVisible();
  await page.getByRole('button', { name: 'Fetch job postings' }).click();
  await expect(page.getByText(`${postings.length} job postings fetched.`)).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Job postings' })).toContainText(postings[0]!.title);
  await expect(page.getByRole('button', { name: 'Refresh job postings' })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('grid', { name: 'Job postings' })).toContainText(postings[0]!.title);
});

test('person page: related people and lookalikes from the sample provider', async ({ page }) => {
  const data = getSampleDataset();
  const manager = data.people.find((p) => data.people.some((q) => q.managerId === p.id) && p.managerId)!;
  const boss = data.people.find((p) => p.id === manager.managerId)!;
  const report = data.people.find((q) => q.managerId === manager.id)!;

  await openSearch(page);
  await page.getByLabel('Name', { exact: true }).fill(`${manager.firstName} ${manager.lastName}`);
  await page
    .getByRole('combobox', { name: 'Company domains' })
    .fill(data.organizations.find((o) => o.id === manager.organizationId)!.domain);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const grid = page.getByRole('grid', { name: 'Search results' });
  await grid.getByRole('row').nth(1).dblclick();
  await expect(page.getByRole('heading', { level: 1, name: `${manager.firstName} ${manager.lastName}` })).toBeVisible();

  await page.getByRole('button', { name: 'Find managers and direct reports' }).click();
  await expect(page.getByRole('grid', { name: 'Managers' })).toContainText(`${boss.firstName} ${boss.lastName}`);
  await expect(page.getByRole('grid', { name: 'Direct reports' })).toContainText(
    `${report.firstName} ${report.lastName}`,
  );

  await page.getByRole('button', { name: 'Find people like this' }).click();
  const lookalikes = page.getByRole('grid', { name: 'Lookalikes' });
  await expect(lookalikes.getByRole('row').nth(1)).toBeVisible();
  await expect(lookalikes).not.toContainText(`${manager.firstName} ${manager.lastName}`);
});
