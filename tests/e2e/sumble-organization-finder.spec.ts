/**
 * Sumble searches people inside organizations it knows by number. A rep finds them by name among the
 * companies they saved with a Sumble id: the chip shows the name, the request carries the id. A
 * company not saved yet can still be given by its Sumble id.
 */
import { expect, test, type Page } from '@playwright/test';
import { getSampleDataset } from '../../main/providers/sample/dataset';
import { SUMBLE_ROUTES, sumbleOrganizationId } from '../simulators/sumble';
import { callChannel, startStack, type Stack } from './support/stack';

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
  const set = await callChannel(stack.host.url, 'secrets.set', {
    provider: 'sumble',
    key: stack.sims.handles.sumble!.validKey,
  });
  expect(set.body.ok).toBe(true);
});
test.afterAll(async () => stack?.close());

async function openSumble(page: Page) {
  await page.goto(`${stack.host.url}/#/search`);
  const rail = page.getByRole('complementary', { name: 'Filters' });
  await rail.getByLabel('Provider', { exact: true }).selectOption({ label: 'Sumble' });
  return { rail, finder: rail.getByRole('combobox', { name: 'Companies to search in' }) };
}

const lastSumbleFilter = () => {
  const sent = stack.sims.handles.sumble.stats.log.filter((r) => r.route === SUMBLE_ROUTES.people);
  return (sent.at(-1)?.body as { filter?: { organization_ids?: number[] } } | undefined)?.filter;
};

test('find a saved Sumble company by name: the chip names it, the search sends its id', async ({ page }) => {
  const data = getSampleDataset();
  const counts = new Map<string, number>();
  for (const p of data.people) counts.set(p.organizationId, (counts.get(p.organizationId) ?? 0) + 1);
  const org = data.organizations.find((o) => (counts.get(o.id) ?? 0) >= 3 && o.name.length >= 5)!;
  const sumbleId = sumbleOrganizationId(org.id);

  // Nothing saved yet: the rep is told so, and can give the Sumble id itself.
  let { rail, finder } = await openSumble(page);
  await finder.fill(org.name.slice(0, 4));
  await expect(page.getByText(/No saved company has a Sumble id yet/)).toBeVisible();
  await finder.fill(String(sumbleId));
  await finder.press('Enter');
  await expect(rail.getByText(`Sumble organization ${sumbleId}`)).toBeVisible();
  await rail.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByTestId('result-summary')).toContainText('page 1');
  expect(lastSumbleFilter()?.organization_ids).toEqual([sumbleId]);

  // Saving the people saves their company with its Sumble id and name.
  const grid = page.getByRole('grid', { name: 'Search results' });
  await grid.getByRole('checkbox', { name: 'Select all' }).check();
  await page.getByLabel('Save to list').selectOption('__new');
  await page.getByLabel('New list name').first().fill('Sumble people');
  await page.getByRole('button', { name: /Save \d+ selected/ }).click();
  await expect(page.getByText(/Saved \d+ people to the list/)).toBeVisible();

  // Later: the company is found by part of its name, in any case.
  // The chosen id now reads as the company's name.
  await expect(rail.getByText(org.name, { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Clear all filters' }).click();
  await page.reload();
  ({ rail, finder } = await openSumble(page));
  await finder.fill(org.name.slice(1, 5).toUpperCase());
  await page.getByRole('option', { name: org.name }).click();
  await page.keyboard.press('Escape');
  await expect(rail.getByText(org.name, { exact: true })).toBeVisible();
  await expect(rail.getByText(`Sumble organization ${sumbleId}`)).toHaveCount(0);

  stack.sims.handles.sumble.resetStats();
  await rail.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByTestId('result-summary')).toContainText('page 1');
  expect(lastSumbleFilter()?.organization_ids).toEqual([sumbleId]);
  await expect(page.getByRole('grid', { name: 'Search results' })).toContainText(org.name);

  // A name that matches no saved company offers nothing to pick.
  await finder.fill('zzzz-no-such-company');
  await expect(page.getByText('No saved company matches')).toBeVisible();
});
