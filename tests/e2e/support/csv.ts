/** Helpers for CSV browser tests: build files from the sample dataset, drop them, read exports. */
import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getSampleDataset } from '../../../main/providers/sample/dataset';

export function buildLeadsCsv(count: number, opts: { unknown?: number; noIdentifier?: number; offset?: number } = {}) {
  const data = getSampleDataset();
  const orgs = new Map(data.organizations.map((o) => [o.id, o]));
  const withEmail = data.people.filter((p) => p.email).slice(opts.offset ?? 0, (opts.offset ?? 0) + count);
  const rows: string[][] = [['Email Address', 'First Name', 'Last Name', 'Company', 'Notes', 'Phone (kept)']];
  const expected = new Map<string, { title: string; company: string; domain: string }>();
  withEmail.forEach((p, i) => {
    const org = orgs.get(p.organizationId)!;
    // Every fifth row gives only name + company domain, the rest an email.
    const byName = i % 5 === 4;
    rows.push([
      byName ? '' : p.email!,
      p.firstName,
      p.lastName,
      byName ? org.domain : '',
      i === 0 ? '=HYPERLINK("http://evil")' : `lead ${i}`,
      i === 1 ? '+1 415 555 0100' : '',
    ]);
    expected.set(`${p.firstName}|${p.lastName}`, { title: p.title, company: org.name, domain: org.domain });
  });
  for (let i = 0; i < (opts.unknown ?? 0); i++)
    rows.push([`nobody${i}@unknown-company-${i}.example`, 'No', `Body${i}`, '', 'unknown', '']);
  for (let i = 0; i < (opts.noIdentifier ?? 0); i++) rows.push(['', '', '', 'Some Company', 'no identifier', '']);
  return { text: Papa.unparse(rows, { newline: '\r\n' }), expected, rows };
}

export async function dropFile(page: Page, text: string, name: string) {
  const dataTransfer = await page.evaluateHandle(
    ({ text, name }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'text/csv' }));
      return dt;
    },
    { text, name },
  );
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer });
}

export async function readExport(dir: string, name: string) {
  const raw = await readFile(join(dir, name), 'utf8');
  const parsed = Papa.parse<string[]>(raw.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  return { raw, header: parsed.data[0]!, rows: parsed.data.slice(1) };
}
