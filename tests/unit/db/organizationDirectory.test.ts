import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Organization, Person } from '../../../shared/domain';
import { DB_NAME, db, ProspectDb, setDb } from '../../../renderer/src/db/schema';
import { getOrganization, upsertOrganizations } from '../../../renderer/src/db/organizations';
import { peopleWriteTables, upsertPeople } from '../../../renderer/src/db/people';
import { resetDb, samplePeople } from './fixtures';

beforeEach(resetDb);
afterEach(() => vi.restoreAllMocks());

const at = (p: Person, organization: Person['organization']): Person => ({ ...p, organization });
/** A company saved by its domain, before any person names it. */
const initechByDomain: Organization = {
  id: 'domain:initech.example',
  name: 'Initech',
  domain: 'initech.example',
  providerIds: {},
  keywords: [],
  technologies: [],
  provenance: {},
};
const tick = () => new Promise((r) => setTimeout(r, 5));

/** Company rows read while `fn` runs (by id or through the keys index). */
async function companyReads(fn: () => Promise<unknown>): Promise<number> {
  const table = db().organizations;
  const bulkGet = vi.spyOn(table, 'bulkGet');
  const where = vi.spyOn(table, 'where');
  await fn();
  const n = bulkGet.mock.calls.length + where.mock.calls.length;
  bulkGet.mockRestore();
  where.mockRestore();
  return n;
}

