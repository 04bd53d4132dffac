/**
 * The one way to a CSV job's rows. A row is stored in two places: its cells in a packed chunk
 * (csvRowChunks, CSV_CHUNK_ROWS rows per record, written once by the import) and its run state in
 * csvRowState (written by the runner, and only for rows that have any). A row without a state
 * record is 'pending' and was never run. Import, runner, eligibility and export all go through
 * here, so none of them knows about the split.
 *
 * Why: one IndexedDB record per row made a 1M-row import cost minutes of per-record overhead
 * before the rep could map it; 1,000 records of 1,000 rows land in seconds.
 */
import type { ProspectDb } from '../../db/schema';
import {
  CSV_CHUNK_ROWS,
  type CsvRowChunkRecord,
  type CsvRowRecord,
  type CsvRowStateRecord,
  type CsvRowStatus,
} from './types';

export const chunkOf = (index: number) => Math.floor(index / CSV_CHUNK_ROWS);

export interface RowCells {
  index: number;
  values: string[];
  line?: number;
  issue?: string;
}

/** Cells per chunk the packer makes room for at first (it grows for wider files). */
const INITIAL_CELLS = CSV_CHUNK_ROWS * 32;

/**
 * Packs rows, arriving in index order from 0, into chunk records with packed cells (types.ts,
 * PackedCells). `add` returns a chunk each time one fills; `flush` returns the last, partly filled
 * one.
 */
export class ChunkPacker {
  private chunk = 0;
  private rows = 0;
  private cells: string[] = [];
  private textLength = 0;
  private cellEnds = new Uint32Array(INITIAL_CELLS);
  private rowEnds = new Uint32Array(CSV_CHUNK_ROWS);
  private lines = new Uint32Array(CSV_CHUNK_ROWS);
  private issues: Record<number, string> | undefined;

  constructor(private readonly jobId: string) {}

  add(row: RowCells): CsvRowChunkRecord | undefined {
    const expected = this.chunk * CSV_CHUNK_ROWS + this.rows;
    if (row.index !== expected) throw new Error(`Rows out of order: row ${row.index} where ${expected} was expected.`);
    if (row.issue) (this.issues ??= {})[this.rows] = row.issue;
    let cell = this.cells.length;
    if (cell + row.values.length > this.cellEnds.length) {
      const grown = new Uint32Array(Math.max(2 * this.cellEnds.length, cell + row.values.length));
      grown.set(this.cellEnds);
      this.cellEnds = grown;
    }
    for (const value of row.values) {
      this.cells.push(value);
      this.cellEnds[cell++] = this.textLength += value.length;
    }
    this.rowEnds[this.rows] = cell;
    this.lines[this.rows] = row.line ?? 0;
    return ++this.rows === CSV_CHUNK_ROWS ? this.take() : undefined;
  }

  flush(): CsvRowChunkRecord | undefined {
    return this.rows ? this.take() : undefined;
  }

  private take(): CsvRowChunkRecord {
    const record: CsvRowChunkRecord = {
      jobId: this.jobId,
      chunk: this.chunk,
      first: this.chunk * CSV_CHUNK_ROWS,
      text: this.cells.join(''),
      cellEnds: this.cellEnds.slice(0, this.cells.length),
      rowEnds: this.rowEnds.slice(0, this.rows),
      lines: this.lines.slice(0, this.rows),
      ...(this.issues ? { issues: this.issues } : {}),
    };
    this.chunk++;
    this.rows = 0;
    this.cells = [];
    this.textLength = 0;
    this.issues = undefined;
    return record;
  }
}

/** Rows a chunk holds. */
export const rowsIn = (chunk: CsvRowChunkRecord): number => (chunk.values ? chunk.values.length : chunk.rowEnds.length);

/** The cells of the chunk's row at `offset`, from either form of chunk (types.ts). */
export function cellsOf(chunk: CsvRowChunkRecord, offset: number): string[] {
  if (chunk.values) return chunk.values[offset]!;
  const { text, cellEnds, rowEnds } = chunk;
  const from = offset === 0 ? 0 : rowEnds[offset - 1]!;
  const to = rowEnds[offset]!;
  const cells = new Array<string>(to - from);
  let start = from === 0 ? 0 : cellEnds[from - 1]!;
  for (let c = from; c < to; c++) {
    const end = cellEnds[c]!;
    cells[c - from] = text.slice(start, end);
    start = end;
  }
  return cells;
}

