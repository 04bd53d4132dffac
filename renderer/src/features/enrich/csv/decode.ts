/**
 * Bytes -> text for CSV files: encoding detection (BOM, UTF-8 validity, Windows-1252 fallback,
 * BOM-less UTF-16), a streaming decoder that never splits a character across chunks, and the
 * "this is not a CSV at all" check. Plain module: runs in the Worker and in Node tests alike.
 */

export const CSV_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

export interface EncodingGuess {
  encoding: CsvEncoding;
  /** Bytes of byte-order mark at the start (skipped by the decoder). */
  bomLength: number;
  /** Why this encoding was chosen, in words a rep can read. */
  reason: string;
}

/** How much of the file the detectors look at. */
export const SNIFF_BYTES = 64 * 1024;

export function detectBom(bytes: Uint8Array): EncodingGuess | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { encoding: 'utf-8', bomLength: 3, reason: 'UTF-8 byte-order mark' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { encoding: 'utf-16le', bomLength: 2, reason: 'UTF-16 LE byte-order mark' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { encoding: 'utf-16be', bomLength: 2, reason: 'UTF-16 BE byte-order mark' };
  }
  return undefined;
}

/**
 * Bytes at the end of `bytes` that start a UTF-8 sequence not yet complete (0 to 3). Those are held
 * back for the next chunk instead of being judged invalid.
 */
