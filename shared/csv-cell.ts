/**
 * One exported CSV cell, safe whatever list separator the spreadsheet's locale uses (`,` in en-US,
 * `;` in de/fr/nl, tab when pasted) and whatever it trims before deciding a cell is a formula.
 * Pure functions: the renderer's exporters call them, and they are tested without a DOM.
 *
 * Neutralising: a cell whose first visible character is a formula trigger (`= + - @`, after
 * dropping leading spaces, NBSP, U+3000, zero-width characters and a BOM, and after NFKC folding so
 * full-width `＝＋－＠` count too) or that starts with a tab or CR gets a leading apostrophe, the
 * OWASP-recommended prefix, so the spreadsheet shows the text instead of evaluating it.
 *
 * Phones and plain signed numbers stay as they are (the documented choice): a cell made only of a
 * sign, digits and phone punctuation (`+49 30 1234`, `+44 (20) 7946-0958`, `-12.5`) has no letter,
 * reference, `!`, `|` or `(` before a name, so it cannot call a function, read a cell or start DDE;
 * prefixing it would put a visible `'` in front of every phone number a rep dials from the sheet.
 */

const FORMULA_TRIGGER = /^[=+\-@]/;
/**
 * What a spreadsheet may skip before reading `=`: \s covers NBSP, U+3000 and U+FEFF (BOM); zero-width
 * characters; and quote marks (a reader that does not honour our quoting sees them as the field's start).
 */
const LEADING_INVISIBLE = /^[\s\u200b-\u200d\u2060\u180e"]+/u;
/** Where a reader with another list separator (or one that ignores quotes) may start a new field. */
const ANY_SEPARATOR = /(?<=[,;\t|\r\n])/;
/** "+1 415 555 0100", "+44 (20) 7946-0958": a leading plus, then only digits and phone punctuation. */
const PLAIN_PHONE = /^\+\d[\d ().-]{5,24}\d$/;
/** "-12.5", "+3", "-1,234.50", "-1.5e3" */
const PLAIN_NUMBER = /^[-+](\d+|\d{1,3}(,\d{3})+)(\.\d+)?([eE][-+]?\d+)?$/;
/** Any character that separates or ends a cell in some locale or paste: quoted wherever it appears. */
const NEEDS_QUOTES = /[",;\t|\r\n]/;

/** True when a spreadsheet could read the text as a formula once it skips what it ignores. */
export function isFormulaLike(value: string): boolean {
  const visible = value.normalize('NFKC').replace(LEADING_INVISIBLE, '');
  return FORMULA_TRIGGER.test(visible);
}

const isPlainPhoneOrNumber = (value: string) =>
  (PLAIN_PHONE.test(value) && (value.match(/\d/g)?.length ?? 0) >= 7) || PLAIN_NUMBER.test(value);

function neutralizeSegment(value: string, first: boolean): string {
  // A tab- or CR-led cell is neutralised whatever follows (OWASP): some readers re-split on it.
  const led = first && /^[\t\r]/.test(value);
  if ((!led && !isFormulaLike(value)) || isPlainPhoneOrNumber(value)) return value;
  return `'${value}`;
}

/**
 * Prefixes an apostrophe to a cell a spreadsheet would evaluate, and to every part of it that follows
 * a `,` `;` tab `|` or line break: a spreadsheet splitting on another locale's separator, or one that
 * ignores quotes mid-line, starts a field there. Phones and plain numbers stay usable.
 */
export function neutralizeCell(value: string): string {
  if (isPlainPhoneOrNumber(value)) return value;
  const segments = value.split(ANY_SEPARATOR);
  return segments
    .map((segment, i) => (i === 0 || segment.trim() ? neutralizeSegment(segment, i === 0) : segment))
    .join('');
}

/** RFC 4180 quoting, whenever a cell holds a delimiter of any locale, a quote, a line break or edge spaces. */
export function quoteCell(value: string): string {
  return NEEDS_QUOTES.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export const csvCell = (value: string | undefined): string => quoteCell(neutralizeCell(value ?? ''));

export function csvLine(cells: readonly (string | undefined)[]): string {
  return cells.map(csvCell).join(',');
}
