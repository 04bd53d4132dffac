/**
 * main's enrichment journal with the real runtime (createMainRuntime, contract dispatch, real undici
 * over loopback) against the Apollo simulator. A "restart" is a new runtime on the same data folder;
 * a "kill" is a runtime abandoned mid-call (closed without waiting, so it writes nothing more).
 * The last two tests run the real CSV runner (Dexie on fake-indexeddb) across such a restart.
 */
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../shared/api';
import type { ChannelInput, ChannelOutput } from '../../shared/contract';
import { UNCERTAIN_LOOKUP_MESSAGE, type PersonQuery } from '../../shared/domain';
import { createMainRuntime, type MainRuntime } from '../../main/runtime';
import { getSampleDataset } from '../../main/providers/sample/dataset';
import { ProspectDb, setDb } from '../../renderer/src/db/schema';
import { importCsv } from '../../renderer/src/features/enrich/import';
import { allRows } from '../../renderer/src/features/enrich/rows';
import { CsvRunner } from '../../renderer/src/features/enrich/runner';
import type { CsvRowRecord, EnrichPlan } from '../../renderer/src/features/enrich/types';
import { startAllSimulators, type RunningSimulators } from '../simulators';

const people = getSampleDataset().people.filter((p) => p.email);
const FAST_LIMITS = JSON.stringify({ apollo: { requestsPerSecond: 2000, concurrency: 16 } });

let sims: RunningSimulators;
let dataDir: string;
const opened: MainRuntime[] = [];

