/**
 * The filters Apollo documents beyond the basics (revenue and funding ranges, technologies any/all/none,
 * job-posting titles, net new), as a rep sets them in the rail: they reach Apollo as the documented body
 * fields (read from the simulator's request log, which only records), and a provider that does not
 * apply one shows it disabled with the reason and keeps the value.
 */
import { expect, test, type Page } from '@playwright/test';
import { APOLLO_ROUTES } from '../simulators/apollo';
import { callChannel, startStack, type Stack } from './support/stack';

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
  for (const provider of ['apollo', 'ocean'] as const) {
    const set = await callChannel(stack.host.url, 'secrets.set', {
      provider,
      key: stack.sims.handles[provider]!.validKey,
    });
    expect(set.body.ok).toBe(true);
  }
});
test.afterAll(async () => stack?.close());

async function openGroup(page: Page, group: string) {
  const rail = page.getByRole('complementary', { name: 'Filters' });
  const toggle = rail.getByRole('group', { name: `${group} filters` }).getByRole('button', { name: new RegExp(group) });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  return rail.getByRole('group', { name: `${group} filters` });
}

async function chips(page: Page, label: string, values: string[]) {
  const rail = page.getByRole('complementary', { name: 'Filters' });
  await rail.getByLabel(label, { exact: true }).click();
  for (const v of values) await page.keyboard.type(`${v},`);
}

test('revenue, funding, technologies, hiring and net new reach Apollo as its documented fields', async ({ page }) => {
  await page.goto(`${stack.host.url}/#/search`);
  const rail = page.getByRole('complementary', { name: 'Filters' });
  await rail.getByLabel('Provider', { exact: true }).selectOption({ label: 'Apollo' });

  const funding = await openGroup(page, 'Funding and revenue');
  const revenue = funding.getByRole('group', { name: 'Annual revenue (USD)' });
  await revenue.getByLabel('Min').fill('1000000');
  await revenue.getByLabel('Max').fill('50000000');
  await funding.getByRole('group', { name: 'Total funding (USD)' }).getByLabel('Min').fill('2000000');

  await openGroup(page, 'Technologies');
  await chips(page, 'Uses any of', ['Salesforce', 'Google Cloud']);
  await chips(page, 'Uses all of', ['AWS']);
  await chips(page, 'Uses none of', ['HubSpot']);

  await openGroup(page, 'Job postings');
  await chips(page, 'Hiring for job titles', ['Account Executive', 'SDR']);

  const advanced = await openGroup(page, 'Advanced');
  await advanced.getByText('Net new', { exact: true }).click();

  const summary = page.getByRole('status', { name: 'Applied filters' });
  await expect(summary).toContainText('Annual revenue (USD): $1,000,000 to $50,000,000');
  await expect(summary).toContainText('Technologies (all): AWS');
  await expect(summary).toContainText('Prospected by your team: Net new');

  stack.sims.handles.apollo.resetStats();
  await rail.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByTestId('result-summary')).toContainText('page 1');
  // No "Not applied by Apollo: …" notice about the search (the rail's disabled fields say "kept for …").
  await expect(page.getByText(/Not applied by Apollo: (?!kept)/)).toHaveCount(0);

  const sent = stack.sims.handles.apollo.stats.log.filter((r) => r.route === APOLLO_ROUTES.apiSearch);
  expect(sent).toHaveLength(1);
  expect(sent[0]!.body).toMatchObject({
    revenue_range: { min: 1_000_000, max: 50_000_000 },
    total_funding_range: { min: 2_000_000 },
    currently_using_any_of_technology_uids: ['salesforce', 'google_cloud'],
    currently_using_all_of_technology_uids: ['aws'],
    currently_using_not_of_technology_uids: ['hubspot'],
    q_organization_job_titles: '"Account Executive" OR SDR',
    prospected_by_current_team: 'no',
  });
  expect(sent[0]!.body).not.toHaveProperty('latest_funding_amount_range');
});

test('a documented filter another provider does not apply is disabled with the reason and kept', async ({ page }) => {
  await page.goto(`${stack.host.url}/#/search`);
  const rail = page.getByRole('complementary', { name: 'Filters' });
  await rail.getByLabel('Provider', { exact: true }).selectOption({ label: 'Apollo' });
  await openGroup(page, 'Technologies');
  await chips(page, 'Uses all of', ['Snowflake']);

  await rail.getByLabel('Provider', { exact: true }).selectOption({ label: 'Ocean.io' });
  const technologies = await openGroup(page, 'Technologies');
  await expect(technologies.getByLabel('Uses all of', { exact: true })).toBeDisabled();
  await expect(technologies.getByText('Not applied by Ocean.io: kept for other providers')).toBeVisible();
  await expect(technologies.getByText('Snowflake', { exact: true })).toBeVisible();
  // Ocean applies "any of", so that one stays open to the rep.
  await expect(technologies.getByLabel('Uses any of', { exact: true })).toBeEnabled();
  // Ocean's own documented filters are offered; Apollo's revenue range is not Ocean's.
  const funding = await openGroup(page, 'Funding and revenue');
  await expect(funding.getByRole('group', { name: 'Annual revenue (USD)' }).getByLabel('Min')).toBeDisabled();
  await expect(rail.getByLabel('Skills', { exact: true })).toBeEnabled();
  const advanced = await openGroup(page, 'Advanced');
  await expect(advanced.getByLabel('At most per company')).toBeEnabled();
  await expect(page.getByRole('status', { name: 'Applied filters' })).toContainText(
    'Technologies (all): Snowflake (not applied by Ocean.io)',
  );
});
