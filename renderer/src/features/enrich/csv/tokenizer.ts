/**
 * CSV records from text that arrives in pieces of any size. Records whose quoting is regular are
 * read by a fast path of our own (String.split between quoted fields, see parseRegular); from the
 * first record that is not, the rest of the piece is parsed by papaparse. We drive its
 * Parser the way its own ChunkStreamer does (unparsed text + new text, the partial last record
 * carried to the next call) because our decoder, not papaparse, turns bytes into text, and
 * because papaparse's own worker must never start inside our Worker.
 *
 * Around papaparse we add what it does not give:
 * - the physical line each record starts on (papaparse counts rows), so every message names a line;
 * - mixed line endings: papaparse takes one newline sequence per file, so a lone CR is read as LF
 *   and the CR of a CRLF is dropped from the record's last value;
 * - lenient quotes that never lose rows: papaparse reads `"abc"def,2` and a quote that never closes
 *   by swallowing the rest of the input into one value. A repair pass rewrites just those fields
 *   (flagged with their line) the way a lenient reader takes them, then papaparse parses again:
 *   text after a closing quote is kept in the value, and an unclosed quote is read as plain text
 *   from where it opened, so the rows after it survive.
 */
import Papa from 'papaparse';

export interface TokenizerOptions {
  delimiter: string;
  /** null: quotes have no meaning. */
  quote: string | null;
  /**
   * A quoted field longer than this is taken to be an unclosed quote and re-read as plain text.
   * Keeps a stray quote from pulling the rest of a huge file into memory as one value.
   */
  maxQuotedFieldChars?: number;
}

export type RecordHandler = (fields: string[], line: number, issue: string | undefined) => void;

interface PapaChunkResult {
  data: string[][];
  errors: { code: string; row?: number }[];
  meta: { cursor: number };
}

const CR = 13;
const LF = 10;
/**
 * Text parsed per call. Pieces keep papaparse's rows short-lived and the repair pass, when needed,
 * cheap; as large as parse.ts's default step, so the fast path reads each decoded chunk whole
 * (64 KiB pieces cost it a slice and a search per piece, and reads through the slices).
 */
const PIECE_CHARS = 256 * 1024;

function countLf(text: string, from = 0, to = text.length): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Lone CR line endings (old Mac files, or mixed in) as LF; CRLF is left alone. */
function normalizeLoneCr(text: string): string {
  // An indexOf per CR beats one regular-expression search (/\r(?!\n)/ took 4x as long).
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 2)) {
    if (text.charCodeAt(i + 1) !== LF) return text.replace(/\r(?!\n)/g, '\n');
  }
  return text;
}

/** Whitespace as papaparse sees it between a closing quote and the delimiter or newline. */
const isBlank = (text: string) => text.trim() === '';

/** Line breaks inside the values of each row, by row index, until `expected` are found. */
function lineBreaksByValues(rows: string[][], expected: number): Map<number, number> {
  const extra = new Map<number, number>();
  let found = 0;
  for (let r = 0; r < rows.length && found < expected; r++) {
    const fields = rows[r]!;
    let inRow = 0;
    for (let f = 0; f < fields.length; f++) if (fields[f]!.indexOf('\n') !== -1) inRow += countLf(fields[f]!);
    if (inRow > 0) {
      extra.set(r, inRow);
      found += inRow;
    }
  }
  return extra;
}

interface Repair {
  line: number;
  message: string;
}

export class CsvTokenizer {
  private readonly parser: Papa.Parser;
  private readonly delimiter: string;
  /** '' when quotes have no meaning. */
  private readonly quote: string;
  private readonly maxQuoted: number;
  /** Text not parsed yet; it always starts at a record boundary. */
  private carry = '';
  /** Physical line (1-based) the carried text starts on. */
  private line = 1;
  /** Carry length worth the next parse: a record longer than a piece waits for more text. */
  private retryAt = 0;
  /** The text so far ended with CR: a lone CR or the first half of a CRLF. */
  private heldCr = false;
  /** Most fields are quoted: find line breaks in values by searching the values (see lineBreaksInValues). */
  private searchValues = false;
  /**
   * Empty values as wide as the last record: each record of the fast path starts as a copy, one
   * allocation of the right size instead of an array grown value by value (a fifth of its time).
   */
  private template: string[] = [];
  /** Repaired fields (by line) not yet attached to the record that holds them. */
  private repairs: Repair[] = [];
  blankLines = 0;
  records = 0;

