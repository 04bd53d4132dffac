/**
 * The CSV Worker: a thin wrapper around worker-protocol's handler. Parsing and the Dexie writes it
 * feeds both run here, so the UI thread never blocks on either. Vite bundles it from
 * `new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' })`.
 */
import { db } from '../../../db/schema';
import { createCsvWorkerHandler, type CsvWorkerRequest, type CsvWorkerResponse } from './worker-protocol';

const scope = self as unknown as {
  postMessage(message: CsvWorkerResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<CsvWorkerRequest>) => void): void;
};

const handle = createCsvWorkerHandler(db, (message) => scope.postMessage(message));
scope.addEventListener('message', (event) => handle(event.data));
