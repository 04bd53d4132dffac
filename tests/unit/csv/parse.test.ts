import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseCsv,
  previewCsv,
  uniqueHeaders,
  type CsvParseOptions,
  type CsvParseResult,
  type ParsedRow,
} from '../../../renderer/src/features/enrich/csv/parse';

const SPECTRUM = join(__dirname, '../../fixtures/csv/spectrum');
const enc = new TextEncoder();

async function parse(input: string | Uint8Array | Blob, options: CsvParseOptions = {}) {
  const rows: ParsedRow[] = [];
  let headers: string[] = [];
  const result: CsvParseResult = await parseCsv(typeof input === 'string' ? enc.encode(input) : input, options, {
    onHeaders: (h) => {
      headers = h;
    },
    onRows: (batch) => {
      rows.push(...batch);
    },
  });
  return { result, rows, headers };
}

const asObjects = (headers: string[], rows: ParsedRow[]) =>
  rows.map((r) => Object.fromEntries(headers.map((h, i) => [h, r.values[i] ?? ''])));

describe('csv-spectrum', () => {
  const cases = readdirSync(SPECTRUM)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => f.replace(/\.csv$/, ''));

  it('has all twelve cases as fixtures', () => {
    expect(cases.sort()).toEqual(
      [
        'comma_in_quotes',
        'empty',
        'empty_crlf',
        'escaped_quotes',
        'json',
        'location_coordinates',
        'newlines',
        'newlines_crlf',
        'quotes_and_newlines',
        'simple',
        'simple_crlf',
        'utf8',
      ].sort(),
    );
  });

  for (const name of cases) {
    // Every case also with no final newline, and cut into 1-byte and 7-byte chunks, so records,
    // quotes, CRLFs and multi-byte characters straddle chunk boundaries.
    for (const variant of ['as is', 'no final newline', 'chunks of 1', 'chunks of 7'] as const) {
      it(`${name} (${variant})`, async () => {
        let bytes = new Uint8Array(readFileSync(join(SPECTRUM, `${name}.csv`)));
        const expected = JSON.parse(readFileSync(join(SPECTRUM, `${name}.json`), 'utf8'));
        if (variant === 'no final newline') {
          let end = bytes.length;
          while (end > 0 && (bytes[end - 1] === 10 || bytes[end - 1] === 13)) end--;
          bytes = bytes.subarray(0, end);
        }
        const chunkBytes = variant === 'chunks of 1' ? 1 : variant === 'chunks of 7' ? 7 : undefined;
        const { result, rows } = await parse(bytes, chunkBytes ? { chunkBytes } : {});
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(asObjects(result.report.headers, rows)).toEqual(expected);
        expect(result.report.issueCount).toBe(0);
      });
    }
  }
});

