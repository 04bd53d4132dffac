/**
 * main's enrichment journal: an append-only JSON-lines file that closes the two gaps the renderer's
 * ledger cannot see, because only main knows when a charged call left and when its answer came:
 *
 *  - an `intent` line per lookup is on disk (fsync'd) before a charged request leaves, so a lookup
 *    in flight when the app died is known afterwards as "may have been charged" (uncertain);
 *  - an `answer` line per lookup is on disk before the answer goes back to the renderer, so an
 *    answer the renderer never stored is replayed at no cost instead of being bought again;
 *  - a `clear` line ends an intent whose call failed in this process (the caller saw the error).
 *
 * Keys are shared/lookup-key's, the same as the renderer ledger's. On open the file is compacted
 * (one answer and at most one pending intent per key, nothing older than the retention window),
 * a torn last line is dropped, and a file that cannot be read is moved aside: the journal never
 * stops the app. Without a folder (unit tests) or when the folder cannot be written, the journal
 * keeps its state in memory only.
 */
import { constants, createReadStream } from 'node:fs';
import { chmod, mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { EnrichField, Person } from '../../shared/domain';
import { personIdentityKeys, type IdentityInput } from '../../shared/identity';
import { identityKeysOfLookupKey } from '../../shared/lookup-key';

export const JOURNAL_FILE_NAME = 'enrich-journal.jsonl';
export const DEFAULT_JOURNAL_RETENTION_DAYS = 90;
const DAY_MS = 86_400_000;
const HEADER = { journal: 'prospect-desk/enrich', version: 1 } as const;
/** Emails, phones and names live here: readable by the rep's own account only. */
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;
export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;
const CORRUPT_PREFIX = `${JOURNAL_FILE_NAME}.corrupt-`;

const Key = z.string().min(1).max(2000);
const At = z.string().refine((s) => Number.isFinite(Date.parse(s)));

const IntentRecord = z.object({ type: z.literal('intent'), key: Key, at: At, fields: z.array(EnrichField) });
const AnswerRecord = z.object({
  type: z.literal('answer'),
  key: Key,
  at: At,
  fields: z.array(EnrichField),
  status: z.enum(['matched', 'not_found']),
  // Checked against the Person schema when replayed, not at open: a large journal opens fast.
  person: z.record(z.string(), z.unknown()).optional(),
  credits: z.number().nonnegative(),
  /** The run (CSV job) that paid for it: a replay to the same run still carries the cost. */
  run: z.string().max(100).optional(),
});
const ClearRecord = z.object({ type: z.literal('clear'), key: Key, at: At });
const JournalRecord = z.discriminatedUnion('type', [IntentRecord, AnswerRecord, ClearRecord]);
type IntentRecord = z.infer<typeof IntentRecord>;
type AnswerRecord = z.infer<typeof AnswerRecord>;
type JournalRecord = z.infer<typeof JournalRecord>;

export interface JournalAnswer {
  status: 'matched' | 'not_found';
  person?: Person;
  /** Fields the paid lookup asked for. */
  fields: EnrichField[];
  credits: number;
  answeredAt: string;
  /** The run that paid for it, when the caller named one. */
  run?: string;
}

export interface JournalIntent {
  key: string;
  fields: readonly EnrichField[];
}

export interface JournalAnswerInput extends JournalIntent {
  status: 'matched' | 'not_found';
  person?: Person;
  credits: number;
  run?: string;
}

export interface EnrichJournal {
  /** 'file' when answers and intents survive a restart. */
  readonly kind: 'file' | 'memory';
  /** A fresh answer to `key` that covers `fields` (a miss covers anything), or undefined. */
  /** The journaled answer, if it covers `fields` and is younger than `maxAgeMs` (default: the retention window). */
  answered(key: string, fields: readonly EnrichField[], maxAgeMs?: number): JournalAnswer | undefined;
  /** An earlier session sent this lookup and never saw its answer: the provider may have charged it. */
  uncertain(key: string): boolean;
  /** Settles once none of `keys` is in flight in this process; undefined when none is now. */
  inFlight(keys: readonly string[]): Promise<void> | undefined;
  /**
   * Marks the lookups in flight (synchronously, before the returned promise) and writes their
   * intents durably. Rejects, with nothing marked, when the intents cannot be written.
   */
  begin(intents: readonly JournalIntent[]): Promise<void>;
  /** Writes the answers durably and ends their flights. */
  answer(answers: readonly JournalAnswerInput[]): Promise<void>;
  /** Ends those of `keys` still in flight with no answer (the caller was told about the failure). */
  abandon(keys: readonly string[]): Promise<void>;
  /**
   * Forgets every lookup of the people with any of these identity keys (shared/identity.ts), on disk
   * too (the file is rewritten without them). Answers how many lookups were forgotten.
   */
  purge(identityKeys: readonly string[]): Promise<number>;
  /** Forgets everything, and removes the copies of unreadable journals. */
  clear(): Promise<void>;
  /** Days an answer is kept (and replayed); persisted in the journal's header. */
  readonly retentionDays: number;
  /** Changes the retention window and drops, on disk too, what is now past it. */
  setRetentionDays(days: number): Promise<void>;
  /** Stops writing at once (like a process that ends), then closes the file. */
  close(): Promise<void>;
}

export interface JournalOptions {
  now?: () => Date;
  retentionDays?: number;
  /** One line per notable event; never holds a key, a person or a path beyond the file's name. */
  log?: (line: string) => void;
}

export interface OpenJournalOptions extends JournalOptions {
  /** The folder the journal file lives in (Electron's userData in the app). */
  dir: string;
}

interface KeyState {
  answer?: AnswerRecord;
  /** An intent of an earlier session with no answer or clear after it. */
  intent?: IntentRecord;
}

/** Folds one record into the per-key state: the latest word on a key wins. */
function apply(state: Map<string, KeyState>, record: JournalRecord): void {
  const entry = state.get(record.key) ?? {};
  if (record.type === 'intent') entry.intent = record;
  else if (record.type === 'answer') {
    entry.answer = record;
    delete entry.intent;
  } else delete entry.intent;
  if (entry.answer || entry.intent) state.set(record.key, entry);
  else state.delete(record.key);
}

const within = (at: string, nowMs: number, retentionMs: number) => {
  const t = Date.parse(at);
  return Number.isFinite(t) && nowMs - t <= retentionMs && t <= nowMs + DAY_MS;
};

function compacted(state: Map<string, KeyState>, nowMs: number, retentionMs: number): JournalRecord[] {
  const out: JournalRecord[] = [];
  for (const [key, entry] of state) {
    if (entry.answer && !within(entry.answer.at, nowMs, retentionMs)) delete entry.answer;
    if (entry.intent && !within(entry.intent.at, nowMs, retentionMs)) delete entry.intent;
    if (!entry.answer && !entry.intent) {
      state.delete(key);
      continue;
    }
    if (entry.answer) out.push(entry.answer);
    if (entry.intent) out.push(entry.intent);
  }
  return out;
}

const line = (value: unknown) => `${JSON.stringify(value)}\n`;

const clampRetention = (days: number) =>
  Math.min(
    MAX_RETENTION_DAYS,
    Math.max(MIN_RETENTION_DAYS, Math.round(Number.isFinite(days) ? days : DEFAULT_JOURNAL_RETENTION_DAYS)),
  );

/** Writes the whole journal to `path` through a 0600 temporary file and a rename. */
async function writeWhole(path: string, retentionDays: number, records: readonly JournalRecord[]): Promise<void> {
  const tmp = `${path}.tmp`;
  const out = await open(tmp, 'w', FILE_MODE);
  try {
    await out.chmod(FILE_MODE); // an older, looser tmp file keeps its mode through open()
    await out.writeFile(line({ ...HEADER, retentionDays }) + records.map(line).join(''), 'utf8');
    await out.sync();
  } finally {
    await out.close();
  }
  await rename(tmp, path);
}

class Journal implements EnrichJournal {
  private readonly flights = new Map<string, { done: Promise<void>; end: () => void }>();
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly now: () => Date;
  private retentionMs: number;

  constructor(
    readonly kind: 'file' | 'memory',
    private readonly state: Map<string, KeyState>,
    private file: FileHandle | undefined,
    opts: JournalOptions,
    /** The journal file, for rewrites (purge, clear, retention); none in memory. */
    private readonly path?: string,
  ) {
    this.now = opts.now ?? (() => new Date());
    this.retentionMs = clampRetention(opts.retentionDays ?? DEFAULT_JOURNAL_RETENTION_DAYS) * DAY_MS;
  }

  get retentionDays(): number {
    return Math.round(this.retentionMs / DAY_MS);
  }

  async setRetentionDays(days: number): Promise<void> {
    this.retentionMs = clampRetention(days) * DAY_MS;
    await this.rewrite();
  }

  async purge(identityKeys: readonly string[]): Promise<number> {
    const wanted = new Set(identityKeys);
    if (wanted.size === 0) return 0;
    let purged = 0;
    for (const [key, entry] of this.state) {
      const person = entry.answer?.person as IdentityInput | undefined;
      const keys = [...identityKeysOfLookupKey(key), ...(person ? personIdentityKeys(person) : [])];
      if (!keys.some((k) => wanted.has(k))) continue;
      this.state.delete(key);
      purged++;
    }
    if (purged) await this.rewrite();
    return purged;
  }

  async clear(): Promise<void> {
    this.state.clear();
    await this.rewrite();
    if (this.path) await removeCorruptCopies(this.path, () => true);
  }

  /** Replaces the file with the compacted state, in the write chain (no append interleaves). */
  private rewrite(): Promise<void> {
    compacted(this.state, this.now().getTime(), this.retentionMs);
    const path = this.path;
    if (!path || this.kind !== 'file') return Promise.resolve();
    const next = this.chain
      .catch(() => undefined)
      .then(async () => {
        if (this.closed) return;
        await this.file?.close();
        this.file = undefined;
        await writeWhole(path, this.retentionDays, compacted(this.state, this.now().getTime(), this.retentionMs));
        await syncDir(dirname(path));
        this.file = await open(path, 'a', FILE_MODE);
      });
    this.chain = next;
    return next;
  }

  answered(key: string, fields: readonly EnrichField[], maxAgeMs?: number): JournalAnswer | undefined {
    const record = this.state.get(key)?.answer;
    const window = Math.min(this.retentionMs, maxAgeMs ?? this.retentionMs);
    if (!record || !within(record.at, this.now().getTime(), window)) return undefined;
    if (record.status === 'matched' && !fields.every((f) => record.fields.includes(f))) return undefined;
    let person: Person | undefined;
    if (record.status === 'matched') {
      const parsed = Person.safeParse(record.person);
      if (!parsed.success) return undefined; // not worth replaying a record this build cannot read
      person = parsed.data;
    }
    return {
      status: record.status,
      ...(person ? { person } : {}),
      fields: [...record.fields],
      credits: record.credits,
      answeredAt: record.at,
      ...(record.run ? { run: record.run } : {}),
    };
  }

  uncertain(key: string): boolean {
    return !this.flights.has(key) && !!this.state.get(key)?.intent;
  }

  inFlight(keys: readonly string[]): Promise<void> | undefined {
    const waits = keys.map((k) => this.flights.get(k)?.done).filter((p): p is Promise<void> => !!p);
    return waits.length ? Promise.all(waits).then(() => undefined) : undefined;
  }

  begin(intents: readonly JournalIntent[]): Promise<void> {
    const at = this.now().toISOString();
    const records: IntentRecord[] = [];
    const started: string[] = [];
    for (const { key, fields } of intents) {
      if (this.flights.has(key)) continue;
      let end!: () => void;
      const done = new Promise<void>((resolve) => (end = resolve));
      this.flights.set(key, { done, end });
      started.push(key);
      records.push({ type: 'intent', key, at, fields: [...fields] });
    }
    if (this.closed) {
      this.endFlights(started);
      return Promise.reject(new Error('The enrichment journal is closed.'));
    }
    // An intent of an earlier session stays in memory: the flight hides it, and the answer or
    // clear that ends the flight removes it.
    return this.write(records, true).catch((err: unknown) => {
      this.endFlights(started);
      throw err;
    });
  }

  async answer(answers: readonly JournalAnswerInput[]): Promise<void> {
    const at = this.now().toISOString();
    const records: AnswerRecord[] = answers.map((a) => ({
      type: 'answer',
      key: a.key,
      at,
      fields: [...a.fields],
      status: a.status,
      ...(a.status === 'matched' && a.person ? { person: a.person as Record<string, unknown> } : {}),
      credits: a.credits,
      ...(a.run ? { run: a.run } : {}),
    }));
    // Memory first: the answer is known to this session even if the disk write fails.
    if (!this.closed) for (const r of records) apply(this.state, r);
    try {
      await this.write(records, true);
    } finally {
      this.endFlights(answers.map((a) => a.key));
    }
  }

  async abandon(keys: readonly string[]): Promise<void> {
    const at = this.now().toISOString();
    // Only flights end here: an answered lookup has nothing left to clear.
    const records = keys.filter((key) => this.flights.has(key)).map((key) => ({ type: 'clear' as const, key, at }));
    if (!this.closed) for (const r of records) apply(this.state, r);
    try {
      // Not synced: losing a clear only makes a lookup look uncertain, never paid twice.
      await this.write(records, false);
    } finally {
      this.endFlights(records.map((r) => r.key));
    }
  }

  close(): Promise<void> {
    if (this.closed)
      return this.chain.then(
        () => undefined,
        () => undefined,
      );
    this.closed = true;
    this.endFlights([...this.flights.keys()]);
    const file = this.file;
    this.file = undefined;
    this.chain = this.chain.catch(() => undefined).then(() => file?.close());
    return this.chain.then(() => undefined).catch(() => undefined);
  }

  private endFlights(keys: readonly string[]) {
    for (const key of keys) {
      const flight = this.flights.get(key);
      if (!flight) continue;
      this.flights.delete(key);
      flight.end();
    }
  }

  /** Appends in call order (one write at a time), optionally fsync'd. A closed journal writes nothing. */
  private write(records: readonly JournalRecord[], sync: boolean): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    const text = records.map(line).join('');
    const next = this.chain
      .catch(() => undefined)
      .then(async () => {
        const file = this.file;
        if (!file || this.closed) return;
        await file.appendFile(text, 'utf8');
        if (sync) await file.datasync();
      });
    this.chain = next;
    return next;
  }
}

