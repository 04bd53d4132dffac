/** The CSV enrichment core the Enrich CSV page builds on. */
export * from './csv/parse';
export * from './mapping';
export * from './enriched';
export * from './ledger';
export * from './plan';
export * from './import';
export * from './runner';
export * from './export';
export * from './types';
export { CsvWorkerClient, createCsvWorker, type Cancellable } from './csv/worker-client';
export { encodingLabel, CSV_ENCODINGS, type CsvEncoding } from './csv/decode';
export { CSV_DELIMITERS, type CsvDelimiter, type CsvQuote } from './csv/sniff';