/** Every row's cells of a chunk, in order. */
function allCellsOf(chunk: CsvRowChunkRecord): string[][] {
  if (chunk.values) return chunk.values;
  const rows = new Array<string[]>(chunk.rowEnds.length);
  for (let o = 0; o < rows.length; o++) rows[o] = cellsOf(chunk, o);
  return rows;
}

/** A row's run state without its cells (what csvRowState keeps). */
export function stateOf(row: CsvRowRecord): CsvRowStateRecord {
  const { values: _values, line: _line, issue: _issue, ...state } = row;
  return state;
}

/** Writes rows' run state; call inside the run's transaction (which includes csvRowState). */
export async function putRowStates(db: ProspectDb, rows: readonly CsvRowRecord[]): Promise<void> {
  if (rows.length) await db.csvRowState.bulkPut(rows.map(stateOf));
}

function joinRow(chunk: CsvRowChunkRecord, offset: number, state: CsvRowStateRecord | undefined): CsvRowRecord {
  const index = chunk.first + offset;
  const row: CsvRowRecord = state
    ? { ...state, values: cellsOf(chunk, offset) }
    : { jobId: chunk.jobId, index, status: 'pending', values: cellsOf(chunk, offset) };
  // Line 0: not known (rows written before lines were recorded).
  const line = chunk.lines[offset];
  if (line) row.line = line;
  const issue = chunk.issues?.[offset];
  if (issue) row.issue = issue;
  return row;
}

async function statesBetween(
  db: ProspectDb,
  jobId: string,
  first: number,
  last: number,
): Promise<Map<number, CsvRowStateRecord>> {
  const states = await db.csvRowState
    .where('[jobId+index]')
    .between([jobId, first], [jobId, last], true, true)
    .toArray();
  return new Map(states.map((s) => [s.index, s]));
}

const lastIndexOf = (chunk: CsvRowChunkRecord) => chunk.first + rowsIn(chunk) - 1;

/** Chunks of a job from `fromChunk` on, `count` at most, in order. */
function chunksFrom(db: ProspectDb, jobId: string, fromChunk: number, count: number): Promise<CsvRowChunkRecord[]> {
  return db.csvRowChunks
    .where('[jobId+chunk]')
    .between([jobId, fromChunk], [jobId, Infinity], true, true)
    .limit(count)
    .toArray();
}

/** Up to `limit` rows from index `from` on, cells and run state, in index order. */
export async function readRows(db: ProspectDb, jobId: string, from: number, limit: number): Promise<CsvRowRecord[]> {
  if (limit <= 0) return [];
  const last = from + limit - 1;
  const chunks = await db.csvRowChunks
    .where('[jobId+chunk]')
    .between([jobId, chunkOf(from)], [jobId, chunkOf(last)], true, true)
    .toArray();
  const states = await statesBetween(db, jobId, from, last);
  const rows: CsvRowRecord[] = [];
  for (const chunk of chunks) {
    const start = Math.max(from, chunk.first) - chunk.first;
    const end = Math.min(last, lastIndexOf(chunk)) - chunk.first;
    for (let o = start; o <= end; o++) rows.push(joinRow(chunk, o, states.get(chunk.first + o)));
  }
  return rows;
}

/** Every row of a job, a few chunks per page, in index order: constant memory for any size. */
export async function* pagesOfRows(db: ProspectDb, jobId: string, chunksPerPage = 5): AsyncGenerator<CsvRowRecord[]> {
  let next = 0;
  for (;;) {
    const chunks = await chunksFrom(db, jobId, next, chunksPerPage);
    if (chunks.length === 0) return;
    const states = await statesBetween(db, jobId, chunks[0]!.first, lastIndexOf(chunks.at(-1)!));
    const page: CsvRowRecord[] = [];
    for (const chunk of chunks)
      for (let o = 0, n = rowsIn(chunk); o < n; o++) page.push(joinRow(chunk, o, states.get(chunk.first + o)));
    yield page;
    next = chunks.at(-1)!.chunk + 1;
  }
}

/** Every row's cells (no run state), a few chunks per page: what counting eligibility needs. */
export async function* pagesOfValues(db: ProspectDb, jobId: string, chunksPerPage = 5): AsyncGenerator<string[][]> {
  let next = 0;
  for (;;) {
    const chunks = await chunksFrom(db, jobId, next, chunksPerPage);
    if (chunks.length === 0) return;
    yield chunks.length === 1 ? allCellsOf(chunks[0]!) : chunks.flatMap(allCellsOf);
    next = chunks.at(-1)!.chunk + 1;
  }
}

