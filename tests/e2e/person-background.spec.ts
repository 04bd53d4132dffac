/**
 * The person page shows what the provider's answer says about the person beyond contact fields:
 * skills and positions held (here from Ocean.io, whose search rows carry both). A person without
 * them shows no empty section.
 */
import { expect, test } from '@playwright/test';
import { getSampleDataset } from '../../main/providers/sample/dataset';
import { callChannel, startStack, type Stack } from './support/stack';

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
  const set = await callChannel(stack.host.url, 'secrets.set', {
    provider: 'ocean',
    key: stack.sims.handles.ocean!.validKey,
  });
  expect(set.body.ok).toBe(true);
});
test.afterAll(async () => stack?.close());

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

test('an Ocean.io result opens on a page with its skills and employment history', async ({ page }) => {
  const data = getSampleDataset();
  const org = data.organizations.find((o) => o.technologies.length >= 2)!;
  await page.goto(`${stack.host.url}/#/search`);
  const rail = page.getByRole('complementary', { name: 'Filters' });
  await rail.getByLabel('Provider', { exact: true }).selectOption({ label: 'Ocean.io' });
  await rail.getByRole('combobox', { name: 'Company domains' }).fill(org.domain);
  await rail.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByTestId('result-summary')).toContainText('page 1');
  const row = page.getByRole('grid', { name: 'Search results' }).getByRole('row').nth(1);
  const name = (await row.getByRole('gridcell').nth(2).textContent())!.trim();
  const person = data.people.find((p) => p.organizationId === org.id && name === `${p.firstName} ${p.lastName}`)!;
  expect(person, `a sample person at ${org.domain} named ${name}`).toBeDefined();
  await row.dblclick();

  const background = page.getByRole('region', { name: 'Background' });
  await expect(background).toBeVisible();
  const skills = background.getByRole('list', { name: 'Skills' }).getByRole('listitem');
  await expect(skills).toHaveText(org.technologies.slice(0, 3));
  const history = background.getByRole('list', { name: 'Employment history' }).getByRole('listitem');
  await expect(history).toHaveCount(1);
  const [year, month] = person.startedRoleAt.split('-');
  await expect(history.first()).toContainText(`${person.title} at ${org.domain}`);
  await expect(history.first()).toContainText(`Since ${MONTHS[Number(month) - 1]} ${year}`);
});
