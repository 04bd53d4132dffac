/**
 * The one CSV writer for people (a list, the saved people, a search selection): UTF-8 with BOM and
 * CRLF, the delimiter the rep chose, a preset's columns, optionally one "… source" column after each
 * sourced field. Every cell goes through shared/csv-cell.ts: the formula neutraliser, then quoting
 * when it holds any locale's separator, a quote or a line break (quoting every delimiter keeps a
 * file readable when a spreadsheet guesses another one). Produces text only; saving goes through api.files.saveCsv.
 */
import { csvCell } from '../../../../shared/csv-cell';
import { PROVENANCE_OF, fieldValue, sourceText, type ExportPerson } from './columns';
import type { Delimiter } from './delimiter';
import { presetById, type PresetId } from './presets';

export const BOM = '\uFEFF';
export const CRLF = '\r\n';

export interface PeopleCsvOptions {
  preset: PresetId;
  delimiter: Delimiter;
  /** Add "<column> source" after each field that has provenance: provider and date. */
  includeSources: boolean;
  /** Provider id -> display name ("Apollo", not "apollo"). */
  providerLabels?: Record<string, string>;
}

/** One cell, neutralised and quoted by the app's shared cell-safety functions. */
export const csvField = (value: string): string => csvCell(value);

export function csvRecord(cells: readonly string[], delimiter: Delimiter): string {
  return cells.map(csvField).join(delimiter);
}

/** The header line's names and, per row, the cells: kept apart so a caller can stream pages. */
export function peopleCsvShape(options: PeopleCsvOptions) {
  const preset = presetById(options.preset);
  const labels = options.providerLabels ?? {};
  const columns = preset.columns.flatMap((c) => {
    const key = PROVENANCE_OF[c.field];
    const value = { header: c.header, cell: (row: ExportPerson) => fieldValue(row, c.field) };
    if (!options.includeSources || !key) return [value];
    const source = {
      header: `${c.header} source`,
      cell: (row: ExportPerson) => sourceText(row.person.provenance, key, labels),
    };
    return [value, source];
  });
  return {
    headers: columns.map((c) => c.header),
    cells: (row: ExportPerson) => columns.map((c) => c.cell(row)),
  };
}

/** The whole file as text: BOM, header, one CRLF-terminated line per person. */
export function peopleCsv(rows: Iterable<ExportPerson>, options: PeopleCsvOptions): string {
  const shape = peopleCsvShape(options);
  const lines = [csvRecord(shape.headers, options.delimiter)];
  for (const row of rows) lines.push(csvRecord(shape.cells(row), options.delimiter));
  return BOM + lines.join(CRLF) + CRLF;
}

/** A file name for the save dialog: the rep's name for the export, what was exported, the date. */
export function exportFileName(title: string, preset: PresetId, date = new Date()): string {
  const clean =
    title
      // eslint-disable-next-line no-control-regex -- control characters are what is being removed
      .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim() || 'people';
  const suffix = preset === 'prospect-desk' ? '' : ` (${presetById(preset).label})`;
  return `${clean}${suffix} ${date.toISOString().slice(0, 10)}.csv`.slice(0, 200);
}