/** Every row of a job, in index order (tests and small jobs; big ones page with pagesOfRows). */
export async function allRows(db: ProspectDb, jobId: string): Promise<CsvRowRecord[]> {
  const rows: CsvRowRecord[] = [];
  for await (const page of pagesOfRows(db, jobId, 20)) rows.push(...page);
  return rows;
}

const SCAN_CHUNKS = 4;

/**
 * Up to `limit` rows still to run (no state yet, or put back to 'pending'), from index `from` on,
 * in index order. The runner passes the first index of its previous window, so rows already final
 * are never scanned twice; chunks whose rows are all final are skipped without reading their cells.
 */
export async function pendingRows(db: ProspectDb, jobId: string, from: number, limit: number): Promise<CsvRowRecord[]> {
  const rows: CsvRowRecord[] = [];
  let chunk = chunkOf(from);
  const lastChunk = await db.csvRowChunks.where('[jobId+chunk]').between([jobId, -Infinity], [jobId, Infinity]).last();
  if (!lastChunk) return rows;
  while (rows.length < limit && chunk <= lastChunk.chunk) {
    const upTo = Math.min(lastChunk.chunk, chunk + SCAN_CHUNKS - 1);
    const first = Math.max(from, chunk * CSV_CHUNK_ROWS);
    const states = await statesBetween(db, jobId, first, (upTo + 1) * CSV_CHUNK_ROWS - 1);
    const finalIn = new Map<number, number>();
    for (const s of states.values())
      if (s.status !== 'pending') finalIn.set(chunkOf(s.index), (finalIn.get(chunkOf(s.index)) ?? 0) + 1);
    const wanted: number[] = [];
    for (let c = chunk; c <= upTo; c++) {
      const span = CSV_CHUNK_ROWS - Math.max(0, first - c * CSV_CHUNK_ROWS);
      if ((finalIn.get(c) ?? 0) < span) wanted.push(c);
    }
    const chunks = wanted.length
      ? await db.csvRowChunks.bulkGet(wanted.map((c) => [jobId, c] as [string, number]))
      : [];
    for (const record of chunks) {
      if (!record) continue;
      for (let o = Math.max(0, first - record.first), n = rowsIn(record); o < n && rows.length < limit; o++) {
        const state = states.get(record.first + o);
        if (!state || state.status === 'pending') rows.push(joinRow(record, o, state));
      }
    }
    chunk = upTo + 1;
  }
  return rows;
}

/** Rows with a final status (not 'pending': those have no state record), cells joined, in index order. */
export async function rowsWithStatus(
  db: ProspectDb,
  jobId: string,
  status: Exclude<CsvRowStatus, 'pending'>,
): Promise<CsvRowRecord[]> {
  const states = await db.csvRowState.where('[jobId+status]').equals([jobId, status]).toArray();
  states.sort((a, b) => a.index - b.index);
  const keys = [...new Set(states.map((s) => chunkOf(s.index)))];
  const chunks = await db.csvRowChunks.bulkGet(keys.map((c) => [jobId, c] as [string, number]));
  const byChunk = new Map(chunks.filter((c): c is CsvRowChunkRecord => !!c).map((c) => [c.chunk, c]));
  return states.flatMap((s) => {
    const chunk = byChunk.get(chunkOf(s.index));
    return chunk ? [joinRow(chunk, s.index - chunk.first, s)] : [];
  });
}

/** Rows of a job with a final status (states with status 'pending' count as pending, not here). */
export function countWithStatus(db: ProspectDb, jobId: string, status: Exclude<CsvRowStatus, 'pending'>) {
  return db.csvRowState.where('[jobId+status]').equals([jobId, status]).count();
}

/** Rows a job holds (the cells written so far). */
export async function countRows(db: ProspectDb, jobId: string): Promise<number> {
  const last = await db.csvRowChunks.where('[jobId+chunk]').between([jobId, -Infinity], [jobId, Infinity]).last();
  return last ? last.first + rowsIn(last) : 0;
}

/** Deletes a job's cells and run state (range deletes: no per-row work). */
export async function deleteJobRows(db: ProspectDb, jobId: string): Promise<void> {
  await db.transaction('rw', db.csvRowChunks, db.csvRowState, async () => {
    await db.csvRowChunks.where('[jobId+chunk]').between([jobId, -Infinity], [jobId, Infinity]).delete();
    await db.csvRowState.where('[jobId+index]').between([jobId, -Infinity], [jobId, Infinity]).delete();
  });
}
