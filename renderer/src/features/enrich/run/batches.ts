/**
 * One window of pending rows through the waterfall: for each provider in order, answer what the
 * ledger already knows, send the rest in batches (as many in flight as the provider's gate lets
 * through, never past the budget), and write each answer with its rows in one transaction.
 * Windows overlap by one: the next starts while this one's last calls are in flight.
 */
import type { Api } from '../../../../../shared/api';
import type { ChannelOutput } from '../../../../../shared/contract';
import { attributeCredits } from '../../../../../shared/credit-attribution';
import type { AppError, EnrichField, Person, PersonQuery, ProviderId } from '../../../../../shared/domain';
import { enrichBatchSize } from '../../../../../shared/provider-capabilities';
import { personValues } from '../enriched';
import { providerLabel } from '../providerLabels';
import { ledgerKey, usableEntry, type LedgerEntry } from '../ledger';
import { queryFor } from '../mapping';
import type { CsvRowRecord } from '../types';
import { classifyCallError, classifyRowError, pauseReasonFor, tooManyRateLimitsReason } from './answers';
import { rateLimitWaitMs, type Gate } from './concurrency';
import { addStats, emptyProviderStats } from './stats';
import { RunWriter, type RunWrite, type WriteDeps } from './transactions';
import type { ActiveRun, RunState, RunStop, StopKind } from './types';
import { applyValues, finalize, isComplete, needs, rowState, settled, wantedFields, type RowState } from './waterfall';

export interface RunContext extends WriteDeps {
  api: Api;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  batchSizes: Partial<Record<ProviderId, number>>;
  maxRateLimitRetries: number;
  stop(run: ActiveRun, kind: StopKind, reason?: string, extra?: Omit<RunStop, 'kind' | 'reason'>): void;
  emit(run: ActiveRun, state?: RunState): void;
}

async function write(ctx: RunContext, run: ActiveRun, w: RunWrite): Promise<void> {
  await (run.writer ??= new RunWriter(ctx, run)).write(w);
  ctx.emit(run);
}

/** What the next window needs to know of the one before it while that one may still be asking. */
export interface WindowHandle {
  /** Lookup keys the window holds, by provider: the next window leaves these to it. */
  keys: ReadonlyMap<ProviderId, ReadonlySet<string>>;
  /** Settles once every answer of the window is written (never rejects). */
  done: Promise<void>;
}

export interface StartedWindow {
  handle: WindowHandle;
  /** Resolves once most of the window's calls are queued at the gate (or it ended): the next one may start. */
  queued: Promise<void>;
  /** The first row the window left unfinished without a stop (none normally); rejects on a storage error. */
  finished: Promise<number | undefined>;
}

/** Batches still to be let through when the next window is told to start: about half a second of calls at 50 req/s. */
const LOOKAHEAD_BATCHES = 25;

/**
 * Starts one window through the waterfall. The lifecycle starts the next window while this one's
 * last calls are in flight (`queued`), so the provider's rate is not lost at every window's end.
 * A lookup the previous window also holds is left to it and answered from the ledger once that
 * window is written: overlapping windows never pay for the same lookup twice.
 */
export function startWindow(
  ctx: RunContext,
  run: ActiveRun,
  window: readonly CsvRowRecord[],
  previous?: WindowHandle,
): StartedWindow {
  const states = window.map((row) => rowState(run, row));
  const keys = new Map<ProviderId, Set<string>>();
  for (const provider of run.plan.providers) {
    const set = new Set<string>();
    for (const s of states) {
      const key = s.query ? ledgerKey(provider, queryFor(provider, s.query)) : undefined;
      if (key) set.add(key);
    }
    keys.set(provider, set);
  }
  let signalQueued!: () => void;
  const queued = new Promise<void>((resolve) => (signalQueued = resolve));
  const finished = sendWindow(ctx, run, states, previous, signalQueued).finally(signalQueued);
  return {
    handle: {
      keys,
      done: finished.then(
        () => undefined,
        () => undefined,
      ),
    },
    queued,
    finished,
  };
}

