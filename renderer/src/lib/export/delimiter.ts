/**
 * The list separator a spreadsheet expects. Excel (and LibreOffice) read a CSV with the OS's list
 * separator, which is `;` wherever the decimal mark is a comma (de, fr, nl, es, it, pt, ru, …) and
 * `,` elsewhere (en, ja, zh, …). Asking Intl for the locale's decimal mark gives that rule for every
 * locale without a hand-kept table.
 */
export const DELIMITERS = [
  { value: ',', label: 'Comma (,)' },
  { value: ';', label: 'Semicolon (;)' },
  { value: '\t', label: 'Tab' },
] as const;
export type Delimiter = (typeof DELIMITERS)[number]['value'];

export function isDelimiter(value: string): value is Delimiter {
  return DELIMITERS.some((d) => d.value === value);
}

/** `;` for locales whose decimal mark is a comma, `,` otherwise. */
export function localeDelimiter(locale: string | undefined): Delimiter {
  try {
    const decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value;
    return decimal === ',' ? ';' : ',';
  } catch {
    return ',';
  }
}

/** The rep's default: the first language the browser reports. */
export function defaultDelimiter(): Delimiter {
  return localeDelimiter(typeof navigator === 'undefined' ? undefined : navigator.language);
}
