import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Person, type EnrichField } from '../../shared/domain';
import { lookupKey } from '../../shared/lookup-key';
import {
  createMemoryEnrichJournal,
  JOURNAL_FILE_NAME,
  openEnrichJournal,
  type EnrichJournal,
} from '../../main/services/enrich-journal';
import { ledgerKey } from '../../renderer/src/features/enrich/ledger';

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-01T12:00:00Z');

let dir: string;
let clock: number;
let logLines: string[];
const open = (extra: { retentionDays?: number } = {}) =>
  openEnrichJournal({ dir, now: () => new Date(clock), log: (l) => logLines.push(l), ...extra });
const journalPath = () => join(dir, JOURNAL_FILE_NAME);
const fileLines = async () => (await readFile(journalPath(), 'utf8')).split('\n').filter(Boolean);

const jane = Person.parse({
  id: 'p:jane',
  providerIds: { apollo: 'a1' },
  fullName: 'Jane Doe',
  title: 'VP Sales',
  emails: [{ address: 'jane@acme.com' }],
});
const KEY_JANE = lookupKey('apollo', { email: 'Jane@Acme.com' })!;
const KEY_BOB = lookupKey('apollo', { email: 'bob@acme.com' })!;
const KEY_NOBODY = lookupKey('apollo', { email: 'nobody@void.example' })!;
const FIELDS: EnrichField[] = ['email', 'title'];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pd-journal-'));
  clock = T0;
  logLines = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** One paid lookup (jane, matched), one miss (nobody), one still in flight (bob). */
async function seed(journal: EnrichJournal) {
  await journal.begin([
    { key: KEY_JANE, fields: FIELDS },
    { key: KEY_NOBODY, fields: FIELDS },
  ]);
  await journal.answer([
    { key: KEY_JANE, fields: FIELDS, status: 'matched', person: jane, credits: 1 },
    { key: KEY_NOBODY, fields: FIELDS, status: 'not_found', credits: 0 },
  ]);
  await journal.begin([{ key: KEY_BOB, fields: FIELDS }]);
}