async function sendWindow(
  ctx: RunContext,
  run: ActiveRun,
  states: RowState[],
  previous: WindowHandle | undefined,
  signalQueued: () => void,
): Promise<number | undefined> {
  const providers = run.plan.providers;
  let previousDone = !previous;
  void previous?.done.then(() => (previousDone = true));

  // Rows no provider needs are final before anything is asked.
  const idle = states.filter((s) => isComplete(run, s, -1));
  if (idle.length) await write(ctx, run, { rows: idle.map((s) => finalize(run, s)) });

  for (let pi = 0; pi < providers.length && !run.stop; pi++) {
    const provider = providers[pi]!;
    const candidates = states.filter((s) => needs(run, s, provider));
    if (candidates.length === 0) continue;
    const gate = run.gates.get(provider)!;
    const size = Math.max(1, ctx.batchSizes[provider] ?? enrichBatchSize(provider, run.plan.fields));
    const heldBefore = previous?.keys.get(provider);
    const held = (s: RowState) =>
      !previousDone && !!heldBefore?.has(ledgerKey(provider, queryFor(provider, s.query!)) ?? '');
    const later = candidates.filter(held);
    let remaining = later.length ? candidates.filter((s) => !held(s)) : candidates;
    while (!run.stop) {
      if (remaining.length === 0) {
        if (!later.length) break;
        // The previous window asks these: once its answers are written, the ledger serves them.
        await previous!.done;
        remaining = later.splice(0).filter((s) => needs(run, s, provider));
        continue;
      }
      const toAsk = await serveFromLedger(ctx, run, provider, pi, remaining);
      // The same lookup twice in one window (a duplicated row) is asked once; the copies are
      // answered from the ledger on the next pass, once the first answer is written.
      const keys = new Set<string>();
      const now: RowState[] = [];
      const copies: RowState[] = [];
      for (const s of toAsk) {
        const key = ledgerKey(provider, queryFor(provider, s.query!));
        if (key && keys.has(key)) copies.push(s);
        else {
          if (key) keys.add(key);
          now.push(s);
        }
      }
      const batches: RowState[][] = [];
      for (let i = 0; i < now.length; i += size) batches.push(now.slice(i, i + size));
      let waiting = batches.length;
      const admitted = () => {
        if (--waiting <= LOOKAHEAD_BATCHES) signalQueued();
      };
      if (waiting <= LOOKAHEAD_BATCHES) signalQueued();
      // allSettled: a failing batch must not let the window end while others still write.
      const outcomes = await Promise.allSettled(
        batches.map((batch) => sendBatch(ctx, run, provider, pi, batch, gate, admitted)),
      );
      const failure = outcomes.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failure) throw failure.reason;
      remaining = copies.filter((s) => needs(run, s, provider));
    }
  }
  const leftover = states.filter((s) => !s.final && isComplete(run, s, -1));
  if (leftover.length && !run.stop) await write(ctx, run, { rows: leftover.map((s) => finalize(run, s)) });
  return run.stop ? undefined : states.find((s) => !s.final)?.row.index;
}

