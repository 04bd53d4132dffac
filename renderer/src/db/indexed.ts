/**
 * Multi-value index lookups. Dexie's `anyOf` walks one cursor and jumps between the wanted keys:
 * one browser round trip per step, which in Chromium made a 5,000-row save spend most of a minute
 * looking up 15,000 identity keys. One native `getAllKeys(only(value))` per value, all issued at
 * once in the same transaction, is the same single batched lookup without the round trips.
 */
import Dexie, { type Table, type Transaction } from 'dexie';
import { unique } from './grouping';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the insert type does not matter for reads
type AnyTable<Row> = Table<Row, string, any> | Table<Row, [string, string], any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ReadTable<Row> = Table<Row, string, any>;

/**
 * One native getAllKeys per value on the transaction in progress, skipping Dexie's per-call
 * machinery (tens of thousands of lookups per save). A Dexie.Promise keeps the transaction's
 * zone, so the caller's next Dexie call still runs in the same transaction.
 */
function nativeKeyLists(
  storeName: string,
  index: string,
  values: readonly unknown[],
): Promise<unknown[][]> | undefined {
  const trans = Dexie.currentTransaction as (Transaction & { idbtrans?: IDBTransaction }) | null;
  const idbtrans = trans?.idbtrans;
  if (!idbtrans || !values.length) return undefined;
  let source: IDBIndex;
  try {
    source = idbtrans.objectStore(storeName).index(index);
  } catch {
    return undefined;
  }
  return new Dexie.Promise<unknown[][]>((resolve, reject) => {
    const lists: unknown[][] = new Array(values.length);
    let pending = values.length;
    values.forEach((value, i) => {
      const request = source.getAllKeys(IDBKeyRange.only(value as IDBValidKey));
      request.onsuccess = () => {
        lists[i] = request.result as unknown[];
        if (--pending === 0) resolve(lists);
      };
      request.onerror = () => reject(request.error);
    });
  }) as unknown as Promise<unknown[][]>;
}

/** Primary keys of rows with `index` equal to any of `values` (each row once). */
export async function primaryKeysWhereAnyOf<Row, K = string>(
  table: AnyTable<Row>,
  index: string,
  values: readonly unknown[],
): Promise<K[]> {
  const wanted = unique(values);
  const lists =
    (await nativeKeyLists(table.name, index, wanted)) ??
    (await Promise.all(
      wanted.map((v) =>
        (table as Table<Row, unknown, unknown>)
          .where(index)
          .equals(v as string)
          .primaryKeys(),
      ),
    ));
  if (lists.length === 1) return lists[0] as K[];
  // Compound primary keys are arrays: de-duplicate by their text form.
  const seen = new Map<string, K>();
  for (const list of lists)
    for (const key of list) seen.set(typeof key === 'string' ? key : JSON.stringify(key), key as K);
  return [...seen.values()];
}

/** Rows with `index` equal to any of `values` (each row once). */
export async function rowsWhereAnyOf<Row>(
  table: ReadTable<Row>,
  index: string,
  values: readonly unknown[],
): Promise<Row[]> {
  return rowsByIds(table, await primaryKeysWhereAnyOf<Row>(table, index, values));
}

/** The rows with these ids that exist (one bulkGet, none for no ids). */
export async function rowsByIds<Row>(table: ReadTable<Row>, ids: readonly string[]): Promise<Row[]> {
  if (!ids.length) return [];
  return (await table.bulkGet([...ids])).filter((r): r is NonNullable<typeof r> => r !== undefined) as Row[];
}

/**
 * Stored rows sharing an identity key with any of the incoming items. Rows found by the items'
 * proposed ids come from one bulkGet; keys those rows already hold need no index lookup, since no
 * two stored rows share a key. So re-saving known people costs about one read per person.
 */
export async function storedRowsForKeys<Row extends { id: string; keys: string[] }>(
  table: ReadTable<Row>,
  proposedIds: readonly (string | undefined)[],
  keysPerItem: readonly (readonly string[])[],
): Promise<Row[]> {
  const ids = unique(proposedIds.filter((id): id is string => !!id));
  const found = await rowsByIds(table, ids);
  const covered = new Set<string>();
  for (const row of found) {
    covered.add(row.id);
    for (const key of row.keys ?? []) covered.add(key);
  }
  const needed = unique(keysPerItem.flat()).filter((k) => !covered.has(k));
  const more = needed.length ? await rowsWhereAnyOf(table, 'keys', needed) : [];
  return [...found, ...more];
}
