/**
 * Search on each real provider (through its simulator), paging to the end by page number
 * (Apollo), cursor (Ocean.io) or offset (Sumble); a company's job postings from Apollo; related
 * people (Sumble) and lookalikes (Ocean.io); then the providers go away and the saved data is
 * still browsable and searchable.
 */
import { expect, test, type Page } from '@playwright/test';
import { getSampleDataset } from '../../main/providers/sample/dataset';
import { sumbleOrganizationId } from '../simulators/sumble';
import { callChannel, startStack, type Stack } from './support/stack';

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
  for (const provider of ['apollo', 'ocean', 'sumble'] as const) {
    const set = await callChannel(stack.host.url, 'secrets.set', {
      provider,
      key: stack.sims.handles[provider]!.validKey,
    });
    expect(set.body.ok).toBe(true);
  }
});
test.afterAll(async () => stack?.close());

async function search(page: Page, provider: string, fill: (page: Page) => Promise<void>, opts = { reload: true }) {
  if (opts.reload) await page.goto(`${stack.host.url}/#/search`);
  await page.getByLabel('Provider', { exact: true }).selectOption({ label: provider });
  await fill(page);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByTestId('result-summary')).toContainText('page 1');
}

/** Clicks Next until it is disabled; returns every row's name+company seen, per page. */
async function pageToEnd(page: Page): Promise<string[][]> {
  const grid = page.getByRole('grid', { name: 'Search results' });
  const pages: string[][] = [];
  for (let n = 1; n < 50; n++) {
    await expect(page.getByTestId('result-summary')).toContainText(`page ${n}`);
    const rows = await grid.getByRole('row').evaluateAll((els) =>
      els.slice(1).map((el) =>
        Array.from(el.querySelectorAll('[role=gridcell]'))
          .slice(2, 5)
          .map((c) => c.textContent)
          .join('|'),
      ),
    );
    pages.push(rows);
    const next = page.getByRole('button', { name: 'Next' });
    if (await next.isDisabled()) break;
    await next.click();
  }
  return pages;
}

/** Three organizations with more than 25 people together: at least two pages of 25. */
const orgsOf = () => {
  const data = getSampleDataset();
  const counts = new Map<string, number>();
  for (const p of data.people) counts.set(p.organizationId, (counts.get(p.organizationId) ?? 0) + 1);
  const big = [...counts.entries()].filter(([, c]) => c >= 12).slice(0, 3);
  return {
    orgs: big.map(([id]) => data.organizations.find((o) => o.id === id)!),
    count: big.reduce((sum, [, c]) => sum + c, 0),
  };
};

test('Apollo: filters, page numbers to the end, unsupported filters shown', async ({ page }) => {
  const data = getSampleDataset();
  const domains = data.organizations.slice(0, 6).map((o) => o.domain);
  const expected = data.people.filter((p) =>
    domains.includes(data.organizations.find((o) => o.id === p.organizationId)!.domain),
  ).length;
  // Industries is chosen first: Apollo cannot apply it, so its field is disabled once Apollo is picked,
  // and the value chosen before is kept and reported as not applied.
  await page.goto(`${stack.host.url}/#/search`);
  await page.getByRole('combobox', { name: 'Industries' }).fill('Software');
  await page.getByRole('combobox', { name: 'Industries' }).press('Tab');
  await search(
    page,
    'Apollo',
    async (p) => {
      await p.getByRole('combobox', { name: 'Company domains' }).fill(domains.join(', '));
    },
    { reload: false },
  );
  await expect(page.getByTestId('result-summary')).toContainText(`${expected} results`);
  await expect(page.getByText(/Not applied by Apollo: .*industries/)).toBeVisible();
  const pages = await pageToEnd(page);
  expect(pages.length).toBe(Math.ceil(expected / 25));
  const all = pages.flat();
  expect(all).toHaveLength(expected);
  expect(new Set(all).size).toBe(expected);
});

