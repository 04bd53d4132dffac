/**
 * Posting lists by word prefix for the people index (peopleIndex.ts): for every prefix of 1 to 3
 * characters of any word, the positions of the entries holding it, ascending (so in id order).
 * The idea of a forward-tokenised index (FlexSearch, MiniSearch), kept small: only the first three
 * characters, in one flat typed array, no string per prefix. A query walks the list of its rarest
 * token instead of every entry; a list that is known to hold one prefix only is exact, so a short
 * token needs no string search and a lone one is answered from the list's length.
 *
 * One ASCII character has a bucket of its own; longer prefixes (and other characters) are hashed
 * into HASHED buckets. A bucket remembers the one prefix it holds, or that several collided in it
 * (its list is then a superset, and the caller checks each entry's text).
 */

const ASCII = 128;
const HASHED = 1 << 15;
const BUCKETS = ASCII + HASHED;
const SPACE = 32;
export const POSTING_PREFIX_CHARS = 3;

export interface PrefixPostings {
  /** Bucket b's positions are positions[offsets[b]] up to positions[offsets[b + 1]]. */
  offsets: Uint32Array;
  positions: Uint32Array;
  /** The code of the only prefix in each bucket; NaN when empty or when prefixes collided there. */
  owner: Float64Array;
}

/** The prefix as one exact number: its length and up to three UTF-16 code units. */
function codeOf(length: number, c1: number, c2: number, c3: number): number {
  return length * 2 ** 48 + c1 * 2 ** 32 + c2 * 2 ** 16 + c3;
}

function bucketOf(length: number, c1: number, c2: number, c3: number): number {
  if (length === 1 && c1 < ASCII) return c1;
  let h = Math.imul(0x811c9dc5 ^ length, 0x01000193);
  h = Math.imul(h ^ c1, 0x01000193);
  if (length > 1) h = Math.imul(h ^ c2, 0x01000193);
  if (length > 2) h = Math.imul(h ^ c3, 0x01000193);
  return ASCII + ((h >>> 0) & (HASHED - 1));
}

/** Calls `visit` for each 1-, 2- and 3-character prefix of each space-separated word of each text. */
function eachPrefix(texts: readonly string[], visit: (bucket: number, code: number, entry: number) => void): void {
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
      visit(bucketOf(1, c1, 0, 0), codeOf(1, c1, 0, 0), i);
      const c2 = k + 1 < n ? text.charCodeAt(k + 1) : SPACE;
      if (c2 !== SPACE) {
        visit(bucketOf(2, c1, c2, 0), codeOf(2, c1, c2, 0), i);
        const c3 = k + 2 < n ? text.charCodeAt(k + 2) : SPACE;
        if (c3 !== SPACE) visit(bucketOf(3, c1, c2, c3), codeOf(3, c1, c2, c3), i);
      }
      const next = text.indexOf(' ', k);
      if (next === -1) break;
      k = next + 1;
    }
  }
}

/** Two passes over the texts (count, then fill), no allocation per word. */
export function buildPrefixPostings(texts: readonly string[]): PrefixPostings {
  const counts = new Uint32Array(BUCKETS);
  const owner = new Float64Array(BUCKETS).fill(NaN);
  const collided = new Uint8Array(BUCKETS);
  // The last entry counted in each bucket: an entry is listed once however many of its words match.
  const last = new Int32Array(BUCKETS).fill(-1);
  eachPrefix(texts, (bucket, code, entry) => {
    const held = owner[bucket]!;
    if (Number.isNaN(held)) {
      if (!collided[bucket]) owner[bucket] = code;
    } else if (held !== code) {
      owner[bucket] = NaN;
      collided[bucket] = 1;
    }
    if (last[bucket] === entry) return;
    last[bucket] = entry;
    counts[bucket]!++;
  });
  const offsets = new Uint32Array(BUCKETS + 1);
  for (let b = 0; b < BUCKETS; b++) offsets[b + 1] = offsets[b]! + counts[b]!;
  const positions = new Uint32Array(offsets[BUCKETS]!);
  const fill = offsets.slice(0, BUCKETS);
  last.fill(-1);
  eachPrefix(texts, (bucket, _code, entry) => {
    if (last[bucket] === entry) return;
    last[bucket] = entry;
    positions[fill[bucket]!++] = entry;
  });
  return { offsets, positions, owner };
}

/**
 * The entries that may hold a word starting with `token` (ascending positions), and whether the
 * list is exact: the token is at most 3 characters and its bucket holds no other prefix.
 */
export function postingsFor(p: PrefixPostings, token: string): { list: Uint32Array; exact: boolean } {
  const length = Math.min(POSTING_PREFIX_CHARS, token.length);
  const c1 = token.charCodeAt(0);
  const c2 = length > 1 ? token.charCodeAt(1) : 0;
  const c3 = length > 2 ? token.charCodeAt(2) : 0;
  const bucket = bucketOf(length, c1, c2, c3);
  const list = p.positions.subarray(p.offsets[bucket]!, p.offsets[bucket + 1]!);
  return { list, exact: length === token.length && p.owner[bucket] === codeOf(length, c1, c2, c3) };
}