  constructor(
    options: TokenizerOptions,
    private readonly onRecord: RecordHandler,
  ) {
    if (options.delimiter.length !== 1) throw new Error('The delimiter must be one character.');
    this.delimiter = options.delimiter;
    this.quote = options.quote ?? '';
    this.maxQuoted = options.maxQuotedFieldChars ?? 64 * 1024 * 1024;
    this.parser = new Papa.Parser({
      delimiter: this.delimiter,
      newline: '\n',
      ...(this.quote ? { quoteChar: this.quote } : { fastMode: true }),
    });
  }

  /** The line the next record would start on (for progress and messages). */
  get currentLine(): number {
    return this.line;
  }

  push(text: string): void {
    if (this.heldCr) {
      this.heldCr = false;
      text = '\r' + text;
    }
    if (text.charCodeAt(text.length - 1) === CR) {
      this.heldCr = true;
      text = text.slice(0, -1);
    }
    text = normalizeLoneCr(text);
    // Pieces end at a line break where one is near: the carried rest is then usually empty, and
    // papaparse reads a slice of `text` instead of a copy joined to the carry.
    for (let start = 0; start < text.length;) {
      let end = Math.min(start + PIECE_CHARS, text.length);
      if (end < text.length) {
        const lineEnd = text.lastIndexOf('\n', end - 1);
        if (lineEnd > start) end = lineEnd + 1;
      }
      const piece = start === 0 && end === text.length ? text : text.slice(start, end);
      this.carry = this.carry ? this.carry + piece : piece;
      start = end;
      if (this.carry.length >= this.retryAt) this.parse(false);
    }
  }

  /** Flushes the last record. Call once, after the last chunk. */
  end(): void {
    if (this.heldCr) {
      this.heldCr = false;
      this.carry += '\n';
    }
    if (this.carry) this.parse(true);
    this.carry = '';
  }

  private parse(final: boolean): void {
    // Regular records go the fast way; from the first one that is not, papaparse reads the rest.
    if (this.repairs.length === 0 && this.parseRegular(final)) return;
    let input = this.carry;
    let result = this.parser.parse(input, 0, !final) as PapaChunkResult;
    const overLimit = !final && this.quote !== '' && input.length > this.maxQuoted;
    if (this.quote && (result.errors.length > 0 || overLimit)) {
      const repaired = this.repair(input, final);
      if (repaired !== input) {
        input = repaired;
        result = this.parser.parse(input, 0, !final) as PapaChunkResult;
      }
    }
    const rows = result.data;
    let consumed = result.meta.cursor;
    if (final) {
      consumed = input.length;
      // Text ending in a newline: papaparse adds an empty row after it.
      const last = rows[rows.length - 1];
      if (input.charCodeAt(input.length - 1) === LF && last?.length === 1 && last[0] === '') rows.pop();
    }
    // Rows papaparse still read wrongly (it and the repair disagree): flag them rather than guess.
    let suspect: Set<number> | undefined;
    for (const error of result.errors) {
      if (error.row !== undefined && error.row < rows.length) (suspect ??= new Set()).add(error.row);
    }
    // Each row ends at one line break, except the file's last row when the file does not end in one.
    const rowEnds = final && input.charCodeAt(input.length - 1) !== LF ? rows.length - 1 : rows.length;
    const inValues = this.quote ? countLf(input, 0, consumed) - rowEnds : 0;
    let extraLines: Map<number, number> | undefined;
    if (inValues > 0) {
      extraLines = this.searchValues
        ? lineBreaksByValues(rows, inValues)
        : this.lineBreaksInValues(input, consumed, inValues, rows[0]?.length ?? 1);
    }
    this.emit(rows, extraLines, suspect);
    this.carry = consumed >= input.length ? '' : input.slice(consumed);
    const doubled = this.carry.length * 2;
    // Past the quote limit, parse again soon enough to recover a stray quote (then at every doubling).
    this.retryAt =
      rows.length > 0 ? 0 : this.carry.length <= this.maxQuoted ? Math.min(doubled, this.maxQuoted + 1) : doubled;
  }

