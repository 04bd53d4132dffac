/**
 * Phones written so a spreadsheet keeps them as text. Excel reads `+14155550100` or `4155550100` as
 * the number 14155550100 (dropping the `+`, and leading zeros, and showing 1.42E+10); it keeps
 * `+1 415 555 0100` as typed. So a number goes out in international format with spaces, and any
 * that would still read as a number in some locale (digit groups of three look like thousands) gets
 * dashes. No apostrophe or `="…"` wrapper: those show up in the sheet or are formulas themselves.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** What a spreadsheet in some locale could read as a number: digits, optionally grouped in threes. */
const NUMBER_LIKE = /^[+-]?\d{1,3}([ \u00a0.,]?\d{3})*([.,]\d+)?$/;

export function readsAsNumber(text: string): boolean {
  return /^[+-]?\d+$/.test(text) || NUMBER_LIKE.test(text);
}

export function phoneAsText(raw: string): string {
  const trimmed = raw.trim();
  if (!trimmed) return '';
  const parsed = trimmed.startsWith('+') ? parsePhoneNumberFromString(trimmed) : undefined;
  let text = parsed?.isPossible() ? parsed.formatInternational() : trimmed;
  if (!parsed && /^\d+$/.test(text)) {
    // A national number with no country: group it, keeping the last group at four digits or more.
    text = text.replace(/(\d{3})(?=\d{4,})/g, '$1 ');
  }
  if (readsAsNumber(text)) text = text.replace(/[ \u00a0]/g, '-');
  // Still one short run of digits: a space after the first digit is no locale's thousands grouping.
  if (readsAsNumber(text)) text = text.replace(/^([+]?\d)(\d)/, '$1 $2');
  return text;
}