describe('organization directory', () => {
  it('people saved at companies already known (with nothing new about them) read no company row', async () => {
    const people = samplePeople(60);
    const first = await upsertPeople(people.slice(0, 30));
    const companyOf = new Map(people.slice(0, 30).map((p, i) => [p.organization!.domain, first[i]!.organizationId]));
    const known = people.slice(30).filter((p) => companyOf.has(p.organization!.domain));
    expect(known.length).toBeGreaterThan(3);

    let second: Awaited<ReturnType<typeof upsertPeople>> = [];
    expect(await companyReads(async () => (second = await upsertPeople(known)))).toBe(0);
    known.forEach((p, i) => expect(second[i]!.organizationId).toBe(companyOf.get(p.organization!.domain)));
  });

  it('a reference that brings something the row lacks is read, and fills the gap', async () => {
    const [a, b] = samplePeople(2);
    const [saved] = await upsertPeople([at(a!, { name: 'Initech', domain: 'initech.example', providerIds: {} })]);
    expect((await getOrganization(saved!.organizationId!))!.industry).toBeUndefined();
    const richer = at(b!, { domain: 'initech.example', providerIds: { apollo: 'ini-1' }, industry: 'Software' });
    let again: Awaited<ReturnType<typeof upsertPeople>> = [];
    expect(await companyReads(async () => (again = await upsertPeople([richer])))).toBeGreaterThan(0);
    expect(again[0]!.organizationId).toBe(saved!.organizationId);
    const row = (await getOrganization(saved!.organizationId!))!;
    expect(row.industry).toBe('Software');
    expect(row.providerIds).toEqual({ apollo: 'ini-1' });
  });

  it('a merge made by another window is seen: people saved later point to the surviving row', async () => {
    const [a, b] = samplePeople(2);
    // The domain row is the older one, so it survives the merge and the Apollo-keyed row goes.
    const [byDomain] = await upsertOrganizations([initechByDomain]);
    await tick();
    const [first] = await upsertPeople([at(a!, { name: 'Initech', providerIds: { apollo: 'ini-1' } })]);
    expect(first!.organizationId).toBe('apollo:ini-1');

    const otherWindow = new ProspectDb(DB_NAME);
    await otherWindow.transaction('rw', otherWindow.organizations, async () => {
      // What upsertOrganizations in that window does, written with its own connection.
      await otherWindow.organizations.delete('apollo:ini-1');
      await otherWindow.organizations.put({
        ...(await otherWindow.organizations.get(byDomain!.id))!,
        providerIds: { apollo: 'ini-1' },
        keys: ['domain:initech.example', 'apollo:ini-1', 'domain:initech.example'],
      });
    });
    await otherWindow.transaction('rw', otherWindow.meta, () =>
      otherWindow.meta.put({ key: 'organizations', value: 'changed-elsewhere' }),
    );
    otherWindow.close();

    const [later] = await upsertPeople([at(b!, { name: 'Initech', providerIds: { apollo: 'ini-1' } })]);
    expect(later!.organizationId).toBe(byDomain!.id);
  });

  it("this window's own merge is seen too", async () => {
    const [a, b] = samplePeople(2);
    await upsertOrganizations([initechByDomain]);
    await tick();
    await upsertPeople([at(a!, { name: 'Initech', providerIds: { apollo: 'ini-1' } })]);
    const [linked] = await upsertOrganizations([
      {
        id: 'domain:initech.example',
        domain: 'initech.example',
        providerIds: { apollo: 'ini-1' },
        keywords: [],
        technologies: [],
        provenance: {},
      },
    ]);
    expect(linked!.id).toBe('domain:initech.example');
    expect(await db().organizations.get('apollo:ini-1')).toBeUndefined();
    const [later] = await upsertPeople([at(b!, { name: 'Initech', providerIds: { apollo: 'ini-1' } })]);
    expect(later!.organizationId).toBe('domain:initech.example');
  });

  it('a save that rolls back teaches nothing: the company is created by the next save', async () => {
    const [a, b, c] = samplePeople(3);
    const ref = { name: 'Globex', domain: 'globex.example', providerIds: {} };
    const d = db();
    await upsertPeople([c!]);
    const before = await d.organizations.count();
    await expect(
      d.transaction('rw', peopleWriteTables(d), async () => {
        await upsertPeople([at(a!, ref)]);
        throw new Error('the caller failed after the save');
      }),
    ).rejects.toThrow('the caller failed');
    expect(await d.organizations.count()).toBe(before);
    const [saved] = await upsertPeople([at(b!, ref)]);
    expect(await getOrganization(saved!.organizationId!)).toBeDefined();
  });

  describe('once it holds every company (complete)', () => {
    const globex = { name: 'Globex', domain: 'globex.example', providerIds: {} };
    const companiesAt = async (domain: string) =>
      (await db().organizations.toArray()).filter((o) => o.keys.includes(`domain:${domain}`));

    it('a first save into an empty table creates its companies without reading any', async () => {
      const people = samplePeople(40);
      let saved: Awaited<ReturnType<typeof upsertPeople>> = [];
      expect(await companyReads(async () => (saved = await upsertPeople(people)))).toBe(0);
      const domains = new Set(people.map((p) => p.organization!.domain));
      expect(await db().organizations.count()).toBe(domains.size);
      for (const [i, p] of people.entries())
        expect((await getOrganization(saved[i]!.organizationId!))!.domain).toBe(p.organization!.domain);
    });

    it('a company saved from a company search afterwards is the one people point to, not a twin', async () => {
      const [a, b] = samplePeople(2);
      await upsertPeople([a!]);
      const [initech] = await upsertOrganizations([initechByDomain]);
      const [later] = await upsertPeople([at(b!, { name: 'Initech', domain: 'initech.example', providerIds: {} })]);
      expect(later!.organizationId).toBe(initech!.id);
      expect(await companiesAt('initech.example')).toMatchObject([{ keywords: [], provenance: {} }]);
      expect((await companiesAt('initech.example'))[0]!.savedAt).toBe(initech!.savedAt);
    });

    it("another window's new company is seen: its write changed the stamp", async () => {
      const [a, b] = samplePeople(2);
      await upsertPeople([a!]);
      const otherWindow = new ProspectDb(DB_NAME);
      const thisWindow = setDb(otherWindow);
      try {
        await upsertOrganizations([{ ...initechByDomain, industry: 'Paper', employeeCount: 120 }]);
      } finally {
        setDb(thisWindow);
        otherWindow.close();
      }
      const [later] = await upsertPeople([at(b!, { name: 'Initech', domain: 'initech.example', providerIds: {} })]);
      expect(later!.organizationId).toBe(initechByDomain.id);
      // Read and filled, not made again over the other window's row.
      expect(await companiesAt('initech.example')).toMatchObject([{ industry: 'Paper', employeeCount: 120 }]);
    });

    it('two saves in one transaction naming the same new company make one row', async () => {
      const [a, b, c] = samplePeople(3);
      await upsertPeople([c!]);
      const d = db();
      const [first, second] = await d.transaction('rw', peopleWriteTables(d), async () => [
        ...(await upsertPeople([at(a!, globex)])),
        ...(await upsertPeople([at(b!, { ...globex, providerIds: { apollo: 'glx-1' } })])),
      ]);
      expect(second!.organizationId).toBe(first!.organizationId);
      expect(await companiesAt('globex.example')).toHaveLength(1);
      expect((await getOrganization(first!.organizationId!))!.providerIds).toEqual({ apollo: 'glx-1' });
    });

    it('a save that rolls back leaves no company behind in the directory', async () => {
      const [a, b, c] = samplePeople(3);
      await upsertPeople([c!]);
      const d = db();
      await expect(
        d.transaction('rw', peopleWriteTables(d), async () => {
          await upsertPeople([at(a!, globex)]);
          throw new Error('the caller failed after the save');
        }),
      ).rejects.toThrow('the caller failed');
      const [saved] = await upsertPeople([at(b!, globex)]);
      expect(await getOrganization(saved!.organizationId!)).toMatchObject({ domain: 'globex.example' });
    });
  });
});