/** A journal that lives and dies with the process: for unit tests and as the fallback. */
export function createMemoryEnrichJournal(opts: JournalOptions = {}): EnrichJournal {
  return new Journal('memory', new Map(), undefined, opts);
}

type LoadResult =
  { ok: true; state: Map<string, KeyState>; tornTail: boolean; retentionDays?: number } | { ok: false; reason: string };

async function load(path: string): Promise<LoadResult> {
  const state = new Map<string, KeyState>();
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNo = 0;
  let sawHeader = false;
  let retentionDays: number | undefined;
  // A bad line is fatal only once another line follows it: the last line may be a torn write.
  let badLine = 0;
  try {
    for await (const text of lines) {
      lineNo++;
      if (!text.trim()) continue;
      if (badLine) return { ok: false, reason: `line ${badLine} is not a journal record` };
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        badLine = lineNo;
        continue;
      }
      if (!sawHeader) {
        const header = value as Partial<typeof HEADER> | null;
        if (header?.journal !== HEADER.journal) return { ok: false, reason: 'not an enrichment journal' };
        if (header.version !== HEADER.version)
          return { ok: false, reason: `unknown version ${String(header.version)}` };
        const days = (value as { retentionDays?: unknown }).retentionDays;
        if (typeof days === 'number' && Number.isFinite(days)) retentionDays = clampRetention(days);
        sawHeader = true;
        continue;
      }
      const record = JournalRecord.safeParse(value);
      if (!record.success) {
        badLine = lineNo;
        continue;
      }
      apply(state, record.data);
    }
  } finally {
    lines.close();
    stream.destroy();
  }
  if (!sawHeader && badLine) return { ok: false, reason: 'not an enrichment journal' };
  return { ok: true, state, tornTail: badLine > 0, ...(retentionDays !== undefined ? { retentionDays } : {}) };
}