  /**
   * The fast path: records read straight off the carried text, for files whose quoting is regular
   * (a quoted field starts a value and its closing quote is followed by the delimiter or the line
   * end). Each value is found with indexOf and taken with one slice into a copy of an empty record
   * of the right width: no per-line copy, no String.split (slower here: it runs in the runtime,
   * not in generated code), no array grown value by value. This is where a parse spends its time. Stops before the first record that is anything else (a
   * quote inside a value, text after a closing quote, a quoted value still open at the end of the
   * text) and returns false: papaparse and the repair pass then read the rest, so odd files come out
   * exactly as before. True when every complete record was read.
   */
  private parseRegular(final: boolean): boolean {
    const input = this.carry;
    const n = input.length;
    const delimiter = this.delimiter;
    const delimCode = delimiter.charCodeAt(0);
    const quote = this.quote;
    const quoteCode = quote ? quote.charCodeAt(0) : -1;
    let pos = 0;
    let line = this.line;
    // The next quote and the next line break at or after `pos` (-1: none left), each found once.
    let nextQuote = quote ? input.indexOf(quote) : -1;
    // Likewise the next delimiter: found again only once passed, so a line without one (or a
    // one-column file) does not search the rest of the text for each line.
    let nextDelimiter = input.indexOf(delimiter);
    let lineEnd = -1;
    let template = this.template;
    let regular = true;
    records: while (pos < n) {
      if (lineEnd < pos) {
        lineEnd = input.indexOf('\n', pos);
        if (lineEnd === -1) {
          if (!final) break; // an incomplete record: carried to the next text
          lineEnd = n;
        }
      }
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = input.indexOf(quote, pos);
      // The record's text ends before the CR of a CRLF (lone CRs are LFs by now).
      let contentEnd = lineEnd > pos && input.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
      const startLine = line;
      if (contentEnd === pos) {
        line++;
        this.blankLines++;
        pos = lineEnd + 1;
        continue;
      }
      const fields = template.slice();
      let width = 0;
      let p = pos;
      let extraLines = 0;
      for (;;) {
        if (p !== nextQuote) {
          // An unquoted value, up to the next delimiter or the end of the record.
          if (nextDelimiter !== -1 && nextDelimiter < p) nextDelimiter = input.indexOf(delimiter, p);
          const end = nextDelimiter === -1 || nextDelimiter > contentEnd ? contentEnd : nextDelimiter;
          // A quote inside an unquoted value: papaparse's rules, not ours.
          if (nextQuote !== -1 && nextQuote < end) {
            regular = false;
            break records;
          }
          fields[width++] = input.slice(p, end);
          if (end === contentEnd) break;
          p = end + 1;
          continue;
        }
        // The quoted value: up to a quote that is not half of a doubled one.
        const from = p + 1;
        let close = input.indexOf(quote, from);
        let value: string;
        if (close !== -1 && input.charCodeAt(close + 1) !== quoteCode) value = input.slice(from, close);
        else {
          value = '';
          let at = from;
          for (;;) {
            if (close === -1) {
              regular = false; // open to the end of the text so far: papaparse waits or repairs
              break records;
            }
            if (input.charCodeAt(close + 1) !== quoteCode) break;
            value += input.slice(at, close + 1);
            at = close + 2;
            close = input.indexOf(quote, at);
          }
          value += input.slice(at, close);
        }
        if (close > lineEnd) {
          // Line breaks inside the value: the record ends at the first one after it.
          extraLines += countLf(input, lineEnd, close);
          lineEnd = input.indexOf('\n', close);
          if (lineEnd === -1) {
            if (!final) {
              regular = false;
              break records;
            }
            lineEnd = n;
          }
          contentEnd = input.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
        }
        fields[width++] = value;
        p = close + 1;
        // At the record's end `nextQuote` (now behind) is searched again from the next record.
        if (p === contentEnd) break;
        if (input.charCodeAt(p) === delimCode) {
          p++;
          // Every value quoted: the next quote is the next value's, no search needed.
          nextQuote = input.charCodeAt(p) === quoteCode ? p : input.indexOf(quote, p);
          continue;
        }
        regular = false; // text after the closing quote
        break records;
      }
      if (width !== template.length) {
        // Another width than the last record's: trim the copy, and start the next ones at this width.
        if (width < fields.length) fields.length = width;
        this.template = template = fields.map(() => '');
      }
      line += 1 + extraLines;
      pos = lineEnd + 1;
      this.records++;
      this.line = line;
      this.onRecord(fields, startLine, undefined);
    }
    this.line = line;
    this.carry = pos >= n ? '' : input.slice(pos);
    this.retryAt = 0;
    return regular;
  }