describe('bad input gets a clear message or a correct parse', () => {
  it('an empty file', async () => {
    const { result } = await parse('');
    expect(result).toMatchObject({ ok: false, code: 'empty', message: 'The file is empty.' });
  });

  it('a file of blank lines and spaces', async () => {
    const { result } = await parse('\n\r\n   \n');
    expect(result).toMatchObject({ ok: false, code: 'empty' });
  });

  it('a header with no data rows', async () => {
    const { result } = await parse('email,first name,company\r\n');
    expect(result).toMatchObject({ ok: false, code: 'no_rows' });
    if (!result.ok) expect(result.message).toContain('email, first name, company');
  });

  it('binary data (NUL bytes)', async () => {
    const bytes = new Uint8Array(2000).map((_, i) => (i * 37) % 256);
    const { result, rows } = await parse(bytes);
    expect(result).toMatchObject({ ok: false, code: 'not_csv' });
    expect(rows).toHaveLength(0);
  });

  it('mostly non-printable bytes without NULs', async () => {
    const bytes = new Uint8Array(3000).map((_, i) => 1 + (i % 8));
    const { result } = await parse(bytes);
    expect(result).toMatchObject({ ok: false, code: 'not_csv' });
  });

  it('an Excel workbook dropped instead of a CSV', async () => {
    const bytes = new Uint8Array([
      0x50,
      0x4b,
      0x03,
      0x04,
      0x14,
      0x00,
      0x06,
      0x00,
      ...enc.encode('[Content_Types].xml'),
    ]);
    const { result } = await parse(bytes);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/Excel workbook/);
  });

  it('ragged rows are kept, padded and flagged with their line', async () => {
    const { result, rows } = await parse('a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(rows.map((r) => r.values)).toEqual([
      ['1', '2', '3'],
      ['4', '5', ''],
      ['6', '7', '8', '9'],
      ['10', '11', '12'],
    ]);
    expect(rows[1]!.issue).toMatch(/^Line 3: 2 of 3 columns/);
    expect(rows[2]!.issue).toMatch(/^Line 4: 4 values for 3 columns/);
    expect(rows[0]!.issue).toBeUndefined();
    expect(result.report.headers).toEqual(['a', 'b', 'c', 'Column 4']);
    expect(result.report.raggedRows).toBe(2);
    expect(result.report.issues.map((i) => i.line)).toEqual([3, 4]);
  });

  it('duplicate and empty headers are renamed', async () => {
    const { result, rows } = await parse('email,,Email,name,email\nx@y.com,1,z@y.com,Jo,w@y.com\n');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.report.headers).toEqual(['email', 'Column 2', 'Email (2)', 'name', 'email (3)']);
    expect(result.report.headerRenames.map((r) => r.to)).toEqual(['Column 2', 'Email (2)', 'email (3)']);
    expect(rows[0]!.values).toHaveLength(5);
  });

  it('a generated name does not collide with a real header', () => {
    expect(uniqueHeaders(['Column 2', '', 'x']).headers).toEqual(['Column 2', 'Column 2 (2)', 'x']);
  });

  it('quoted newlines keep the line numbers of later rows right', async () => {
    const { rows } = await parse('name,notes\nAnn,"line one\nline two\r\nline three"\nBob,"x"\n');
    expect(rows.map((r) => [r.values[0], r.line])).toEqual([
      ['Ann', 2],
      ['Bob', 5],
    ]);
    expect(rows[0]!.values[1]).toBe('line one\nline two\r\nline three');
  });

  it('mixed line endings (LF, CRLF, lone CR) in one file', async () => {
    const { rows } = await parse('a,b\r\n1,2\n3,4\r5,6\r\n7,8', { chunkBytes: 2 });
    expect(rows.map((r) => r.values)).toEqual([
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
      ['7', '8'],
    ]);
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4, 5]);
  });

  it('a 10 MB single field', async () => {
    const big = 'x'.repeat(5 * 1024 * 1024) + '\n"quoted"\n' + 'y'.repeat(5 * 1024 * 1024);
    const text = `id,blob,after\n1,"${big.replace(/"/g, '""')}",tail\n2,small,end\n`;
    const { result, rows } = await parse(text);
    expect(result.ok).toBe(true);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.values[1]).toBe(big);
    expect(rows[0]!.values[2]).toBe('tail');
    expect(rows[1]).toMatchObject({ values: ['2', 'small', 'end'], line: 5 });
  });

  it('an unclosed quote is named by line and the rows after it are not swallowed', async () => {
    const { result, rows } = await parse('name,email\nAnn,ann@x.com\nBob,"bob@x.com\nCid,cid@x.com\nDee,dee@x.com\n');
    expect(result.ok).toBe(true);
    expect(rows.map((r) => r.values[0])).toEqual(['Ann', 'Bob', 'Cid', 'Dee']);
    expect(rows[1]!.values[1]).toBe('"bob@x.com');
    expect(rows[1]!.issue).toMatch(/quote opened on line 3 is not closed/);
    expect(rows[2]).toMatchObject({ values: ['Cid', 'cid@x.com'], line: 4 });
  });

  it('an unclosed quote longer than the field limit is recovered without reading to the end', async () => {
    const lines = ['a,b', '1,"never closed'];
    for (let i = 0; i < 200; i++) lines.push(`${i},row${i}`);
    const { rows } = await parse(lines.join('\n') + '\n', { maxQuotedFieldChars: 100, chunkBytes: 64 });
    expect(rows).toHaveLength(201);
    expect(rows[200]!.values).toEqual(['199', 'row199']);
  });

  it('text after a closing quote is kept and flagged', async () => {
    const { rows } = await parse('a,b\n"abc"def,2\n');
    expect(rows[0]!.values).toEqual(['abcdef', '2']);
    expect(rows[0]!.issue).toMatch(/Line 2: text after a closing quote/);
  });

  it('blank lines in the middle are skipped and counted', async () => {
    const { result, rows } = await parse('a,b\n1,2\n\n\n3,4\n');
    expect(rows.map((r) => r.line)).toEqual([2, 5]);
    if (result.ok) expect(result.report.blankLines).toBe(2);
  });

  it('a trailing delimiter opens one more empty field', async () => {
    const { rows, result } = await parse('a,b,c\n1,2,');
    expect(rows[0]!.values).toEqual(['1', '2', '']);
    if (result.ok) expect(result.report.raggedRows).toBe(0);
  });
});

