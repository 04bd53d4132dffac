/** An export comes back separated like the file the rep dropped (real import into fake-indexeddb). */
import 'fake-indexeddb/auto';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProspectDb, setDb } from '../../../renderer/src/db/schema';
import { exportJobCsv } from '../../../renderer/src/features/enrich/export';
import { importCsv } from '../../../renderer/src/features/enrich/import';

let database: ProspectDb;
let n = 0;
beforeEach(async () => {
  database = new ProspectDb(`csv-export-delimiter-${++n}`);
  setDb(database);
  await database.open();
});
afterEach(async () => {
  database.close();
  await database.delete();
});

describe('export delimiter', () => {
  for (const [name, delimiter] of [
    ['semicolon', ';'],
    ['tab', '\t'],
    ['comma', ','],
  ] as const) {
    it(`a ${name} file exports with ${name}s, cells holding a separator quoted`, async () => {
      const text = [
        ['E-Mail', 'Vorname', 'Firma', 'Notiz'].join(delimiter),
        ['anna@acme.de', 'Anna', 'Acme', 'a, b; c'].join(delimiter === ',' ? ';' : delimiter),
        ['bert@acme.de', 'Bert', 'Acme', 'x'].join(delimiter),
      ].join('\r\n');
      // The comma case carries a ';' cell in a quoted field so the sniffer still sees commas.
      const input =
        delimiter === ','
          ? text.replace('anna@acme.de;Anna;Acme;a, b; c', 'anna@acme.de,Anna,Acme,"a, b; c"')
          : text.replace('a, b; c', '"a, b; c"');
      const imported = await importCsv(database, new Blob([input]), { fileName: `${name}.csv` });
      expect(imported.ok).toBe(true);
      if (!imported.ok) return;
      const job = (await database.csvJobs.get(imported.jobId))!;
      expect(job.parse?.dialect.delimiter).toBe(delimiter);

      const out = await exportJobCsv(database, imported.jobId);
      const header = out.content.slice(1).split('\r\n')[0]!;
      expect(header.startsWith(['E-Mail', 'Vorname', 'Firma', 'Notiz'].join(delimiter))).toBe(true);
      const parsed = Papa.parse<string[]>(out.content.slice(1), { delimiter, skipEmptyLines: true });
      expect(parsed.errors).toEqual([]);
      expect(parsed.data[1]!.slice(0, 4)).toEqual(['anna@acme.de', 'Anna', 'Acme', 'a, b; c']);
      expect(parsed.data[2]!.slice(0, 4)).toEqual(['bert@acme.de', 'Bert', 'Acme', 'x']);
    });
  }
});
