/**
 * Posting lists by word prefix for the people index (peopleIndex.ts): for every prefix of 1 to 4
 * characters of any word, the positions of the entries holding it, ascending (so in id order).
 * The idea of a forward-tokenised index (FlexSearch, MiniSearch), kept small: only the first four
 * characters, in one flat typed array, no string per prefix. A query walks the list of its rarest
 * token instead of every entry; a token of up to four characters has an exact list, so it needs
 * no string search and a lone one is answered from the list's length.
 *
 * The prefixes are keys of an open-addressing table (typed arrays, linear probing), compared in
 * full, so no two prefixes ever share a list. An earlier version hashed them into a fixed number
 * of buckets and checked each entry's text where prefixes collided: at 100,000 people one short
 * prefix in six collided ("ma" among them), and those queries were the slowest of the typing
 * script. Four characters rather than three: a longer token used to walk its three-character
 * list ("bra": 18% of the people for "braun"), the other half of the slow queries; the fourth
 * level adds about one position per word, ~4 MB at 100,000 people.
 */

const SPACE = 32;
export const POSTING_PREFIX_CHARS = 4;
/** Slots at first; the table doubles whenever it is half full. */
const INITIAL_SLOTS = 1 << 12;

export interface PrefixPostings {
  /** Slot s's positions are positions[offsets[s]] up to positions[offsets[s + 1]]. */
  offsets: Uint32Array;
  positions: Uint32Array;
  table: PrefixTable;
}

/**
 * A prefix is its length and two 32-bit halves (code units 1-2 and 3-4); length 0 marks an empty slot.
 * Slots are numbered in [0, mask].
 */
interface PrefixTable {
  mask: number;
  lengths: Uint8Array;
  high: Int32Array;
  low: Int32Array;
  used: number;
}

function newTable(slots: number): PrefixTable {
  return {
    mask: slots - 1,
    lengths: new Uint8Array(slots),
    high: new Int32Array(slots),
    low: new Int32Array(slots),
    used: 0,
  };
}

function hashOf(length: number, high: number, low: number): number {
  let h = Math.imul(0x811c9dc5 ^ length, 0x01000193);
  h = Math.imul(h ^ high, 0x01000193);
  h = Math.imul(h ^ low, 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}

/** The slot holding the prefix, or the empty slot where it would go (the table is never full). */
function slotOf(t: PrefixTable, length: number, high: number, low: number): number {
  let s = hashOf(length, high, low) & t.mask;
  for (let l = t.lengths[s]!; l !== 0; l = t.lengths[s]!) {
    if (l === length && t.high[s] === high && t.low[s] === low) break;
    s = (s + 1) & t.mask;
  }
  return s;
}

/** The prefix's slot, or -1 when the table does not hold it. */
function find(t: PrefixTable, length: number, high: number, low: number): number {
  const s = slotOf(t, length, high, low);
  return t.lengths[s] === 0 ? -1 : s;
}

/** The prefix's slot, claimed if new. The caller grows the table before it is half full. */
function claim(t: PrefixTable, length: number, high: number, low: number): number {
  const s = slotOf(t, length, high, low);
  if (t.lengths[s] === 0) {
    t.lengths[s] = length;
    t.high[s] = high;
    t.low[s] = low;
    t.used++;
  }
  return s;
}

/** Twice the slots, every prefix moved with its count and last entry (unclaimed slots: none counted). */
function grow(t: PrefixTable, counts: Uint32Array, last: Int32Array) {
  const table = newTable((t.mask + 1) * 2);
  const movedCounts = new Uint32Array(table.mask + 1);
  const movedLast = new Int32Array(table.mask + 1).fill(-1);
  for (let s = 0; s <= t.mask; s++) {
    if (t.lengths[s] === 0) continue;
    const to = claim(table, t.lengths[s]!, t.high[s]!, t.low[s]!);
    movedCounts[to] = counts[s]!;
    movedLast[to] = last[s]!;
  }
  return { table, counts: movedCounts, last: movedLast };
}

/**
 * Calls `visit` for each 1- to 4-character prefix of each space-separated word of each text, as
 * (length, code units 1-2, code units 3-4, entry).
 */
function eachPrefix(
  texts: readonly string[],
  visit: (length: number, high: number, low: number, entry: number) => void,
): void {
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i]!;
    const n = text.length;
    let k = 0;
    while (k < n) {
      const c1 = text.charCodeAt(k);
      if (c1 === SPACE) {
        k++;
        continue;
      }
      visit(1, c1 << 16, 0, i);
      const c2 = k + 1 < n ? text.charCodeAt(k + 1) : SPACE;
      if (c2 !== SPACE) {
        const high = (c1 << 16) | c2;
        visit(2, high, 0, i);
        const c3 = k + 2 < n ? text.charCodeAt(k + 2) : SPACE;
        if (c3 !== SPACE) {
          visit(3, high, c3 << 16, i);
          const c4 = k + 3 < n ? text.charCodeAt(k + 3) : SPACE;
          if (c4 !== SPACE) visit(4, high, (c3 << 16) | c4, i);
        }
      }
      const next = text.indexOf(' ', k);
      if (next === -1) break;
      k = next + 1;
    }
  }
}

/** Two passes over the texts (count, then fill), no allocation per word. */
export function buildPrefixPostings(texts: readonly string[]): PrefixPostings {
  let table = newTable(INITIAL_SLOTS);
  let counts = new Uint32Array(INITIAL_SLOTS);
  // The last entry counted in each slot: an entry is listed once however many of its words match.
  let last = new Int32Array(INITIAL_SLOTS).fill(-1);
  eachPrefix(texts, (length, high, low, entry) => {
    if (table.used * 2 >= table.mask + 1) ({ table, counts, last } = grow(table, counts, last));
    const s = claim(table, length, high, low);
    if (last[s] === entry) return;
    last[s] = entry;
    counts[s]!++;
  });
  const slots = table.mask + 1;
  const offsets = new Uint32Array(slots + 1);
  for (let s = 0; s < slots; s++) offsets[s + 1] = offsets[s]! + counts[s]!;
  const positions = new Uint32Array(offsets[slots]!);
  const fill = offsets.slice(0, slots);
  last.fill(-1);
  eachPrefix(texts, (length, high, low, entry) => {
    const s = find(table, length, high, low);
    if (last[s] === entry) return;
    last[s] = entry;
    positions[fill[s]!++] = entry;
  });
  return { offsets, positions, table };
}

const NONE = new Uint32Array(0);

/**
 * The entries that may hold a word starting with `token` (ascending positions), and whether the
 * list is exact: the token is at most POSTING_PREFIX_CHARS long, so the list is its own.
 */
export function postingsFor(p: PrefixPostings, token: string): { list: Uint32Array; exact: boolean } {
  const length = Math.min(POSTING_PREFIX_CHARS, token.length);
  const exact = length === token.length;
  if (length === 0) return { list: NONE, exact };
  const c = (k: number) => (k < length ? token.charCodeAt(k) : 0);
  const s = find(p.table, length, (c(0) << 16) | c(1), (c(2) << 16) | c(3));
  // No word starts with this prefix: nothing matches, whatever follows it.
  if (s === -1) return { list: NONE, exact: true };
  return { list: p.positions.subarray(p.offsets[s]!, p.offsets[s + 1]!), exact };
}
