/**
 * Getting people out, as a rep does it: save people from a search into a list, enrich one, then
 * export the saved people (with a local filter) and the list in one click each, and read the files
 * back: BOM, delimiter (the locale's by default: semicolon in German), preset columns, phones as text.
 */
import { expect, test, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getSampleDataset } from '../../main/providers/sample/dataset';
import { phoneAsText, readsAsNumber } from '../../renderer/src/lib/export/phone';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => stack?.close());
test.use({ locale: 'de-DE' });

/** An organization with a handful of people, one of whom has an email and a phone. */
function pickOrganization() {
  const data = getSampleDataset();
  for (const org of data.organizations) {
    const people = data.people.filter((p) => p.organizationId === org.id);
    const target = people.find((p) => p.email && p.phone && p.emailStatus === 'verified');
    if (people.length >= 3 && people.length <= 8 && target) return { org, people, target };
  }
  throw new Error('no suitable organization in the sample dataset');
}

async function readExport(name: RegExp) {
  const file = (await readdir(stack.host.exportDir)).find((f) => name.test(f));
  expect(file, `an export named like ${name}`).toBeTruthy();
  const raw = await readFile(join(stack.host.exportDir, file!), 'utf8');
  const parsed = Papa.parse<string[]>(raw.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  return {
    raw,
    file: file!,
    delimiter: parsed.meta.delimiter,
    header: header!,
    rows: rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? '']))),
  };
}

async function nav(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
}

test('export the saved people with a filter and a list, and read the files back', async ({ page }) => {
  const { org, people, target } = pickOrganization();
  const fullName = `${target.firstName} ${target.lastName}`;

  // Save everyone at the company into a new list.
  await page.goto(stack.host.url);
  await page.getByRole('combobox', { name: 'Company domains' }).fill(org.domain);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const grid = page.getByRole('grid', { name: 'Search results' });
  await expect(grid.getByRole('row')).toHaveCount(people.length + 1);
  for (let i = 1; i <= people.length; i++)
    await grid.getByRole('checkbox', { name: `Select row ${i}`, exact: true }).check();
  await page.getByLabel('Save to list').selectOption('__new');
  await page.getByLabel('New list name').first().fill('Export test');
  await page.getByRole('button', { name: `Save ${people.length} selected` }).click();
  await expect(page.getByText(`Saved ${people.length} people to the list “Export test”.`)).toBeVisible();

  // Enrich one of them, so they have an email and a phone.
  await nav(page, 'Lists');
  await page.getByRole('button', { name: /Export test/ }).click();
  await page.getByRole('grid', { name: 'Members of Export test' }).getByText(fullName).dblclick();
  await expect(page.getByRole('heading', { level: 1, name: fullName })).toBeVisible();
  await page.getByRole('button', { name: 'Enrich this person' }).click();
  await expect(page.getByText(target.phone!).first()).toBeVisible();

  // Saved people, filtered to the target's seniority: defaults are "All fields" and the German ';'.
  const sameSeniority = people.filter((p) => p.seniority === target.seniority);
  await nav(page, 'Search');
  await page.getByRole('tab', { name: 'Saved people' }).click();
  await page.getByLabel('Seniority').selectOption(target.seniority);
  await expect(page.getByTestId('saved-count')).toHaveText(`${sameSeniority.length} saved`);
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export Saved people' });
  await expect(dialog.getByRole('radio', { name: 'Semicolon (;)' })).toBeChecked();
  await dialog
    .getByRole('button', { name: `Export ${sameSeniority.length} ${sameSeniority.length === 1 ? 'person' : 'people'}` })
    .click();
  await expect(page.getByText(/people saved to/)).toBeVisible();
  await expect(dialog).toBeHidden();

  const saved = await readExport(/^Saved people \d{4}-\d\d-\d\d\.csv$/);
  expect(saved.raw.startsWith('\uFEFF')).toBe(true);
  expect(saved.delimiter).toBe(';');
  expect(saved.header).toEqual(
    expect.arrayContaining(['First name', 'Last name', 'Email', 'Email status', 'Phone', 'Phone type']),
  );
  expect(saved.rows.map((r) => r['Last name']).sort()).toEqual(sameSeniority.map((p) => p.lastName).sort());
  const row = saved.rows.find((r) => r['Last name'] === target.lastName)!;
  expect(row).toMatchObject({ Email: target.email, 'Email status': 'verified', Phone: phoneAsText(target.phone!) });
  expect(readsAsNumber(row['Phone']!)).toBe(false);
  expect(row['Phone']!.replace(/\D/g, '')).toBe(target.phone!.replace(/\D/g, ''));

  // The list, as HubSpot contacts, tab-separated, with sources.
  await nav(page, 'Lists');
  await page.getByRole('button', { name: /Export test/ }).click();
  await page.getByRole('toolbar', { name: 'List actions' }).getByRole('button', { name: 'Export CSV' }).click();
  const listDialog = page.getByRole('dialog', { name: 'Export Export test' });
  await listDialog.getByLabel('Columns').selectOption({ label: 'HubSpot contacts' });
  await listDialog.getByRole('radio', { name: 'Tab' }).check();
  await listDialog.getByRole('checkbox', { name: /source column/ }).check();
  await listDialog.getByRole('button', { name: `Export ${people.length} people` }).click();
  await expect(listDialog).toBeHidden();

  const list = await readExport(/^Export test .HubSpot contacts. \d{4}-\d\d-\d\d\.csv$/);
  expect(list.raw.startsWith('\uFEFF')).toBe(true);
  expect(list.delimiter).toBe('\t');
  expect(list.header.filter((h) => !h.endsWith(' source'))).toEqual([
    'First Name',
    'Last Name',
    'Email',
    'Phone Number',
    'Mobile Phone Number',
    'Company Name',
    'Job Title',
    'Website URL',
    'City',
    'State/Region',
    'Country/Region',
  ]);
  expect(list.rows).toHaveLength(people.length);
  const contact = list.rows.find((r) => r['Last Name'] === target.lastName)!;
  expect(contact).toMatchObject({ Email: target.email, 'Company Name': org.name, 'Job Title': target.title });
  expect(contact['Email source']).toMatch(/^Sample data.*, \d{4}-\d\d-\d\d$/);
  expect([contact['Phone Number'], contact['Mobile Phone Number']]).toContain(phoneAsText(target.phone!));
});
