/**
 * Streaming CSV parse: bytes in chunks -> decoded text -> records -> rows in batches handed to a
 * sink that may be async (the import awaits its Dexie write before reading on, so memory stays
 * flat however big the file). Plain module: the Worker wraps it, Node tests and benchmarks call it.
 *
 * Never throws for bad input: an unusable file comes back as { ok: false, code, message }, and
 * every problem inside a usable file is kept on its row (with the line number) and in the report.
 */
import {
  CsvStreamDecoder,
  detectBom,
  detectEncoding,
  encodingLabel,
  notCsvReason,
  SNIFF_BYTES,
  type CsvEncoding,
} from './decode';
import { sniffDialect, type CsvDelimiter, type CsvQuote } from './sniff';
import { CsvTokenizer } from './tokenizer';

export type CsvSource = Blob | Uint8Array | AsyncIterable<Uint8Array>;

export interface CsvParseOptions {
  encoding?: CsvEncoding | 'auto';
  delimiter?: CsvDelimiter | 'auto';
  /** 'none': quotes are plain characters. */
  quote?: '"' | "'" | 'none' | 'auto';
  hasHeader?: boolean | 'auto';
  /** Bytes decoded and parsed per step (default 256 KiB). */
  chunkBytes?: number;
  /** Rows handed to the sink at a time (default 2,000). */
  batchRows?: number;
  /** Stop after this many data rows (previews). */
  maxRows?: number;
  signal?: AbortSignal;
  maxQuotedFieldChars?: number;
  /** Total size when the source cannot tell (async iterables), for progress. */
  totalBytes?: number;
}

export interface CsvDialect {
  encoding: CsvEncoding;
  encodingReason: string;
  bom: boolean;
  delimiter: CsvDelimiter;
  quote: CsvQuote;
  hasHeader: boolean;
}

export interface ParsedRow {
  /** 0-based position among data rows. */
  index: number;
  /** Physical line (1-based) the row starts on, counting the header line. */
  line: number;
  values: string[];
  /** What was odd about this row ("Line 7: 3 values for 5 columns; padded"). */
  issue?: string;
}

export interface CsvRowIssue {
  line: number;
  message: string;
}

export interface CsvHeaderRename {
  column: number;
  from: string;
  to: string;
}

export interface CsvParseReport {
  dialect: CsvDialect;
  headers: string[];
  headerRenames: CsvHeaderRename[];
  rowCount: number;
  blankLines: number;
  raggedRows: number;
  /** The first MAX_ISSUES problems; issueCount has them all. */
  issues: CsvRowIssue[];
  issueCount: number;
  warnings: string[];
  bytesRead: number;
  /** true when maxRows stopped the parse early. */
  truncated: boolean;
}

export type CsvParseFailureCode = 'empty' | 'no_rows' | 'not_csv' | 'cancelled' | 'read_error';
export interface CsvParseFailure {
  ok: false;
  code: CsvParseFailureCode;
  message: string;
  dialect?: CsvDialect;
  headers?: string[];
}
export type CsvParseResult = { ok: true; report: CsvParseReport } | CsvParseFailure;

export interface CsvProgress {
  bytesRead: number;
  totalBytes?: number;
  rows: number;
}

export interface CsvSink {
  onHeaders?(headers: string[], dialect: CsvDialect): void | Promise<void>;
  onRows(rows: ParsedRow[]): void | Promise<void>;
  onProgress?(progress: CsvProgress): void;
}

export const MAX_ISSUES = 200;
/** Small enough that a step's rows are written and dropped young, large enough to cost nothing per step. */
const DEFAULT_CHUNK = 256 * 1024;
const DEFAULT_BATCH = 2000;

/** "Column 3" for an empty name, "email (2)" for a repeat (case-insensitive). */
export function uniqueHeaders(raw: readonly string[]): { headers: string[]; renames: CsvHeaderRename[] } {
  const used = new Set<string>();
  const headers: string[] = [];
  const renames: CsvHeaderRename[] = [];
  raw.forEach((value, column) => {
    const trimmed = value.replace(/^\uFEFF/, '').trim();
    let name = trimmed || `Column ${column + 1}`;
    if (used.has(name.toLowerCase())) {
      let k = 2;
      while (used.has(`${name} (${k})`.toLowerCase())) k++;
      name = `${name} (${k})`;
    }
    used.add(name.toLowerCase());
    headers.push(name);
    if (name !== trimmed) renames.push({ column, from: value, to: name });
  });
  return { headers, renames };
}

