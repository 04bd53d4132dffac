/**
 * main's services: every contract channel as a plain async function over the provider adapters,
 * the key service and the HTTP layer. No Electron here, so the same services run in the app,
 * the test host and the benchmarks.
 */
import type {
  AppEvent,
  ChannelOutput,
  ChannelParsedInput,
  ConnectionTest,
  EnrichOutcome,
  ProviderInfo,
} from '../../shared/contract';
import {
  UNCERTAIN_LOOKUP_MESSAGE,
  type Capability,
  type EnrichField,
  type KeyedProviderId,
  type PersonQuery,
  type ProviderId,
} from '../../shared/domain';
import { attributeCredits } from '../../shared/credit-attribution';
import { lookupKey } from '../../shared/lookup-key';
import type { Handlers } from '../ipc/bind';
import { ProviderError } from '../providers/errors';
import type { HttpClient } from '../providers/http';
import type { ProviderAdapter, ProviderContext } from '../providers/types';
import { DEFAULT_JOURNAL_RETENTION_DAYS, type EnrichJournal, type JournalAnswerInput } from './enrich-journal';

/** What services need from the key store (main/secrets/key-service.ts provides it). */
export interface KeyAccess {
  getKey(provider: KeyedProviderId): Promise<string | undefined>;
  setKey(provider: KeyedProviderId, key: string): Promise<void>;
  removeKey(provider: KeyedProviderId): Promise<void>;
  describe(provider: KeyedProviderId): Promise<Pick<ProviderInfo, 'configured' | 'keyHint' | 'store' | 'storeNote'>>;
}

export interface ServiceDeps {
  adapters: readonly ProviderAdapter[];
  http: HttpClient;
  keys: KeyAccess;
  emit(event: AppEvent): void;
  /** Shows a save dialog (app) or writes to the export folder (host) and writes the file. */
  saveCsv(suggestedName: string, content: string): Promise<{ saved: boolean; path?: string }>;
  now?: () => Date;
  /** Journals charged people.enrich lookups (main/services/enrich-journal.ts); none: not journaled. */
  journal?: EnrichJournal;
  log?: (line: string) => void;
}

const isKeyed = (id: ProviderId): id is KeyedProviderId => id !== 'sample';