describe('dialect detection and overrides', () => {
  it.each([
    [';', 'name;email;city\nAnn;a@x.com;"Paris; France"\nBob;b@x.com;Rome\n'],
    ['\t', 'name\temail\tcity\nAnn\ta@x.com\tParis, France\nBob\tb@x.com\tRome\n'],
    ['|', 'name|email|city\nAnn|a@x.com|Paris, France\nBob|b@x.com|Rome\n'],
    [',', 'name,email,city\nAnn,a@x.com,"Paris; France"\nBob,b@x.com,Rome\n'],
  ])('detects %j', async (delimiter, text) => {
    const { result, rows } = await parse(text);
    expect(result.ok && result.report.dialect.delimiter).toBe(delimiter);
    expect(rows[0]!.values).toHaveLength(3);
  });

  it('the delimiter can be overridden', async () => {
    const { result, rows } = await parse('a;b,c\n1;2,3\n', { delimiter: ';' });
    expect(result.ok && result.report.headers).toEqual(['a', 'b,c']);
    expect(rows[0]!.values).toEqual(['1', '2,3']);
  });

  it('detects single-quote quoting', async () => {
    const { rows, result } = await parse("name,city\n'Ann','Paris, France'\n'Bob','Rome'\n");
    expect(result.ok && result.report.dialect.quote).toBe("'");
    expect(rows[0]!.values).toEqual(['Ann', 'Paris, France']);
  });

  it('quote "none" keeps quotes as text', async () => {
    const { rows } = await parse('a,b\n"x,y\n', { quote: 'none' });
    expect(rows[0]!.values).toEqual(['"x', 'y']);
  });

  it('a first row of data is not taken as a header', async () => {
    const { result, rows } = await parse('ann@x.com,Ann,Acme\nbob@x.com,Bob,Beta\n');
    expect(result.ok && result.report.dialect.hasHeader).toBe(false);
    expect(result.ok && result.report.headers).toEqual(['Column 1', 'Column 2', 'Column 3']);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.line).toBe(1);
  });

  it('the header choice can be overridden', async () => {
    const { result, rows } = await parse('name,city\nAnn,Paris\n', { hasHeader: false });
    expect(result.ok && result.report.headers).toEqual(['Column 1', 'Column 2']);
    expect(rows).toHaveLength(2);
  });
});

