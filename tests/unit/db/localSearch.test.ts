import 'fake-indexeddb/auto';
import { faker } from '@faker-js/faker';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../../shared/domain';
import { DEPARTMENTS, SENIORITIES } from '../../../shared/domain';
import {
  searchSavedOrganizations,
  searchSavedPeople,
  smallestAbove,
  type SavedPeopleQuery,
} from '../../../renderer/src/db/localSearch';
import { upsertPeople } from '../../../renderer/src/db/people';
import { upsertOrganizations } from '../../../renderer/src/db/organizations';
import { addToList, createList } from '../../../renderer/src/db/lists';
import { bruteForce, resetDb, sampleOrganizations, samplePeople, searchableForms, type BruteQuery } from './fixtures';

const PEOPLE = 1200;
let people: Person[];
let members: Set<string>;
let listId: string;

/** Hand-made people whose names exercise accents, apostrophes, hyphens and dotted emails. */
function tricky(): Person[] {
  const base = (): Pick<Person, 'providerIds' | 'phones' | 'provenance'> => ({
    providerIds: {},
    phones: [],
    provenance: {},
  });
  return [
    {
      ...base(),
      id: 'li:in/zoe-angstrom',
      firstName: 'Zoë',
      lastName: 'Ångström',
      fullName: 'Zoë Ångström',
      title: 'Directrice R&D',
      linkedinUrl: 'https://www.linkedin.com/in/zoe-angstrom',
      emails: [{ address: 'zoe.angstrom@kärnfull.se', status: 'verified', kind: 'work' }],
      organization: { name: 'Kärnfull Energi AB', domain: 'karnfull.se', providerIds: {} },
      location: { city: 'Göteborg', countryCode: 'SE', country: 'Sweden' },
      departments: ['engineering'],
      seniority: 'director',
    },
    {
      ...base(),
      id: 'li:in/sean-obrien',
      firstName: 'Seán',
      lastName: 'O’Brien',
      fullName: 'Seán O’Brien',
      title: 'VP, Sales & Partnerships',
      linkedinUrl: 'https://www.linkedin.com/in/sean-obrien',
      emails: [{ address: 'sean.obrien@smith-jones.co.uk', status: 'likely', kind: 'work' }],
      organization: { name: 'Smith-Jones Ltd.', domain: 'smith-jones.co.uk', providerIds: {} },
      location: { city: 'Dublin', countryCode: 'IE', country: 'Ireland' },
      departments: ['sales', 'business_development'],
      seniority: 'vp',
    },
  ];
}

