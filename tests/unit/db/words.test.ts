import { describe, expect, it } from 'vitest';
import { organizationWords, personWords, queryTokens, wordsMatchTokens } from '../../../renderer/src/db/words';
import { longestWords } from '../../../renderer/src/db/peopleIndexEntries';

describe('words', () => {
  const words = personWords({
    firstName: 'Zoë',
    lastName: "O'Neil-Ångström",
    title: 'Head of R&D',
    emails: [{ address: 'Zoe.Oneil@Example.co.uk', status: 'verified', kind: 'work' }],
    organization: { name: 'Acme Rockets', domain: 'www.acme-rockets.io', providerIds: {} },
    location: { city: 'São Paulo', countryCode: 'BR', country: 'Brazil' },
  });

  it('indexes lower-cased, accent-folded words of name, title, company, email, domain and place', () => {
    for (const w of [
      'zoe',
      "o'neil-angstrom",
      'o',
      'neil',
      'angstrom',
      'oneilangstrom',
      'head',
      'r&d',
      'rd',
      'acme',
      'rockets',
    ])
      expect(words).toContain(w);
    for (const w of ['zoe.oneil@example.co.uk', 'zoe.oneil', 'zoeoneil', 'example.co.uk', 'example'])
      expect(words).toContain(w);
    for (const w of ['acme-rockets.io', 'acme-rockets', 'acmerockets', 'sao', 'paulo', 'br', 'brazil'])
      expect(words).toContain(w);
    // Nothing a rep would type: the www prefix, a top-level label, joined whole hosts or addresses.
    for (const w of ['www', 'uk', 'io', 'acmerocketsio', 'zoeoneilexamplecouk']) expect(words).not.toContain(w);
    expect(new Set(words).size).toBe(words.length);
  });

  it('turns query text into prefix tokens, dropping edge punctuation and tokens implied by longer ones', () => {
    expect(queryTokens('  Zoë,  (ACME)  ')).toEqual(['zoe', 'acme']);
    expect(queryTokens('ac acme')).toEqual(['acme']);
    expect(queryTokens('---')).toEqual([]);
    expect(wordsMatchTokens(words, queryTokens('zo rock exam'))).toBe(true);
    expect(wordsMatchTokens(words, queryTokens('zo rock mars'))).toBe(false);
  });

  it('indexes organizations by name, domain, website, industry and place', () => {
    const o = organizationWords({
      name: 'Initech GmbH',
      domain: 'initech.de',
      websiteUrl: 'https://www.initech.de/about',
      industry: 'Computer Software',
      location: { city: 'München', countryCode: 'DE' },
    });
    for (const w of ['initech', 'gmbh', 'initech.de', 'computer', 'software', 'munchen', 'de']) expect(o).toContain(w);
  });

  it('the index keeps only the words no other word starts with, and matches the same tokens', () => {
    const kept = longestWords(words);
    expect(kept.length).toBeLessThan(words.length);
    expect(kept).toContain('zoe.oneil@example.co.uk');
    expect(kept).not.toContain('zoe'); // "zoe.oneil@…" starts with it
    for (const w of kept) expect(words).toContain(w);
    for (const w of words) expect(kept.some((k) => k.startsWith(w))).toBe(true);
    for (const token of ['z', 'zo', 'zoe.', 'acme', 'acme-r', 'sao', 'neil', 'br', 'x', 'zoey'])
      expect(wordsMatchTokens(kept, [token])).toBe(wordsMatchTokens(words, [token]));
  });
});
