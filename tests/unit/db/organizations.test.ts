import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { JobPosting, Organization } from '../../../shared/domain';
import { db } from '../../../renderer/src/db/schema';
import { getOrganization, peopleOfOrganization, upsertOrganizations } from '../../../renderer/src/db/organizations';
import { upsertPeople } from '../../../renderer/src/db/people';
import { jobPostingsOf, saveJobPostings } from '../../../renderer/src/db/jobPostings';
import { addToList, createList, listMemberships } from '../../../renderer/src/db/lists';
import { FETCHED_AT, resetDb, sampleOrganizations, samplePeople } from './fixtures';

beforeEach(resetDb);

function posting(orgId: string, n: number, postedAt: string): JobPosting {
  return {
    id: `sample:job-${orgId}-${n}`,
    organizationId: orgId,
    provider: 'sample',
    title: `Role ${n}`,
    postedAt,
    fetchedAt: FETCHED_AT,
  };
}

describe('organizations', () => {
  it('upserts organizations by domain and provider id, one row each, in input order', async () => {
    const orgs = sampleOrganizations(20);
    const stored = await upsertOrganizations(orgs);
    expect(stored.map((o) => o.id)).toEqual(orgs.map((o) => o.id));
    expect(await db().organizations.count()).toBe(20);
    const apolloView: Organization = {
      id: 'apollo:ap-org-0',
      providerIds: { apollo: 'ap-org-0' },
      name: orgs[0]!.name,
      domain: `https://www.${orgs[0]!.domain}/about`,
      keywords: [],
      technologies: [],
      employeeCount: 12345,
      provenance: { employeeCount: { provider: 'apollo', fetchedAt: '2026-10-20T00:00:00.000Z' } },
    };
    const [merged] = await upsertOrganizations([apolloView]);
    expect(merged!.id).toBe(orgs[0]!.id);
    expect(merged!.providerIds).toEqual({ sample: orgs[0]!.providerIds.sample, apollo: 'ap-org-0' });
    expect(merged!.employeeCount).toBe(12345);
    expect(merged!.industry).toBe(orgs[0]!.industry);
    expect(await db().organizations.count()).toBe(20);
  });

  it("a full organization record fills the minimal row a person's save created", async () => {
    const [person] = samplePeople(1);
    const [saved] = await upsertPeople([person!]);
    const minimal = (await getOrganization(saved!.organizationId!))!;
    expect(minimal.industry).toBeUndefined();
    const full = sampleOrganizations(500).find((o) => o.domain === person!.organization!.domain)!;
    const [stored] = await upsertOrganizations([full]);
    expect(stored!.id).toBe(minimal.id);
    expect(stored!.industry).toBe(full.industry);
    expect(stored!.savedAt).toBe(minimal.savedAt);
    expect((await peopleOfOrganization(stored!.id)).map((p) => p.id)).toEqual([saved!.id]);
  });

  it('merging two organization rows moves their people, job postings and list memberships to the survivor', async () => {
    // A person whose company is known only by an Apollo id creates a minimal row keyed by that id.
    const [person] = samplePeople(1);
    const [saved] = await upsertPeople([
      { ...person!, organization: { name: 'Initech', providerIds: { apollo: 'ini-1' } } },
    ]);
    expect(saved!.organizationId).toBe('apollo:ini-1');
    const [byDomain] = await upsertOrganizations([
      {
        id: 'domain:initech.example',
        providerIds: { ocean: 'oc-ini' },
        name: 'Initech',
        domain: 'initech.example',
        keywords: [],
        technologies: [],
        provenance: {},
      },
    ]);
    await saveJobPostings('apollo:ini-1', [posting('apollo:ini-1', 1, '2026-09-01T00:00:00.000Z')]);
    const list = await createList('Accounts', 'organizations');
    await addToList(list.id, ['apollo:ini-1']);
    expect(await db().organizations.count()).toBe(2);

    // One record carrying both keys links them.
    const [linked] = await upsertOrganizations([
      {
        id: 'domain:initech.example',
        providerIds: { apollo: 'ini-1' },
        domain: 'initech.example',
        keywords: [],
        technologies: [],
        provenance: {},
      },
    ]);
    expect(await db().organizations.count()).toBe(1);
    const survivor = linked!.id;
    expect([byDomain!.id, 'apollo:ini-1']).toContain(survivor);
    expect(linked!.providerIds).toEqual({ apollo: 'ini-1', ocean: 'oc-ini' });
    expect((await peopleOfOrganization(survivor)).map((p) => p.id)).toEqual([saved!.id]);
    expect((await jobPostingsOf(survivor)).map((j) => j.title)).toEqual(['Role 1']);
    expect((await listMemberships(list.id)).map((m) => m.memberId)).toEqual([survivor]);
    expect((await getOrganization('apollo:ini-1'))!.id).toBe(survivor);
    expect((await getOrganization('domain:initech.example'))!.id).toBe(survivor);
  });
});

describe('job postings', () => {
  it("saving replaces the organization's previous postings and stamps jobPostingsFetchedAt; others are untouched", async () => {
    const [a, b] = await upsertOrganizations(sampleOrganizations(2));
    await saveJobPostings(
      a!.id,
      [posting(a!.id, 1, '2026-08-01T00:00:00.000Z'), posting(a!.id, 2, '2026-09-01T00:00:00.000Z')],
      '2026-10-01T00:00:00.000Z',
    );
    await saveJobPostings(b!.id, [posting(b!.id, 9, '2026-08-01T00:00:00.000Z')]);
    expect((await jobPostingsOf(a!.id)).map((j) => j.title)).toEqual(['Role 2', 'Role 1']);

    // The second fetch has one old posting gone and a new one; a posting arriving with a wrong org id is re-homed.
    await saveJobPostings(
      a!.id,
      [posting(a!.id, 2, '2026-09-01T00:00:00.000Z'), { ...posting('elsewhere', 3, '2026-10-10T00:00:00.000Z') }],
      '2026-11-01T00:00:00.000Z',
    );
    const now = await jobPostingsOf(a!.id);
    expect(now.map((j) => j.title)).toEqual(['Role 3', 'Role 2']);
    expect(now.every((j) => j.organizationId === a!.id)).toBe(true);
    expect((await getOrganization(a!.id))!.jobPostingsFetchedAt).toBe('2026-11-01T00:00:00.000Z');
    expect((await jobPostingsOf(b!.id)).map((j) => j.title)).toEqual(['Role 9']);

    await saveJobPostings(a!.id, []);
    expect(await jobPostingsOf(a!.id)).toEqual([]);
    expect(await db().jobPostings.count()).toBe(1);
  });
});
