/**
 * The real CSV runner against the REAL main services in-process (createMainRuntime, dispatch with
 * contract validation, real undici over loopback to the provider simulators), with Dexie on
 * fake-indexeddb. Files are built from the seeded sample dataset, so every expectation is computed
 * from the same records the simulators serve.
 */
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../shared/api';
import type { ProviderId } from '../../shared/domain';
import { createMainRuntime, type MainRuntime } from '../../main/runtime';
import { loadConfig } from '../../main/config';
import { createDispatch } from '../../main/ipc/bind';
import { createHttpClient } from '../../main/providers/http';
import { createProviderAdapters } from '../../main/providers/registry';
import { createKeyService } from '../../main/secrets/key-service';
import { createTestMemoryStore } from '../../main/secrets/memory-store';
import { createServices } from '../../main/services';
import { getSampleDataset } from '../../main/providers/sample/dataset';
import type { SamplePerson } from '../../main/providers/sample/dataset-types';
import { ProspectDb, setDb } from '../../renderer/src/db/schema';
import { importCsv } from '../../renderer/src/features/enrich/import';
import { allRows } from '../../renderer/src/features/enrich/rows';
import { CsvRunner, findResumableJobs, type RunProgress } from '../../renderer/src/features/enrich/runner';
import { estimatePlan, scanEligibility } from '../../renderer/src/features/enrich/plan';
import { saveJobCsv } from '../../renderer/src/features/enrich/export';
import type { CsvRowRecord, EnrichPlan } from '../../renderer/src/features/enrich/types';
import { startAllSimulators, type RunningSimulators } from '../simulators';

const dataset = getSampleDataset();
const orgById = new Map(dataset.organizations.map((o) => [o.id, o]));
const orgOf = (p: SamplePerson) => orgById.get(p.organizationId)!;
/** People with a work email and a phone, distinct, in dataset order. */
const people = dataset.people.filter((p) => p.email);

const FAST_LIMITS = JSON.stringify({
  apione: { requestsPerSecond: 2000, concurrency: 16 },
  apollo: { requestsPerSecond: 2000, concurrency: 16 },
  sumble: { requestsPerSecond: 2000, concurrency: 16 },
});

let sims: RunningSimulators;
let runtime: MainRuntime;
let api: Api;
const saved: { name: string; content: string }[] = [];

async function setKeys(target: Api) {
  for (const provider of ['apione', 'apollo', 'sumble'] as const) {
    const answer = await target.secrets.set({ provider, key: sims.handles[provider].validKey });
    expect(answer.ok).toBe(true);
  }
}

beforeAll(async () => {
  sims = await startAllSimulators();
  runtime = await createMainRuntime({
    env: { PROSPECT_DESK_SECRET_STORE: 'memory', PROSPECT_DESK_RATE_LIMITS: FAST_LIMITS, ...sims.env },
    emit: () => {},
    saveCsv: async (name, content) => {
      saved.push({ name, content });
      return { saved: true, path: `/exports/${name}` };
    },
    log: () => {},
  });
  api = createApi({ invoke: (c, i) => runtime.dispatch(c, i), subscribe: () => () => {} });
  await setKeys(api);
});

afterAll(async () => {
  await runtime?.close();
  await sims?.close();
});

let database: ProspectDb;
let dbCount = 0;
beforeEach(async () => {
  for (const h of Object.values(sims.handles)) h.reset();
  database = new ProspectDb(`csv-runner-${++dbCount}`);
  setDb(database);
  await database.open();
});
afterEach(async () => {
  database.close();
  await database.delete();
});

// ---------------------------------------------------------------------------------------------
// helpers

const HEADERS = ['Email', 'First Name', 'Last Name', 'Company', 'Website', 'LinkedIn', 'Notes'];
type Cells = Partial<Record<(typeof HEADERS)[number], string>>;
const q = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const toCsv = (rows: Cells[]) =>
  [HEADERS.join(','), ...rows.map((r) => HEADERS.map((h) => q(r[h] ?? '')).join(','))].join('\r\n') + '\r\n';
const li = (p: SamplePerson) => `https://www.linkedin.com/in/${p.linkedinHandle}`;

