/**
 * Prefix posting lists against a brute-force reading of the same texts: a list always holds every
 * entry with a word starting with the token, in ascending order, and holds nothing else when it
 * says it is exact, which it does for every token of up to four characters.
 */
import { Faker, en } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { buildPrefixPostings, postingsFor } from '../../../renderer/src/db/prefixPostings';

function texts(count: number): string[] {
  const faker = new Faker({ locale: [en] });
  faker.seed(13);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const words = [
      faker.person.firstName(),
      faker.person.lastName(),
      faker.company.name(),
      faker.person.jobTitle(),
      faker.helpers.arrayElement(['zoë', 'çà', 'ñu', 'o’hara', 'ß', '東京', 'x']),
      String(faker.number.int(999)),
    ].flatMap((w) => w.toLowerCase().split(/\s+/));
    out.push(` ${words.join(' ')}`);
  }
  return out;
}

const holders = (all: readonly string[], token: string) =>
  all.flatMap((text, i) => (text.includes(` ${token}`) ? [i] : []));

describe('prefix posting lists', () => {
  it('list every entry holding the prefix, ascending; exact lists hold nothing else', () => {
    const all = texts(3000);
    const postings = buildPrefixPostings(all);
    const tokens = new Set<string>(['a', 'z', 'ma', 'ch', 'zoë', 'ç', 'o’h', '東', '9', 'qqq', 'é']);
    for (const text of all.slice(0, 300))
      for (const word of text.trim().split(' ')) for (let l = 1; l <= 5; l++) tokens.add(word.slice(0, l));
    for (const token of tokens) {
      const want = holders(all, token);
      const { list, exact } = postingsFor(postings, token);
      const got = [...list];
      expect(got).toEqual([...got].sort((a, b) => a - b));
      expect(new Set(got).size).toBe(got.length);
      const listed = new Set(got);
      expect(want.filter((i) => !listed.has(i))).toEqual([]);
      expect({ token, exact }).toEqual({ token, exact: token.length <= 4 || want.length === 0 });
      if (exact) expect({ token, got }).toEqual({ token, got: want });
    }
  });

  it('keep prefixes apart when the table grows past thousands of them', () => {
    // Every three-letter start over 26 letters: some 36,000 distinct prefixes, the table doubles several times.
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const all: string[] = [];
    for (const a of letters)
      for (const b of letters)
        for (const c of letters)
          all.push(` ${a}${b}${c}${letters[(a.charCodeAt(0) * b.charCodeAt(0) + c.charCodeAt(0)) % 26]}x ${b}${a}`);
    const postings = buildPrefixPostings(all);
    for (const token of ['a', 'zz', 'mn', 'abb', 'abbq', 'qqqq', 'abcdx', 'zyxw', 'ba', 'q']) {
      const { list, exact } = postingsFor(postings, token);
      if (exact) expect({ token, got: [...list] }).toEqual({ token, got: holders(all, token) });
      else expect(holders(all, token).every((i) => list.includes(i))).toBe(true);
    }
  });

  it('an empty index lists nothing', () => {
    const { list } = postingsFor(buildPrefixPostings([]), 'a');
    expect(list.length).toBe(0);
  });
});