/** Answers what the ledger already knows, at no cost; returns the rows still to ask. */
async function serveFromLedger(
  ctx: RunContext,
  run: ActiveRun,
  provider: ProviderId,
  pi: number,
  candidates: RowState[],
): Promise<RowState[]> {
  const keys = candidates.map((s) => ledgerKey(provider, queryFor(provider, s.query!)));
  const entries = (await ctx.db.enrichments.bulkGet(keys.map((k) => k ?? '\u0000none'))) as (LedgerEntry | undefined)[];
  const now = ctx.now();
  const served: RowState[] = [];
  const toAsk: RowState[] = [];
  const stat = emptyProviderStats();
  const members: string[] = [];
  candidates.forEach((s, i) => {
    const wanted = wantedFields(run, s);
    const entry = keys[i] ? usableEntry(entries[i], wanted, now, run.plan.freshnessDays) : undefined;
    if (!entry) {
      toAsk.push(s);
      return;
    }
    // A lookup this job paid (a duplicated row) is not "free from an earlier lookup": its cost is already counted.
    if (entry.fetchedAt >= run.startedAt) stat.fromThisRun = (stat.fromThisRun ?? 0) + 1;
    else stat.fromLedger++;
    s.tried.add(provider);
    if (entry.status === 'matched') {
      applyValues(s, entry.values ?? {}, provider, wanted);
      if (entry.personId) {
        s.personId ??= entry.personId;
        members.push(entry.personId);
      }
    }
    served.push(s);
  });
  if (served.length) {
    await write(ctx, run, {
      rows: served.map((s) => settled(run, s, pi)),
      stats: { perProvider: { [provider]: stat }, rateLimited: 0 },
      listMembers: members,
    });
  }
  return toAsk;
}

/** How many of `rows` lookups the budget still covers at their worst case (all of them without a budget). */
function budgetFor(run: ActiveRun, provider: ProviderId, rows: number): number {
  const budget = run.plan.creditBudget;
  const perRow = run.maxPerRow[provider] ?? 0;
  if (budget === undefined || perRow === 0) return rows;
  const left = budget - run.creditsSpent - run.reserved;
  return Math.max(0, Math.min(rows, Math.floor((left + 1e-9) / perRow)));
}

async function sendBatch(
  ctx: RunContext,
  run: ActiveRun,
  provider: ProviderId,
  pi: number,
  batch: RowState[],
  gate: Gate,
  admitted: () => void,
): Promise<void> {
  let pending = batch;
  let rateLimitedInARow = 0;
  let first = true;
  while (pending.length > 0 && !run.stop) {
    // A gate slot is one call in flight: held from the send until the answer is back (or a 429
    // is waited out), never while the answer is written, so the provider's rate is not spent
    // waiting on IndexedDB (answers queue for the run's writer, which commits them in groups).
    await gate.acquire();
    if (first) admitted();
    first = false;
    let holding = true;
    const freeSlot = () => {
      if (holding) gate.release();
      holding = false;
    };
    try {
      if (run.stop) return;
      const next = await sendOnce(ctx, run, provider, pi, pending, gate, rateLimitedInARow, freeSlot);
      if (!next) return;
      pending = next.pending;
      rateLimitedInARow = next.rateLimitedInARow;
    } finally {
      freeSlot();
    }
    if (pending.length && !run.stop && rateLimitedInARow === 0) await throttle(ctx, run, undefined, 1);
  }
}

/** One call of a batch (cut to the budget) and its write. Undefined when the budget stopped the run. */
async function sendOnce(
  ctx: RunContext,
  run: ActiveRun,
  provider: ProviderId,
  pi: number,
  pending: RowState[],
  gate: Gate,
  rateLimitedInARow: number,
  freeSlot: () => void,
): Promise<{ pending: RowState[]; rateLimitedInARow: number } | undefined> {
  // Budget: never send a lookup whose worst case could take the job over its budget. A batch
  // the budget cannot cover in full is cut to what it can, so the budget is used up to its end.
  const fit = budgetFor(run, provider, pending.length);
  if (fit === 0) {
    const perRow = run.maxPerRow[provider] ?? 0;
    ctx.stop(run, 'pause', undefined, { pauseKind: 'budget', nextLookupCost: perRow });
    return undefined;
  }
  const later = pending.slice(fit);
  pending = pending.slice(0, fit);
  const worst = pending.length * (run.maxPerRow[provider] ?? 0);
  const wantedByRow = pending.map((s) => wantedFields(run, s));
  const fields = run.plan.fields.filter((f) => wantedByRow.some((fs) => fs.includes(f)));
  const queries = pending.map((s) => queryFor(provider, s.query!));

  // Held until the answer is written (and counted in creditsSpent), so concurrent batches see it.
  run.reserved += worst;
  let released = false;
  const release = () => {
    if (!released) run.reserved -= worst;
    released = true;
  };
  try {
    const next = await askAndWrite(ctx, run, provider, pi, pending, gate, {
      fields,
      wantedByRow,
      queries,
      release,
      rateLimitedInARow,
      freeSlot,
    });
    return { pending: run.stop ? next.retry : next.retry.concat(later), rateLimitedInARow: next.rateLimitedInARow };
  } finally {
    release();
  }
}