const byEmail = (p: SamplePerson): Cells => ({ Email: p.email!, Notes: `=HYPERLINK("x")` });
const byLinkedin = (p: SamplePerson): Cells => ({ LinkedIn: li(p) });
const byNameDomain = (p: SamplePerson): Cells => ({
  'First Name': p.firstName,
  'Last Name': p.lastName,
  Website: `https://www.${orgOf(p).domain}/`,
});
const byNameCompany = (p: SamplePerson): Cells => ({
  'First Name': p.firstName,
  'Last Name': p.lastName,
  Company: orgOf(p).name,
});

async function load(rows: Cells[], fileName = 'leads.csv'): Promise<string> {
  const result = await importCsv(database, new Blob([toCsv(rows)]), { fileName });
  if (!result.ok) throw new Error(result.message);
  return result.jobId;
}

async function rowsOf(jobId: string): Promise<CsvRowRecord[]> {
  return allRows(database, jobId);
}

function statusCounts(rows: CsvRowRecord[]) {
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

const maxCharge = (provider: 'apione' | 'apollo' | 'sumble') =>
  Math.max(0, ...sims.handles[provider].stats.chargesByInput.values());

function plan(providers: ProviderId[], over: Partial<EnrichPlan> = {}): EnrichPlan {
  return { providers, fields: ['email', 'title', 'organization'], mode: 'overwrite', freshnessDays: 90, ...over };
}

/** An Api whose people.enrich is replaced (the rest is the real one). */
function withEnrich(real: Api, enrich: Api['people']['enrich']): Api {
  return { ...real, people: { ...real.people, enrich } } as Api;
}

// ---------------------------------------------------------------------------------------------

describe('CSV runner with the real main services', () => {
  it('full run with the sample provider: every row accounted for, values right, list and export', async () => {
    const known = people.slice(0, 100);
    const rows: Cells[] = [
      ...known.slice(0, 40).map(byEmail),
      ...known.slice(40, 60).map(byLinkedin),
      ...known.slice(60, 80).map(byNameDomain),
      ...known.slice(80, 100).map(byNameCompany),
      ...Array.from({ length: 30 }, (_, i) => ({ Email: `nobody${i}@unknown-${i}.example` })),
      ...Array.from({ length: 20 }, (_, i) => ({ Notes: `no identifier ${i}`, Company: 'Acme' })),
    ];
    const jobId = await load(rows);
    const runner = new CsvRunner({ api, windowRows: 40 });
    const seen: RunProgress[] = [];
    runner.onProgress((p) => seen.push(p));
    const result = await runner.start(
      jobId,
      plan(['sample'], { fields: ['email', 'title', 'organization', 'linkedin', 'location'] }),
    );

    expect(result.status).toBe('done');
    const stored = await rowsOf(jobId);
    expect(statusCounts(stored)).toEqual({ done: 100, not_found: 30, skipped: 20 });
    stored.slice(0, 100).forEach((row, i) => {
      const p = known[i]!;
      expect(row.enriched).toMatchObject({
        email: p.email,
        title: p.title,
        company: orgOf(p).name,
        companyDomain: orgOf(p).domain,
        linkedin: li(p),
      });
      expect(row.providersTried).toEqual(['sample']);
      expect(row.personId).toBeTruthy();
    });
    expect(stored[140]!.skipReason).toMatch(/No email, LinkedIn URL/);

    const last = seen.at(-1)!;
    expect(last).toMatchObject({
      state: 'done',
      total: 150,
      processed: 150,
      pending: 0,
      done: 100,
      notFound: 30,
      skipped: 20,
      creditsSpent: 0,
    });
    expect(last.hitsByProvider.sample).toBe(100);
    expect(seen.some((p) => p.state === 'running' && p.processed > 0 && p.processed < 150)).toBe(true);

    const job = (await database.csvJobs.get(jobId))!;
    expect(job.status).toBe('done');
    const list = await database.lists.get(job.listId!);
    expect(list).toMatchObject({ name: 'leads', kind: 'people' });
    const members = await database.listMembers.where('listId').equals(job.listId!).toArray();
    expect(new Set(members.map((m) => m.memberId))).toEqual(
      new Set(stored.filter((r) => r.status === 'done').map((r) => r.personId)),
    );
    expect(await database.people.count()).toBe(100);

    const exported = await saveJobCsv(api, database, jobId);
    expect(exported).toMatchObject({ ok: true, value: { saved: true, rows: 150 } });
    const file = saved.at(-1)!;
    expect(file.name).toBe('leads - enriched.csv');
    const lines = file.content.slice(1).split('\r\n');
    expect(file.content.startsWith('\uFEFFEmail,First Name')).toBe(true);
    expect(lines).toHaveLength(152);
    expect(lines[1]).toContain(`'=HYPERLINK(""x"")`);
    expect(lines[1]).toContain(`,${known[0]!.title},`);
  });

  it('waterfall across two providers: the second gets only the rows (and fields) the first left', async () => {
    const rows: Cells[] = [
      ...people.slice(200, 220).map(byEmail), // A: ApiOne finds them (email)
      ...people.slice(220, 230).map(byLinkedin), // B: ApiOne cannot take them, Apollo can
      ...people.slice(230, 240).map((p, i) => ({ Email: `nobody${i}@unknown-${i}.example`, LinkedIn: li(p) })), // C: ApiOne misses, Apollo finds
      ...people.slice(240, 245).map((p) => ({ 'First Name': p.firstName, 'Last Name': p.lastName })), // D: nobody can look them up
    ];
    const jobId = await load(rows, 'waterfall.csv');
    const thePlan = plan(['apione', 'apollo']);

    const job = (await database.csvJobs.get(jobId))!;
    const eligibility = await scanEligibility(database, jobId, job.mapping, thePlan);
    expect(eligibility).toMatchObject({ total: 45, noProvider: 5 });
    expect(eligibility.perProvider.apione).toMatchObject({ eligible: 30, certain: 30 });
    expect(eligibility.perProvider.apollo).toMatchObject({ eligible: 40, certain: 10 });
    const estimate = await estimatePlan(api, thePlan, eligibility);
    expect(estimate.ok).toBe(true);
    if (estimate.ok) {
      const [apione, apollo] = estimate.value.perProvider;
      expect(apione).toMatchObject({ provider: 'apione', min: 30, max: 120 }); // 1 per miss .. 4 per hit
      expect(apollo!.rowsMin).toBe(10);
      expect(apollo!.rowsMax).toBe(40);
      expect(apollo!.max).toBeGreaterThanOrEqual(apollo!.min);
    }

    const result = await new CsvRunner({ api }).start(jobId, thePlan);
    expect(result.status).toBe('done');
    const stored = await rowsOf(jobId);
    expect(statusCounts(stored)).toEqual({ done: 40, skipped: 5 });
    expect(
      stored.slice(0, 20).every((r) => r.providersTried!.join() === 'apione' && r.sources!.title === 'apione'),
    ).toBe(true);
    expect(stored.slice(20, 30).every((r) => r.providersTried!.join() === 'apollo')).toBe(true);
    stored.slice(30, 40).forEach((r, i) => {
      const p = people[230 + i]!;
      expect(r.providersTried).toEqual(['apione', 'apollo']);
      expect(r.enriched).toMatchObject({ email: p.email, title: p.title, companyDomain: orgOf(p).domain });
      expect(r.sources!.email).toBe('apollo');
    });

    const apione = sims.handles.apione.stats;
    const apollo = sims.handles.apollo.stats;
    expect(apione.total).toBe(30);
    expect(apione.creditsCharged).toBe(20 * 4 + 10 * 1);
    expect(apollo.creditsCharged).toBe(20); // only B and C reached Apollo
    expect(result.progress.creditsSpent).toBe(apione.creditsCharged + apollo.creditsCharged);
    expect(result.progress.hitsByProvider).toEqual({ apione: 20, apollo: 20 });
    expect(maxCharge('apione')).toBe(1);
    expect(maxCharge('apollo')).toBe(1);
  });

  it('a rerun of the same file charges nothing: every lookup comes from the ledger', async () => {
    const rows: Cells[] = [...people.slice(300, 320).map(byEmail), ...people.slice(320, 330).map(byLinkedin)];
    const first = await load(rows, 'again.csv');
    await new CsvRunner({ api }).start(first, plan(['apione', 'apollo']));
    const requestsBefore = sims.handles.apione.stats.total + sims.handles.apollo.stats.total;
    const creditsBefore = sims.handles.apione.stats.creditsCharged + sims.handles.apollo.stats.creditsCharged;
    expect(creditsBefore).toBeGreaterThan(0);

    const second = await load(rows, 'again.csv');
    const job = (await database.csvJobs.get(second))!;
    const eligibility = await scanEligibility(database, second, job.mapping, plan(['apione', 'apollo']));
    expect(eligibility.perProvider.apione).toMatchObject({ eligible: 0, fromLedger: 20 });
    const result = await new CsvRunner({ api }).start(second, plan(['apione', 'apollo']));

    expect(result.status).toBe('done');
    expect(sims.handles.apione.stats.total + sims.handles.apollo.stats.total).toBe(requestsBefore);
    expect(sims.handles.apione.stats.creditsCharged + sims.handles.apollo.stats.creditsCharged).toBe(creditsBefore);
    expect(result.progress.creditsSpent).toBe(0);
    expect(result.progress.fromLedger).toBe(30);
    const [a, b] = [await rowsOf(first), await rowsOf(second)];
    expect(b.map((r) => [r.status, r.enriched, r.personId])).toEqual(a.map((r) => [r.status, r.enriched, r.personId]));
    const secondJob = (await database.csvJobs.get(second))!;
    expect(secondJob.listId).toBeTruthy();
    expect(await database.listMembers.where('listId').equals(secondJob.listId!).count()).toBe(30);

    // Past the freshness window the ledger no longer answers, and the lookups are paid again.
    const third = await load(rows.slice(0, 2), 'again.csv');
    await new CsvRunner({ api, now: () => Date.now() + 91 * 86_400_000 }).start(third, plan(['apione', 'apollo']));
    expect(sims.handles.apione.stats.total).toBe(20 + 2);
  });

  it('the same person three times in one file is looked up (and paid) once', async () => {
    const p = people[450]!;
    const rows: Cells[] = [
      byEmail(p),
      byEmail(people[451]!),
      { Email: p.email!.toUpperCase() },
      { Email: ` ${p.email} ` },
    ];
    const jobId = await load(rows, 'dupes.csv');
    const result = await new CsvRunner({ api }).start(jobId, plan(['apione'], { fields: ['email', 'title'] }));
    expect(result.status).toBe('done');
    const stored = await rowsOf(jobId);
    expect(statusCounts(stored)).toEqual({ done: 4 });
    expect(sims.handles.apione.stats.total).toBe(2);
    expect(sims.handles.apione.stats.creditsCharged).toBe(8);
    expect(new Set([stored[0]!.personId, stored[2]!.personId, stored[3]!.personId]).size).toBe(1);
    expect(stored[3]!.enriched!.title).toBe(p.title);
    // The copies reuse this run's own paid lookup: not "free from an earlier lookup", and paid once.
    expect(result.progress.fromLedger).toBe(0);
    expect(result.progress.reusedInRun).toBe(2);
    expect(result.progress.creditsSpent).toBe(8);
  });

  it('overlapping windows: a person in two windows is looked up (and paid) once, every row done', async () => {
    // Windows of 10 rows: the next one starts while the last calls of the one before are in flight.
    const distinct = people.slice(460, 490);
    const rows: Cells[] = [...distinct, ...distinct.slice().reverse(), ...distinct].map(byEmail);
    const jobId = await load(rows, 'overlap.csv');
    const before = sims.handles.apione.stats.total;
    const result = await new CsvRunner({ api, windowRows: 10 }).start(jobId, plan(['apione'], { fields: ['email'] }));
    expect(result.status).toBe('done');
    expect(statusCounts(await rowsOf(jobId))).toEqual({ done: 90 });
    expect(sims.handles.apione.stats.total - before).toBe(30);
    expect(maxCharge('apione')).toBe(1);
    expect(result.progress.reusedInRun).toBe(60);
    const stored = await rowsOf(jobId);
    const firstOf = (i: number) => (i < 30 ? i : i < 60 ? 59 - i : i - 60);
    stored.forEach((row, i) => expect(row.personId).toBe(stored[firstOf(i)]!.personId));
  });

  it('fill empty cells only: rows already complete are not looked up, and file values are kept', async () => {
    const rows: Cells[] = people.slice(400, 420).map((p, i) => ({ ...byEmail(p), ...(i < 5 ? {} : {}) }));
    // every row has its email; half also carry a company, so only organization is missing for the rest
    rows.forEach((r, i) => {
      if (i % 2 === 0) r.Company = 'Kept From File';
    });
    const jobId = await load(rows, 'fill.csv');
    const result = await new CsvRunner({ api }).start(
      jobId,
      plan(['apione'], { fields: ['email', 'organization'], mode: 'fill_empty' }),
    );
    expect(result.status).toBe('done');
    const stored = await rowsOf(jobId);
    expect(sims.handles.apione.stats.total).toBe(10);
    expect(statusCounts(stored)).toEqual({ done: 10, skipped: 10 });
    expect(stored[0]).toMatchObject({
      status: 'skipped',
      enriched: { email: people[400]!.email, company: 'Kept From File' },
    });
    expect(stored[1]).toMatchObject({
      status: 'done',
      enriched: { email: people[401]!.email, company: orgOf(people[401]!).name },
    });
    expect(stored[1]!.sources).toMatchObject({ email: 'file', company: 'apione' });
  });

  it('simulator faults (5xx, resets, malformed and cut bodies, HTML errors): every row ends accounted for', async () => {
    const rows = people.slice(500, 560).map(byEmail);
    const jobId = await load(rows, 'faults.csv');
    const apione = sims.handles.apione;
    apione.setKnobs({
      faults: {
        error5xxRate: 0.1,
        resetRate: 0.05,
        malformedJsonRate: 0.08,
        truncatedJsonRate: 0.05,
        htmlErrorRate: 0.05,
      },
      seed: 7,
    });
    const result = await new CsvRunner({ api }).start(jobId, plan(['apione'], { fields: ['email', 'title'] }));

    expect(result.status).toBe('done');
    const stored = await rowsOf(jobId);
    expect(stored).toHaveLength(60);
    expect(stored.every((r) => r.status === 'done' || r.status === 'failed')).toBe(true);
    const failed = stored.filter((r) => r.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const r of failed) {
      expect(['unavailable', 'invalid_response', 'timeout']).toContain(r.error!.code);
      expect(r.error!.provider).toBe('apione');
    }
    expect(maxCharge('apione')).toBe(1); // nothing was asked twice automatically
    const job = (await database.csvJobs.get(jobId))!;
    expect(job.creditsSpent).toBe(stored.filter((r) => r.status === 'done').length * 4);

    // "Retry failed" reruns only the failed rows.
    apione.setKnobs({
      faults: { error5xxRate: 0, resetRate: 0, malformedJsonRate: 0, truncatedJsonRate: 0, htmlErrorRate: 0 },
    });
    const before = apione.stats.total;
    const retried = await new CsvRunner({ api }).retryFailed(jobId);
    expect(retried.status).toBe('done');
    expect(apione.stats.total - before).toBe(failed.length);
    expect(statusCounts(await rowsOf(jobId))).toEqual({ done: 60 });
  });

  it('out of credits pauses the job with a reason; the rows wait, and resume finishes them', async () => {
    const apione = sims.handles.apione;
    apione.setKnobs({ credits: 10 });
    const jobId = await load(people.slice(700, 715).map(byEmail), 'credits.csv');
    const runner = new CsvRunner({ api });
    const result = await runner.start(jobId, plan(['apione'], { fields: ['email'] }));
    expect(result.status).toBe('paused');
    expect(result.pausedReason).toMatch(/^Out of credits at ApiOne/);
    const paused = await rowsOf(jobId);
    expect(paused.some((r) => r.status === 'pending')).toBe(true);
    expect(paused.some((r) => r.status === 'failed')).toBe(false);
    expect((await database.csvJobs.get(jobId))!.status).toBe('paused');

    apione.setKnobs({ credits: 1000 });
    const resumed = await runner.resume(jobId);
    expect(resumed.status).toBe('done');
    expect(statusCounts(await rowsOf(jobId))).toEqual({ done: 15 });
    expect(maxCharge('apione')).toBe(1);
    expect(apione.stats.creditsCharged).toBe(60);
  });

  it('stops by itself before going over the credit budget', async () => {
    const jobId = await load(people.slice(800, 830).map(byEmail), 'budget.csv');
    const result = await new CsvRunner({ api }).start(jobId, plan(['apione'], { fields: ['email'], creditBudget: 30 }));
    expect(result.status).toBe('paused');
    expect(result.pausedReason).toMatch(
      /^Stopped at the credit budget: \d+ credits spent of 30.*at least \d+ to continue/,
    );
    const charged = sims.handles.apione.stats.creditsCharged;
    expect(charged).toBeLessThanOrEqual(30);
    expect(charged).toBeGreaterThan(26); // the last batch was cut to what the budget allowed
    expect((await database.csvJobs.get(jobId))!.creditsSpent).toBe(charged);
    expect(result.progress.creditsSpent).toBe(charged);
    expect(result.progress.etaSeconds).toBeUndefined();
    expect(statusCounts(await rowsOf(jobId)).pending).toBe(30 - charged / 4);
    const job = (await database.csvJobs.get(jobId))!;
    expect(job.pauseKind).toBe('budget');
    expect(job.budgetNeeded).toBe(charged + 4);

    // A fresh runner (as after a reload) sees the budget stop, takes a raised budget and finishes.
    const again = new CsvRunner({ api });
    const snapshot = (await again.snapshot(jobId))!;
    expect([snapshot.state, snapshot.pauseKind, snapshot.budgetNeeded]).toEqual(['paused', 'budget', charged + 4]);
    await again.setBudget(jobId, 200);
    const resumed = await again.resume(jobId);
    expect(resumed.status).toBe('done');
    expect(sims.handles.apione.stats.creditsCharged).toBe(120);
    expect(resumed.progress.creditsSpent).toBe(120);
  });

  it('a resume whose budget still covers nothing says why instead of pausing silently', async () => {
    const jobId = await load(people.slice(840, 845).map(byEmail), 'tight.csv');
    const runner = new CsvRunner({ api });
    const first = await runner.start(jobId, plan(['apione'], { fields: ['email'], creditBudget: 3 }));
    expect(first.status).toBe('paused');
    expect(sims.handles.apione.stats.creditsCharged).toBe(0);
    const second = await runner.resume(jobId);
    expect(second.pausedReason).toMatch(
      /0 credits spent of 3, and the next lookup can cost up to 4 credits\. Raise the budget to at least 4/,
    );
  });

  it('pause, resume and cancel', async () => {
    const rows = people.slice(900, 1100).map(byEmail);
    const jobId = await load(rows, 'pause.csv');
    const runner = new CsvRunner({ api, windowRows: 50 });
    const stop = runner.onProgress((p) => {
      if (p.processed > 0) runner.pause(jobId);
    });
    const paused = await runner.start(jobId, plan(['sample']));
    stop();
    expect(paused).toMatchObject({ status: 'paused', pausedReason: 'Paused by you.' });
    const midway = statusCounts(await rowsOf(jobId));
    expect(midway.pending).toBeGreaterThan(0);
    expect(midway.done).toBeGreaterThan(0);
    expect((await findResumableJobs(database)).map((j) => j.id)).toEqual([jobId]);

    const done = await runner.resume(jobId);
    expect(done.status).toBe('done');
    expect(statusCounts(await rowsOf(jobId))).toEqual({ done: 200 });

    const other = await load(rows, 'cancel.csv');
    const cancelOnFirst = runner.onProgress((p) => {
      if (p.jobId === other && p.processed > 0) runner.cancel(other);
    });
    const cancelled = await runner.start(other, plan(['sample']));
    cancelOnFirst();
    expect(cancelled.status).toBe('cancelled');
    expect(statusCounts(await rowsOf(other)).pending).toBeGreaterThan(0);
    await expect(runner.resume(other)).rejects.toThrow(/cancelled/);
  });

  it('the batch write is atomic: when saving people fails, no row, ledger entry or credit is recorded, and the job pauses', async () => {
    const jobId = await load(people.slice(1150, 1160).map(byEmail), 'atomic.csv');
    const broken = new CsvRunner({
      api,
      people: {
        upsertPeople: async () => {
          throw new Error('disk full');
        },
      },
    });
    const result = await broken.start(jobId, plan(['apione'], { fields: ['email'] }));
    expect(result.status).toBe('paused');
    expect(result.pausedReason).toMatch(/disk full/);
    expect(statusCounts(await rowsOf(jobId))).toEqual({ pending: 10 });
    expect(await database.enrichments.count()).toBe(0);
    expect((await database.csvJobs.get(jobId))!.creditsSpent).toBe(0);
    expect(await database.lists.count()).toBe(0);
  });

  it('crash: a runner thrown away mid-job, a new one resumes; every row once, no input charged twice', async () => {
    const rows = people.slice(1200, 1260).map(byEmail);
    const jobId = await load(rows, 'crash.csv');
    let calls = 0;
    let hung!: () => void;
    const hungReached = new Promise<void>((resolve) => (hung = resolve));
    // The old runner's 4th call never leaves the renderer (the page is reloading) and never returns.
    const dying = withEnrich(api, (input) => {
      if (++calls === 4) {
        hung();
        return new Promise(() => {});
      }
      return api.people.enrich(input);
    });
    void new CsvRunner({ api: dying, concurrency: { apollo: 1 } }).start(jobId, plan(['apollo']));
    await hungReached;

    expect((await database.csvJobs.get(jobId))!.status).toBe('running');
    const before = statusCounts(await rowsOf(jobId));
    expect(before).toEqual({ done: 30, pending: 30 });

    const fresh = new CsvRunner({ api, concurrency: { apollo: 1 } });
    expect((await fresh.findResumableJobs()).map((j) => j.id)).toEqual([jobId]);
    const result = await fresh.resume(jobId);
    expect(result.status).toBe('done');
    const stored = await rowsOf(jobId);
    expect(statusCounts(stored)).toEqual({ done: 60 });
    expect(new Set(stored.map((r) => r.index)).size).toBe(60);
    const apollo = sims.handles.apollo.stats;
    expect(apollo.chargesByInput.size).toBe(60);
    expect(maxCharge('apollo')).toBe(1);
    expect((await database.csvJobs.get(jobId))!.creditsSpent).toBe(60);
    const job = (await database.csvJobs.get(jobId))!;
    expect(await database.listMembers.where('listId').equals(job.listId!).count()).toBe(60);
  });

  it('crash after main answered but before the write: only that lost batch is asked (and charged) again', async () => {
    const rows = people.slice(1300, 1340).map(byEmail);
    const jobId = await load(rows, 'lost.csv');
    let calls = 0;
    let lostInputs: string[] = [];
    let lost!: () => void;
    const answerLost = new Promise<void>((resolve) => (lost = resolve));
    const dying = withEnrich(api, async (input) => {
      if (++calls === 2) {
        await api.people.enrich(input); // main did the work and the provider charged...
        lostInputs = input.queries.map((qq) => qq.email!);
        lost();
        return new Promise(() => {}); // ...but the renderer died before it could write the answer
      }
      return api.people.enrich(input);
    });
    void new CsvRunner({ api: dying, concurrency: { apollo: 1 } }).start(jobId, plan(['apollo']));
    await answerLost;

    const result = await new CsvRunner({ api, concurrency: { apollo: 1 } }).resume(jobId);
    expect(result.status).toBe('done');
    expect(statusCounts(await rowsOf(jobId))).toEqual({ done: 40 });
    const charges = sims.handles.apollo.stats.chargesByInput;
    const twice = [...charges.entries()].filter(([, n]) => n > 1).map(([k]) => k);
    expect(lostInputs).toHaveLength(10);
    expect(twice).toHaveLength(10);
    expect(charges.size).toBe(40);
  });
});

describe('CSV runner with main services tuned short (HTTP timeouts, no HTTP-level retries)', () => {
  // Same services as createMainRuntime, assembled with short timeouts and one attempt per request,
  // so timeouts and 429s reach the runner quickly.
  let http: ReturnType<typeof createHttpClient>;
  let quickApi: Api;
  beforeAll(async () => {
    const config = loadConfig({ ...sims.env });
    http = createHttpClient({
      timeouts: { connectMs: 500, headersMs: 300, bodyMs: 300, totalMs: 600 },
      retries: { maxAttempts: 1 },
      limits: JSON.parse(FAST_LIMITS),
    });
    const services = createServices({
      adapters: createProviderAdapters(config),
      http,
      keys: createKeyService(createTestMemoryStore()),
      emit: () => {},
      saveCsv: async () => ({ saved: false }),
    });
    const dispatch = createDispatch(services);
    quickApi = createApi({ invoke: (c, i) => dispatch(c, i), subscribe: () => () => {} });
    await setKeys(quickApi);
  });
  afterAll(async () => {
    await http?.close();
  });

  it('timeouts: a provider that never answers fails its rows with a timeout, the run still ends', async () => {
    sims.handles.apione.setKnobs({ faults: { hangRate: 0.3 }, seed: 3 });
    const jobId = await load(people.slice(600, 620).map(byEmail), 'slow.csv');
    const result = await new CsvRunner({ api: quickApi }).start(jobId, plan(['apione'], { fields: ['email'] }));
    expect(result.status).toBe('done');
    const stored = await rowsOf(jobId);
    const timedOut = stored.filter((r) => r.status === 'failed');
    expect(timedOut.length).toBeGreaterThan(0);
    expect(timedOut.every((r) => r.error!.code === 'timeout')).toBe(true);
    expect(stored.filter((r) => r.status === 'done').length + timedOut.length).toBe(20);
  });

  it('429s slow the run down (wait, then the same batch again) instead of failing rows', async () => {
    const apione = sims.handles.apione;
    const jobId = await load(people.slice(650, 662).map(byEmail), 'busy.csv');
    apione.failNext('rateLimit', 3);
    const states: string[] = [];
    const runner = new CsvRunner({ api: quickApi, concurrency: { apione: 2 } });
    runner.onProgress((p) => states.push(p.state));
    const result = await runner.start(jobId, plan(['apione'], { fields: ['email'] }));
    expect(result.status).toBe('done');
    expect(statusCounts(await rowsOf(jobId))).toEqual({ done: 12 });
    expect(apione.stats.rateLimited).toBe(3);
    expect(result.progress.rateLimited).toBe(3);
    expect(states).toContain('throttled');
    expect(maxCharge('apione')).toBe(1);
    expect(await database.csvJobs.get(jobId)).toMatchObject({ stats: { rateLimited: 3 } });
  });
  it("a batch's write does not hold its provider slot: the next call goes out while the answer is stored", async () => {
    // One call in flight allowed. If the slot were held until the answer is written, every call
    // would start only after all earlier answers are committed; the provider's rate would be spent
    // waiting on IndexedDB.
    const jobId = await load(people.slice(700, 740).map(byEmail), 'pipelined.csv');
    let inFlight = 0;
    let maxInFlight = 0;
    let rowsAnswered = 0;
    let rowsCommitted = 0;
    let startedBeforeEarlierAnswersWereStored = 0;
    const counting = withEnrich(api, async (input) => {
      if (rowsCommitted < rowsAnswered) startedBeforeEarlierAnswersWereStored++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        return await api.people.enrich(input);
      } finally {
        inFlight--;
        rowsAnswered += input.queries.length;
      }
    });
    const runner = new CsvRunner({ api: counting, concurrency: { apollo: 1 } });
    runner.onProgress((p) => (rowsCommitted = p.processed));
    const result = await runner.start(jobId, plan(['apollo']));

    expect(result.status).toBe('done');
    expect(statusCounts(await rowsOf(jobId))).toEqual({ done: 40 });
    expect(maxInFlight).toBe(1);
    expect(startedBeforeEarlierAnswersWereStored).toBeGreaterThan(0);
    expect(result.progress.creditsSpent).toBe(sims.handles.apollo.stats.creditsCharged);
  });
});
