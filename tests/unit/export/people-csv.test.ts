/**
 * The people CSV export, read back with papaparse as a spreadsheet would: BOM, the chosen delimiter,
 * the presets' import names, phones that stay text, formula cells neutralised, sources optional.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Person } from '../../../shared/domain';
import {
  BOM,
  exportFileName,
  localeDelimiter,
  peopleCsv,
  phoneAsText,
  readsAsNumber,
  type Delimiter,
  type ExportPerson,
  type PeopleCsvOptions,
} from '../../../renderer/src/lib/export';

function person(overrides: Partial<Person> = {}): Person {
  return {
    id: 'p1',
    providerIds: { apollo: 'a1' },
    firstName: 'Anna',
    lastName: 'Müller',
    title: 'Head of Sales; EMEA',
    seniority: 'head',
    departments: ['sales'],
    location: { city: 'München', state: 'Bayern', country: 'Germany', countryCode: 'DE' },
    emails: [
      { address: 'a.mueller@old.example', status: 'invalid', kind: 'work' },
      { address: 'anna@acme.example', status: 'verified', kind: 'work' },
    ],
    phones: [
      { number: '+4915112345678', e164: true, kind: 'mobile' },
      { number: '+14155550100', e164: true, kind: 'direct' },
    ],
    linkedinUrl: 'https://www.linkedin.com/in/anna',
    organization: { name: 'Acme, GmbH', domain: 'acme.example', providerIds: {} },
    provenance: {
      emails: { provider: 'apollo', fetchedAt: '2026-11-30T10:00:00.000Z' },
      title: { manual: true, editedAt: '2026-11-29T08:00:00.000Z' },
    },
    ...overrides,
  };
}

function readBack(text: string, delimiter: Delimiter) {
  expect(text.startsWith(BOM)).toBe(true);
  const parsed = Papa.parse<string[]>(text.slice(1), { delimiter, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  // papaparse's own guess agrees with what we chose (what a spreadsheet sniffing the file sees).
  expect(Papa.parse(text.slice(1), { preview: 2 }).meta.delimiter).toBe(delimiter);
  const [headers, ...rows] = parsed.data;
  return { headers: headers!, rows: rows.map((r) => Object.fromEntries(headers!.map((h, i) => [h, r[i]]))) };
}

const rows: ExportPerson[] = [
  {
    person: person(),
    organization: {
      name: 'Acme, GmbH',
      domain: 'acme.example',
      websiteUrl: 'https://acme.example',
      industry: 'Software',
    },
  },
  {
    person: person({
      id: 'p2',
      firstName: undefined,
      lastName: undefined,
      fullName: 'Jean Claude Dupont',
      emails: [],
      phones: [{ number: '0612345678', e164: false, kind: 'other' }],
      title: '=HYPERLINK("http://evil","x")',
      organization: undefined,
      provenance: {},
    }),
  },
];

const options = (o: Partial<PeopleCsvOptions>): PeopleCsvOptions => ({
  preset: 'prospect-desk',
  delimiter: ',',
  includeSources: false,
  providerLabels: { apollo: 'Apollo' },
  ...o,
});

describe('people CSV', () => {
  it.each([',', ';', '\t'] as const)(
    'writes BOM, CRLF and the %j delimiter, and reads back cell for cell',
    (delimiter) => {
      const text = peopleCsv(rows, options({ delimiter }));
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.split('\r\n')).toHaveLength(4); // header, two rows, trailing empty
      const { headers, rows: back } = readBack(text, delimiter);
      expect(headers).toContain('Email status');
      expect(headers).toContain('Phone type');
      expect(back[0]).toMatchObject({
        'First name': 'Anna',
        'Last name': 'Müller',
        Title: 'Head of Sales; EMEA',
        Company: 'Acme, GmbH',
        Email: 'anna@acme.example',
        'Email status': 'verified',
        Phone: '+1 415 555 0100',
        'Phone type': 'direct',
        'Mobile phone': '+49 1511 2345678',
        Country: 'Germany',
      });
      // A full name alone is split on its last space; a formula is shown as text, not run.
      expect(back[1]).toMatchObject({
        'First name': 'Jean Claude',
        'Last name': 'Dupont',
        Title: `'=HYPERLINK("http://evil","x")`,
      });
    },
  );

  it('writes every phone as text a spreadsheet will not turn into a number', () => {
    const { rows: back } = readBack(peopleCsv(rows, options({ delimiter: ';' })), ';');
    for (const phone of [back[0]!['Phone'], back[0]!['Mobile phone'], back[1]!['Phone']]) {
      expect(phone).toBeTruthy();
      expect(readsAsNumber(phone!)).toBe(false);
      expect(phone!.startsWith("'")).toBe(false); // no visible apostrophe in the sheet
    }
    expect(back[1]!['Phone']).toBe('061 234 5678');
  });

  it.each([
    ['+14155550100', '+1 415 555 0100'],
    ['+442079460958', '+44 20 7946 0958'],
    ['+74951234567', '+7 495 123 45 67'],
    ['0612345678', '061 234 5678'],
    ['12345', '1 2345'],
    ['(415) 555-0100', '(415) 555-0100'],
  ])('phone %s is written as %s', (raw, text) => {
    expect(phoneAsText(raw)).toBe(text);
    expect(readsAsNumber(phoneAsText(raw))).toBe(false);
  });

  it('HubSpot and Salesforce presets use the names their importers map by themselves', () => {
    const hub = readBack(peopleCsv(rows, options({ preset: 'hubspot' })), ',');
    expect(hub.headers).toEqual([
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
    expect(hub.rows[0]).toMatchObject({
      'Company Name': 'Acme, GmbH',
      'Website URL': 'https://acme.example',
      'Phone Number': '+1 415 555 0100',
    });
    const sf = readBack(peopleCsv(rows, options({ preset: 'salesforce', delimiter: '\t' })), '\t');
    expect(sf.headers).toEqual([
      'FirstName',
      'LastName',
      'Email',
      'Phone',
      'MobilePhone',
      'Company',
      'Title',
      'Website',
      'City',
      'State',
      'Country',
    ]);
    expect(sf.rows[0]).toMatchObject({ LastName: 'Müller', Company: 'Acme, GmbH', Title: 'Head of Sales; EMEA' });
  });

  it('adds a source column after each sourced field only when asked', () => {
    const without = readBack(peopleCsv(rows, options({})), ',');
    expect(without.headers.some((h) => h.endsWith(' source'))).toBe(false);
    const withSources = readBack(peopleCsv(rows, options({ includeSources: true })), ',');
    const h = withSources.headers;
    expect(h[h.indexOf('Email') + 1]).toBe('Email source');
    expect(withSources.rows[0]).toMatchObject({
      'Email source': 'Apollo, 2026-11-30',
      'Title source': 'Edited by you, 2026-11-29',
    });
    expect(withSources.rows[1]!['Email source']).toBe('');
  });

  it('neutralises formula cells under every delimiter, quoting any locale separator', () => {
    // shared/csv-cell.ts also neutralises a formula after any locale's separator inside a cell, so a
    // spreadsheet that splits on another separator than ours still sees text.
    const evil = [
      { person: person({ title: 'x;=1+1', fullName: undefined, firstName: '@SUM(A1)', lastName: 'x\t=1+1' }) },
    ];
    for (const delimiter of [',', ';', '\t'] as const) {
      const { rows: back } = readBack(peopleCsv(evil, options({ delimiter })), delimiter);
      expect(back[0]).toMatchObject({ 'First name': "'@SUM(A1)", Title: "x;'=1+1", 'Last name': "x\t'=1+1" });
      expect(Object.keys(back[0]!)).toHaveLength(18);
    }
  });

  it('defaults to the locale list separator: semicolon where the decimal mark is a comma', () => {
    for (const l of ['de-DE', 'fr-FR', 'nl-NL', 'es-ES', 'it-IT', 'pt-BR']) expect(localeDelimiter(l)).toBe(';');
    for (const l of ['en-US', 'en-GB', 'ja-JP', 'zh-CN']) expect(localeDelimiter(l)).toBe(',');
  });

  it('names the file after the export, preset and date, without path characters', () => {
    expect(exportFileName('Q4/EMEA: leads', 'hubspot', new Date('2026-12-01T00:00:00Z'))).toBe(
      'Q4 EMEA leads (HubSpot contacts) 2026-12-01.csv',
    );
  });
});
