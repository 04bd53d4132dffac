/**
 * The enrichment journal holds emails, phones and names: 0600 files in a 0700 folder (older files
 * tightened), copies of unreadable journals expire, deleting people purges them on disk, "clear all
 * local data" empties it, and the rep's retention setting is kept across restarts.
 */
import 'fake-indexeddb/auto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../../shared/api';
import { Person, type EnrichField } from '../../../shared/domain';
import { personIdentityKeys } from '../../../shared/identity';
import { lookupKey } from '../../../shared/lookup-key';
import { JOURNAL_FILE_NAME, openEnrichJournal, type EnrichJournal } from '../../../main/services/enrich-journal';
import { createMainRuntime } from '../../../main/runtime';
import { deletePeople, upsertPeople } from '../../../renderer/src/db/people';
import { resetDb } from '../db/fixtures';

const DAY = 86_400_000;
const FIELDS: EnrichField[] = ['email', 'phone'];
const posix = process.platform !== 'win32';
let dir: string;
let clock: number;
const open = (extra: { retentionDays?: number } = {}) =>
  openEnrichJournal({ dir, now: () => new Date(clock), ...extra });
const path = () => join(dir, JOURNAL_FILE_NAME);
const mode = async (p: string) => (await stat(p)).mode & 0o777;

const jane = Person.parse({
  id: 'email:jane@acme.com',
  providerIds: { apollo: 'a1' },
  firstName: 'Jane',
  lastName: 'Doe',
  emails: [{ address: 'jane@acme.com' }],
  phones: [{ number: '+14155550100', e164: true }],
  linkedinUrl: 'https://www.linkedin.com/in/jane-doe',
});
const bob = Person.parse({ id: 'email:bob@acme.com', emails: [{ address: 'bob@acme.com' }] });

async function paidFor(journal: EnrichJournal, who: Person, key: string) {
  await journal.begin([{ key, fields: FIELDS }]);
  await journal.answer([{ key, fields: FIELDS, status: 'matched', person: who, credits: 1 }]);
}

beforeEach(async () => {
  dir = join(await mkdtemp(join(tmpdir(), 'pd-rest-')), 'userData');
  clock = Date.parse('2026-03-01T12:00:00Z');
});
afterEach(async () => {
  await rm(join(dir, '..'), { recursive: true, force: true });
});

