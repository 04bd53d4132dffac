/**
 * Words for the multi-entry `words` index: "contains" search is a prefix range query on it
 * (`where('words').startsWith(token)`), never a scan of every row.
 *
 * Each whitespace-separated chunk of a field is indexed three ways, so a query token matches it
 * however the rep types it: the chunk with its inner punctuation ("o'brien", "smith-jones"), each
 * alphanumeric piece ("o", "brien", "smith"), and the pieces joined ("obrien"). Emails and domains
 * are indexed whole ("jane.doe@acme.com", "acme.com") and by their meaningful parts ("jane.doe",
 * "jane", "doe", "janedoe", "acme"). Everything lower-cased and accent-folded ("Zoë" -> "zoe").
 */
import type { Organization, Person } from '../../../shared/domain';

/** Longer words add index size and no search power: nobody types 40 characters of one word. */
const MAX_WORD_LENGTH = 40;

/** Printable ASCII (anything else, tabs included, takes the general path). */
const ASCII = /^[ -~]*$/;
/** A chunk of letters and digits only: its own one word, no punctuation to strip or split on. */
const PLAIN_WORD = /^[a-z0-9]+$/;

/** Lower case, accents folded, curly quotes straightened; punctuation kept. */
export function foldText(text: string): string {
  // ASCII has no accents nor curly quotes to fold: lower case is all (most names and titles, every save).
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .toLowerCase();
}

const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
const NOT_ALNUM = /[^\p{L}\p{N}]+/u;

function add(word: string, out: Set<string>): void {
  if (word) out.add(word.length > MAX_WORD_LENGTH ? word.slice(0, MAX_WORD_LENGTH) : word);
}

function addChunkWords(chunk: string, out: Set<string>): void {
  if (PLAIN_WORD.test(chunk)) return add(chunk, out);
  const trimmed = chunk.replace(EDGE_PUNCTUATION, '');
  if (!trimmed) return;
  add(trimmed, out);
  const pieces = trimmed.split(NOT_ALNUM).filter(Boolean);
  if (pieces.length > 1) {
    for (const piece of pieces) add(piece, out);
    add(pieces.join(''), out);
  }
}

/**
 * Words of recent texts: first names, last names, titles, company names and places repeat from
 * person to person, and a save works out every person's words. Bounded: emptied when full.
 */
const textWordsCache = new Map<string, readonly string[]>();
const TEXT_CACHE_SIZE = 20_000;

/** Add the words of free text (names, titles, places) to `out`. */
export function addTextWords(text: string | undefined | null, out: Set<string>): void {
  if (!text) return;
  let words = textWordsCache.get(text);
  if (!words) {
    const own = new Set<string>();
    for (const chunk of foldText(text).split(/\s+/)) addChunkWords(chunk, own);
    if (textWordsCache.size >= TEXT_CACHE_SIZE) textWordsCache.clear();
    textWordsCache.set(text, (words = [...own]));
  }
  for (const word of words) out.add(word);
}

/** An email: the whole address, the local part (with its pieces) and the domain. */
export function addEmailWords(address: string | undefined | null, out: Set<string>): void {
  if (!address) return;
  const email = foldText(address.trim()).replace(EDGE_PUNCTUATION, '');
  if (!email) return;
  add(email, out);
  const at = email.lastIndexOf('@');
  if (at > 0) {
    addChunkWords(email.slice(0, at), out);
    addDomainWords(email.slice(at + 1), out);
  }
}

/**
 * Words of recent domains: the people of one company share its domain (on the person and in their
 * emails), and working a domain's words out is the dearest part of a person's words. Bounded: it
 * is emptied when full.
 */
const domainWordsCache = new Map<string, readonly string[]>();
const DOMAIN_CACHE_SIZE = 10_000;

/**
 * "www.acme-corp.co.uk" -> "acme-corp.co.uk", then each label but the last with its pieces:
 * "acme-corp", "acme", "corp", "acmecorp", "co". Joined forms of whole hosts ("acmecorpcouk") and the
 * top-level label find nothing a rep types, and every word is an index entry to write.
 */
export function addDomainWords(domain: string | undefined | null, out: Set<string>): void {
  if (!domain) return;
  let words = domainWordsCache.get(domain);
  if (!words) {
    if (domainWordsCache.size >= DOMAIN_CACHE_SIZE) domainWordsCache.clear();
    domainWordsCache.set(domain, (words = domainWords(domain)));
  }
  for (const word of words) out.add(word);
}

function domainWords(domain: string): string[] {
  const host = foldText(domain.trim())
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/^www\./, '')
    .replace(EDGE_PUNCTUATION, '');
  if (!host) return [];
  const out = new Set<string>();
  add(host, out);
  const labels = host.split('.').filter(Boolean);
  for (const label of labels.length > 1 ? labels.slice(0, -1) : labels) addChunkWords(label, out);
  return [...out];
}

/** Query text -> search tokens: each one must be a prefix of some word of a matching record. */
export function queryTokens(text: string | undefined | null): string[] {
  if (!text) return [];
  const tokens = new Set<string>();
  for (const chunk of foldText(text).split(/\s+/)) {
    const token = chunk.replace(EDGE_PUNCTUATION, '');
    if (token) tokens.add(token.length > MAX_WORD_LENGTH ? token.slice(0, MAX_WORD_LENGTH) : token);
  }
  // A token that is a prefix of another adds no constraint beyond it ("jo jones" == "jones").
  const list = [...tokens];
  return list.filter((t) => !list.some((other) => other !== t && other.startsWith(t)));
}

function locationText(location: Person['location']): string[] {
  if (!location) return [];
  return [location.city, location.state, location.country, location.countryCode].filter((s): s is string => !!s);
}

export function personWords(p: Partial<Person>): string[] {
  const out = new Set<string>();
  addTextWords(p.firstName, out);
  addTextWords(p.lastName, out);
  // The usual full name is the first and last names' words again: worked out (and cached, where
  // each one is new and would push the names that repeat out of the cache) only when it says more.
  if (p.fullName !== `${p.firstName} ${p.lastName}`) addTextWords(p.fullName, out);
  addTextWords(p.title, out);
  addTextWords(p.organization?.name, out);
  addDomainWords(p.organization?.domain, out);
  for (const e of p.emails ?? []) addEmailWords(e.address, out);
  for (const part of locationText(p.location)) addTextWords(part, out);
  return [...out];
}

export function organizationWords(o: Partial<Organization>): string[] {
  const out = new Set<string>();
  addTextWords(o.name, out);
  addDomainWords(o.domain, out);
  if (o.websiteUrl) addDomainWords(o.websiteUrl, out);
  addTextWords(o.industry, out);
  for (const part of locationText(o.location)) addTextWords(part, out);
  return [...out];
}

/** What a record's words would have to satisfy for a query: every token a prefix of one word. */
export function wordsMatchTokens(words: readonly string[], tokens: readonly string[]): boolean {
  return tokens.every((t) => words.some((w) => w.startsWith(t)));
}
