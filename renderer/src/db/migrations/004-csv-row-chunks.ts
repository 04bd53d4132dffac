/**
 * v4: a CSV job's rows move from csvRows (one record per row, cells and run state together) to
 * csvRowChunks (the cells, CSV_CHUNK_ROWS rows per record) and csvRowState (run state, only for
 * rows that have any). Every job's rows are converted, finished ones too, so their exports keep
 * working; rows of a job that no longer exists are dropped with the old table. Reads a page of
 * rows at a time, so an old million-row job upgrades in constant memory.
 */
import type { Transaction } from 'dexie';
import { ChunkPacker, stateOf } from '../../features/enrich/rows';
import {
  CSV_CHUNK_ROWS,
  type CsvJobRecord,
  type CsvRowChunkRecord,
  type CsvRowRecord,
  type CsvRowStateRecord,
} from '../../features/enrich/types';

const PAGE = 10 * CSV_CHUNK_ROWS;

export async function upgradeToV4(tx: Transaction): Promise<void> {
  const oldRows = tx.table<CsvRowRecord, [string, number]>('csvRows');
  const chunks = tx.table<CsvRowChunkRecord, [string, number]>('csvRowChunks');
  const states = tx.table<CsvRowStateRecord, [string, number]>('csvRowState');
  const jobIds = (await tx.table<CsvJobRecord, string>('csvJobs').toCollection().primaryKeys()) as string[];
  for (const jobId of jobIds) {
    const packer = new ChunkPacker(jobId);
    // v1-v3 imports numbered rows 0..n-1; a gap (never written by the app) is kept as an empty row.
    let next = 0;
    let after = -1;
    for (;;) {
      const page = await oldRows
        .where('[jobId+index]')
        .between([jobId, after + 1], [jobId, Infinity], true, true)
        .limit(PAGE)
        .toArray();
      if (page.length === 0) break;
      const packed: CsvRowChunkRecord[] = [];
      const withState: CsvRowStateRecord[] = [];
      for (const row of page) {
        for (; next < row.index; next++) {
          const gap = packer.add({ index: next, values: [] });
          if (gap) packed.push(gap);
        }
        const full = packer.add(row);
        next = row.index + 1;
        if (full) packed.push(full);
        // A pending row that never ran has nothing to keep but its cells.
        if (row.status !== 'pending' || row.providersTried?.length || row.enriched) withState.push(stateOf(row));
      }
      if (packed.length) await chunks.bulkPut(packed);
      if (withState.length) await states.bulkPut(withState);
      after = page.at(-1)!.index;
    }
    const last = packer.flush();
    if (last) await chunks.put(last);
  }
}