/** The most frequent n-character word prefix in the data: a long, duplicate-rich words range. */
function commonPrefix(n: number): string {
  const freq = new Map<string, number>();
  for (const p of people)
    for (const f of new Set(
      searchableForms(p)
        .filter((w) => w.length >= n)
        .map((w) => w.slice(0, n)),
    ))
      freq.set(f, (freq.get(f) ?? 0) + 1);
  return [...freq.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

async function allPages(q: SavedPeopleQuery, pageSize: number): Promise<{ ids: string[]; totals: number[] }> {
  const ids: string[] = [];
  const totals: number[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = await searchSavedPeople({ ...q, limit: pageSize, ...(after ? { after } : {}) });
    ids.push(...page.people.map((p) => p.id));
    totals.push(page.total);
    if (!page.nextAfter) break;
    after = page.nextAfter;
  }
  return { ids, totals };
}

/** Random queries drawn from the data itself: prefixes of real words, 1 to 3 tokens, with random filters. */
function randomQueries(count: number): (SavedPeopleQuery & BruteQuery)[] {
  faker.seed(424242);
  const queries: (SavedPeopleQuery & BruteQuery)[] = [];
  for (let i = 0; i < count; i++) {
    const tokens: string[] = [];
    const nTokens = faker.helpers.weightedArrayElement([
      { weight: 1, value: 0 },
      { weight: 4, value: 1 },
      { weight: 3, value: 2 },
      { weight: 1, value: 3 },
    ]);
    // Tokens from one person make multi-token matches likely; sometimes from two people (often no match).
    const owner = faker.helpers.arrayElement(people);
    for (let t = 0; t < nTokens; t++) {
      const from = t === 2 && faker.datatype.boolean() ? faker.helpers.arrayElement(people) : owner;
      const word = faker.helpers.arrayElement(searchableForms(from));
      tokens.push(word.slice(0, faker.number.int({ min: 1, max: Math.max(1, word.length) })));
    }
    const q: SavedPeopleQuery & BruteQuery = {};
    if (tokens.length)
      q.text = faker.helpers.arrayElement([
        tokens.join(' '),
        tokens.join('  ').toUpperCase(),
        ` ${tokens.join(', ')} `,
      ]);
    if (faker.number.int(4) === 0) q.seniorities = faker.helpers.arrayElements([...SENIORITIES], { min: 1, max: 3 });
    if (faker.number.int(4) === 0) q.departments = faker.helpers.arrayElements([...DEPARTMENTS], { min: 1, max: 2 });
    if (faker.number.int(4) === 0)
      q.countryCodes = faker.helpers.arrayElements(['US', 'GB', 'DE', 'FR', 'SE', 'IE', 'IN', 'BR'], {
        min: 1,
        max: 2,
      });
    if (faker.number.int(5) === 0) {
      q.listId = listId;
      q.members = members;
    }
    queries.push(q);
  }
  return queries;
}

beforeAll(async () => {
  await resetDb();
  people = [...samplePeople(PEOPLE), ...tricky()];
  const stored = await upsertPeople(people);
  // Compare on stored ids (the search returns stored rows).
  people = people.map((p, i) => ({ ...p, id: stored[i]!.id }));
  const list = await createList('Sampled', 'people');
  listId = list.id;
  faker.seed(7);
  members = new Set(faker.helpers.arrayElements(people, 200).map((p) => p.id));
  await addToList(listId, [...members]);
  await upsertOrganizations(sampleOrganizations(300));
}, 60_000);

describe('searchSavedPeople', () => {
  it('matches what a brute-force filter over the same data finds, for random prefix / multi-token / filter / list queries', async () => {
    const queries = randomQueries(70);
    let nonEmpty = 0;
    for (const q of queries) {
      const expected = bruteForce(people, q);
      const page = await searchSavedPeople({ ...q, limit: 25 });
      expect({ q: q.text, total: page.total }).toEqual({ q: q.text, total: expected.length });
      expect(page.people.map((p) => p.id)).toEqual(expected.slice(0, 25));
      expect(!!page.nextAfter).toBe(expected.length > 25);
      if (expected.length) nonEmpty++;
    }
    // The generator must actually exercise matches, not just empty answers.
    expect(nonEmpty).toBeGreaterThan(40);
  }, 60_000);

  it('pages with `after` through exactly the brute-force result set, with a stable total', async () => {
    const q = { text: people[0]!.organization!.name!.slice(0, 1) };
    const expected = bruteForce(people, q);
    expect(expected.length).toBeGreaterThan(30);
    const { ids, totals } = await allPages(q, 7);
    expect(ids).toEqual(expected);
    expect(new Set(totals)).toEqual(new Set([expected.length]));
    // Each kind of condition alone, and several values of one filter.
    const single: (SavedPeopleQuery & BruteQuery)[] = [
      { listId, members },
      { seniorities: ['manager'] },
      { departments: ['sales'] },
      { countryCodes: ['DE'] },
      { countryCodes: ['DE', 'US', 'SE'] },
      { seniorities: ['vp', 'manager'] },
      { text: 'ma' },
      { text: commonPrefix(4) },
    ];
    for (const q of single) {
      const want = bruteForce(people, q);
      expect(want.length).toBeGreaterThan(10);
      const got = await allPages(q, 9);
      expect(got.ids).toEqual(want);
      expect(new Set(got.totals)).toEqual(new Set([want.length]));
    }
    const twoTokens = { text: `${q.text} ${commonPrefix(1)}` };
    expect((await allPages(twoTokens, 7)).ids).toEqual(bruteForce(people, twoTokens));
    const { ids: everyone } = await allPages({}, 500);
    expect(everyone).toEqual(people.map((p) => p.id).sort());
  });

  it('folds accents and case, and finds names with apostrophes, hyphens, ampersands and email parts', async () => {
    const ids = async (text: string) => (await searchSavedPeople({ text })).people.map((p) => p.id);
    expect(await ids('zoe ANGST')).toEqual(['li:in/zoe-angstrom']);
    expect(await ids('göteb')).toEqual(['li:in/zoe-angstrom']);
    expect(await ids('r&d')).toEqual(['li:in/zoe-angstrom']);
    expect(await ids('zoe.angstrom@karn')).toEqual(['li:in/zoe-angstrom']);
    expect(await ids('karnfull.se')).toEqual(['li:in/zoe-angstrom']);
    expect(await ids("o'brien")).toEqual(['li:in/sean-obrien']);
    expect(await ids('obri sean')).toEqual(['li:in/sean-obrien']);
    expect(await ids('smith-jo')).toEqual(['li:in/sean-obrien']);
    expect(await ids('smithjones')).toEqual(['li:in/sean-obrien']);
    expect(await ids('sean.obrien@')).toEqual(['li:in/sean-obrien']);
    expect(await ids('partnerships, vp')).toEqual(['li:in/sean-obrien']);
    expect(await ids('zoe obrien')).toEqual([]);
  });

  it('combines filters and a list without text', async () => {
    const q: BruteQuery & SavedPeopleQuery = { seniorities: ['vp', 'director'], countryCodes: ['us'], listId, members };
    const expected = bruteForce(people, { ...q, countryCodes: ['US'] });
    const { ids } = await allPages(q, 1000);
    expect(ids).toEqual(expected);
    const list = await searchSavedPeople({ listId, limit: 1000 });
    expect(list.total).toBe(members.size);
  });

  it('returns nothing for a list that does not exist or a token nobody has', async () => {
    expect(await searchSavedPeople({ listId: 'missing' })).toEqual({ people: [], total: 0 });
    expect((await searchSavedPeople({ text: 'qqqqzzzz' })).total).toBe(0);
  });
});

describe('searchSavedOrganizations', () => {
  it('matches by name / domain prefix and filters by country and industry, like a brute-force filter', async () => {
    const orgs = sampleOrganizations(300);
    const target = orgs[17]!;
    const byDomain = await searchSavedOrganizations({ text: target.domain!.slice(0, target.domain!.indexOf('.') + 2) });
    expect(byDomain.organizations.map((o) => o.id)).toContain(target.id);
    const country = target.location!.countryCode!;
    const industry = target.industry!;
    const all = await searchSavedOrganizations({ countryCodes: [country], industries: [industry], limit: 1000 });
    // Rows created as minimal organizations by the people saves have neither country nor industry.
    const expected = orgs
      .filter((o) => o.location?.countryCode === country && o.industry === industry)
      .map((o) => o.id)
      .sort();
    expect(all.organizations.map((o) => o.id)).toEqual(expected);
    expect(all.total).toBe(expected.length);
    const withText = await searchSavedOrganizations({ text: target.name!.split(' ')[0]!, countryCodes: [country] });
    expect(withText.organizations.map((o) => o.id)).toContain(target.id);
    expect(withText.organizations.every((o) => o.location?.countryCode === country)).toBe(true);
  });
});

describe('smallestAbove', () => {
  it('selects the smallest ids above a cursor without sorting everything', () => {
    faker.seed(3);
    const ids = Array.from({ length: 500 }, () => faker.string.alphanumeric(8));
    const sorted = [...new Set(ids)].sort();
    expect(smallestAbove(ids, undefined, 10)).toEqual({ page: sorted.slice(0, 10), more: true });
    expect(smallestAbove(ids, sorted[100], 10)).toEqual({ page: sorted.slice(101, 111), more: true });
    expect(smallestAbove(ids, sorted[sorted.length - 3], 10)).toEqual({ page: sorted.slice(-2), more: false });
  });
});
