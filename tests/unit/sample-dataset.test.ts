import { createHash } from 'node:crypto';
import { isValidPhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEPARTMENTS, EMPLOYEE_RANGES, SENIORITIES } from '../../shared/domain';
import { normalizeDomain, normalizeEmail, normalizeLinkedinUrl } from '../../shared/identity';
import {
  SAMPLE_REFERENCE_DATE,
  SAMPLE_SEED,
  asciiFold,
  generateSampleDataset,
  getSampleDataset,
  sampleLinkedinUrl,
} from '../../main/providers/sample/dataset';
import type { SampleDataset } from '../../main/providers/sample/dataset-types';

const hashOf = (ds: SampleDataset) => createHash('sha256').update(JSON.stringify(ds)).digest('hex');

const ds = getSampleDataset();
const orgById = new Map(ds.organizations.map((o) => [o.id, o]));
const personById = new Map(ds.people.map((p) => [p.id, p]));
const rank = (s: string) => SENIORITIES.indexOf(s as (typeof SENIORITIES)[number]);

function expectUnique(values: string[]) {
  const seen = new Set<string>();
  const dupes = values.filter((v) => (seen.has(v) ? true : (seen.add(v), false)));
  expect(dupes).toEqual([]);
}

describe('sample dataset: determinism', () => {
  afterEach(() => vi.useRealTimers());

  it('generates the same data twice, and memoizes', () => {
    expect(hashOf(generateSampleDataset())).toBe(hashOf(generateSampleDataset()));
    expect(hashOf(generateSampleDataset())).toBe(hashOf(ds));
    expect(getSampleDataset()).toBe(ds);
  });

  it('does not depend on the clock', () => {
    const before = hashOf(generateSampleDataset());
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-02-03T04:05:06Z'));
    expect(hashOf(generateSampleDataset())).toBe(before);
  });

  it('uses its seed', () => {
    expect(ds.seed).toBe(SAMPLE_SEED);
    const other = generateSampleDataset(SAMPLE_SEED + 1);
    expect(other.seed).toBe(SAMPLE_SEED + 1);
    expect(hashOf(other)).not.toBe(hashOf(ds));
  });

  it('matches the pinned fingerprint (a change here moves every simulator answer: update deliberately)', () => {
    // Pinned so that a faker upgrade or a reordered draw, which silently changes the data every
    // simulator and test is built on, shows up as one failing test rather than many confusing ones.
    expect({
      org1: [ds.organizations[0]!.name, ds.organizations[0]!.domain, ds.organizations[0]!.employeeCount],
      person1: [ds.people[0]!.firstName, ds.people[0]!.lastName, ds.people[0]!.title],
      lastPerson: ds.people[ds.people.length - 1]!.linkedinHandle,
      jobs: ds.jobPostings.length,
      sha256: hashOf(ds),
    }).toMatchInlineSnapshot(`
      {
        "jobs": 2555,
        "lastPerson": "caleb-schmidt-3d9fbb",
        "org1": [
          "Polarstone Agency",
          "polarstone.com",
          143,
        ],
        "person1": [
          "Jacqueline",
          "Bruen",
          "Chief Executive Officer",
        ],
        "sha256": "099c862d018e280ec2e71da8f8561217ecc3bb8d392cb50441fd00c393ec5513",
      }
    `);
  });
});