describe('encodings', () => {
  const text = 'name,city,note\nRenée,Zürich,“quoted” – 5€\nJosé,São Paulo,ok\n';
  const utf16 = (s: string, bigEndian: boolean) => {
    const out = new Uint8Array(2 + s.length * 2);
    out[0] = bigEndian ? 0xfe : 0xff;
    out[1] = bigEndian ? 0xff : 0xfe;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      out[2 + 2 * i + (bigEndian ? 1 : 0)] = c & 0xff;
      out[2 + 2 * i + (bigEndian ? 0 : 1)] = c >> 8;
    }
    return out;
  };
  const cp1252: Record<string, number> = { '“': 0x93, '”': 0x94, '–': 0x96, '€': 0x80 };
  const windows1252 = (s: string) => new Uint8Array([...s].map((ch) => cp1252[ch] ?? ch.charCodeAt(0)));

  const expectRows = (rows: ParsedRow[]) =>
    expect(rows.map((r) => r.values)).toEqual([
      ['Renée', 'Zürich', '“quoted” – 5€'],
      ['José', 'São Paulo', 'ok'],
    ]);

  it('UTF-8 without BOM', async () => {
    const { result, rows } = await parse(enc.encode(text), { chunkBytes: 5 });
    expect(result.ok && result.report.dialect).toMatchObject({ encoding: 'utf-8', bom: false });
    expectRows(rows);
  });

  it('UTF-8 with BOM (the BOM is not part of the first header)', async () => {
    const { result, rows } = await parse(new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(text)]), { chunkBytes: 2 });
    expect(result.ok && result.report.dialect).toMatchObject({ encoding: 'utf-8', bom: true });
    expect(result.ok && result.report.headers[0]).toBe('name');
    expectRows(rows);
  });

  it.each([false, true])('UTF-16 with BOM (big endian: %s)', async (bigEndian) => {
    const { result, rows } = await parse(utf16(text, bigEndian), { chunkBytes: 3 });
    expect(result.ok && result.report.dialect.encoding).toBe(bigEndian ? 'utf-16be' : 'utf-16le');
    expect(result.ok && result.report.headers).toEqual(['name', 'city', 'note']);
    expectRows(rows);
  });

  it('UTF-16 LE without a BOM is recognised by its NUL pattern, not taken for binary', async () => {
    const { result, rows } = await parse(utf16(text, false).subarray(2));
    expect(result.ok && result.report.dialect).toMatchObject({ encoding: 'utf-16le', bom: false });
    expectRows(rows);
  });

  it('4-byte characters split across 1-byte chunks', async () => {
    const { rows } = await parse(enc.encode('a,b\n😀,𝄞x\n'), { chunkBytes: 1 });
    expect(rows[0]!.values).toEqual(['😀', '𝄞x']);
  });

  it('Windows-1252 when the bytes are not valid UTF-8', async () => {
    const { result, rows } = await parse(windows1252(text));
    expect(result.ok && result.report.dialect.encoding).toBe('windows-1252');
    expectRows(rows);
  });

  it('switches to Windows-1252 when invalid bytes come after the sniffed part', async () => {
    const head = 'name,city\n' + 'plain,ascii\n'.repeat(8000);
    const bytes = new Uint8Array([...enc.encode(head), ...windows1252('Renée,“x”\n')]);
    const { result, rows } = await parse(bytes, { chunkBytes: 16 * 1024 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(rows.at(-1)!.values).toEqual(['Renée', '“x”']);
    expect(result.report.warnings.join(' ')).toMatch(/not valid UTF-8/);
  });

  it('the encoding can be overridden', async () => {
    const { result, rows } = await parse(enc.encode('a,b\nRenée,x\n'), { encoding: 'windows-1252' });
    expect(result.ok && result.report.dialect.encoding).toBe('windows-1252');
    expect(rows[0]!.values[0]).toBe('RenÃ©e');
  });
});

describe('streaming', () => {
  it('reads a Blob in chunks and hands rows over in batches', async () => {
    const lines = ['email,name'];
    for (let i = 0; i < 5000; i++) lines.push(`p${i}@x.com,Person ${i}`);
    const blob = new Blob([lines.join('\n')]);
    const batches: number[] = [];
    const progress: number[] = [];
    const result = await parseCsv(
      blob,
      { chunkBytes: 4096, batchRows: 1000 },
      {
        onRows: (rows) => {
          batches.push(rows.length);
        },
        onProgress: (p) => progress.push(p.bytesRead),
      },
    );
    expect(result.ok && result.report.rowCount).toBe(5000);
    expect(batches).toEqual([1000, 1000, 1000, 1000, 1000]);
    expect(progress.at(-1)).toBe(blob.size);
    expect(progress.length).toBeGreaterThan(5);
  });

  it('a Blob read into reused buffers gives the same rows as the same bytes in memory', async () => {
    // Over 3 MiB; multi-byte characters cut by chunk ends; the reader's two buffers reused in turn.
    const lines = ['email,name,city'];
    for (let i = 0; i < 80_000; i++) lines.push(`p${i}@x.com,"Zoë ${i}, Jr.",Kraków ${'€'.repeat(i % 5)}`);
    const bytes = enc.encode(lines.join('\n'));
    expect(bytes.length).toBeGreaterThan(3 * 1024 * 1024);
    // A Blob of many parts: its stream hands over one part per read, so the head spans reads.
    const parts: BlobPart[] = [];
    for (let at = 0; at < bytes.length; at += 7919) parts.push(bytes.slice(at, at + 7919));
    const fromBlob = await parse(new Blob(parts), { chunkBytes: 4099 });
    const inMemory = await parse(bytes, { chunkBytes: 4099 });
    expect(fromBlob.result.ok && fromBlob.result.report.rowCount).toBe(80_000);
    expect(fromBlob.rows.map((r) => r.values)).toEqual(inMemory.rows.map((r) => r.values));
    expect(fromBlob.rows[79_999]!.values).toEqual(['p79999@x.com', 'Zoë 79999, Jr.', 'Kraków €€€€']);
  });

  it('waits for a slow sink before reading on (backpressure)', async () => {
    const lines = ['a'];
    for (let i = 0; i < 3000; i++) lines.push(String(i));
    let inSink = false;
    let overlapped = false;
    await parseCsv(
      enc.encode(lines.join('\n')),
      { chunkBytes: 512, batchRows: 100 },
      {
        onRows: async () => {
          if (inSink) overlapped = true;
          inSink = true;
          await new Promise((r) => setTimeout(r, 1));
          inSink = false;
        },
      },
    );
    expect(overlapped).toBe(false);
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    const lines = ['a'];
    for (let i = 0; i < 100000; i++) lines.push(String(i));
    const result = await parseCsv(
      enc.encode(lines.join('\n')),
      { chunkBytes: 1024, signal: controller.signal },
      {
        onRows: () => controller.abort(),
      },
    );
    expect(result).toMatchObject({ ok: false, code: 'cancelled' });
  });

  it('previews the first rows only', async () => {
    const lines = ['a,b'];
    for (let i = 0; i < 1000; i++) lines.push(`${i},x`);
    const preview = await previewCsv(enc.encode(lines.join('\n')), {}, 5);
    expect(preview.ok).toBe(true);
    if (preview.ok) {
      expect(preview.rows.map((r) => r.values[0])).toEqual(['0', '1', '2', '3', '4']);
      expect(preview.report.truncated).toBe(true);
    }
  });
});

