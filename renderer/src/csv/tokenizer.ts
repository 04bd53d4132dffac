/**
 * A streaming RFC 4180 tokenizer that knows physical line numbers. Text arrives in chunks of any
 * size (a record, a quoted field or a CRLF may straddle chunks); records leave through `onRecord`
 * with the line they started on, so every message can name a line.
 *
 * Lenient by design, never dropping data: a quote inside an unquoted field is kept as text, text
 * after a closing quote is appended to the field (and flagged), and a quote that is never closed
 * is re-read as plain text from where it opened (flagged), so the rows after it are not swallowed.
 * Accepts \n, \r\n and lone \r line endings, mixed.
 */

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

const CR = 13;
const LF = 10;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote was seen inside a quoted field: escaped quote, or the field's end. */
  QuoteInQuoted,
}

export class CsvTokenizer {
  private readonly delim: number;
  private readonly quoteCode: number;
  private readonly quoteChar: string;
  private readonly maxQuoted: number;

  private state = State.FieldStart;
  private fields: string[] = [];
  private field = '';
  private issue: string | undefined;
  /** Physical line the tokenizer is on (1-based). */
  private line = 1;
  private recordLine = 1;
  private quoteOpenLine = 1;
  /** The previous chunk ended with CR at a record boundary: a leading LF belongs to it. */
  private pendingCrAtBoundary = false;
  /** The previous chunk ended with CR inside a quoted field (for line counting). */
  private pendingCrInQuotes = false;
  blankLines = 0;
  records = 0;

  constructor(
    options: TokenizerOptions,
    private readonly onRecord: RecordHandler,
  ) {
    if (options.delimiter.length !== 1) throw new Error('The delimiter must be one character.');
    this.delim = options.delimiter.charCodeAt(0);
    this.quoteChar = options.quote ?? '';
    this.quoteCode = options.quote ? options.quote.charCodeAt(0) : -1;
    this.maxQuoted = options.maxQuotedFieldChars ?? 64 * 1024 * 1024;
  }

  /** The line the next record would start on (for progress and messages). */
  get currentLine(): number {
    return this.line;
  }

  push(text: string): void {
    const n = text.length;
    let i = 0;
    if (this.pendingCrAtBoundary) {
      this.pendingCrAtBoundary = false;
      if (n > 0 && text.charCodeAt(0) === LF) i = 1;
    }
    const delim = this.delim;
    const quote = this.quoteCode;
    let segStart = i;

    while (i < n) {
      switch (this.state) {
        case State.FieldStart: {
          const c = text.charCodeAt(i);
          if (c === quote) {
            this.state = State.Quoted;
            this.quoteOpenLine = this.line;
            i++;
            segStart = i;
          } else if (c === delim) {
            this.fields.push('');
            i++;
          } else if (c === CR || c === LF) {
            this.fields.push('');
            i = this.endRecord(text, i);
          } else {
            this.state = State.Unquoted;
            segStart = i;
          }
          break;
        }
        case State.Unquoted: {
          let j = i;
          let c = 0;
          while (j < n) {
            c = text.charCodeAt(j);
            if (c === delim || c === CR || c === LF) break;
            j++;
          }
          if (j === n) {
            this.field += text.slice(segStart, n);
            i = n;
            segStart = n;
            break;
          }
          this.fields.push(this.field + text.slice(segStart, j));
          this.field = '';
          this.state = State.FieldStart;
          i = c === delim ? j + 1 : this.endRecord(text, j);
          break;
        }
        case State.Quoted: {
          const close = text.indexOf(this.quoteChar, i);
          const end = close === -1 ? n : close;
          this.countLines(text, i, end);
          this.field += text.slice(segStart, end);
          if (close === -1) {
            i = n;
            segStart = n;
            if (this.field.length > this.maxQuoted)
              this.recoverUnclosedQuote(`a quoted value longer than ${this.maxQuoted} characters`);
          } else {
            i = close + 1;
            this.state = State.QuoteInQuoted;
          }
          break;
        }
        case State.QuoteInQuoted: {
          const c = text.charCodeAt(i);
          if (c === quote) {
            this.field += this.quoteChar;
            i++;
            segStart = i;
            this.state = State.Quoted;
          } else if (c === delim) {
            this.fields.push(this.field);
            this.field = '';
            this.state = State.FieldStart;
            i++;
          } else if (c === CR || c === LF) {
            this.fields.push(this.field);
            this.field = '';
            this.state = State.FieldStart;
            i = this.endRecord(text, i);
          } else {
            this.issue ??= `text after a closing quote on line ${this.line} was kept as part of the value`;
            this.state = State.Unquoted;
            segStart = i;
          }
          break;
        }
      }
    }
  }

  /** Flushes the last record. Call once, after the last chunk. */
  end(): void {
    switch (this.state) {
      case State.Quoted:
        this.recoverUnclosedQuote('the end of the file');
        this.end();
        return;
      case State.QuoteInQuoted:
      case State.Unquoted:
        this.fields.push(this.field);
        this.field = '';
        break;
      case State.FieldStart:
        // "a,b," at the end of the file: the trailing delimiter opens one more (empty) field.
        if (this.fields.length > 0) this.fields.push('');
        break;
    }
    this.state = State.FieldStart;
    if (this.fields.length > 0) this.emit();
  }

  /** Ends the record at the newline at text[i]; returns the index after the newline. */
  private endRecord(text: string, i: number): number {
    let next = i + 1;
    if (text.charCodeAt(i) === CR) {
      if (next < text.length) {
        if (text.charCodeAt(next) === LF) next++;
      } else {
        this.pendingCrAtBoundary = true;
      }
    }
    this.emit();
    this.line++;
    this.recordLine = this.line;
    return next;
  }

  private emit(): void {
    const fields = this.fields;
    this.fields = [];
    const issue = this.issue;
    this.issue = undefined;
    if (fields.length === 1 && fields[0] === '') {
      this.blankLines++;
    } else {
      this.records++;
      this.onRecord(fields, this.recordLine, issue);
    }
  }

  /** Counts line breaks in text[from, to) of a quoted value: LF, CRLF and lone CR each count once. */
  private countLines(text: string, from: number, to: number): void {
    let k = from;
    if (this.pendingCrInQuotes) {
      this.pendingCrInQuotes = false;
      if (k < to && text.charCodeAt(k) === LF) k++;
    }
    for (; k < to; k++) {
      const c = text.charCodeAt(k);
      if (c === LF) this.line++;
      else if (c === CR) {
        this.line++;
        if (k + 1 < to) {
          if (text.charCodeAt(k + 1) === LF) k++;
        } else if (to === text.length) {
          this.pendingCrInQuotes = true;
        }
      }
    }
  }

  /**
   * The quoted field that opened on `quoteOpenLine` never closed: read it again as unquoted text,
   * starting with the quote character itself, so the records inside it come back as records.
   */
  private recoverUnclosedQuote(why: string): void {
    const raw = this.field.split(this.quoteChar).join(this.quoteChar + this.quoteChar);
    const openLine = this.quoteOpenLine;
    this.line = openLine;
    this.pendingCrInQuotes = false;
    this.field = this.quoteChar;
    this.state = State.Unquoted;
    this.issue = `a quote opened on line ${openLine} is not closed before ${why}; it was read as plain text`;
    this.push(raw);
  }
}