  /**
   * Line breaks inside quoted values, by row index, in the first `consumed` characters (which papaparse
   * read without error, so its quoting rules hold). Walks the raw text line break to line break and
   * quoted field to quoted field, which beats searching every value of every row unless most fields
   * are quoted; when they are, later pieces search the values instead.
   */
  private lineBreaksInValues(input: string, consumed: number, expected: number, width: number): Map<number, number> {
    const quote = this.quote;
    const delimiter = this.delimiter;
    const extra = new Map<number, number>();
    let found = 0;
    let row = 0;
    let quotedFields = 0;
    let pos = 0;
    let newline = -1;
    let nextQuote = input.indexOf(quote);
    while (found < expected) {
      if (newline < pos) newline = input.indexOf('\n', pos);
      if (newline === -1 || newline >= consumed) break;
      // The next quote that opens a field before this line break, if any.
      while (nextQuote !== -1 && nextQuote < newline) {
        const before = nextQuote === 0 ? '\n' : input[nextQuote - 1];
        if (before === delimiter || before === '\n') break;
        nextQuote = input.indexOf(quote, nextQuote + 1);
      }
      if (nextQuote === -1 || nextQuote > newline) {
        row++;
        pos = newline + 1;
        continue;
      }
      quotedFields++;
      let close = input.indexOf(quote, nextQuote + 1);
      while (close !== -1 && input[close + 1] === quote) close = input.indexOf(quote, close + 2);
      if (close === -1) close = consumed;
      // `newline` is the first line break after the field opened: most quoted fields end before it.
      const inside = newline < close ? countLf(input, newline, close) : 0;
      if (inside > 0) {
        extra.set(row, (extra.get(row) ?? 0) + inside);
        found += inside;
      }
      pos = close + 1;
      nextQuote = close === consumed ? -1 : input.indexOf(quote, close + 1);
    }
    if (quotedFields * 2 > (row + 1) * width) this.searchValues = true;
    return extra;
  }

  /** `extraLines`: line breaks inside values, by row index (undefined: none). */
  private emit(rows: string[][], extraLines: Map<number, number> | undefined, suspect: Set<number> | undefined): void {
    let line = this.line;
    for (let r = 0; r < rows.length; r++) {
      const fields = rows[r]!;
      const lastIndex = fields.length - 1;
      const last = fields[lastIndex]!;
      // Only an unquoted last value can end in CR: the CR of a CRLF (lone CRs are LFs by now).
      if (last.charCodeAt(last.length - 1) === CR) fields[lastIndex] = last.slice(0, -1);
      const startLine = line;
      line++;
      if (extraLines !== undefined) line += extraLines.get(r) ?? 0;
      let issue: string | undefined;
      while (this.repairs.length > 0 && this.repairs[0]!.line < line) {
        const repaired = this.repairs.shift()!;
        issue ??= repaired.message;
      }
      if (suspect?.has(r)) issue ??= `quotes on line ${startLine} could not be read reliably; check the values`;
      if (fields.length === 1 && fields[0] === '') {
        this.blankLines++;
        continue;
      }
      this.records++;
      this.onRecord(fields, startLine, issue);
    }
    this.line = line;
  }