describe('line numbers and lenient quotes across a large streamed file', () => {
  // Rows built with their expected values and start lines, so every row of a file far larger than
  // one parse step (and cut into odd chunk sizes) can be checked.
  function build(rowCount: number, allQuoted: boolean) {
    const lines: string[] = [];
    const expected: { values: string[]; line: number }[] = [];
    let line = 2;
    lines.push('id,name,note');
    for (let i = 0; i < rowCount; i++) {
      const note = i % 7 === 0 ? `first\nsecond${i % 3 === 0 ? '\r\nthird' : ''}` : `note ${i}, plain`;
      const values = [String(i), `Name ${i}`, note];
      const cell = (v: string, force: boolean) => (force ? `"${v.replace(/"/g, '""')}"` : v);
      lines.push([cell(values[0]!, allQuoted), cell(values[1]!, allQuoted), cell(note, true)].join(','));
      expected.push({ values, line });
      line += 1 + (note.match(/\n/g)?.length ?? 0);
    }
    return { text: lines.join(allQuoted ? '\r\n' : '\n') + '\n', expected };
  }

  it.each([
    ['some fields quoted', false, 65_537],
    ['every field quoted, CRLF', true, 4_099],
  ])('%s: every row has its values and physical line', async (_, allQuoted, chunkBytes) => {
    const { text, expected } = build(12_000, allQuoted);
    expect(text.length).toBeGreaterThan(3 * 64 * 1024);
    const { result, rows } = await parse(text, { chunkBytes });
    expect(result.ok && result.report.issueCount).toBe(0);
    expect(rows.map((r) => ({ values: r.values, line: r.line }))).toEqual(expected);
  });

  it('a malformed quote on many rows is repaired on each, with its line, and no row is lost', async () => {
    const lines = ['name,company'];
    for (let i = 0; i < 3000; i++) lines.push(i % 3 === 0 ? `P${i},"Acme" Inc ${i}` : `P${i},"Co, ${i}"`);
    const { result, rows } = await parse(lines.join('\n') + '\n', { chunkBytes: 1000 });
    expect(rows).toHaveLength(3000);
    expect(rows[3]).toMatchObject({ values: ['P3', 'Acme Inc 3'], line: 5 });
    expect(rows[3]!.issue).toBe('Line 5: text after a closing quote on line 5 was kept as part of the value.');
    expect(rows[4]).toMatchObject({ values: ['P4', 'Co, 4'], line: 6 });
    expect(rows[4]!.issue).toBeUndefined();
    expect(result.ok && result.report.issueCount).toBe(1000);
  });

  it('old Mac line endings (lone CR) count as line breaks', async () => {
    const { rows } = await parse('a,b\r1,"x\ry"\r2,z\r');
    expect(rows.map((r) => [r.values, r.line])).toEqual([
      [['1', 'x\ny'], 2],
      [['2', 'z'], 4],
    ]);
  });

  it('blanks between a closing quote and the delimiter are dropped, as papaparse does', async () => {
    const { rows } = await parse('a,b\n"x"  ,"y" \r\n');
    expect(rows[0]!.values).toEqual(['x', 'y']);
    expect(rows[0]!.issue).toBeUndefined();
  });

  it('a blank line at the end is counted once', async () => {
    const { result } = await parse('a,b\n1,2\n\n');
    expect(result.ok && result.report.blankLines).toBe(1);
  });
});