export function incompleteUtf8Tail(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

let fatalUtf8: TextDecoder | undefined;
export function isValidUtf8(bytes: Uint8Array): boolean {
  fatalUtf8 ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    fatalUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** UTF-16 without a BOM shows as a NUL in every other byte of ASCII text. */
function guessBomlessUtf16(sample: Uint8Array): CsvEncoding | undefined {
  const n = Math.min(sample.length, 4096) & ~1;
  if (n < 8) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) evenNul++;
    if (sample[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul / pairs > 0.4 && evenNul / pairs < 0.05) return 'utf-16le';
  if (evenNul / pairs > 0.4 && oddNul / pairs < 0.05) return 'utf-16be';
  return undefined;
}

/** Picks an encoding from the first bytes of a file. `sample` need not end on a character boundary. */
export function detectEncoding(sample: Uint8Array): EncodingGuess {
  const bom = detectBom(sample);
  if (bom) return bom;
  const utf16 = guessBomlessUtf16(sample);
  if (utf16)
    return {
      encoding: utf16,
      bomLength: 0,
      reason: `${utf16 === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE'} without a byte-order mark`,
    };
  const complete = sample.subarray(0, sample.length - incompleteUtf8Tail(sample));
  if (isValidUtf8(complete)) return { encoding: 'utf-8', bomLength: 0, reason: 'valid UTF-8' };
  return { encoding: 'windows-1252', bomLength: 0, reason: 'not valid UTF-8, read as Windows-1252' };
}

// ---------------------------------------------------------------------------------------------
// Binary / not-a-CSV detection

const MAGIC: { bytes: number[]; what: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'an Excel workbook (.xlsx) or another ZIP archive' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel workbook (.xls) or another Office file' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
];

/**
 * A message when `sample` cannot be CSV text (magic numbers of common binary formats, NUL bytes,
 * mostly non-printable characters); undefined when it may be. `text` is the sample decoded.
 */
export function notCsvReason(sample: Uint8Array, encoding: CsvEncoding, text: string): string | undefined {
  for (const magic of MAGIC) {
    if (magic.bytes.every((b, i) => sample[i] === b)) {
      return `This file looks like ${magic.what}, not a CSV. Save it as "CSV (UTF-8)" and drop it again.`;
    }
  }
  const hint =
    'This file does not look like text: it may be a binary file. Drop a CSV file (comma, semicolon, tab or pipe separated text).';
  if (!encoding.startsWith('utf-16') && sample.includes(0)) return hint;
  let control = 0;
  let counted = 0;
  for (let i = 0; i < text.length && counted < 16384; i++, counted++) {
    const c = text.charCodeAt(i);
    // Tab, LF, FF, CR are normal in text; everything else below space (and DEL) is not.
    if ((c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0x7f || c === 0xfffd) control++;
  }
  if (counted > 0 && control / counted > 0.1) return hint;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Windows-1252: implemented here because some runtimes (Node 20's small-ICU builds) decode the
// "windows-1252" label as Latin-1, which turns curly quotes and the euro sign into C1 controls.

const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

let nativeCp1252: TextDecoder | null | undefined;
function nativeWindows1252(): TextDecoder | null {
  if (nativeCp1252 !== undefined) return nativeCp1252;
  try {
    const d = new TextDecoder('windows-1252');
    nativeCp1252 = d.decode(new Uint8Array([0x80, 0x93])) === '\u20ac\u201c' ? d : null;
  } catch {
    nativeCp1252 = null;
  }
  return nativeCp1252;
}

export function decodeWindows1252(bytes: Uint8Array): string {
  const native = nativeWindows1252();
  if (native) return native.decode(bytes);
  const parts: string[] = [];
  const codes = new Uint16Array(Math.min(bytes.length, 8192));
  for (let start = 0; start < bytes.length; start += 8192) {
    const end = Math.min(bytes.length, start + 8192);
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      codes[i - start] = b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80]! : b;
    }
    parts.push(String.fromCharCode.apply(null, Array.from(codes.subarray(0, end - start))));
  }
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// Streaming decoder

export interface StreamDecoderOptions {
  /** true when UTF-8 was only guessed: invalid bytes later in the file switch to Windows-1252. */
  fallbackToWindows1252?: boolean;
  /** Bytes of BOM to skip at the very start. */
  bomLength?: number;
}

export class CsvStreamDecoder {
  private current: CsvEncoding;
  private carry: Uint8Array | undefined;
  private skipBom: number;
  private readonly utf16?: TextDecoder;
  private readonly lenientUtf8?: TextDecoder;
  private bytesSeen = 0;
  /** Set when the decoder had to leave UTF-8 part-way through the file. */
  switchedToWindows1252At?: number;
  /** Set when a forced UTF-8 decode met invalid bytes (replaced with U+FFFD). */
  replacedInvalidBytes = false;

  constructor(
    readonly encoding: CsvEncoding,
    private readonly options: StreamDecoderOptions = {},
  ) {
    this.current = encoding;
    this.skipBom = options.bomLength ?? 0;
    if (encoding === 'utf-16le' || encoding === 'utf-16be') this.utf16 = new TextDecoder(encoding, { ignoreBOM: true });
    if (encoding === 'utf-8' && !options.fallbackToWindows1252)
      this.lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });
  }

  get activeEncoding(): CsvEncoding {
    return this.current;
  }

  decode(chunk: Uint8Array, final = false): string {
    let bytes = chunk;
    if (this.skipBom > 0) {
      const skip = Math.min(this.skipBom, bytes.length);
      bytes = bytes.subarray(skip);
      this.skipBom -= skip;
      this.bytesSeen += skip;
    }
    const offset = this.bytesSeen;
    this.bytesSeen += bytes.length;
    if (this.utf16) return this.utf16.decode(bytes, { stream: !final });
    if (this.lenientUtf8) {
      const text = this.lenientUtf8.decode(bytes, { stream: !final });
      if (!this.replacedInvalidBytes && text.includes('\ufffd')) this.replacedInvalidBytes = true;
      return text;
    }
    if (this.current === 'windows-1252') return decodeWindows1252(bytes);

    // Guessed UTF-8: validate every chunk; hold back a character split across chunks.
    if (this.carry) {
      const joined = new Uint8Array(this.carry.length + bytes.length);
      joined.set(this.carry);
      joined.set(bytes, this.carry.length);
      bytes = joined;
      this.carry = undefined;
    }
    const tail = final ? 0 : incompleteUtf8Tail(bytes);
    const complete = tail ? bytes.subarray(0, bytes.length - tail) : bytes;
    if (tail) this.carry = bytes.slice(bytes.length - tail);
    fatalUtf8 ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    try {
      return fatalUtf8.decode(complete);
    } catch {
      this.current = 'windows-1252';
      this.switchedToWindows1252At = offset;
      // Windows-1252 has no multi-byte characters: the held-back tail is decoded now too.
      this.carry = undefined;
      return decodeWindows1252(bytes);
    }
  }
}

export function encodingLabel(encoding: CsvEncoding): string {
  switch (encoding) {
    case 'utf-8':
      return 'UTF-8';
    case 'utf-16le':
      return 'UTF-16 LE';
    case 'utf-16be':
      return 'UTF-16 BE';
    case 'windows-1252':
      return 'Windows-1252';
  }
}