  /**
   * Rewrites the fields papaparse would swallow the rest of the input into, and only those, so that
   * papaparse reads them the lenient way (see the top of the file). Follows papaparse's own rules
   * for where a quoted field starts and ends. Not final: stops at the incomplete last record.
   */
  private repair(input: string, final: boolean): string {
    const quote = this.quote;
    const delimiter = this.delimiter;
    const n = input.length;
    const parts: string[] = [];
    let copied = 0;
    let countedTo = 0;
    let lineOfCounted = this.line;
    const lineAt = (position: number) => {
      lineOfCounted += countLf(input, countedTo, position);
      countedTo = position;
      return lineOfCounted;
    };
    const doubled = (text: string) => text.split(quote).join(quote + quote);
    /** Where unquoted text from `from` ends: the next delimiter or line break (before a CRLF's CR). */
    const unquotedEnd = (from: number): number => {
      const delim = input.indexOf(delimiter, from);
      const newline = input.indexOf('\n', from);
      let end = newline === -1 ? delim : delim === -1 ? newline : Math.min(delim, newline);
      if (end === -1) return final ? n : -1;
      if (end === newline && end > from && input.charCodeAt(end - 1) === CR) end--;
      return end;
    };

    let pos = 0;
    scan: for (;;) {
      const open = input.indexOf(quote, pos);
      if (open === -1) break;
      if (open > 0) {
        const before = input[open - 1];
        if (before !== delimiter && before !== '\n') {
          pos = open + 1; // a quote inside an unquoted value is text
          continue;
        }
      }
      let from = open + 1;
      for (;;) {
        const close = input.indexOf(quote, from);
        if (close === -1) {
          if (!final && n - open - 1 <= this.maxQuoted) break scan; // may close in text still to come
          const end = unquotedEnd(open + 1);
          if (end === -1) break scan;
          const why = final ? 'the end of the file' : `a quoted value longer than ${this.maxQuoted} characters`;
          const openLine = lineAt(open);
          this.repairs.push({
            line: openLine,
            message: `a quote opened on line ${openLine} is not closed before ${why}; it was read as plain text`,
          });
          parts.push(input.slice(copied, open), quote, doubled(input.slice(open, end)), quote);
          copied = end;
          pos = end;
          continue scan;
        }
        // Closed at the end of the file, or (not final) maybe the first of an escaped pair.
        if (close === n - 1) break scan;
        if (input[close + 1] === quote) {
          from = close + 2;
          continue;
        }
        const delim = input.indexOf(delimiter, close + 1);
        const newline = input.indexOf('\n', close + 1);
        const checkUpTo = newline === -1 ? delim : Math.min(delim, newline);
        const spacesToDelim =
          checkUpTo > close + 1 && isBlank(input.slice(close + 1, checkUpTo)) ? checkUpTo - close - 1 : 0;
        if (input[close + 1 + spacesToDelim] === delimiter) {
          pos = close + 1 + spacesToDelim;
          continue scan;
        }
        const spacesToNewline =
          newline > close + 1 && isBlank(input.slice(close + 1, newline)) ? newline - close - 1 : 0;
        if (input[close + 1 + spacesToNewline] === '\n') {
          pos = close + 1 + spacesToNewline;
          continue scan;
        }
        // Only blanks up to the end of the text so far: whatever comes next decides.
        if (!final && isBlank(input.slice(close + 1))) break scan;
        const end = unquotedEnd(close + 1);
        if (end === -1) break scan;
        const closeLine = lineAt(close);
        this.repairs.push({
          line: closeLine,
          message: `text after a closing quote on line ${closeLine} was kept as part of the value`,
        });
        parts.push(input.slice(copied, close), doubled(input.slice(close + 1, end)), quote);
        copied = end;
        pos = end;
        continue scan;
      }
    }
    if (parts.length === 0) return input;
    parts.push(input.slice(copied));
    return parts.join('');
  }
}
