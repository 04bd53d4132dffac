/** The row store (rows.ts): packed chunk cells in and out, and chunks of the first (nested) form still read. */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProspectDb } from '../../../renderer/src/db/schema';
import {
  allRows,
  ChunkPacker,
  countRows,
  pagesOfValues,
  pendingRows,
  putRowStates,
  readRows,
  rowsWithStatus,
  type RowCells,
} from '../../../renderer/src/features/enrich/rows';
import { CSV_CHUNK_ROWS, type CsvRowChunkRecord } from '../../../renderer/src/features/enrich/types';

let database: ProspectDb;
let n = 0;
beforeEach(async () => {
  database = new ProspectDb(`csv-rows-${++n}`);
  await database.open();
});
afterEach(async () => {
  database.close();
  await database.delete();
});

/** Rows of every awkward kind: no cells, empty cells, wide rows, quotes, line breaks, non-Latin text, emoji. */
function awkwardRows(count: number): RowCells[] {
  return Array.from({ length: count }, (_, index) => {
    const kind = index % 7;
    const values =
      kind === 0
        ? []
        : kind === 1
          ? ['']
          : kind === 2
            ? Array.from({ length: 45 }, (_, c) => (c % 3 === 0 ? '' : `w${index}.${c}`))
            : kind === 3
              ? [`"quoted", ${index}`, 'multi\nline', '']
              : kind === 4
                ? ['山田太郎', `Ünïcödé ${index}`, '😀 emoji']
                : [`p${index}@acme.com`, `First${index}`, `Last${index}`];
    return { index, values, line: index + 2, ...(kind === 3 ? { issue: `Line ${index + 2}: odd` } : {}) };
  });
}

async function store(jobId: string, rows: RowCells[]): Promise<CsvRowChunkRecord[]> {
  const packer = new ChunkPacker(jobId);
  const chunks = rows.flatMap((r) => packer.add(r) ?? []);
  const last = packer.flush();
  if (last) chunks.push(last);
  await database.csvRowChunks.bulkPut(chunks);
  return chunks;
}

const pendingOf = (jobId: string, r: RowCells) => ({
  jobId,
  index: r.index,
  status: 'pending',
  values: r.values,
  line: r.line,
  ...(r.issue ? { issue: r.issue } : {}),
});

describe('packed chunks', () => {
  it('give back every row exactly as it went in, across chunk boundaries and a wide chunk', async () => {
    const rows = awkwardRows(2 * CSV_CHUNK_ROWS + 345);
    const chunks = await store('job', rows);
    expect(chunks.map((c) => c.first)).toEqual([0, CSV_CHUNK_ROWS, 2 * CSV_CHUNK_ROWS]);
    // Stored as one string and offsets, not as arrays of cells.
    const stored = (await database.csvRowChunks.get(['job', 1]))!;
    expect(typeof stored.text).toBe('string');
    expect(stored.values).toBeUndefined();

    expect(await countRows(database, 'job')).toBe(rows.length);
    expect(await allRows(database, 'job')).toEqual(rows.map((r) => pendingOf('job', r)));
    expect(await readRows(database, 'job', 995, 10)).toEqual(rows.slice(995, 1005).map((r) => pendingOf('job', r)));
    const values: string[][] = [];
    for await (const page of pagesOfValues(database, 'job', 2)) values.push(...page);
    expect(values).toEqual(rows.map((r) => r.values));
  });

  it('grow past the room made for 32 cells a row', async () => {
    const rows = Array.from({ length: CSV_CHUNK_ROWS }, (_, index) => ({
      index,
      values: Array.from({ length: 70 }, (_, c) => `${index}:${c}`),
    }));
    await store('wide', rows);
    expect((await readRows(database, 'wide', 999, 1))[0]!.values).toEqual(rows[999]!.values);
    expect((await allRows(database, 'wide')).map((r) => r.values)).toEqual(rows.map((r) => r.values));
  });

  it('join run state: pending rows skip final ones, rows with a status come back with their cells', async () => {
    const rows = awkwardRows(1500);
    await store('run', rows);
    await putRowStates(database, [
      { ...pendingOf('run', rows[1]!), status: 'done', personId: 'p1' },
      { ...pendingOf('run', rows[1200]!), status: 'failed' },
    ]);
    const pending = await pendingRows(database, 'run', 0, 3000);
    expect(pending.map((r) => r.index)).toEqual(rows.map((r) => r.index).filter((i) => i !== 1 && i !== 1200));
    expect(await rowsWithStatus(database, 'run', 'failed')).toEqual([
      { ...pendingOf('run', rows[1200]!), status: 'failed' },
    ]);
    expect((await rowsWithStatus(database, 'run', 'done'))[0]).toMatchObject({ values: [''], personId: 'p1' });
  });

  it('never let rows in out of order', () => {
    const packer = new ChunkPacker('job');
    packer.add({ index: 0, values: ['a'] });
    expect(() => packer.add({ index: 2, values: ['b'] })).toThrow(/out of order/);
  });
});

describe('chunks of the first form (cells as nested arrays)', () => {
  it('are read as before, next to packed ones of another job', async () => {
    const nested = awkwardRows(CSV_CHUNK_ROWS + 20);
    const nestedChunk = (chunk: number): CsvRowChunkRecord => {
      const rows = nested.slice(chunk * CSV_CHUNK_ROWS, (chunk + 1) * CSV_CHUNK_ROWS);
      const issues: Record<number, string> = {};
      rows.forEach((r, o) => r.issue && (issues[o] = r.issue));
      return {
        jobId: 'old',
        chunk,
        first: chunk * CSV_CHUNK_ROWS,
        values: rows.map((r) => r.values),
        lines: rows.map((r) => r.line!),
        issues,
      };
    };
    await database.csvRowChunks.bulkPut([nestedChunk(0), nestedChunk(1)]);
    const packed = awkwardRows(50);
    await store('new', packed);

    expect(await countRows(database, 'old')).toBe(nested.length);
    expect(await allRows(database, 'old')).toEqual(nested.map((r) => pendingOf('old', r)));
    expect(await readRows(database, 'old', 998, 4)).toEqual(nested.slice(998, 1002).map((r) => pendingOf('old', r)));
    expect((await pendingRows(database, 'old', 0, 5000)).length).toBe(nested.length);
    expect(await allRows(database, 'new')).toEqual(packed.map((r) => pendingOf('new', r)));
  });
});