export function createServices(deps: ServiceDeps): Handlers {
  const now = deps.now ?? (() => new Date());
  const byId = new Map(deps.adapters.map((a) => [a.id, a]));
  const lastTests = new Map<ProviderId, ConnectionTest>();
  const reachable = new Map<ProviderId, boolean>();

  function adapterFor(id: ProviderId, capability: Capability): ProviderAdapter {
    const adapter = byId.get(id);
    if (!adapter) throw new ProviderError('bad_request', `Unknown provider "${id}".`);
    if (!adapter.capabilities.includes(capability)) {
      throw new ProviderError('bad_request', `${adapter.label} cannot do ${capability}.`, id);
    }
    return adapter;
  }

  function contextFor(adapter: ProviderAdapter): ProviderContext {
    return {
      http: deps.http,
      getKey: async () => (isKeyed(adapter.id) ? deps.keys.getKey(adapter.id) : undefined),
    };
  }

  /** Runs a provider call, requiring a key for keyed providers and reporting reachability once per change. */
  async function call<T>(adapter: ProviderAdapter, fn: (ctx: ProviderContext) => Promise<T>): Promise<T> {
    if (isKeyed(adapter.id) && !(await deps.keys.getKey(adapter.id))) {
      throw new ProviderError('auth', `No API key for ${adapter.label}. Add one in Settings.`, adapter.id);
    }
    try {
      const value = await fn(contextFor(adapter));
      noteReachable(adapter.id, true);
      return value;
    } catch (err) {
      if (err instanceof ProviderError && (err.code === 'unavailable' || err.code === 'timeout')) {
        noteReachable(adapter.id, false, err.message);
      }
      if (err instanceof ProviderError && err.code === 'rate_limited' && err.retryAfterMs !== undefined) {
        deps.emit({ type: 'provider.rateLimited', provider: adapter.id, retryAfterMs: err.retryAfterMs });
      }
      throw err;
    }
  }

  function noteReachable(provider: ProviderId, ok: boolean, message?: string) {
    if (reachable.get(provider) === ok) return;
    reachable.set(provider, ok);
    deps.emit({ type: 'provider.status', provider, reachable: ok, ...(message ? { message } : {}) });
  }

  async function describe(adapter: ProviderAdapter): Promise<ProviderInfo> {
    const base = {
      id: adapter.id,
      label: adapter.label,
      sample: adapter.sample,
      capabilities: [...adapter.capabilities],
      peopleFilters: [...adapter.peopleFilters],
      organizationFilters: [...adapter.organizationFilters],
    };
    const lastTest = lastTests.get(adapter.id);
    if (!isKeyed(adapter.id)) return { ...base, configured: true, ...(lastTest ? { lastTest } : {}) };
    const keyInfo = await deps.keys.describe(adapter.id);
    return { ...base, ...keyInfo, ...(lastTest ? { lastTest } : {}) };
  }

  /**
   * people.enrich through the journal: lookups already answered are replayed at no cost, lookups an
   * earlier session left in flight come back 'uncertain' (unless the rep asked to retry them), and
   * only the rest go to the provider, with an intent on disk before and the answer on disk after.
   */
  async function enrichJournaled(
    adapter: ProviderAdapter,
    journal: EnrichJournal,
    queries: PersonQuery[],
    fields: EnrichField[],
    retryUncertain: boolean,
    maxAgeDays?: number,
    runId?: string,
  ): Promise<ChannelOutput<'people.enrich'>> {
    const provider = adapter.id;
    const keys = queries.map((q) => lookupKey(provider, q));
    const present = [...new Set(keys.filter((k): k is string => !!k))];
    // A lookup another call has in flight right now: wait for its answer rather than buy it twice.
    for (let wait = journal.inFlight(present); wait; wait = journal.inFlight(present)) await wait;

    // From here to journal.begin() nothing awaits, so no other call can slip in between.
    const results: (EnrichOutcome | undefined)[] = new Array(queries.length);
    const toAsk: number[] = [];
    const firstAskedFor = new Map<string, number>();
    const copies: { index: number; of: number }[] = [];
    let replayed = 0;
    let replayedCredits = 0;
    queries.forEach((_, index) => {
      const key = keys[index];
      if (!key) {
        toAsk.push(index);
        return;
      }
      const known = journal.answered(key, fields, maxAgeDays === undefined ? undefined : maxAgeDays * 86_400_000);
      if (known) {
        replayed++;
        // Paid by this same run (while its page was away): it keeps its cost. Paid earlier: free.
        const ours = !!runId && known.run === runId;
        if (ours) replayedCredits += known.credits;
        results[index] = {
          index,
          status: known.status,
          ...(known.person ? { person: known.person } : {}),
          credits: ours ? known.credits : 0,
        };
        return;
      }
      if (journal.uncertain(key) && !retryUncertain) {
        results[index] = {
          index,
          status: 'error',
          error: { code: 'uncertain', message: UNCERTAIN_LOOKUP_MESSAGE, provider },
          credits: 0,
        };
        return;
      }
      const first = firstAskedFor.get(key);
      if (first !== undefined) {
        copies.push({ index, of: first });
        return;
      }
      firstAskedFor.set(key, index);
      toAsk.push(index);
    });

    if (toAsk.length === 0) {
      return {
        results: results as EnrichOutcome[],
        credits: { provider, credits: 0, reported: false },
        replayed,
        ...(replayedCredits ? { replayedCredits } : {}),
      };
    }

    const askedKeys = [...firstAskedFor.keys()];
    try {
      await journal.begin(askedKeys.map((key) => ({ key, fields })));
    } catch {
      deps.log?.(`[journal] could not record ${askedKeys.length} enrichment intent(s); nothing was sent`);
      throw new ProviderError(
        'internal',
        `Prospect Desk could not write its enrichment journal (is the disk full?), so nothing was sent to ${adapter.label} and nothing was charged.`,
        provider,
      );
    }

    try {
      const answer = await call(adapter, (ctx) =>
        adapter.enrichPeople!(
          toAsk.map((i) => queries[i]!),
          fields,
          ctx,
        ),
      );
      const priced = attributeCredits(answer.results, answer.credits.credits);
      const mixed = toAsk.length < queries.length;
      const toJournal: JournalAnswerInput[] = [];
      for (const [position, outcome] of answer.results.entries()) {
        const index = toAsk[outcome.index];
        if (index === undefined || results[index]) continue;
        const credits = priced[position]!;
        // Next to answers at no cost, the provider's unattributed cost must be spread where it was spent.
        results[index] = { ...outcome, index, ...(mixed && outcome.credits === undefined ? { credits } : {}) };
        const key = keys[index];
        if (!key || !(outcome.status === 'not_found' || (outcome.status === 'matched' && outcome.person))) continue;
        toJournal.push({
          key,
          fields,
          status: outcome.status,
          ...(outcome.person ? { person: outcome.person } : {}),
          credits,
          ...(runId ? { run: runId } : {}),
        });
      }
      // Before the answer leaves main: once on disk it is never bought again within the window.
      await journal.answer(toJournal).catch(() => {
        deps.log?.(`[journal] could not record ${toJournal.length} enrichment answer(s)`);
      });
      for (const { index, of } of copies) {
        const original = results[of];
        if (original) results[index] = { ...original, index, credits: 0 };
      }
      return {
        results: results.filter((r): r is EnrichOutcome => !!r),
        credits: answer.credits,
        replayed,
        ...(replayedCredits ? { replayedCredits } : {}),
      };
    } finally {
      // Lookups with no answer (the call failed, or the row did): the caller sees that error, so the
      // intent would only mislead a later call. Also ends their flights, so no waiter hangs.
      await journal.abandon(askedKeys).catch(() => undefined);
    }
  }

  function keyedAdapter(id: KeyedProviderId): ProviderAdapter {
    const adapter = byId.get(id);
    if (!adapter) throw new ProviderError('bad_request', `Unknown provider "${id}".`);
    return adapter;
  }

  return {
    'providers.list': async () => Promise.all(deps.adapters.map(describe)),

    'secrets.set': async ({ provider, key }: ChannelParsedInput<'secrets.set'>) => {
      const adapter = keyedAdapter(provider);
      await deps.keys.setKey(provider, key);
      lastTests.delete(provider);
      deps.emit({ type: 'providers.changed' });
      return describe(adapter);
    },

    'secrets.remove': async ({ provider }) => {
      const adapter = keyedAdapter(provider);
      await deps.keys.removeKey(provider);
      lastTests.delete(provider);
      deps.emit({ type: 'providers.changed' });
      return describe(adapter);
    },

    'secrets.test': async ({ provider }) => {
      const adapter = keyedAdapter(provider);
      let result: ConnectionTest;
      if (!(await deps.keys.getKey(provider))) {
        result = {
          status: 'not_configured',
          message: `No key saved for ${adapter.label}.`,
          testedAt: now().toISOString(),
        };
      } else if (!adapter.testConnection) {
        throw new ProviderError('unavailable', `${adapter.label} offers no way to test a key.`, provider);
      } else {
        result = await adapter.testConnection(contextFor(adapter));
      }
      lastTests.set(provider, result);
      deps.emit({ type: 'providers.changed' });
      return result;
    },

    'people.search': async ({ provider, filters, page }) => {
      const adapter = adapterFor(provider, 'people.search');
      return call(adapter, (ctx) => adapter.searchPeople!(filters, page, ctx));
    },

    'people.enrich': async ({ provider, queries, fields, retryUncertain, maxAgeDays, runId }) => {
      const adapter = adapterFor(provider, 'people.enrich');
      // The sample provider is free: nothing to journal.
      if (!deps.journal || !isKeyed(adapter.id)) {
        return call(adapter, (ctx) => adapter.enrichPeople!(queries, fields, ctx));
      }
      // The key first: a call that cannot be sent must not grow the journal.
      if (!(await deps.keys.getKey(adapter.id))) {
        throw new ProviderError('auth', `No API key for ${adapter.label}. Add one in Settings.`, adapter.id);
      }
      return enrichJournaled(adapter, deps.journal, queries, fields, retryUncertain === true, maxAgeDays, runId);
    },

    'people.related': async ({ provider, person, direction }) => {
      const adapter = adapterFor(provider, 'people.related');
      return call(adapter, (ctx) => adapter.relatedPeople!(person, direction, ctx));
    },

    'people.lookalikes': async ({ provider, people, page }) => {
      const adapter = adapterFor(provider, 'people.lookalikes');
      return call(adapter, (ctx) => adapter.lookalikes!(people, page, ctx));
    },

    'organizations.search': async ({ provider, filters, page }) => {
      const adapter = adapterFor(provider, 'organizations.search');
      return call(adapter, (ctx) => adapter.searchOrganizations!(filters, page, ctx));
    },

    'organizations.jobPostings': async ({ provider, organization, page }) => {
      const adapter = adapterFor(provider, 'organizations.jobPostings');
      return call(adapter, (ctx) => adapter.jobPostings!(organization, page, ctx));
    },

    'credits.estimate': async ({ plans }) => {
      const perProvider = plans.map((plan) => {
        const adapter = byId.get(plan.provider);
        if (!adapter) throw new ProviderError('bad_request', `Unknown provider "${plan.provider}".`);
        const range = adapter.estimateCredits(plan);
        return { provider: plan.provider, operation: plan.operation, ...range };
      });
      return {
        perProvider,
        total: {
          min: perProvider.reduce((s, p) => s + p.min, 0),
          max: perProvider.reduce((s, p) => s + p.max, 0),
        },
      };
    },

    'files.saveCsv': async ({ suggestedName, content }) => deps.saveCsv(suggestedName, content),

    'data.purgePeople': async ({ identityKeys }) => ({ purged: (await deps.journal?.purge(identityKeys)) ?? 0 }),

    'data.clearAll': async () => {
      await deps.journal?.clear();
      for (const adapter of deps.adapters) if (isKeyed(adapter.id)) await deps.keys.removeKey(adapter.id);
      lastTests.clear();
      deps.emit({ type: 'providers.changed' });
      return { cleared: true as const };
    },

    'data.retention': async ({ days }) => {
      if (!deps.journal) return { retentionDays: DEFAULT_JOURNAL_RETENTION_DAYS };
      if (days !== undefined) await deps.journal.setRetentionDays(days);
      return { retentionDays: deps.journal.retentionDays };
    },
  };
}
