/** CSV export of people: one module for lists, saved people and search selections. */
export { DELIMITERS, defaultDelimiter, isDelimiter, localeDelimiter, type Delimiter } from './delimiter';
export { PRESETS, presetById, type ExportPreset, type PresetId } from './presets';
export { phoneAsText, readsAsNumber } from './phone';
export { bestEmail, fieldValue, mainPhone, type ExportField, type ExportPerson } from './columns';
export {
  BOM,
  CRLF,
  csvField,
  csvRecord,
  exportFileName,
  peopleCsv,
  peopleCsvShape,
  type PeopleCsvOptions,
} from './peopleCsv';