/** Adds "Column N" names for columns found only in rows longer than the header. */
export function extendHeaders(headers: string[], width: number): string[] {
  if (width <= headers.length) return headers;
  const used = new Set(headers.map((h) => h.toLowerCase()));
  const out = [...headers];
  for (let column = headers.length; column < width; column++) {
    let name = `Column ${column + 1}`;
    let k = 2;
    while (used.has(name.toLowerCase())) name = `Column ${column + 1} (${k++})`;
    used.add(name.toLowerCase());
    out.push(name);
  }
  return out;
}

async function* chunksOf(source: CsvSource, chunkBytes: number): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) {
    for (let offset = 0; offset < source.length; offset += chunkBytes)
      yield source.subarray(offset, offset + chunkBytes);
    return;
  }
  if (typeof Blob !== 'undefined' && source instanceof Blob) {
    yield* blobChunks(source, chunkBytes);
    return;
  }
  yield* source as AsyncIterable<Uint8Array>;
}

/** Bytes asked of a Blob's stream per read: about what Chromium hands over at a time anyway. */
const READ_BYTES = 1024 * 1024;

/**
 * A Blob's bytes from its own stream, not awaited slice().arrayBuffer() calls: the browser reads
 * ahead while we parse, where each awaited slice left the Worker idle (a third of a parse's time in
 * Chromium). One read is always in flight while a chunk is parsed: the stream only reads when
 * asked, and a read asked for only after the last chunk was parsed still left the Worker idle.
 *
 * Reads go into two buffers of our own, used in turn (a BYOB reader), because a fresh ArrayBuffer
 * per read cost more than the copy into it (Chromium, 240 MB: 130 ms a parse against 50 ms, the
 * kernel zeroing new pages). So a chunk is only valid until the next one is asked for: whoever
 * keeps bytes longer copies them. Where the stream has no BYOB reader, the default one.
 */
export async function* blobChunks(blob: Blob, chunkBytes: number): AsyncGenerator<Uint8Array> {
  const stream = blob.stream();
  let byob: ReadableStreamBYOBReader | undefined;
  try {
    byob = stream.getReader({ mode: 'byob' });
  } catch {
    // Not a byte stream here: the default reader below.
  }
  const plain = byob ? undefined : stream.getReader();
  streamsBeingRead.add(stream);
  const reader = byob ?? plain!;
  const size = Math.max(chunkBytes, READ_BYTES);
  const read = (buffer: ArrayBuffer) => (byob ? byob.read(new Uint8Array(buffer)) : plain!.read());
  let spare = new ArrayBuffer(size);
  let ahead = read(new ArrayBuffer(size));
  try {
    for (;;) {
      const { done, value } = (await ahead) as ReadableStreamReadResult<Uint8Array>;
      if (done || !value) return;
      ahead = read(spare);
      for (let offset = 0; offset < value.length; offset += chunkBytes)
        yield offset === 0 && value.length <= chunkBytes ? value : value.subarray(offset, offset + chunkBytes);
      // The consumer asked for the next chunk: this buffer is free for the read after next.
      spare = value.buffer as ArrayBuffer;
    }
  } finally {
    // Stops the read when the parse ends early (cancelled, a preview's rows found).
    ahead.catch(() => {});
    await reader.cancel().catch(() => {});
    streamsBeingRead.delete(stream);
  }
}

/**
 * Streams blobChunks is reading, held so the garbage collector cannot take them. Chromium collects
 * a Blob's stream whose BYOB read is pending when nothing but that read's promise reaches it, and
 * the read then never settles, and the import with it (tests/e2e/csv-blob-read.spec.ts).
 */
const streamsBeingRead = new Set<ReadableStream>();