beforeAll(async () => {
  sims = await startAllSimulators();
});
afterAll(async () => {
  await sims?.close(); // also ends the requests the "killed" runtimes left hanging
  await Promise.all(opened.map((r) => r.close().catch(() => undefined)));
});
beforeEach(async () => {
  sims.handles.apollo.reset();
  dataDir = await mkdtemp(join(tmpdir(), 'pd-journal-int-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** A fresh main process on the test's data folder, with the Apollo key entered. */
async function startMain(): Promise<{ runtime: MainRuntime; api: Api }> {
  const runtime = await createMainRuntime({
    env: {
      PROSPECT_DESK_SECRET_STORE: 'memory',
      PROSPECT_DESK_RATE_LIMITS: FAST_LIMITS,
      PROSPECT_DESK_DATA_DIR: dataDir,
      ...sims.env,
    },
    emit: () => {},
    saveCsv: async () => ({ saved: false }),
    log: () => {},
  });
  opened.push(runtime);
  const api = createApi({ invoke: (c, i) => runtime.dispatch(c, i), subscribe: () => () => {} });
  expect((await api.secrets.set({ provider: 'apollo', key: sims.handles.apollo.validKey })).ok).toBe(true);
  return { runtime, api };
}

async function enrich(api: Api, input: Omit<ChannelInput<'people.enrich'>, 'provider'>) {
  const answer = await api.people.enrich({ provider: 'apollo', fields: ['email', 'title'], ...input });
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.value;
}

const byEmail = (from: number, to: number): PersonQuery[] => people.slice(from, to).map((p) => ({ email: p.email! }));
const summary = (v: ChannelOutput<'people.enrich'>) =>
  v.results.map((r) => [r.index, r.status, r.person?.id ?? r.error?.code ?? null]);
const apollo = () => sims.handles.apollo.stats;
const charges = () => [...apollo().chargesByInput.values()];

async function until(condition: () => boolean, what: string) {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

describe('enrichment journal in main', () => {
  it('an answer main journaled is replayed after a restart at no cost, and only new lookups are bought', async () => {
    const first = await startMain();
    const batch = byEmail(0, 10);
    const paid = await enrich(first.api, { queries: batch });
    expect(paid.results.filter((r) => r.status === 'matched')).toHaveLength(10);
    expect(paid.replayed).toBe(0);
    expect(apollo().creditsCharged).toBe(10);
    await first.runtime.close();

    const second = await startMain();
    const requestsBefore = apollo().total;
    const again = await enrich(second.api, { queries: batch });
    expect(summary(again)).toEqual(summary(paid));
    expect(again.results.every((r) => r.credits === 0)).toBe(true);
    expect(again.credits.credits).toBe(0);
    expect(again.replayed).toBe(10);
    expect(apollo().total).toBe(requestsBefore); // the provider was not even asked
    expect(apollo().creditsCharged).toBe(10);

    // A mixed batch: indexes kept, only the new lookups asked, a duplicate asked once.
    const fresh = people[10]!;
    const mixed = await enrich(second.api, {
      queries: [
        { email: fresh.email! }, // new
        batch[3]!, // replayed
        { email: 'nobody@unknown-0.example' }, // new, a miss
        { email: ` ${fresh.email!.toUpperCase()} ` }, // the same lookup as index 0
        { firstName: 'Solo' }, // no key: asked as is (Apollo cannot look it up)
      ],
    });
    expect(summary(mixed)).toEqual([
      [0, 'matched', expect.any(String)],
      [1, 'matched', paid.results[3]!.person!.id],
      [2, 'not_found', null],
      [3, 'matched', mixed.results[0]!.person!.id],
      [4, 'error', 'bad_request'],
    ]);
    expect(mixed.replayed).toBe(1);
    expect(mixed.results[1]!.credits).toBe(0);
    expect(mixed.results[3]!.credits).toBe(0);
    expect(mixed.credits.credits).toBe(1); // the provider's count: only the new match was paid
    expect(apollo().creditsCharged).toBe(11);
    expect(Math.max(...charges())).toBe(1);
    await second.runtime.close();

    // The miss is journaled too: a third start asks nothing.
    const third = await startMain();
    const requests = apollo().total;
    const misses = await enrich(third.api, {
      queries: [{ email: 'nobody@unknown-0.example' }, { email: fresh.email! }],
    });
    expect(summary(misses)).toEqual([
      [0, 'not_found', null],
      [1, 'matched', mixed.results[0]!.person!.id],
    ]);
    expect(apollo().total).toBe(requests);
  });

  it('a replay to the run that paid for it carries its cost; to another run it is free', async () => {
    const main = await startMain();
    const batch = byEmail(40, 45);
    const paid = await enrich(main.api, { queries: batch, runId: 'job-a' });
    expect(paid.credits.credits).toBe(5);
    expect(paid.replayedCredits).toBeUndefined();
    // The page went away before it stored the answer, and job-a asks again: same cost, nothing bought.
    const requests = apollo().total;
    const replayedToSameRun = await enrich(main.api, { queries: batch, runId: 'job-a' });
    expect(replayedToSameRun.replayed).toBe(5);
    expect(replayedToSameRun.credits.credits).toBe(0);
    expect(replayedToSameRun.replayedCredits).toBe(5);
    expect(replayedToSameRun.results.map((r) => r.credits)).toEqual([1, 1, 1, 1, 1]);
    const otherRun = await enrich(main.api, { queries: batch, runId: 'job-b' });
    expect(otherRun.replayedCredits).toBeUndefined();
    expect(otherRun.results.every((r) => r.credits === 0)).toBe(true);
    expect(apollo().total).toBe(requests);
    expect(apollo().creditsCharged).toBe(5);
  });

  it('a lookup asked for more fields than were bought is asked again', async () => {
    const first = await startMain();
    await enrich(first.api, { queries: byEmail(20, 21), fields: ['email'] });
    const more = await enrich(first.api, { queries: byEmail(20, 21), fields: ['email', 'title', 'location'] });
    expect(more.replayed).toBe(0);
    expect(apollo().total).toBe(2);
  });

  it('a lookup in flight when main died comes back uncertain, uncharged, until the rep retries it', async () => {
    const doomed = await startMain();
    const batch = byEmail(30, 36);
    sims.handles.apollo.failNext('hang');
    const lost = doomed.api.people.enrich({ provider: 'apollo', queries: batch, fields: ['email', 'title'] });
    void lost; // the answer never comes: the process is killed below
    await until(() => apollo().faults.hang === 1, 'the request to reach Apollo');
    void doomed.runtime.close(); // killed: nothing more reaches the journal

    const restarted = await startMain();
    const requestsBefore = apollo().total;
    const uncertain = await enrich(restarted.api, { queries: [...batch, ...byEmail(36, 37)] });
    expect(uncertain.results.slice(0, 6).map((r) => [r.status, r.error?.code, r.error?.message])).toEqual(
      batch.map(() => ['error', 'uncertain', UNCERTAIN_LOOKUP_MESSAGE]),
    );
    expect(uncertain.results[6]).toMatchObject({ index: 6, status: 'matched' }); // not in flight before: asked
    expect(apollo().total).toBe(requestsBefore + 1);
    expect(apollo().creditsCharged).toBe(1);

    // Asked again without the flag: still uncertain, still nothing sent.
    const stillUncertain = await enrich(restarted.api, { queries: batch.slice(0, 2) });
    expect(stillUncertain.results.map((r) => r.error?.code)).toEqual(['uncertain', 'uncertain']);
    expect(apollo().total).toBe(requestsBefore + 1);

    const retried = await enrich(restarted.api, { queries: batch, retryUncertain: true });
    expect(retried.results.every((r) => r.status === 'matched')).toBe(true);
    expect(apollo().creditsCharged).toBe(7);
    expect(Math.max(...charges())).toBe(1);
    await restarted.runtime.close();

    // The retried answers are journaled: no longer uncertain after another restart.
    const third = await startMain();
    const replay = await enrich(third.api, { queries: batch });
    expect(replay.replayed).toBe(6);
    expect(apollo().creditsCharged).toBe(7);
  });

  it('a call that fails in the session leaves nothing uncertain behind', async () => {
    const first = await startMain();
    sims.handles.apollo.failNext('error5xx');
    const failed = await first.api.people.enrich({ provider: 'apollo', queries: byEmail(40, 42), fields: ['email'] });
    expect(failed).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const sameSession = await enrich(first.api, { queries: byEmail(40, 41), fields: ['email'] });
    expect(sameSession.results[0]!.status).toBe('matched');
    await first.runtime.close();
    const second = await startMain();
    const again = await enrich(second.api, { queries: byEmail(40, 42), fields: ['email'] });
    expect(again.results.map((r) => r.status)).toEqual(['matched', 'matched']);
    expect(again.replayed).toBe(1);
  });
});

describe('the CSV runner across a main restart', () => {
  let database: ProspectDb;
  let dbCount = 0;
  beforeEach(async () => {
    database = new ProspectDb(`enrich-journal-${++dbCount}`);
    setDb(database);
    await database.open();
  });
  afterEach(async () => {
    database.close();
    await database.delete();
  });

  const plan: EnrichPlan = { providers: ['apollo'], fields: ['email', 'title'], mode: 'overwrite', freshnessDays: 90 };
  async function load(from: number, to: number, fileName: string) {
    const csv = ['Email', ...people.slice(from, to).map((p) => p.email!)].join('\r\n') + '\r\n';
    const result = await importCsv(database, new Blob([csv]), { fileName });
    if (!result.ok) throw new Error(result.message);
    return result.jobId;
  }
  const rowsOf = async (jobId: string) => await allRows(database, jobId);
  const counts = (rows: CsvRowRecord[]) =>
    rows.reduce<Record<string, number>>((c, r) => ((c[r.status] = (c[r.status] ?? 0) + 1), c), {});
  /** The renderer dies on the n-th enrich call: `before` runs, and the call never returns to it. */
  function dyingOn(n: number, api: Api, before: (input: ChannelInput<'people.enrich'>) => Promise<void>): Api {
    let calls = 0;
    const enrichOrDie: Api['people']['enrich'] = async (input) => {
      if (++calls !== n) return api.people.enrich(input);
      await before(input);
      return new Promise(() => {});
    };
    return { ...api, people: { ...api.people, enrich: enrichOrDie } } as Api;
  }

  it('main answered but the app died before the renderer wrote: resuming after a restart pays nothing twice', async () => {
    const jobId = await load(100, 140, 'lost.csv');
    const first = await startMain();
    let died!: () => void;
    const dead = new Promise<void>((resolve) => (died = resolve));
    const dying = dyingOn(2, first.api, async (input) => {
      await first.api.people.enrich(input); // main got (and journaled) the charged answer...
      died(); // ...and the app died before the renderer stored it
    });
    void new CsvRunner({ api: dying, concurrency: { apollo: 1 } }).start(jobId, plan);
    await dead;
    void first.runtime.close();

    const second = await startMain();
    const result = await new CsvRunner({ api: second.api, concurrency: { apollo: 1 } }).resume(jobId);
    expect(result.status).toBe('done');
    expect(counts(await rowsOf(jobId))).toEqual({ done: 40 });
    expect(apollo().chargesByInput.size).toBe(40);
    expect(Math.max(...charges())).toBe(1);
    // The lost batch was paid in the first session, where the renderer never recorded it: its
    // replay to the same job carries its cost, so the job shows what the provider charged.
    expect((await database.csvJobs.get(jobId))!.creditsSpent).toBe(apollo().creditsCharged);
    expect(apollo().creditsCharged).toBe(40);
  });

  it('a batch in flight when the app died fails its rows as uncertain; "retry failed" asks them once', async () => {
    const jobId = await load(200, 230, 'inflight.csv');
    const first = await startMain();
    let died!: () => void;
    const dead = new Promise<void>((resolve) => (died = resolve));
    let lostEmails: string[] = [];
    const dying = dyingOn(2, first.api, async (input) => {
      lostEmails = input.queries.map((q) => q.email!);
      sims.handles.apollo.failNext('hang');
      void first.api.people.enrich(input); // main sent it; the provider never answers
      await until(() => apollo().faults.hang === 1, 'the request to reach Apollo');
      died();
    });
    void new CsvRunner({ api: dying, concurrency: { apollo: 1 } }).start(jobId, plan);
    await dead;
    void first.runtime.close();

    const second = await startMain();
    const runner = new CsvRunner({ api: second.api, concurrency: { apollo: 1 } });
    const resumed = await runner.resume(jobId);
    expect(resumed.status).toBe('done');
    const rows = await rowsOf(jobId);
    expect(counts(rows)).toEqual({ done: 20, failed: 10 });
    const failed = rows.filter((r) => r.status === 'failed');
    expect(failed.map((r) => r.values[0]).sort()).toEqual([...lostEmails].sort());
    expect(failed.every((r) => r.error?.code === 'uncertain' && r.error.message === UNCERTAIN_LOOKUP_MESSAGE)).toBe(
      true,
    );
    expect(apollo().chargesByInput.size).toBe(20);
    // Not shown as nothing: ten lookups may have been charged, at most one credit each at Apollo.
    expect([resumed.progress.uncertainLookups, resumed.progress.uncertainCredits]).toEqual([10, 10]);

    const retried = await runner.retryFailed(jobId);
    expect(retried.status).toBe('done');
    expect(counts(await rowsOf(jobId))).toEqual({ done: 30 });
    expect(apollo().chargesByInput.size).toBe(30);
    expect(Math.max(...charges())).toBe(1);
  });
});
