/**
 * Person and company records as a rep works with them: enriching someone seen in a search keeps
 * everything the search showed, a link to a record that is not saved says so with a way back,
 * companies saved through their people carry the search's fields and can be refreshed, and people
 * found through related / lookalike results can be saved and listed.
 */
import { expect, test, type Page } from '@playwright/test';
import { getSampleDataset } from '../../main/providers/sample/dataset';
import { sampleLinkedinUrl } from '../../main/providers/sample/dataset';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => stack?.close());

const humanize = (token: string) => token.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** A sample person with every profile field and a manager and a report, so every section has content. */
function samplePerson() {
  const data = getSampleDataset();
  const person = data.people.find(
    (p) =>
      p.email &&
      p.departments.length > 0 &&
      p.managerId &&
      data.people.some((q) => q.managerId === p.id) &&
      data.organizations.find((o) => o.id === p.organizationId)?.industry,
  )!;
  const org = data.organizations.find((o) => o.id === person.organizationId)!;
  return { data, person, org, name: `${person.firstName} ${person.lastName}` };
}

async function openFromSearch(page: Page, name: string, domain: string) {
  await page.goto(stack.host.url);
  await expect(page.getByRole('heading', { name: 'Search people' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('combobox', { name: 'Company domains' }).fill(domain);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const grid = page.getByRole('grid', { name: 'Search results' });
  await expect(grid.getByRole('row')).toHaveCount(2);
  await grid.getByRole('row').nth(1).dblclick();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('enriching a person seen in a search but not saved keeps every field the search showed', async ({ page }) => {
  const { person, org, name } = samplePerson();
  await openFromSearch(page, name, org.domain);
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeVisible();

  const details = page.getByRole('region', { name: 'Person details' });
  const known = [
    person.title,
    humanize(person.seniority),
    person.departments.map(humanize).join(', '),
    org.name,
    person.city,
    sampleLinkedinUrl(person.linkedinHandle),
  ];
  for (const text of known) await expect(details).toContainText(text);
  // The search said an email exists but did not reveal it: shown locked, with the unlock and its price.
  await expect(details.getByText('Locked', { exact: true }).first()).toBeVisible();
  await expect(details.getByRole('button', { name: 'Enrich to unlock (free)' }).first()).toBeVisible();

  await page.getByRole('button', { name: 'Enrich this person' }).click();
  await expect(page.getByRole('status')).toContainText(': enriched');
  // The enrichment saved the person: their page now shows the saved mark and the revealed email.
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  await expect(details).toContainText(person.email!);
  for (const text of known) await expect(details).toContainText(text);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(details).toContainText(person.email!);
  for (const text of known) await expect(details).toContainText(text);

  // Saved now, so each field can be corrected in place; the source beside it says who set it.
  await details.getByRole('button', { name: 'Edit Title' }).click();
  await details.getByLabel('Edit Title').fill('Chief Revenue Officer');
  await details.getByRole('button', { name: 'Save', exact: true }).click();
  const titleRow = details.getByRole('row', { name: /^Title/ });
  await expect(titleRow).toContainText('Chief Revenue Officer');
  await expect(titleRow).toContainText('Edited by you');
});

test('a link to a person or company that is not saved says so and leads back', async ({ page }) => {
  await page.goto(`${stack.host.url}/#/person/${encodeURIComponent('li:nobody-here')}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Person not found here' })).toBeVisible();
  await expect(page.getByText('Loading')).toHaveCount(0);
  await page.getByRole('link', { name: 'Back to Search' }).click();
  await expect(page.getByRole('heading', { name: 'Search people' })).toBeVisible();

  await page.goto(`${stack.host.url}/#/company/${encodeURIComponent('domain:nowhere.example')}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Company not found here' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to Companies' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Companies' })).toBeVisible();
});

test('a company saved through its people carries what the search showed, and refreshes', async ({ page }) => {
  const { data, person, org, name } = samplePerson();
  await openFromSearch(page, name, org.domain);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Open company' }).click();
  await expect(page.getByRole('heading', { level: 1, name: org.name })).toBeVisible();

  const details = page.getByRole('region', { name: 'Company details' });
  await expect(details).toContainText(org.industry);
  await expect(details).toContainText(org.employeeCount.toLocaleString('en-US'));
  await expect(details).toContainText(org.city);
  // Their search row did not carry the company's technologies: a refresh from the provider does.
  await expect(details).not.toContainText(org.technologies[0]!);
  await page.getByRole('button', { name: 'Refresh company' }).click();
  await expect(page.getByRole('status')).toContainText('Company refreshed from Sample data');
  await expect(details).toContainText(org.technologies[0]!);

  await page.getByRole('button', { name: 'Fetch job postings' }).click();
  await expect(page.getByRole('status')).toContainText('job postings fetched');
  const posting = data.jobPostings.find((j) => j.organizationId === org.id);
  if (posting) {
    const link = page.getByRole('grid', { name: 'Job postings' }).getByRole('link', { name: posting.title }).first();
    await expect(link).toHaveAttribute('href', posting.url);
  }

  await page.reload();
  await expect(details).toContainText(org.industry);
  await expect(details).toContainText(org.technologies[0]!);
  await expect(page.getByRole('grid', { name: 'People at this company' })).toContainText(
    `${person.firstName} ${person.lastName}`,
  );
});

test('people from related and lookalike results are saved and listed from the person page', async ({ page }) => {
  const { data, person, org, name } = samplePerson();
  const boss = data.people.find((p) => p.id === person.managerId)!;
  await openFromSearch(page, name, org.domain);

  await page.getByRole('button', { name: 'Find managers and direct reports' }).click();
  const managers = page.getByRole('region', { name: 'Managers' });
  const managersGrid = managers.getByRole('grid', { name: 'Managers' });
  await expect(managersGrid).toContainText(`${boss.firstName} ${boss.lastName}`);
  await managersGrid.getByRole('checkbox', { name: 'Select row 1', exact: true }).check();
  await managers.getByRole('button', { name: 'Save 1 selected' }).click();
  await expect(managers.getByRole('status')).toHaveText('Saved 1 person.');
  await expect(managersGrid.getByText('Saved', { exact: true })).toHaveCount(1);

  await page.getByRole('button', { name: 'Find people like this' }).click();
  const lookalikes = page.getByRole('region', { name: 'Lookalikes' });
  const grid = lookalikes.getByRole('grid', { name: 'Lookalikes' });
  await expect(grid.getByRole('row').nth(2)).toBeVisible();
  const firstTwo = [
    (await grid.getByRole('row').nth(1).getByRole('gridcell').nth(2).textContent())!.trim(),
    (await grid.getByRole('row').nth(2).getByRole('gridcell').nth(2).textContent())!.trim(),
  ];
  for (const i of [1, 2]) await grid.getByRole('checkbox', { name: `Select row ${i}`, exact: true }).check();
  await lookalikes.getByLabel('Save to list').selectOption('__new');
  await lookalikes.getByLabel('New list name').fill('Like them');
  await lookalikes.getByRole('button', { name: 'Save 2 selected' }).click();
  await expect(lookalikes.getByRole('status')).toContainText('Saved 2 people to the list "Like them".');
  await lookalikes.getByRole('link', { name: 'Open the list' }).click();
  await expect(page.getByTestId('member-count')).toHaveText('2 members');
  for (const n of firstTwo) await expect(page.getByRole('grid', { name: 'Members of Like them' })).toContainText(n);
});