describe('journal at rest', () => {
  it.runIf(posix)('is 0600 in a 0700 folder, and tightens what an older build left 0644/0755', async () => {
    const fresh = await open();
    await fresh.close();
    expect(await mode(dir)).toBe(0o700);
    expect(await mode(path())).toBe(0o600);
    await chmod(dir, 0o755);
    await chmod(path(), 0o644);
    const reopened = await open();
    await paidFor(reopened, jane, lookupKey('apollo', { email: 'jane@acme.com' })!);
    await reopened.close();
    expect(await mode(dir)).toBe(0o700);
    expect(await mode(path())).toBe(0o600);
  });

  it('copies of unreadable journals expire after the retention window and are 0600 until then', async () => {
    await mkdir(dir, { recursive: true });
    const old = join(dir, `${JOURNAL_FILE_NAME}.corrupt-2025-01-01T00-00-00-000Z`);
    const recent = join(dir, `${JOURNAL_FILE_NAME}.corrupt-2026-02-28T00-00-00-000Z`);
    await writeFile(old, 'garbage jane@acme.com', { mode: 0o644 });
    await writeFile(recent, 'garbage bob@acme.com', { mode: 0o644 });
    await utimes(old, new Date(clock - 200 * DAY), new Date(clock - 200 * DAY));
    await utimes(recent, new Date(clock - DAY), new Date(clock - DAY));
    await (await open()).close();
    const names = await readdir(dir);
    expect(names).not.toContain(old.split('/').pop());
    expect(names).toContain(recent.split('/').pop());
    if (posix) expect(await mode(recent)).toBe(0o600);
  });

  it('a purge by identity keys forgets the person on disk, across a restart', async () => {
    const journal = await open();
    const keyJane = lookupKey('apollo', { email: 'jane@acme.com' })!;
    const keyJaneLi = lookupKey('ocean', { linkedinUrl: 'linkedin.com/in/jane-doe' })!;
    const keyBob = lookupKey('apollo', { email: 'bob@acme.com' })!;
    await paidFor(journal, jane, keyJane);
    await paidFor(journal, jane, keyJaneLi);
    await paidFor(journal, bob, keyBob);
    expect(await journal.purge(personIdentityKeys(jane))).toBe(2);
    expect(journal.answered(keyJane, FIELDS)).toBeUndefined();
    expect(journal.answered(keyBob, FIELDS)).toBeDefined();
    await journal.close();
    const text = await readFile(path(), 'utf8');
    expect(text).not.toContain('jane');
    expect(text).not.toContain('4155550100');
    expect(text).toContain('bob@acme.com');
    const reopened = await open();
    expect(reopened.answered(keyJaneLi, FIELDS)).toBeUndefined();
    expect(reopened.answered(keyBob, FIELDS)).toBeDefined();
    await reopened.close();
  });

  it('the retention setting persists and drops, on disk, what is past the new window', async () => {
    const journal = await open();
    const keyBob = lookupKey('apollo', { email: 'bob@acme.com' })!;
    await paidFor(journal, bob, keyBob);
    clock += 20 * DAY;
    await paidFor(journal, jane, lookupKey('apollo', { email: 'jane@acme.com' })!);
    expect(journal.retentionDays).toBe(90);
    await journal.setRetentionDays(10);
    expect(journal.answered(keyBob, FIELDS)).toBeUndefined();
    await journal.close();
    expect(await readFile(path(), 'utf8')).not.toContain('bob@acme.com');
    const reopened = await open();
    expect(reopened.retentionDays).toBe(10);
    await reopened.close();
  });
});

describe('channels: deleting people and clearing all local data', () => {
  beforeEach(resetDb);
  afterEach(() => {
    delete (globalThis as { window?: unknown }).window;
  });

  it("the renderer's deletePeople purges the person from main's journal; clearAll empties it and removes keys", async () => {
    // main's journal already holds one paid answer for Jane and one for Bob.
    const seeded = await openEnrichJournal({ dir });
    await paidFor(seeded, jane, lookupKey('apollo', { email: 'jane@acme.com' })!);
    await paidFor(seeded, bob, lookupKey('apollo', { email: 'bob@acme.com' })!);
    await seeded.close();
    const live = await createMainRuntime({
      env: { PROSPECT_DESK_SECRET_STORE: 'memory' },
      emit: () => {},
      saveCsv: async () => ({ saved: false }),
      dataDir: dir,
      log: () => {},
    });
    try {
      // window.api over the real main dispatch, as the preload gives it to the renderer.
      const api = createApi({ invoke: (channel, input) => live.dispatch(channel, input), subscribe: () => () => {} });
      (globalThis as { window?: unknown }).window = { api };
      await upsertPeople([jane, bob]);
      await deletePeople([jane.id]);
      const afterDelete = await readFile(path(), 'utf8');
      expect(afterDelete).not.toContain('jane@acme.com');
      expect(afterDelete).toContain('bob@acme.com');

      expect(await api.data.retention({})).toEqual({ ok: true, value: { retentionDays: 90 } });
      expect(await api.data.retention({ days: 30 })).toEqual({ ok: true, value: { retentionDays: 30 } });

      expect((await api.secrets.set({ provider: 'apollo', key: 'key-123456789' })).ok).toBe(true);
      expect(await api.data.clearAll({})).toEqual({ ok: true, value: { cleared: true } });
      expect(await readFile(path(), 'utf8')).not.toContain('bob@acme.com');
      const list = await api.providers.list({});
      expect(list.ok && list.value.find((p) => p.id === 'apollo')?.configured).toBe(false);
    } finally {
      await live.close();
    }
  });
});