/** Best effort: makes a rename durable where the platform lets a folder be fsync'd (not Windows). */
async function syncDir(dir: string) {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, constants.O_RDONLY);
    await handle.sync();
  } catch {
    // ignore
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Deletes the moved-aside copies of unreadable journals that `expired` says have had their time. */
async function removeCorruptCopies(path: string, expired: (mtimeMs: number) => boolean): Promise<void> {
  const dir = dirname(path);
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(CORRUPT_PREFIX)) continue;
    const copy = join(dir, name);
    const info = await stat(copy).catch(() => undefined);
    if (!info) continue;
    if (expired(info.mtimeMs)) await rm(copy, { force: true }).catch(() => undefined);
    else await chmod(copy, FILE_MODE).catch(() => undefined);
  }
}

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : err instanceof Error ? err.name : 'unknown error';
}

/**
 * Opens (creating if needed) and compacts the journal in `dir`. Never rejects: a folder that cannot
 * be used gives an in-memory journal, and a file that cannot be read is moved aside.
 */
export async function openEnrichJournal(opts: OpenJournalOptions): Promise<EnrichJournal> {
  const log = opts.log ?? (() => {});
  const now = opts.now ?? (() => new Date());
  let retentionDays = clampRetention(opts.retentionDays ?? DEFAULT_JOURNAL_RETENTION_DAYS);
  const path = join(opts.dir, JOURNAL_FILE_NAME);
  let state = new Map<string, KeyState>();
  try {
    await mkdir(opts.dir, { recursive: true, mode: DIR_MODE });
    // Folders and files made by older builds (0755/0644) are tightened, not only new ones.
    if (process.platform !== 'win32') {
      await chmod(opts.dir, DIR_MODE);
      await chmod(path, FILE_MODE).catch((err: unknown) => {
        if (errorCode(err) !== 'ENOENT') throw err;
      });
    }
    let loaded: LoadResult;
    try {
      loaded = await load(path);
    } catch (err) {
      if (errorCode(err) === 'ENOENT') loaded = { ok: true, state, tornTail: false };
      else loaded = { ok: false, reason: `it could not be read (${errorCode(err)})` };
    }
    if (loaded.ok) {
      state = loaded.state;
      // The rep's setting, saved in the header, wins over the built-in default.
      if (loaded.retentionDays !== undefined && opts.retentionDays === undefined) retentionDays = loaded.retentionDays;
      if (loaded.tornTail) log('[journal] ignored an incomplete last line of the enrichment journal');
    } else {
      const aside = `${path}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
      await rename(path, aside);
      await chmod(aside, FILE_MODE).catch(() => undefined);
      log(
        `[journal] the enrichment journal was unreadable (${loaded.reason}); moved it aside as ${basename(aside)} and started a new one`,
      );
    }

    const retentionMs = retentionDays * DAY_MS;
    // Copies of unreadable journals hold the same personal data: kept for the retention window only.
    await removeCorruptCopies(path, (mtimeMs) => now().getTime() - mtimeMs > retentionMs);
    await writeWhole(path, retentionDays, compacted(state, now().getTime(), retentionMs));
    await syncDir(opts.dir);
    const file = await open(path, 'a', FILE_MODE);
    return new Journal('file', state, file, { ...opts, retentionDays }, path);
  } catch (err) {
    await rm(`${path}.tmp`, { force: true }).catch(() => undefined);
    log(`[journal] cannot use the enrichment journal folder (${errorCode(err)}); lookups are journaled in memory only`);
    compacted(state, now().getTime(), retentionDays * DAY_MS);
    return new Journal('memory', state, undefined, { ...opts, retentionDays });
  }
}
