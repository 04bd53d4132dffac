/**
 * The contract bounds every array and string a renderer (or a fuzzer) can send: oversized input
 * answers bad_request as data, never a throw, and nothing is journaled for a call without a key.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contract } from '../../../shared/contract';
import { DEPARTMENTS, ENRICH_FIELDS, SENIORITIES } from '../../../shared/domain';
import { createDispatch } from '../../../main/ipc/bind';
import { createMainRuntime, type MainRuntime } from '../../../main/runtime';
import { JOURNAL_FILE_NAME } from '../../../main/services/enrich-journal';

const everyHandler = new Proxy({}, { get: () => async () => ({}) });

describe('contract bounds', () => {
  it('a million-item fields array is bad_request (not parsed item by item into a journal)', async () => {
    const dispatch = createDispatch(everyHandler as never);
    const fields = new Array(1_000_000).fill('email');
    const result = await dispatch('people.enrich', { provider: 'apollo', queries: [{ email: 'a@b.co' }], fields });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('300k credit-plan fields answer a bad_request Result, never a throw', async () => {
    const dispatch = createDispatch(everyHandler as never);
    const fields = new Array(300_000).fill('x');
    const result = await dispatch('credits.estimate', {
      plans: [{ provider: 'apollo', operation: 'people.enrich', count: 1, fields }],
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('a schema that throws while parsing still answers a Result', async () => {
    const hostile = {
      get provider() {
        throw new RangeError('Maximum call stack size exceeded');
      },
    };
    const dispatch = createDispatch(everyHandler as never);
    const result = await dispatch('secrets.test', hostile);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('bad_request');
  });

  it('enum lists are capped at their enum size and de-duplicated', () => {
    const filters = contract['people.search'].input;
    const tooMany = [...SENIORITIES, 'owner'];
    expect(filters.safeParse({ provider: 'sample', filters: { seniorities: tooMany } }).success).toBe(false);
    const dup = filters.parse({
      provider: 'sample',
      filters: { seniorities: ['vp', 'vp'], departments: ['sales', 'sales'] },
    });
    expect(dup.filters.seniorities).toEqual(['vp']);
    expect(dup.filters.departments).toEqual(['sales']);
    expect(filters.safeParse({ provider: 'sample', filters: { departments: [...DEPARTMENTS, 'sales'] } }).success).toBe(
      false,
    );
    const enrich = contract['people.enrich'].input;
    expect(
      enrich.safeParse({ provider: 'apollo', queries: [{ email: 'a@b.co' }], fields: [...ENRICH_FIELDS, 'email'] })
        .success,
    ).toBe(false);
    expect(
      enrich.parse({ provider: 'apollo', queries: [{ email: 'a@b.co' }], fields: ['email', 'email'] }).fields,
    ).toEqual(['email']);
  });

  it('provider-id strings and record sizes are bounded', () => {
    const enrich = contract['people.enrich'].input;
    const longId = 'x'.repeat(10_000);
    expect(enrich.safeParse({ provider: 'apollo', queries: [{ providerIds: { apollo: longId } }] }).success).toBe(
      false,
    );
    const ref = contract['people.related'].input;
    expect(ref.safeParse({ provider: 'apollo', person: { providerIds: { apollo: longId } } }).success).toBe(false);
  });

  it('keys must be printable ASCII (a header cannot carry U+202E or Cyrillic)', () => {
    const set = contract['secrets.set'].input;
    expect(set.safeParse({ provider: 'apollo', key: 'abcd1234efgh' }).success).toBe(true);
    expect(set.safeParse({ provider: 'apollo', key: 'abcd\u202e1234efgh' }).success).toBe(false);
    expect(set.safeParse({ provider: 'apollo', key: 'аbcd1234efgh' }).success).toBe(false); // Cyrillic а
    expect(set.safeParse({ provider: 'apollo', key: 'abcd1234\nefgh' }).success).toBe(false);
  });
});

describe('the journal is written only once a key is known', () => {
  let dir: string;
  let runtime: MainRuntime | undefined;
  afterEach(async () => {
    await runtime?.close();
    runtime = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('an enrichment with no key saved journals nothing and answers auth', async () => {
    dir = await mkdtemp(join(tmpdir(), 'pd-bounds-'));
    runtime = await createMainRuntime({
      env: { PROSPECT_DESK_SECRET_STORE: 'memory', APOLLO_BASE_URL: 'http://127.0.0.1:9' },
      emit: () => {},
      saveCsv: async () => ({ saved: false }),
      dataDir: dir,
      log: () => {},
    });
    const before = await readFile(join(dir, JOURNAL_FILE_NAME), 'utf8');
    const queries = Array.from({ length: 100 }, (_, i) => ({ email: `p${i}@acme.com` }));
    const result = await runtime.dispatch('people.enrich', { provider: 'apollo', queries, fields: ['email'] });
    expect(result).toMatchObject({ ok: false, error: { code: 'auth' } });
    expect(await readFile(join(dir, JOURNAL_FILE_NAME), 'utf8')).toBe(before);
  });
});
