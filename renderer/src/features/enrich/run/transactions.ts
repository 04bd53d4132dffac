/**
 * The one write path of a run: rows' run state (rows.ts), people (+ list membership), ledger entries, credits and stats
 * in a single IndexedDB transaction, so an answer exists in full (rows + ledger + cost) or not at
 * all. Once committed, the run's in-memory counters mirror it.
 */
import type { Person } from '../../../../../shared/domain';
import { resolvePersonIds, peopleWriteTables } from '../../../db/people';
import type { ProspectDb, StoredPerson } from '../../../db/schema';
import { fileTitle } from '../import';
import { putRowStates } from '../rows';
import type { LedgerEntry } from '../ledger';
import type { CsvJobRecord, CsvRowRecord, CsvRunStats } from '../types';
import { countFinal } from './progress';
import { addStats } from './stats';
import type { ActiveRun, ListStore, PeopleStore } from './types';

export interface WriteDeps {
  db: ProspectDb;
  people: PeopleStore;
  lists: ListStore;
  now: () => number;
}

export interface RunWrite {
  rows: CsvRowRecord[];
  stats?: CsvRunStats;
  credits?: number;
  people?: Person[];
  listMembers?: string[];
  /** Runs inside the transaction once the people have their stored ids. */
  afterPeople?: (stored: StoredPerson[]) => { rows: CsvRowRecord[]; ledger: LedgerEntry[] };
}

export async function writeRun(deps: WriteDeps, run: ActiveRun, w: RunWrite): Promise<void> {
  const d = deps.db;
  const finalRows: CsvRowRecord[] = [];
  const rateLimited = run.unsavedRateLimited;
  const delta: CsvRunStats = { perProvider: w.stats?.perProvider ?? {}, rateLimited };
  await d.transaction('rw', [d.csvRowState, d.csvJobs, d.enrichments, d.lists, ...peopleWriteTables(d)], async () => {
    const job = await d.csvJobs.get(run.jobId);
    if (!job) throw new Error(`The job ${run.jobId} was deleted.`);
    let listId = job.listId;
    const needList = (w.people?.length ?? 0) > 0 || (w.listMembers?.length ?? 0) > 0;
    if (needList && !listId) {
      listId = (await deps.lists.createList(fileTitle(job.fileName).slice(0, 200) || 'Enriched CSV', 'people')).id;
    }
    let rows = w.rows;
    let ledger: LedgerEntry[] = [];
    if (w.people?.length) {
      const stored = await deps.people.upsertPeople(w.people, listId ? { listId } : {});
      const more = w.afterPeople?.(stored);
      if (more) {
        rows = rows.concat(more.rows);
        ledger = more.ledger;
      }
    } else if (w.afterPeople) {
      const more = w.afterPeople([]);
      rows = rows.concat(more.rows);
      ledger = more.ledger;
    }
    if (w.listMembers?.length && listId) {
      // A ledger entry may name a person since merged into another row: that row keeps the old id in its keys.
      const direct = await d.people.bulkGet(w.listMembers);
      const ids = direct.filter((p): p is StoredPerson => !!p).map((p) => p.id);
      const absorbed = w.listMembers.filter((_, i) => !direct[i]);
      if (absorbed.length) ids.push(...(await resolvePersonIds(absorbed)));
      if (ids.length) await deps.lists.addMembersInTransaction(listId, [...new Set(ids)]);
    }
    if (ledger.length) await d.enrichments.bulkPut(ledger);
    await putRowStates(d, rows);
    const stats = addStats(job.stats ?? { perProvider: {}, rateLimited: 0 }, delta);
    await d.csvJobs.update(run.jobId, {
      creditsSpent: (job.creditsSpent ?? 0) + (w.credits ?? 0),
      stats,
      ...(listId ? { listId } : {}),
      updatedAt: new Date(deps.now()).toISOString(),
    } satisfies Partial<CsvJobRecord>);
    finalRows.push(...rows);
  });
  // Committed: mirror it in memory for progress.
  run.creditsSpent += w.credits ?? 0;
  run.unsavedRateLimited -= rateLimited;
  if (w.stats) run.stats = addStats(run.stats, { ...w.stats, rateLimited: 0 });
  countFinal(run.counts, finalRows);
}