describe('regular records and odd ones in one file', () => {
  // Regular records are read by the fast path; from an odd one on, papaparse and the repair pass
  // read the rest of that piece. Both must agree on values and lines, whatever the chunk size.
  const N = 400;
  const expected: { values: string[]; line: number }[] = [];
  const lines: string[] = ['id,quoted,note,plain'];
  let line = 2;
  for (let i = 0; i < N; i++) {
    const note = i % 7 === 0 ? `two\r\nlines ${i}` : `note ${i}`;
    const odd = i % 97 === 50; // a quote inside an unquoted value: text, as papaparse reads it
    const plain = odd ? `x"y${i}` : i % 11 === 0 ? '' : `p${i}`;
    lines.push(`${i},"say ""hi"", ${i}","${note}",${plain}`);
    expected.push({ values: [String(i), `say "hi", ${i}`, note, plain], line });
    line += 1 + (i % 7 === 0 ? 1 : 0);
    if (i % 50 === 25) {
      lines.push(''); // a blank line: skipped, but it counts for the lines after it
      line++;
    }
  }
  const file = lines.join('\r\n') + '\r\n';

  for (const chunkBytes of [1024 * 1024, 4096, 13, 1]) {
    it(`chunks of ${chunkBytes} bytes`, async () => {
      const { result, rows } = await parse(file, { chunkBytes });
      expect(result.ok).toBe(true);
      expect(rows.map((r) => ({ values: r.values, line: r.line }))).toEqual(expected);
      expect(rows.every((r) => r.issue === undefined)).toBe(true);
      if (result.ok) expect(result.report.blankLines).toBe(8);
    });
  }

  it('rows whose width changes keep every value, quoted or not, read from a Blob', async () => {
    // The fast path starts each record as a copy of the last one's width: wider and narrower rows
    // must neither lose values nor keep stale ones.
    const widths = [3, 1, 5, 2, 3, 3, 6, 1];
    const expected: string[][] = [];
    const body: string[] = [];
    for (let i = 0; i < 200; i++) {
      const values = Array.from({ length: widths[i % widths.length]! }, (_, c) => `v${i}.${c}`);
      expected.push(values);
      body.push(values.map((v, c) => (c % 2 === i % 2 ? `"${v}"` : v)).join(','));
    }
    const { result, rows } = await parse(new Blob([['a,b,c', ...body].join('\r\n')]), { chunkBytes: 97 });
    expect(result.ok).toBe(true);
    // Short rows are padded to the header's three columns, long ones keep their extra values.
    expect(rows.map((r) => r.values)).toEqual(
      expected.map((v) => (v.length < 3 ? [...v, ...Array<string>(3 - v.length).fill('')] : v)),
    );
    expect(rows.map((r) => r.line)).toEqual(expected.map((_, i) => i + 2));
  });

  it('a one-column file, every value quoted or none', async () => {
    const plain = Array.from({ length: 500 }, (_, i) => `person${i}@example.com`);
    const quoted = plain.map((v) => `"${v}"`);
    for (const body of [plain, quoted]) {
      const { result, rows } = await parse(['email', ...body].join('\n') + '\n', { delimiter: ',' });
      expect(result.ok).toBe(true);
      expect(rows.map((r) => r.values)).toEqual(plain.map((v) => [v]));
    }
  });

  it('text after a closing quote in the middle of regular rows is kept and flagged on its line', async () => {
    const body = Array.from({ length: 30 }, (_, i) => (i === 17 ? `${i},"ab"cd,z` : `${i},"v${i}",z`));
    const { rows } = await parse(['n,v,w', ...body].join('\n') + '\n');
    expect(rows).toHaveLength(30);
    expect(rows[17]).toMatchObject({ line: 19, values: ['17', 'abcd', 'z'] });
    expect(rows[17]!.issue).toMatch(/line 19/);
    expect(rows[18]).toMatchObject({ line: 20, values: ['18', 'v18', 'z'] });
    expect(rows.filter((r) => r.issue)).toHaveLength(1);
  });
});