/** One call and its write. Returns the rows to send again (rate limited) and the 429 streak. */
async function askAndWrite(
  ctx: RunContext,
  run: ActiveRun,
  provider: ProviderId,
  pi: number,
  pending: RowState[],
  gate: Gate,
  call: {
    fields: EnrichField[];
    wantedByRow: EnrichField[][];
    queries: PersonQuery[];
    release: () => void;
    rateLimitedInARow: number;
    /** Frees the gate slot: the call is over, only the write is left. */
    freeSlot: () => void;
  },
): Promise<{ retry: RowState[]; rateLimitedInARow: number }> {
  let answer: Awaited<ReturnType<Api['people']['enrich']>>;
  try {
    answer = await ctx.api.people.enrich({
      provider,
      queries: call.queries,
      fields: call.fields,
      maxAgeDays: run.plan.freshnessDays,
      runId: run.jobId,
      ...(run.retryUncertain ? { retryUncertain: true } : {}),
    });
  } catch (err) {
    answer = {
      ok: false,
      error: { code: 'unavailable', message: err instanceof Error ? err.message : 'The call to main failed.' },
    };
  }
  if (!answer.ok) {
    const error = answer.error;
    const verdict = classifyCallError(error, provider);
    if (verdict.kind === 'rate_limited') {
      call.release();
      const streak = call.rateLimitedInARow + 1;
      if (streak > ctx.maxRateLimitRetries) {
        ctx.stop(run, 'pause', tooManyRateLimitsReason(provider), { pauseKind: 'fault' });
        return { retry: [], rateLimitedInARow: streak };
      }
      gate.slowDown();
      await throttle(ctx, run, error.retryAfterMs, streak);
      return { retry: pending, rateLimitedInARow: streak };
    }
    call.freeSlot();
    if (verdict.kind === 'pause') {
      ctx.stop(run, 'pause', verdict.reason, { pauseKind: 'fault' });
      return { retry: [], rateLimitedInARow: 0 };
    }
    // The call failed for all its rows: each keeps the error and the waterfall moves on.
    const stat = emptyProviderStats();
    stat.failed = pending.length;
    const rows = pending.map((s) => {
      s.failedAt.add(provider);
      s.error = { code: error.code, message: error.message, provider };
      return settled(run, s, pi);
    });
    await write(ctx, run, { rows, stats: { perProvider: { [provider]: stat }, rateLimited: 0 } });
    return { retry: [], rateLimitedInARow: 0 };
  }

  call.freeSlot();
  gate.succeeded();
  const retry: RowState[] = [];
  const pauseWith: AppError[] = [];
  await writeAnswer(ctx, run, provider, pi, pending, call.wantedByRow, answer.value, retry, pauseWith);
  if (pauseWith.length) ctx.stop(run, 'pause', pauseReasonFor(pauseWith[0]!, provider), { pauseKind: 'fault' });
  return { retry, rateLimitedInARow: 0 };
}

async function throttle(ctx: RunContext, run: ActiveRun, retryAfterMs: number | undefined, attempt: number) {
  run.stats = addStats(run.stats, { perProvider: {}, rateLimited: 1 });
  run.unsavedRateLimited++;
  const wait = rateLimitWaitMs(retryAfterMs, attempt);
  run.throttledUntil = ctx.now() + wait;
  ctx.emit(run, 'throttled');
  await ctx.sleep(wait, run.abort.signal);
  run.throttledUntil = undefined;
}