test('Ocean.io: cursor paging to the end, then lookalikes of a result', async ({ page }) => {
  const { orgs, count } = orgsOf();
  await search(page, 'Ocean.io', async (p) => {
    await p.getByRole('combobox', { name: 'Company domains' }).fill(orgs.map((o) => o.domain).join(', '));
  });
  const pages = await pageToEnd(page);
  expect(pages.length).toBeGreaterThan(1);
  expect(pages.flat()).toHaveLength(count);
  expect(new Set(pages.flat()).size).toBe(count);

  await page.getByRole('button', { name: 'Previous' }).click(); // cursors remembered for going back
  await page.getByRole('grid', { name: 'Search results' }).getByRole('row').nth(1).dblclick();
  await page.getByLabel('Lookalikes via').selectOption({ label: 'Ocean.io' });
  await page.getByRole('button', { name: 'Find people like this' }).click();
  await expect(page.getByRole('grid', { name: 'Lookalikes' }).getByRole('row').nth(1)).toBeVisible();
});

test('Sumble: organization-scoped search by offset, related people of a result', async ({ page }) => {
  const { orgs, count } = orgsOf();
  await search(page, 'Sumble', async (p) => {
    // No company is saved yet: Sumble ids typed as digits are taken as they are.
    const finder = p.getByRole('combobox', { name: 'Companies to search in' });
    for (const o of orgs) {
      await finder.fill(String(sumbleOrganizationId(o.id)));
      await finder.press('Enter');
    }
  });
  const pages = await pageToEnd(page);
  expect(pages.length).toBeGreaterThan(1);
  expect(pages.flat()).toHaveLength(count);
  expect(new Set(pages.flat()).size).toBe(count);

  await page.getByRole('grid', { name: 'Search results' }).getByRole('row').nth(1).dblclick();
  await page.getByLabel('Related via').selectOption({ label: 'Sumble' });
  await page.getByRole('button', { name: 'Find managers and direct reports' }).click();
  await expect(
    page
      .getByRole('grid', { name: 'Managers' })
      .or(page.getByRole('grid', { name: 'Direct reports' }))
      .first(),
  ).toBeVisible();
});

test('Apollo company search -> company page -> job postings', async ({ page }) => {
  const data = getSampleDataset();
  const org = data.organizations.find((o) => data.jobPostings.filter((j) => j.organizationId === o.id).length >= 2)!;
  const postings = data.jobPostings.filter((j) => j.organizationId === org.id);
  await page.goto(`${stack.host.url}/#/companies`);
  await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'Apollo' });
  await page.getByRole('combobox', { name: 'Domains' }).fill(org.domain);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('grid', { name: 'Company results' }).getByRole('row').nth(1).dblclick();
  await page.getByLabel('Job postings from').selectOption({ label: 'Apollo' });
  await page.getByRole('button', { name: 'Fetch job postings' }).click();
  await expect(page.getByRole('grid', { name: 'Job postings' })).toContainText(postings[0]!.title);
});

test('providers gone: the app says so once and saved data stays browsable and searchable', async ({ page }) => {
  const { orgs } = orgsOf();
  await search(page, 'Apollo', async (p) => {
    await p.getByRole('combobox', { name: 'Company domains' }).fill(orgs[0]!.domain);
  });
  const grid = page.getByRole('grid', { name: 'Search results' });
  await grid.getByRole('checkbox', { name: 'Select all' }).check();
  await page.getByLabel('Save to list').selectOption('__new');
  await page.getByLabel('New list name').first().fill('Offline list');
  await page.getByRole('button', { name: /Save \d+ selected/ }).click();
  await expect(page.getByText(/Saved \d+ people to the list/)).toBeVisible();
  // The first name: Apollo's api_search locks the surname, shown beside it with its unlock action.
  const someone = (await grid.getByRole('row').nth(1).getByRole('gridcell').nth(2).textContent())!
    .trim()
    .split(' ')[0]!;

  await stack.sims.close(); // every provider is now unreachable

  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText(/apollo/i);
  await expect(page.getByText('cannot be reached right now')).toHaveCount(1);

  await page.reload();
  await page.getByRole('tab', { name: 'Saved people' }).click();
  await expect(page.getByTestId('saved-count')).not.toHaveText('0 saved');
  await page.getByLabel('Search saved people').fill(someone.slice(0, 3));
  await expect(page.getByRole('grid', { name: 'Saved people' })).toContainText(someone);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lists' }).click();
  await page.getByRole('button', { name: /Offline list/ }).click();
  await expect(page.getByRole('grid', { name: 'Members of Offline list' })).toContainText(someone);
});
