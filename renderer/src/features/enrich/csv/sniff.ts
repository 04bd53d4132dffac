/**
 * Guesses a CSV dialect from the first part of the text: delimiter (, ; tab |), quote character,
 * and whether the first record is a header. Every guess can be overridden by the rep.
 */
import { CsvTokenizer } from './tokenizer';

export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];
export type CsvQuote = '"' | "'" | null;

const SNIFF_RECORDS = 50;
const SNIFF_STEP_CHARS = 4096;

/** Text cut to its last complete line, so a partial record does not skew the counts. */
function completeLines(sample: string, isWholeFile: boolean): string {
  if (isWholeFile) return sample;
  const cut = Math.max(sample.lastIndexOf('\n'), sample.lastIndexOf('\r'));
  return cut > 0 ? sample.slice(0, cut) : sample;
}

export function tokenizeSample(text: string, delimiter: string, quote: CsvQuote, limit = SNIFF_RECORDS): string[][] {
  const records: string[][] = [];
  const tok = new CsvTokenizer({ delimiter, quote, maxQuotedFieldChars: text.length + 1 }, (fields) => {
    if (records.length < limit) records.push(fields);
  });
  // Fed in steps and stopped once `limit` records are out: sniffing tries every delimiter, and a
  // wrong one makes most samples irregular, which papaparse and the repair pass would otherwise
  // read whole (a measurable part of parsing a 25 MB file).
  for (let start = 0; start < text.length && records.length < limit; start += SNIFF_STEP_CHARS)
    tok.push(text.slice(start, start + SNIFF_STEP_CHARS));
  if (records.length < limit) tok.end();
  return records;
}

export function detectQuote(sample: string): CsvQuote {
  if (sample.includes('"')) return '"';
  // Single quotes only count when they wrap whole fields, not in words like O'Brien.
  const wrapped = sample.match(/(?:^|[,;\t|])'[^'\r\n]*'(?=[,;\t|]|\r?\n|$)/gm);
  if (wrapped && wrapped.length >= 2) return "'";
  return '"';
}

export function detectDelimiter(sample: string, quote: CsvQuote, isWholeFile = false): CsvDelimiter {
  const text = completeLines(sample, isWholeFile);
  let best: { delimiter: CsvDelimiter; score: number; width: number } = { delimiter: ',', score: 0, width: 1 };
  for (const delimiter of CSV_DELIMITERS) {
    const records = tokenizeSample(text, delimiter, quote);
    if (records.length === 0) continue;
    const counts = new Map<number, number>();
    for (const r of records) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    let modeWidth = 1;
    let modeCount = 0;
    for (const [width, count] of counts) {
      if (count > modeCount || (count === modeCount && width > modeWidth)) {
        modeWidth = width;
        modeCount = count;
      }
    }
    if (modeWidth < 2) continue;
    const score = modeCount / records.length;
    if (score > best.score + 1e-9 || (Math.abs(score - best.score) < 1e-9 && modeWidth > best.width)) {
      best = { delimiter, score, width: modeWidth };
    }
  }
  return best.delimiter;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_LIKE = /^(https?:\/\/|www\.)|\.(com|io|org|net|co|de|fr|uk)(\/|$)/i;
const NUMBER = /^[-+]?[\d\s.,]*\d[\d\s.,]*%?$/;
const DATE = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/;

/** A cell that reads as a value, not a column name. */
export function looksLikeData(cell: string): boolean {
  const t = cell.trim();
  if (!t) return false;
  return EMAIL.test(t) || URL_LIKE.test(t) || NUMBER.test(t) || DATE.test(t);
}

/**
 * A first record is a header unless one of its cells reads as data (an email, URL, number or
 * date). Most exports have a header, so text-only first rows are taken as one; the rep can untick it.
 */
export function detectHeader(records: string[][]): boolean {
  const first = records[0];
  if (!first) return true;
  return !first.some(looksLikeData);
}

export interface SniffedDialect {
  delimiter: CsvDelimiter;
  quote: CsvQuote;
  hasHeader: boolean;
}

export function sniffDialect(
  sample: string,
  overrides: { delimiter?: CsvDelimiter; quote?: CsvQuote; hasHeader?: boolean } = {},
  isWholeFile = false,
): SniffedDialect {
  const quote = overrides.quote !== undefined ? overrides.quote : detectQuote(sample);
  const delimiter = overrides.delimiter ?? detectDelimiter(sample, quote, isWholeFile);
  const hasHeader =
    overrides.hasHeader ?? detectHeader(tokenizeSample(completeLines(sample, isWholeFile), delimiter, quote, 5));
  return { delimiter, quote, hasHeader };
}