describe('enrichment journal', () => {
  it('uses the same lookup key as the renderer ledger', () => {
    const q = { firstName: 'Renée', lastName: 'Doe', organizationDomain: 'https://acme.com/' };
    expect(ledgerKey('apollo', q)).toBe(lookupKey('apollo', q));
    expect(KEY_JANE).toBe('apollo|email:jane@acme.com');
  });

  it('appends intents and answers; after a restart answers replay and unanswered intents are uncertain', async () => {
    const first = await open();
    expect(first.kind).toBe('file');
    await seed(first);
    // In this session bob is in flight, not uncertain.
    expect(first.uncertain(KEY_BOB)).toBe(false);
    expect(first.inFlight([KEY_BOB])).toBeInstanceOf(Promise);
    expect((await fileLines()).map((l) => JSON.parse(l).type)).toEqual([
      undefined, // header
      'intent',
      'intent',
      'answer',
      'answer',
      'intent',
    ]);
    await first.close(); // the app stops with bob in flight

    const second = await open();
    expect(second.answered(KEY_JANE, FIELDS)).toMatchObject({ status: 'matched', person: jane, credits: 1 });
    expect(second.answered(KEY_NOBODY, ['phone'])).toMatchObject({ status: 'not_found' });
    expect(second.answered(KEY_BOB, FIELDS)).toBeUndefined();
    expect(second.uncertain(KEY_BOB)).toBe(true);
    expect(second.uncertain(KEY_JANE)).toBe(false);
    expect(second.inFlight([KEY_BOB, KEY_JANE])).toBeUndefined();

    // Asked again on purpose, then answered: no longer uncertain, and replayed after the next restart.
    await second.begin([{ key: KEY_BOB, fields: FIELDS }]);
    expect(second.uncertain(KEY_BOB)).toBe(false);
    await second.answer([{ key: KEY_BOB, fields: FIELDS, status: 'not_found', credits: 0 }]);
    await second.close();
    const third = await open();
    expect(third.uncertain(KEY_BOB)).toBe(false);
    expect(third.answered(KEY_BOB, FIELDS)?.status).toBe('not_found');
    await third.close();
  });

  it('a match answers only the fields it was bought for; a miss answers any fields', async () => {
    const journal = createMemoryEnrichJournal({ now: () => new Date(clock) });
    await seed(journal);
    expect(journal.answered(KEY_JANE, ['email'])).toBeDefined();
    expect(journal.answered(KEY_JANE, ['email', 'phone'])).toBeUndefined();
    expect(journal.answered(KEY_NOBODY, ['email', 'phone', 'location'])).toBeDefined();
  });

  it('answers past the retention window are not replayed', async () => {
    const journal = createMemoryEnrichJournal({ now: () => new Date(clock), retentionDays: 30 });
    await seed(journal);
    clock = T0 + 29 * DAY;
    expect(journal.answered(KEY_JANE, FIELDS)).toBeDefined();
    clock = T0 + 31 * DAY;
    expect(journal.answered(KEY_JANE, FIELDS)).toBeUndefined();
  });

  it("a caller's shorter freshness window (the plan's) is honoured inside the retention window", async () => {
    const journal = await open();
    await seed(journal);
    clock = T0 + 40 * DAY;
    expect(journal.answered(KEY_JANE, FIELDS)).toBeDefined();
    expect(journal.answered(KEY_JANE, FIELDS, 30 * DAY)).toBeUndefined();
    expect(journal.answered(KEY_JANE, FIELDS, 60 * DAY)).toBeDefined();
    await journal.close();
  });

  it('a call that failed in this session clears its intent (the caller saw the error)', async () => {
    const first = await open();
    await first.begin([{ key: KEY_BOB, fields: FIELDS }]);
    await first.abandon([KEY_BOB]);
    expect(first.inFlight([KEY_BOB])).toBeUndefined();
    await first.close();
    const second = await open();
    expect(second.uncertain(KEY_BOB)).toBe(false);
    expect(await fileLines()).toHaveLength(1); // only the header survives compaction
    await second.close();
  });

  it('a second call for a lookup in flight waits until the first is answered', async () => {
    const journal = createMemoryEnrichJournal();
    await journal.begin([{ key: KEY_JANE, fields: FIELDS }]);
    const order: string[] = [];
    const waiting = journal.inFlight([KEY_JANE, KEY_BOB])!.then(() => order.push('waiter woke'));
    await Promise.resolve();
    order.push('answering');
    await journal.answer([{ key: KEY_JANE, fields: FIELDS, status: 'matched', person: jane, credits: 1 }]);
    await waiting;
    expect(order).toEqual(['answering', 'waiter woke']);
    expect(journal.answered(KEY_JANE, FIELDS)?.person?.id).toBe('p:jane');
  });

  it('compaction on open collapses each lookup to one line and drops what is past the window', async () => {
    const first = await open();
    await seed(first);
    clock = T0 + 50 * DAY;
    const bobAgain = lookupKey('apollo', { linkedinUrl: 'linkedin.com/in/bob' })!;
    await first.begin([{ key: bobAgain, fields: FIELDS }]);
    await first.answer([{ key: bobAgain, fields: FIELDS, status: 'matched', person: jane, credits: 2 }]);
    await first.close();
    expect(await fileLines()).toHaveLength(1 + 5 + 2);

    clock = T0 + 60 * DAY;
    const second = await open();
    const lines = (await fileLines()).map((l) => JSON.parse(l));
    expect(lines.slice(1).map((l) => [l.type, l.key])).toEqual([
      ['answer', KEY_JANE],
      ['answer', KEY_NOBODY],
      ['intent', KEY_BOB],
      ['answer', bobAgain],
    ]);
    await second.close();

    // 91 days after the first lookups only the later one is kept.
    clock = T0 + 91 * DAY;
    const third = await open();
    expect(third.answered(KEY_JANE, FIELDS)).toBeUndefined();
    expect(third.uncertain(KEY_BOB)).toBe(false);
    expect(third.answered(bobAgain, FIELDS)?.credits).toBe(2);
    expect((await fileLines()).slice(1).map((l) => JSON.parse(l).key)).toEqual([bobAgain]);
    await third.close();
  });

  it('ignores a torn last line (a write cut by the crash) and keeps everything before it', async () => {
    const first = await open();
    await seed(first);
    await first.close();
    await appendFile(journalPath(), '{"type":"answer","key":"apollo|email:bob@acme.com","at":"2026-03-0');

    const second = await open();
    expect(second.kind).toBe('file');
    expect(second.answered(KEY_JANE, FIELDS)).toBeDefined();
    expect(second.uncertain(KEY_BOB)).toBe(true);
    expect(logLines.some((l) => /incomplete last line/.test(l))).toBe(true);
    expect((await readdir(dir)).filter((f) => f.includes('corrupt'))).toEqual([]);
    // The file is clean again, so the next append starts on its own line.
    await second.answer([{ key: KEY_BOB, fields: FIELDS, status: 'not_found', credits: 0 }]);
    await second.close();
    const third = await open();
    expect(third.answered(KEY_BOB, FIELDS)?.status).toBe('not_found');
    await third.close();
  });

  it.each([
    ['a damaged line in the middle', (good: string) => good.replace('"type":"answer"', '"type":"answ\u0000')],
    ['a file that is not a journal', () => 'name,email\nJane,jane@acme.com\n'],
    ['a journal of an unknown version', (good: string) => good.replace('"version":1', '"version":99')],
    ['binary garbage', () => Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x0a, 0x7b, 0x0a]).toString('latin1')],
  ])('moves %s aside and starts a new journal, logging no lookup data', async (_label, damage) => {
    const first = await open();
    await seed(first);
    await first.close();
    await writeFile(journalPath(), damage(await readFile(journalPath(), 'utf8')), 'latin1');

    const second = await open();
    expect(second.kind).toBe('file');
    expect(second.answered(KEY_JANE, FIELDS)).toBeUndefined();
    expect(second.uncertain(KEY_BOB)).toBe(false);
    const aside = (await readdir(dir)).filter((f) => f.startsWith(`${JOURNAL_FILE_NAME}.corrupt-`));
    expect(aside).toHaveLength(1);
    expect(logLines).toHaveLength(1);
    expect(logLines[0]).toMatch(/unreadable.*moved it aside/);
    expect(logLines[0]).not.toMatch(/jane|bob|acme|VP Sales/i);
    expect(logLines[0]).not.toContain(dir);

    // The new journal works.
    await second.begin([{ key: KEY_BOB, fields: FIELDS }]);
    await second.close();
    const third = await open();
    expect(third.uncertain(KEY_BOB)).toBe(true);
    await third.close();
  });

  it('a folder that cannot be used gives an in-memory journal instead of stopping the app', async () => {
    await writeFile(join(dir, 'not-a-folder'), 'x');
    const journal = await openEnrichJournal({ dir: join(dir, 'not-a-folder', 'data'), log: (l) => logLines.push(l) });
    expect(journal.kind).toBe('memory');
    expect(logLines[0]).toMatch(/in memory only/);
    await seed(journal);
    expect(journal.answered(KEY_JANE, FIELDS)).toBeDefined();
    await journal.close();
  });

  it('close stops writing at once (as a killed process would) and refuses new intents', async () => {
    const journal = await open();
    await journal.begin([{ key: KEY_BOB, fields: FIELDS }]);
    const waiter = journal.inFlight([KEY_BOB])!;
    const closing = journal.close();
    await waiter; // flights end with the journal, nobody waits forever
    await journal.answer([{ key: KEY_BOB, fields: FIELDS, status: 'not_found', credits: 0 }]);
    await closing;
    await expect(journal.begin([{ key: KEY_JANE, fields: FIELDS }])).rejects.toThrow(/closed/);
    expect((await fileLines()).map((l) => JSON.parse(l).type)).toEqual([undefined, 'intent']);
    const reopened = await open();
    expect(reopened.uncertain(KEY_BOB)).toBe(true);
    expect(reopened.uncertain(KEY_JANE)).toBe(false);
    await reopened.close();
  });
});
