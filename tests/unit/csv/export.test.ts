import { describe, expect, it } from 'vitest';
import { parseCsv, type ParsedRow } from '../../../renderer/src/features/enrich/csv/parse';
import {
  csvLine,
  enrichedExportShape,
  failedExportShape,
  neutralizeCell,
  quoteCell,
  toCsvText,
} from '../../../renderer/src/features/enrich/export';
import type { CsvRowRecord } from '../../../renderer/src/features/enrich/types';

describe('formula neutralisation', () => {
  it.each([
    // would run as formulas
    ['=1+2', "'=1+2"],
    ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
    ['+SUM(A1:A9)', "'+SUM(A1:A9)"],
    ['-2+3', "'-2+3"],
    ["-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"],
    ['@SUM(1,2)', "'@SUM(1,2)"],
    // the part after the tab/CR is neutralised too: a tab-splitting reader starts a field there
    ['\t=1', "'\t'=1"],
    ['\r=1', "'\r'=1"],
    ['\tplain', "'\tplain"],
    ['+', "'+"],
    ['-', "'-"],
    ['+1 415 555 0100=1', "'+1 415 555 0100=1"],
    ['+1 (415) CALL-NOW', "'+1 (415) CALL-NOW"],
    ['-1.5.5', "'-1.5.5"],
    // stay usable
    ['+1 415 555 0100', '+1 415 555 0100'],
    ['+44 (20) 7946-0958', '+44 (20) 7946-0958'],
    ['+33.1.23.45.67.89', '+33.1.23.45.67.89'],
    ['-12.5', '-12.5'],
    ['-3', '-3'],
    ['+7', '+7'],
    ['-1,234.50', '-1,234.50'],
    ['-1.5e3', '-1.5e3'],
    // not formula starts at all
    ['Jane', 'Jane'],
    ['a=b', 'a=b'],
    [' =1', "' =1"],
    ['', ''],
    ['jane@acme.com', 'jane@acme.com'],
  ])('%j -> %j', (input, expected) => {
    expect(neutralizeCell(input)).toBe(expected);
  });
});

describe('quoting', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    [' padded ', '" padded "'],
  ])('%j -> %j', (input, expected) => expect(quoteCell(input)).toBe(expected));

  it('neutralises before quoting', () => {
    expect(csvLine(['=1,2', 'ok'])).toBe(`"'=1,2",ok`);
  });
});

describe('enriched export', () => {
  const job = { headers: ['Name', 'Email', 'Notes'] };
  const rows: CsvRowRecord[] = [
    {
      jobId: 'j',
      index: 0,
      status: 'done',
      values: ['Ann', '', '=danger()'],
      enriched: { email: 'ann@acme.com', phone: '+1 415 555 0100', company: 'Acme, Inc.', companyDomain: 'acme.com' },
      sources: { email: 'apollo', phone: 'apione', company: 'apollo', companyDomain: 'apollo' },
    },
    {
      jobId: 'j',
      index: 1,
      status: 'failed',
      values: ['Bob', 'bob@x.com'],
      line: 3,
      error: { code: 'unavailable', message: 'Apollo is down', provider: 'apollo' },
    },
    { jobId: 'j', index: 2, status: 'skipped', values: ['', '', '', 'extra'], skipReason: 'Nothing to look up.' },
  ];

  it('original columns + wanted enriched columns + status/error/source; BOM and CRLF', () => {
    const text = toCsvText(enrichedExportShape(job, { fields: ['email', 'phone', 'organization'] }), rows);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'Name,Email,Notes,Email (enriched),Phone (enriched),Company (enriched),Company domain (enriched),Enrichment status,Enrichment error,Enriched by',
    );
    expect(lines[1]).toBe(
      `Ann,,'=danger(),ann@acme.com,+1 415 555 0100,"Acme, Inc.",acme.com,enriched,,Apollo + ApiOne`,
    );
    expect(lines[2]).toBe('Bob,bob@x.com,,,,,,failed,Apollo: Apollo is down,');
    expect(lines[3]).toBe(',,,,,,,skipped,Nothing to look up.,');
  });

  it('rows not found or not done yet keep their cells as they were: nothing echoed into "(enriched)"', () => {
    const more: CsvRowRecord[] = [
      {
        jobId: 'j',
        index: 3,
        status: 'not_found',
        values: ['Cy', 'cy@x.com', ''],
        enriched: { email: 'cy@x.com' },
        sources: { email: 'file' },
        providersTried: ['apione'],
      },
      // Mid-run: the first provider of the waterfall answered, the row waits for the second.
      {
        jobId: 'j',
        index: 4,
        status: 'pending',
        values: ['Di', 'di@x.com', ''],
        enriched: { email: 'di@x.com', title: 'CTO' },
        sources: { email: 'file', title: 'apione' },
      },
    ];
    const lines = toCsvText(enrichedExportShape(job, { fields: ['email', 'title'] }), more)
      .slice(1)
      .split('\r\n');
    expect(lines[1]).toBe('Cy,cy@x.com,,,,not found,,');
    expect(lines[2]).toBe('Di,di@x.com,,,,not processed,,');
  });

  it('round-trips through the parser', async () => {
    const text = toCsvText(enrichedExportShape(job, { fields: ['email', 'organization'] }), rows);
    const parsed: ParsedRow[] = [];
    const result = await parseCsv(new TextEncoder().encode(text), {}, { onRows: (b) => void parsed.push(...b) });
    expect(result.ok && result.report.dialect).toMatchObject({ encoding: 'utf-8', bom: true, delimiter: ',' });
    expect(result.ok && result.report.headers[0]).toBe('Name');
    expect(parsed[0]!.values.slice(3, 6)).toEqual(['ann@acme.com', 'Acme, Inc.', 'acme.com']);
    expect(parsed).toHaveLength(3);
  });

  it('an enriched column never shadows an original one with the same name', () => {
    const shape = enrichedExportShape({ headers: ['Email (enriched)', 'Enrichment status'] }, { fields: ['email'] });
    expect(shape.headers).toEqual([
      'Email (enriched)',
      'Enrichment status',
      'Email (enriched) (2)',
      'Enrichment status (2)',
      'Enrichment error',
      'Enriched by',
    ]);
  });

  it('the failed-rows CSV carries the line and the error', () => {
    const text = toCsvText(
      failedExportShape(job),
      rows.filter((r) => r.status === 'failed'),
    );
    expect(text.slice(1).split('\r\n')).toEqual([
      'Name,Email,Notes,Line,Error code,Provider,Error',
      'Bob,bob@x.com,,3,unavailable,apollo,Apollo is down',
      '',
    ]);
  });
});