function sizeOf(source: CsvSource, fallback?: number): number | undefined {
  if (source instanceof Uint8Array) return source.length;
  if (typeof Blob !== 'undefined' && source instanceof Blob) return source.size;
  return fallback;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const total = parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

const cancelled = (): CsvParseFailure => ({ ok: false, code: 'cancelled', message: 'Reading the file was cancelled.' });

export async function parseCsv(source: CsvSource, options: CsvParseOptions, sink: CsvSink): Promise<CsvParseResult> {
  const chunkBytes = Math.max(1, options.chunkBytes ?? DEFAULT_CHUNK);
  const batchRows = Math.max(1, options.batchRows ?? DEFAULT_BATCH);
  const totalBytes = sizeOf(source, options.totalBytes);
  const iterator = chunksOf(source, chunkBytes)[Symbol.asyncIterator]();

  try {
    // 1. Enough bytes to judge the encoding, the dialect and whether this is text at all.
    const head: Uint8Array[] = [];
    let headBytes = 0;
    let exhausted = false;
    while (headBytes < SNIFF_BYTES) {
      const next = await iterator.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      // Copied: a Blob's chunk is only valid until the next is read (see blobChunks).
      head.push(next.value.slice());
      headBytes += next.value.length;
    }
    if (options.signal?.aborted) return cancelled();
    const sample = concat(head);
    if (sample.length === 0) return { ok: false, code: 'empty', message: 'The file is empty.' };

    const guess = detectEncoding(sample);
    const encoding = options.encoding && options.encoding !== 'auto' ? options.encoding : guess.encoding;
    const bom = detectBom(sample);
    const bomLength = bom && bom.encoding === encoding ? bom.bomLength : 0;
    const decoder = new CsvStreamDecoder(encoding, {
      bomLength,
      fallbackToWindows1252: encoding === 'utf-8' && (!options.encoding || options.encoding === 'auto'),
    });
    const headText = decoder.decode(sample, exhausted);

    const notCsv = notCsvReason(sample, encoding, headText.slice(0, 16384));
    if (notCsv) return { ok: false, code: 'not_csv', message: notCsv };
    if (exhausted && headText.trim() === '') {
      return { ok: false, code: 'empty', message: 'The file is empty (it holds only blank lines or spaces).' };
    }

    const sniffed = sniffDialect(
      headText.slice(0, SNIFF_BYTES),
      {
        ...(options.delimiter && options.delimiter !== 'auto' ? { delimiter: options.delimiter } : {}),
        ...(options.quote && options.quote !== 'auto'
          ? { quote: options.quote === 'none' ? null : options.quote }
          : {}),
        ...(typeof options.hasHeader === 'boolean' ? { hasHeader: options.hasHeader } : {}),
      },
      exhausted,
    );
    const dialect: CsvDialect = {
      encoding,
      encodingReason: encoding === guess.encoding ? guess.reason : 'chosen by you',
      bom: bomLength > 0,
      ...sniffed,
    };

    // 2. Tokenize everything, the head first.
    let headers: string[] | undefined;
    let headerRenames: CsvHeaderRename[] = [];
    let width = 0;
    let rowCount = 0;
    let raggedRows = 0;
    let issueCount = 0;
    const issues: CsvRowIssue[] = [];
    const warnings: string[] = [];
    let pending: ParsedRow[] = [];
    let truncated = false;
    const maxRows = options.maxRows ?? Infinity;

    const note = (line: number, message: string) => {
      issueCount++;
      if (issues.length < MAX_ISSUES) issues.push({ line, message });
    };

    const tokenizer = new CsvTokenizer(
      {
        delimiter: dialect.delimiter,
        quote: dialect.quote,
        ...(options.maxQuotedFieldChars ? { maxQuotedFieldChars: options.maxQuotedFieldChars } : {}),
      },
      (fields, line, issue) => {
        if (truncated) return;
        if (!headers) {
          width = fields.length;
          if (dialect.hasHeader) {
            const unique = uniqueHeaders(fields);
            headers = unique.headers;
            headerRenames = unique.renames;
            if (issue) warnings.push(`Header (line ${line}): ${issue}.`);
            return;
          }
          headers = fields.map((_, i) => `Column ${i + 1}`);
        }
        if (rowCount >= maxRows) {
          truncated = true;
          return;
        }
        let values = fields;
        if (issue === undefined && fields.length === headers.length) {
          // The usual row: nothing to say about it, nothing to allocate but the row.
          pending.push({ index: rowCount++, line, values });
          return;
        }
        const problems: string[] = [];
        if (issue) problems.push(issue);
        if (fields.length !== headers.length) {
          raggedRows++;
          if (fields.length < headers.length) {
            problems.push(`${fields.length} of ${headers.length} columns; the missing cells were left empty`);
            values = fields.concat(new Array<string>(headers.length - fields.length).fill(''));
          } else {
            problems.push(
              `${fields.length} values for ${headers.length} columns; the extra values were kept in added columns`,
            );
            width = Math.max(width, fields.length);
          }
        }
        const row: ParsedRow = { index: rowCount++, line, values };
        if (problems.length) {
          // The report's issue carries its line apart; the row's own note says it once.
          const message = `${problems.join('; ')}.`;
          row.issue = `Line ${line}: ${message}`;
          note(line, message);
        }
        pending.push(row);
      },
    );

    let bytesRead = sample.length;
    let headersAnnounced = false;
    const flush = async (all: boolean) => {
      if (headers && !headersAnnounced) {
        headersAnnounced = true;
        await sink.onHeaders?.(headers, dialect);
      }
      while (pending.length >= batchRows || (all && pending.length > 0)) {
        const batch = pending.length > batchRows ? pending.slice(0, batchRows) : pending;
        pending = pending.length > batchRows ? pending.slice(batchRows) : [];
        await sink.onRows(batch);
      }
    };

    tokenizer.push(headText);
    await flush(false);
    sink.onProgress?.({ bytesRead, ...(totalBytes !== undefined ? { totalBytes } : {}), rows: rowCount });

    while (!exhausted && !truncated) {
      if (options.signal?.aborted) return cancelled();
      const next = await iterator.next();
      if (next.done) break;
      bytesRead += next.value.length;
      tokenizer.push(decoder.decode(next.value));
      await flush(false);
      sink.onProgress?.({ bytesRead, ...(totalBytes !== undefined ? { totalBytes } : {}), rows: rowCount });
    }
    if (options.signal?.aborted) return cancelled();
    if (!truncated) {
      const rest = exhausted ? '' : decoder.decode(new Uint8Array(0), true);
      if (rest) tokenizer.push(rest);
      tokenizer.end();
    }
    await flush(true);

    if (!headers)
      return { ok: false, code: 'empty', message: 'The file is empty (it holds only blank lines or spaces).', dialect };
    if (rowCount === 0) {
      const shown = headers.slice(0, 5).join(', ') + (headers.length > 5 ? ', ...' : '');
      return {
        ok: false,
        code: 'no_rows',
        message: `The file has a header row (${shown}) but no data rows.`,
        dialect,
        headers,
      };
    }

    if (decoder.switchedToWindows1252At !== undefined) {
      warnings.push(
        `Bytes from position ${decoder.switchedToWindows1252At} on are not valid UTF-8, so the rest of the file was read as Windows-1252. Check accented letters, or choose the encoding yourself.`,
      );
      dialect.encodingReason = `UTF-8 until byte ${decoder.switchedToWindows1252At}, then Windows-1252`;
    }
    if (decoder.replacedInvalidBytes) {
      warnings.push(`Some bytes are not valid ${encodingLabel(encoding)} and show as \uFFFD. Try another encoding.`);
    }
    if (tokenizer.blankLines > 0) warnings.push(`${tokenizer.blankLines} blank line(s) were skipped.`);
    if (raggedRows > 0) {
      warnings.push(
        `${raggedRows} row(s) do not have ${headers.length} values; they were kept and marked (see the line numbers).`,
      );
    }

    return {
      ok: true,
      report: {
        dialect,
        headers: extendHeaders(headers, width),
        headerRenames,
        rowCount,
        blankLines: tokenizer.blankLines,
        raggedRows,
        issues,
        issueCount,
        warnings,
        bytesRead,
        truncated,
      },
    };
  } catch (err) {
    if (options.signal?.aborted) return cancelled();
    const detail = err instanceof Error ? err.message : String(err);
    return { ok: false, code: 'read_error', message: `The file could not be read: ${detail}` };
  } finally {
    await iterator.return?.(undefined);
  }
}

export interface CsvPreview {
  ok: true;
  report: CsvParseReport;
  rows: ParsedRow[];
}

/** The dialect, headers and first rows, for the mapping screen before the whole file is read. */
export async function previewCsv(
  source: CsvSource,
  options: CsvParseOptions = {},
  rows = 20,
): Promise<CsvPreview | CsvParseFailure> {
  const collected: ParsedRow[] = [];
  const result = await parseCsv(
    source,
    { ...options, maxRows: rows, batchRows: rows },
    {
      onRows: (batch) => {
        collected.push(...batch);
      },
    },
  );
  if (!result.ok) return result;
  return { ok: true, report: result.report, rows: collected };
}