/** One answer -> rows, people, list members, ledger entries, credits: one transaction. */
async function writeAnswer(
  ctx: RunContext,
  run: ActiveRun,
  provider: ProviderId,
  pi: number,
  pending: RowState[],
  fieldsByRow: EnrichField[][],
  value: ChannelOutput<'people.enrich'>,
  retry: RowState[],
  pauseWith: AppError[],
): Promise<void> {
  const fetchedAt = new Date(ctx.now()).toISOString();
  const byIndex = new Map(value.results.map((r) => [r.index, r]));
  const priced = attributeCredits(value.results, value.credits.credits);
  const creditsByIndex = new Map(value.results.map((r, i) => [r.index, priced[i]!]));
  // What the provider charged: this call, plus answers main paid for this run while the page was away.
  const charged = value.credits.credits + (value.replayedCredits ?? 0);
  const stat = emptyProviderStats();
  stat.credits = charged;
  const people: Person[] = [];
  const personOwners: { state: RowState; entry?: LedgerEntry }[] = [];
  const ledger: LedgerEntry[] = [];
  const touched: RowState[] = [];

  pending.forEach((s, i) => {
    const outcome = byIndex.get(i);
    const query = queryFor(provider, s.query!);
    const key = ledgerKey(provider, query);
    const credits = creditsByIndex.get(i) ?? 0;
    const fields = fieldsByRow[i]!;
    if (outcome?.status === 'matched' && outcome.person) {
      stat.asked++;
      stat.matched++;
      s.tried.add(provider);
      const found = personValues(outcome.person, fields);
      applyValues(s, found, provider, fields);
      const entry: LedgerEntry | undefined = key
        ? { key, provider, input: query, status: 'matched', credits, fetchedAt, fields, values: found }
        : undefined;
      if (entry) ledger.push(entry);
      people.push(outcome.person);
      personOwners.push({ state: s, ...(entry ? { entry } : {}) });
      touched.push(s);
    } else if (outcome?.status === 'not_found') {
      stat.asked++;
      stat.notFound++;
      s.tried.add(provider);
      if (key) ledger.push({ key, provider, input: query, status: 'not_found', credits, fetchedAt, fields });
      touched.push(s);
    } else {
      const error: AppError =
        outcome?.error ??
        (outcome?.status === 'matched'
          ? {
              code: 'invalid_response',
              message: `${providerLabel(provider)} reported a match without the person.`,
              provider,
            }
          : { code: 'invalid_response', message: `${providerLabel(provider)} gave no answer for this row.`, provider });
      const verdict = classifyRowError(error);
      if (verdict === 'retry') {
        retry.push(s);
        return;
      }
      if (verdict === 'pause') {
        pauseWith.push(error);
        return;
      }
      if (verdict === 'uncertain') {
        // Sent before the app stopped, answer never seen: it may have been charged. Said, not hidden.
        stat.uncertain = (stat.uncertain ?? 0) + 1;
        stat.uncertainCredits = (stat.uncertainCredits ?? 0) + (run.maxPerRow[provider] ?? 0);
      }
      stat.asked++;
      stat.failed++;
      s.failedAt.add(provider);
      s.error = { code: error.code, message: error.message, provider };
      touched.push(s);
    }
  });

  await write(ctx, run, {
    rows: [],
    stats: { perProvider: { [provider]: stat }, rateLimited: 0 },
    credits: charged,
    people,
    afterPeople: (stored) => {
      stored.forEach((person, i) => {
        const owner = personOwners[i]!;
        owner.state.personId ??= person.id;
        if (owner.entry) owner.entry.personId = person.id;
      });
      return { rows: touched.map((s) => settled(run, s, pi)), ledger };
    },
  });
}
