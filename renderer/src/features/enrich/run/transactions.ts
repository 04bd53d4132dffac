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

/**
 * Writes of one run, one transaction at a time: what arrives while a transaction is open waits and
 * goes in the next one together (group commit). Each write stays whole (rows + ledger + cost in the
 * same transaction); a transaction costs the same fixed work (job read and update, list check)
 * whether it carries one answer or twenty, so answers landing faster than IndexedDB commits are
 * not held back one transaction each.
 */
export class RunWriter {
  private queued: { write: RunWrite; done: () => void; failed: (err: unknown) => void }[] = [];
  private busy = false;
  /** Transactions committed, and writes they carried (the bench and tests read them). */
  readonly counts = { transactions: 0, writes: 0 };

  constructor(
    private readonly deps: WriteDeps,
    private readonly run: ActiveRun,
  ) {}

  /** Resolves once `w` is committed (with whatever else was waiting). */
  write(w: RunWrite): Promise<void> {
    return new Promise<void>((done, failed) => {
      this.queued.push({ write: w, done, failed });
      if (!this.busy) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.busy = true;
    try {
      while (this.queued.length) {
        const group = this.queued.splice(0);
        try {
          await writeRun(
            this.deps,
            this.run,
            group.map((g) => g.write),
          );
          this.counts.transactions++;
          this.counts.writes += group.length;
          for (const g of group) g.done();
        } catch (err) {
          for (const g of group) g.failed(err);
        }
      }
    } finally {
      this.busy = false;
    }
  }
}

/** `writes` in one transaction, in order; once committed, the run's in-memory counters mirror them. */
export async function writeRun(deps: WriteDeps, run: ActiveRun, writes: readonly RunWrite[]): Promise<void> {
  const d = deps.db;
  const finalRows: CsvRowRecord[] = [];
  const rateLimited = run.unsavedRateLimited;
  let delta: CsvRunStats = { perProvider: {}, rateLimited };
  let credits = 0;
  for (const w of writes) {
    if (w.stats) delta = addStats(delta, { perProvider: w.stats.perProvider, rateLimited: 0 });
    credits += w.credits ?? 0;
  }
  const people = writes.flatMap((w) => w.people ?? []);
  const listMembers = writes.flatMap((w) => w.listMembers ?? []);
  await d.transaction('rw', [d.csvRowState, d.csvJobs, d.enrichments, d.lists, ...peopleWriteTables(d)], async () => {
    const job = await d.csvJobs.get(run.jobId);
    if (!job) throw new Error(`The job ${run.jobId} was deleted.`);
    let listId = job.listId;
    const needList = people.length > 0 || listMembers.length > 0;
    if (needList && !listId) {
      listId = (await deps.lists.createList(fileTitle(job.fileName).slice(0, 200) || 'Enriched CSV', 'people')).id;
    }
    // One upsert for every write's people (it merges duplicates itself); each write gets its own slice back.
    const stored = people.length ? await deps.people.upsertPeople(people, listId ? { listId } : {}) : [];
    let rows: CsvRowRecord[] = [];
    let ledger: LedgerEntry[] = [];
    let offset = 0;
    for (const w of writes) {
      rows = rows.concat(w.rows);
      const count = w.people?.length ?? 0;
      const more = w.afterPeople?.(stored.slice(offset, offset + count));
      offset += count;
      if (more) {
        rows = rows.concat(more.rows);
        ledger = ledger.concat(more.ledger);
      }
    }
    if (listMembers.length && listId) {
      // A ledger entry may name a person since merged into another row: that row keeps the old id in its keys.
      const direct = await d.people.bulkGet(listMembers);
      const ids = direct.filter((p): p is StoredPerson => !!p).map((p) => p.id);
      const absorbed = listMembers.filter((_, i) => !direct[i]);
      if (absorbed.length) ids.push(...(await resolvePersonIds(absorbed)));
      if (ids.length) await deps.lists.addMembersInTransaction(listId, [...new Set(ids)]);
    }
    if (ledger.length) await d.enrichments.bulkPut(ledger);
    await putRowStates(d, rows);
    const stats = addStats(job.stats ?? { perProvider: {}, rateLimited: 0 }, delta);
    await d.csvJobs.update(run.jobId, {
      creditsSpent: (job.creditsSpent ?? 0) + credits,
      stats,
      ...(listId ? { listId } : {}),
      updatedAt: new Date(deps.now()).toISOString(),
    } satisfies Partial<CsvJobRecord>);
    finalRows.push(...rows);
  });
  // Committed: mirror it in memory for progress.
  run.creditsSpent += credits;
  run.unsavedRateLimited -= rateLimited;
  run.stats = addStats(run.stats, { ...delta, rateLimited: 0 });
  countFinal(run.counts, finalRows);
}
