/**
 * The generated file the CSV benchmarks parse: realistic rows (emails, names, a quoted field with a
 * comma, now and then a quoted newline) in a few pre-encoded blocks that are repeated until the
 * file has N rows; or the same rows with every value quoted. Shared by the Node bench (csv.ts) and the in-page one (browser/csv-page.ts), so
 * it must not import anything from Node.
 */

export const BLOCK_ROWS = 2000;
const BLOCKS = 8;

const NAMED_COLUMNS = [
  'id',
  'email',
  'first name',
  'last name',
  'company',
  'website',
  'linkedin',
  'title',
  'phone',
  'city',
];

export function header(columns: number): string {
  return Array.from({ length: columns }, (_, c) => NAMED_COLUMNS[c] ?? `metric ${c}`).join(',');
}

/** One row of realistic text: emails, names, a quoted field with a comma, sometimes a quoted newline. */
export function row(i: number, columns: number): string {
  const cells = [
    String(i),
    `person${i}@company${i % 997}.com`,
    `First${i % 311}`,
    `Last${i % 733}`,
    `"Company ${i % 997}, Inc."`,
    `https://www.company${i % 997}.com`,
    `https://www.linkedin.com/in/person-${i}`,
    i % 50 === 0 ? `"multi-line\nnote ${i}"` : `Head of Things ${i % 17}`,
    `+1 415 555 ${String(i % 10000).padStart(4, '0')}`,
    'San Francisco',
  ];
  while (cells.length < columns) cells.push(String((i * (cells.length + 7)) % 100000));
  return cells.slice(0, columns).join(',');
}

/** The same row with every value quoted (the way some CRMs and Excel exports write them). */
export function quotedRow(i: number, columns: number): string {
  return quoteAll(row(i, columns));
}

/** Wraps every unquoted value of a generated line in quotes (generated values hold no quote of their own). */
function quoteAll(line: string): string {
  const out: string[] = [];
  for (const cell of line.match(/"[^"]*"|[^,]+/g) ?? []) out.push(cell.startsWith('"') ? cell : `"${cell}"`);
  return out.join(',');
}

export interface CsvDataOptions {
  /** Every value quoted, the header too (default: only the values that need it). */
  quoted?: boolean;
}

/** BLOCKS blocks of BLOCK_ROWS rows each, every one ending with a CRLF. */
export function encodedBlocks(columns: number, options: CsvDataOptions = {}): Uint8Array<ArrayBuffer>[] {
  const enc = new TextEncoder();
  const out: Uint8Array<ArrayBuffer>[] = [];
  const line = options.quoted ? quotedRow : row;
  for (let b = 0; b < BLOCKS; b++) {
    const lines: string[] = [];
    for (let r = 0; r < BLOCK_ROWS; r++) lines.push(line(b * BLOCK_ROWS + r, columns));
    out.push(enc.encode(lines.join('\r\n') + '\r\n'));
  }
  return out;
}

/** The first `rows` rows of a block: cut after the rows-th CRLF. */
function firstRows(block: Uint8Array<ArrayBuffer>, rows: number): Uint8Array<ArrayBuffer> {
  let seen = 0;
  let end = 0;
  while (seen < rows) {
    end = block.indexOf(10, end) + 1;
    // A quoted newline inside a row is a bare LF, not a row end (rows with one are at i % 50 === 0).
    if (block[end - 2] === 13) seen++;
  }
  return block.subarray(0, end);
}

/**
 * The whole file as pieces in order: the header line, then the same few blocks again and again
 * (the very same Uint8Array objects, so callers can share them), the last one cut to N rows.
 */
export function* csvPieces(
  rows: number,
  columns: number,
  options: CsvDataOptions = {},
): Generator<Uint8Array<ArrayBuffer>> {
  const head = header(columns);
  yield new TextEncoder().encode((options.quoted ? quoteAll(head) : head) + '\r\n');
  const pool = encodedBlocks(columns, options);
  for (let emitted = 0, b = 0; emitted < rows; emitted += BLOCK_ROWS, b++) {
    const block = pool[b % pool.length]!;
    yield rows - emitted < BLOCK_ROWS ? firstRows(block, rows - emitted) : block;
  }
}