describe('sample dataset: shape', () => {
  it('has 500 organizations, 5,000 people and job postings', () => {
    expect(ds.organizations.length).toBeGreaterThanOrEqual(500);
    expect(ds.people.length).toBeGreaterThanOrEqual(5000);
    expect(ds.jobPostings.length).toBeGreaterThan(500);
  });

  it('keeps ids, domains, names, emails, handles and phones unique', () => {
    expectUnique(ds.organizations.map((o) => o.id));
    expectUnique(ds.organizations.map((o) => o.domain));
    expectUnique(ds.organizations.map((o) => o.name));
    expectUnique(ds.organizations.map((o) => o.linkedinUrl));
    expectUnique(ds.people.map((p) => p.id));
    expectUnique(ds.people.map((p) => p.linkedinHandle));
    expectUnique(ds.people.flatMap((p) => [p.email, p.personalEmail]).filter((e): e is string => !!e));
    expectUnique(ds.people.map((p) => p.phone).filter((e): e is string => !!e));
    expectUnique(ds.jobPostings.map((j) => j.id));
  });

  it('gives organizations consistent, normalised fields', () => {
    const regions = new Intl.DisplayNames(['en'], { type: 'region' });
    const countries = new Set<string>();
    for (const o of ds.organizations) {
      expect(normalizeDomain(o.domain)).toBe(o.domain);
      expect(o.linkedinUrl).toMatch(/^https:\/\/www\.linkedin\.com\/company\/[a-z0-9-]+$/);
      const [min, max] = o.employeeRange === '10001+' ? [10001, Infinity] : o.employeeRange.split('-').map(Number);
      expect(o.employeeCount).toBeGreaterThanOrEqual(min!);
      expect(o.employeeCount).toBeLessThanOrEqual(max!);
      expect(EMPLOYEE_RANGES).toContain(o.employeeRange);
      expect(o.countryCode).toMatch(/^[A-Z]{2}$/);
      expect(o.country).toBe(regions.of(o.countryCode));
      expect(o.foundedYear).toBeGreaterThan(1900);
      expect(o.foundedYear).toBeLessThanOrEqual(2026);
      expect(isValidPhoneNumber(o.phone)).toBe(true);
      expect(parsePhoneNumberFromString(o.phone)!.country).toBe(o.countryCode);
      expect(o.keywords.length).toBeGreaterThanOrEqual(3);
      expect(o.technologies.length).toBeGreaterThanOrEqual(3);
      expect(new Set(o.technologies).size).toBe(o.technologies.length);
      countries.add(o.countryCode);
    }
    expect([...countries].sort()).toEqual(['AU', 'BR', 'CA', 'DE', 'FR', 'GB', 'IN', 'NL', 'SE', 'US']);
    const us = ds.organizations.filter((o) => o.countryCode === 'US').length;
    expect(us).toBeGreaterThan(ds.organizations.length * 0.25);
    const technologies = new Set(ds.organizations.flatMap((o) => o.technologies));
    for (const t of ['Salesforce', 'HubSpot', 'Snowflake', 'AWS', 'React']) expect(technologies).toContain(t);
  });

  it('gives people work emails at their organization, in first.last or flast form', () => {
    let withEmail = 0;
    let personal = 0;
    for (const p of ds.people) {
      const org = orgById.get(p.organizationId)!;
      expect(p.emailStatus === 'unavailable').toBe(!p.email);
      if (p.email) {
        withEmail++;
        expect(normalizeEmail(p.email)).toBe(p.email);
        const [local, domain] = p.email.split('@');
        expect(domain).toBe(org.domain);
        const first = asciiFold(p.firstName);
        const last = asciiFold(p.lastName);
        expect([`${first}.${last}`, `${first[0]}${last}`]).toContain(local!.replace(/\d+$/, ''));
      }
      if (p.personalEmail) {
        personal++;
        expect(normalizeEmail(p.personalEmail)).toBe(p.personalEmail);
        expect(p.personalEmail.split('@')[1]).not.toBe(org.domain);
      }
    }
    const missing = 1 - withEmail / ds.people.length;
    expect(missing).toBeGreaterThan(0.1);
    expect(missing).toBeLessThan(0.2);
    expect(personal).toBeGreaterThan(0);
  });

  it('gives about 60% of people a valid E.164 phone in their country', () => {
    const phones = ds.people.filter((p) => p.phone);
    expect(phones.length / ds.people.length).toBeGreaterThan(0.5);
    expect(phones.length / ds.people.length).toBeLessThan(0.7);
    for (const p of phones) {
      expect(p.phone).toMatch(/^\+[1-9]\d{6,14}$/);
      expect(isValidPhoneNumber(p.phone!)).toBe(true);
      expect(parsePhoneNumberFromString(p.phone!)!.country).toBe(p.countryCode);
    }
  });

  it('gives people normalised LinkedIn handles and country names that match their codes', () => {
    const regions = new Intl.DisplayNames(['en'], { type: 'region' });
    for (const p of ds.people) {
      expect(p.linkedinHandle).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(normalizeLinkedinUrl(sampleLinkedinUrl(p.linkedinHandle))).toBe(sampleLinkedinUrl(p.linkedinHandle));
      expect(p.country).toBe(regions.of(p.countryCode));
      expect(p.startedRoleAt).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
      expect(p.startedRoleAt <= SAMPLE_REFERENCE_DATE.slice(0, 7)).toBe(true);
      expect(Number(p.startedRoleAt.slice(0, 4))).toBeGreaterThanOrEqual(orgById.get(p.organizationId)!.foundedYear);
    }
  });

  it('gives titles consistent with seniority and canonical departments', () => {
    const titleRule: Record<string, RegExp> = {
      owner: /^Owner$/,
      founder: /Founder/,
      c_suite: /Chief|CEO/,
      vp: /^(VP|Vice President)\b/,
      head: /^Head of /,
      director: /Director of /,
      manager: /Manager$/,
      senior: /^(Senior|Staff|Lead) /,
      intern: / Intern$/,
    };
    const seniorities = new Set<string>();
    for (const p of ds.people) {
      seniorities.add(p.seniority);
      if (p.seniority === 'entry') expect(p.title).not.toMatch(/Senior|Manager|Director|VP|Chief|Head|Intern|Founder/);
      else expect(p.title).toMatch(titleRule[p.seniority]!);
      expect(p.departments.length).toBeGreaterThan(0);
      for (const d of p.departments) expect(DEPARTMENTS).toContain(d);
    }
    for (const s of ['founder', 'c_suite', 'vp', 'head', 'director', 'manager', 'senior', 'entry', 'intern'])
      expect(seniorities).toContain(s);
  });

  it('organises each organization as one management tree, bosses senior to their reports', () => {
    const byOrg = new Map<string, string[]>();
    for (const p of ds.people) byOrg.set(p.organizationId, [...(byOrg.get(p.organizationId) ?? []), p.id]);
    expect(byOrg.size).toBe(ds.organizations.length);
    for (const [orgId, ids] of byOrg) {
      expect(ids.length).toBeGreaterThanOrEqual(3);
      expect(ids.length).toBeLessThanOrEqual(Math.min(20, orgById.get(orgId)!.employeeCount));
      const roots = ids.filter((id) => !personById.get(id)!.managerId);
      expect(roots).toHaveLength(1);
      for (const id of ids) {
        // walking up always ends at the root, inside the organization, without a cycle
        const seen = new Set<string>();
        let current = personById.get(id)!;
        while (current.managerId) {
          expect(seen.has(current.id)).toBe(false);
          seen.add(current.id);
          const boss = personById.get(current.managerId)!;
          expect(boss.organizationId).toBe(orgId);
          // the top person may lead fellow executives of the same rank (a CEO and a CFO are both c_suite)
          if (boss.managerId) expect(rank(boss.seniority)).toBeLessThan(rank(current.seniority));
          else expect(rank(boss.seniority)).toBeLessThanOrEqual(rank(current.seniority));
          current = boss;
        }
        expect(current.id).toBe(roots[0]);
      }
    }
    const mean = ds.people.length / ds.organizations.length;
    expect(mean).toBeGreaterThan(8);
    expect(mean).toBeLessThan(12);
  });

  it('gives organizations 0 to 15 job postings with ordered dates before the reference date', () => {
    const perOrg = new Map<string, number>();
    for (const j of ds.jobPostings) {
      const org = orgById.get(j.organizationId);
      expect(org).toBeDefined();
      perOrg.set(j.organizationId, (perOrg.get(j.organizationId) ?? 0) + 1);
      expect(j.countryCode).toBe(org!.countryCode);
      expect(new URL(j.url).protocol).toBe('https:');
      expect(Date.parse(j.postedAt)).toBeLessThanOrEqual(Date.parse(j.lastSeenAt));
      expect(Date.parse(j.lastSeenAt)).toBeLessThanOrEqual(Date.parse(SAMPLE_REFERENCE_DATE));
      expect(new Date(j.postedAt).toISOString()).toBe(j.postedAt);
    }
    for (const n of perOrg.values()) expect(n).toBeLessThanOrEqual(15);
    expect(ds.organizations.length - perOrg.size).toBeGreaterThan(0);
    expect(Math.max(...perOrg.values())).toBeGreaterThan(10);
  });
});
