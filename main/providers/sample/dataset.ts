/**
 * The seeded synthetic dataset behind the `sample` provider and every simulator: 500 organizations,
 * 5,000 people and their job postings. Offline and deterministic: a dedicated faker instance per
 * locale, each with its own seed (the global faker is never touched), a fixed reference date instead
 * of the clock, and a fixed order of draws. Change the draw order and every simulator's answers move:
 * the determinism test pins a hash so such a change is deliberate.
 */
import { Faker, base, de, en, en_AU, en_CA, en_GB, en_IN, en_US, fr, nl, pt_BR, sv } from '@faker-js/faker';
import type { LocaleDefinition } from '@faker-js/faker';
import type { Seniority } from '../../../shared/domain';
import type { SampleDataset, SampleJobPosting, SampleOrganization, SamplePerson } from './dataset-types';
import {
  COMMON_TECHNOLOGIES,
  COUNTRIES,
  DEPARTMENT_TITLES,
  EMPLOYEE_BANDS,
  INDUSTRIES,
  NAME_STEMS,
  NAME_TAILS,
  PERSONAL_EMAIL_DOMAINS,
  type DepartmentTitles,
  type SampleCountry,
} from './vocab';

export const SAMPLE_SEED = 20261101;
/** Every date in the dataset is relative to this, so the data never shifts with the clock. */
export const SAMPLE_REFERENCE_DATE = '2026-11-01T00:00:00.000Z';
export const SAMPLE_ORGANIZATION_COUNT = 500;
export const SAMPLE_PEOPLE_COUNT = 5000;

const REFERENCE_MS = Date.parse(SAMPLE_REFERENCE_DATE);
const DAY_MS = 86_400_000;

/** Names drawn from the locale of the person's country, so a Munich office has German names. */
const LOCALE_BY_COUNTRY: Record<string, LocaleDefinition> = {
  US: en_US,
  GB: en_GB,
  DE: de,
  FR: fr,
  CA: en_CA,
  AU: en_AU,
  NL: nl,
  SE: sv,
  IN: en_IN,
  BR: pt_BR,
};

const SENIORITY_RANK: Record<Seniority, number> = {
  owner: 0,
  founder: 0,
  c_suite: 1,
  partner: 2,
  vp: 3,
  head: 4,
  director: 5,
  manager: 6,
  senior: 7,
  entry: 8,
  intern: 9,
};
const MANAGING: ReadonlySet<Seniority> = new Set([
  'owner',
  'founder',
  'c_suite',
  'partner',
  'vp',
  'head',
  'director',
  'manager',
]);

/** "Zoë O'Brien-Åberg" -> "zoeobrienaberg": what a mail server or a URL slug would carry. */
export function asciiFold(text: string): string {
  return text
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

function slugWords(text: string): string {
  return text
    .split(/[\s-]+/)
    .map(asciiFold)
    .filter(Boolean)
    .join('-');
}

class Rng {
  constructor(readonly faker: Faker) {}
  int(min: number, max: number): number {
    return this.faker.number.int({ min, max });
  }
  chance(p: number): boolean {
    return this.faker.number.float({ min: 0, max: 1 }) < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(0, xs.length - 1)]!;
  }
  weighted<T extends { weight: number }>(xs: readonly T[]): T {
    const total = xs.reduce((s, x) => s + x.weight, 0);
    let r = this.faker.number.float({ min: 0, max: total });
    for (const x of xs) {
      r -= x.weight;
      if (r < 0) return x;
    }
    return xs[xs.length - 1]!;
  }
  /** k distinct elements, order as drawn. */
  sample<T>(xs: readonly T[], k: number): T[] {
    const pool = [...xs];
    const out: T[] = [];
    while (out.length < k && pool.length) out.push(pool.splice(this.int(0, pool.length - 1), 1)[0]!);
    return out;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[this.int(0, 15)];
    return s;
  }
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function monthsBefore(months: number): string {
  const ref = new Date(REFERENCE_MS);
  const total = ref.getUTCFullYear() * 12 + ref.getUTCMonth() - months;
  return `${Math.floor(total / 12)}-${pad((total % 12) + 1, 2)}`;
}

function phoneIn(rng: Rng, country: SampleCountry, kind: 'landline' | 'mobile', areaCode?: string): string {
  const d = (n: number) => rng.digits(n);
  const pick = <T>(xs: readonly T[]) => rng.pick(xs);
  const national =
    kind === 'mobile'
      ? country.mobile(d, pick)
      : country.landline(areaCode ?? rng.pick(rng.pick(country.cities).areaCodes), d, pick);
  return `+${country.dialCode}${national}`;
}

interface OrgDraft {
  org: SampleOrganization;
  country: SampleCountry;
  emailPattern: 'first.last' | 'flast';
}

function generateOrganizations(rng: Rng, nameFaker: Faker): OrgDraft[] {
  const usedNames = new Set<string>();
  const usedDomains = new Set<string>();
  const usedLinkedin = new Set<string>();
  const drafts: OrgDraft[] = [];
  for (let i = 1; i <= SAMPLE_ORGANIZATION_COUNT; i++) {
    const country = rng.weighted(COUNTRIES);
    const city = rng.pick(country.cities);
    const industry = rng.weighted(INDUSTRIES);
    const band = rng.weighted(EMPLOYEE_BANDS);
    const employeeCount = rng.int(band.min, band.max);

    let name = '';
    let stem = '';
    for (let attempt = 0; !name || usedNames.has(name); attempt++) {
      const style = rng.int(0, 9);
      const suffix = rng.pick(industry.suffixes);
      if (style < 6) {
        stem = rng.pick(NAME_STEMS) + rng.pick(NAME_TAILS);
        name = `${stem} ${suffix}`;
      } else if (style < 8) {
        stem = rng.pick(NAME_STEMS) + rng.pick(NAME_TAILS);
        name = stem;
      } else if (style < 9) {
        stem = rng.pick(NAME_STEMS);
        name = `${stem} ${suffix}`;
      } else {
        stem = nameFaker.person.lastName();
        name =
          industry.name === 'Management Consulting' ? `${stem} & ${nameFaker.person.lastName()}` : `${stem} ${suffix}`;
      }
      if (attempt > 50) name = `${name} ${i}`;
    }
    usedNames.add(name);

    const tld = industry.tlds
      ? rng.pick(industry.tlds)
      : country.code === 'US' || rng.chance(0.5)
        ? 'com'
        : country.tld;
    const stemSlug = asciiFold(stem);
    const nameSlug = asciiFold(name);
    const domainCandidates = [
      `${stemSlug}.${tld}`,
      `${nameSlug}.${tld}`,
      `${nameSlug}.com`,
      `get${stemSlug}.com`,
      `${stemSlug}hq.com`,
      `${nameSlug}${i}.com`,
    ];
    const domain = domainCandidates.find((c) => !usedDomains.has(c))!;
    usedDomains.add(domain);

    let linkedinSlug = slugWords(name);
    if (usedLinkedin.has(linkedinSlug)) linkedinSlug = domain.replace(/\./g, '-');
    usedLinkedin.add(linkedinSlug);

    // Larger companies tend to be older.
    const maxAge = band.min > 1000 ? 80 : band.min > 200 ? 40 : 20;
    const minAge = band.min > 1000 ? 12 : band.min > 200 ? 5 : 2;
    const foundedYear = 2026 - rng.int(minAge, maxAge);

    const keywords = rng.sample(industry.keywords, rng.int(3, 5));
    const technologies = [
      ...rng.sample(industry.technologies, rng.int(2, 4)),
      ...rng.sample(COMMON_TECHNOLOGIES, rng.int(3, 8)),
    ].filter((t, idx, all) => all.indexOf(t) === idx);

    const description = rng.pick([
      `${name} is a ${industry.name.toLowerCase()} company headquartered in ${city.city}, focused on ${keywords[0]} and ${keywords[1]}.`,
      `Founded in ${foundedYear}, ${name} helps businesses with ${keywords[0]}, ${keywords[1]} and ${keywords[2]}.`,
      `${name} builds ${keywords[0]} products for teams across ${country.name} and beyond.`,
    ]);

    const org: SampleOrganization = {
      id: `org_${pad(i, 4)}`,
      name,
      domain,
      industry: industry.name,
      keywords,
      technologies,
      employeeCount,
      employeeRange: band.range,
      foundedYear,
      city: city.city,
      ...(city.state ? { state: city.state } : {}),
      countryCode: country.code,
      country: country.name,
      phone: phoneIn(rng, country, 'landline', rng.pick(city.areaCodes)),
      linkedinUrl: `https://www.linkedin.com/company/${linkedinSlug}`,
      description,
    };
    drafts.push({ org, country, emailPattern: rng.chance(0.7) ? 'first.last' : 'flast' });
  }
  return drafts;
}

/** People per organization: about 10, never more than it employs, exactly SAMPLE_PEOPLE_COUNT in all. */
function headcounts(rng: Rng, drafts: OrgDraft[]): number[] {
  const cap = (d: OrgDraft) => Math.min(d.org.employeeCount, 20);
  const counts = drafts.map((d) => Math.min(rng.int(4, 16), d.org.employeeCount));
  let sum = counts.reduce((a, b) => a + b, 0);
  while (sum !== SAMPLE_PEOPLE_COUNT) {
    const i = rng.int(0, drafts.length - 1);
    if (sum < SAMPLE_PEOPLE_COUNT && counts[i]! < cap(drafts[i]!)) {
      counts[i]!++;
      sum++;
    } else if (sum > SAMPLE_PEOPLE_COUNT && counts[i]! > 3) {
      counts[i]!--;
      sum--;
    }
  }
  return counts;
}

interface Role {
  title: string;
  seniority: Seniority;
  dept?: DepartmentTitles;
}

function leaderRole(rng: Rng, dept: DepartmentTitles, employeeCount: number, founderLed: boolean): Role {
  if (founderLed && dept.department === 'engineering' && rng.chance(0.3)) {
    return { title: 'Co-Founder & CTO', seniority: 'founder', dept };
  }
  const vp = () => rng.pick([`VP of ${dept.area}`, `Vice President of ${dept.area}`, `VP, ${dept.area}`]);
  if (employeeCount > 200) {
    const r = rng.int(0, 99);
    if (dept.chief && r < 35) return { title: dept.chief, seniority: 'c_suite', dept };
    if (r < 80) return { title: vp(), seniority: 'vp', dept };
    return { title: `Head of ${dept.area}`, seniority: 'head', dept };
  }
  if (employeeCount > 50) {
    const r = rng.int(0, 99);
    if (r < 40) return { title: `Head of ${dept.area}`, seniority: 'head', dept };
    if (r < 65) return { title: vp(), seniority: 'vp', dept };
    return { title: `Director of ${dept.area}`, seniority: 'director', dept };
  }
  const r = rng.int(0, 99);
  if (r < 40) return { title: `Head of ${dept.area}`, seniority: 'head', dept };
  if (r < 70) return { title: `Director of ${dept.area}`, seniority: 'director', dept };
  return { title: dept.manager, seniority: 'manager', dept };
}

function staffRole(rng: Rng, dept: DepartmentTitles, seniority: Seniority): Role {
  const role = rng.pick(dept.roles);
  switch (seniority) {
    case 'director':
      return {
        title: rng.chance(0.7) ? `Director of ${dept.area}` : `Senior Director of ${dept.area}`,
        seniority,
        dept,
      };
    case 'manager':
      return { title: rng.chance(0.8) ? dept.manager : `Senior ${dept.manager}`, seniority, dept };
    case 'senior': {
      const prefix =
        dept.department === 'engineering'
          ? rng.pick(['Senior', 'Senior', 'Staff', 'Lead'])
          : rng.pick(['Senior', 'Senior', 'Lead']);
      return { title: `${prefix} ${role}`, seniority, dept };
    }
    case 'intern':
      return { title: `${dept.area} Intern`, seniority, dept };
    default:
      return { title: rng.chance(0.2) ? `Associate ${role}` : role, seniority: 'entry', dept };
  }
}

function generatePeople(rng: Rng, drafts: OrgDraft[], counts: number[], seed: number): SamplePerson[] {
  const nameFakers = new Map<string, Faker>();
  for (const [i, [code, locale]] of Object.entries(LOCALE_BY_COUNTRY).entries()) {
    const f = new Faker({ locale: [locale, en, base] });
    f.seed(seed + 101 * (i + 1));
    nameFakers.set(code, f);
  }
  const usedEmails = new Set<string>();
  const usedPersonal = new Set<string>();
  const usedHandles = new Set<string>();
  const usedPhones = new Set<string>();
  const people: SamplePerson[] = [];

  drafts.forEach(({ org, country, emailPattern }, orgIndex) => {
    const n = counts[orgIndex]!;
    const founderLed = org.foundedYear >= 2010 && rng.chance(0.45);
    const roles: Role[] = [];
    if (org.employeeCount <= 10 && rng.chance(0.35)) roles.push({ title: 'Owner', seniority: 'owner' });
    else if (founderLed)
      roles.push({ title: rng.pick(['Founder & CEO', 'Co-Founder & CEO', 'Founder']), seniority: 'founder' });
    else
      roles.push({
        title: rng.pick(['Chief Executive Officer', 'Chief Executive Officer', 'CEO', 'President & CEO']),
        seniority: 'c_suite',
      });

    const leaderCount = n <= 3 ? n - 1 : Math.min(5, Math.max(1, Math.round((n - 1) / 3)));
    const leaderDepts: DepartmentTitles[] = [];
    const pool = [...DEPARTMENT_TITLES];
    while (leaderDepts.length < leaderCount) {
      const d = rng.weighted(pool);
      pool.splice(pool.indexOf(d), 1);
      leaderDepts.push(d);
    }
    for (const d of leaderDepts) roles.push(leaderRole(rng, d, org.employeeCount, founderLed));

    // members per department, in creation order, to pick each newcomer's manager
    const members = new Map<DepartmentTitles, { index: number; seniority: Seniority }[]>();
    roles.forEach((r, idx) => {
      if (idx > 0 && r.dept) members.set(r.dept, [{ index: idx, seniority: r.seniority }]);
    });
    const managerIndex: (number | undefined)[] = roles.map((_, idx) => (idx === 0 ? undefined : 0));

    while (roles.length < n) {
      const dept = rng.weighted(leaderDepts);
      const team = members.get(dept)!;
      const leader = team[0]!;
      let seniority: Seniority;
      const hasDirector = team.some((m) => m.seniority === 'director');
      if (
        !hasDirector &&
        SENIORITY_RANK[leader.seniority] < SENIORITY_RANK.director &&
        org.employeeCount > 200 &&
        rng.chance(0.35)
      ) {
        seniority = 'director';
      } else {
        const canManage = SENIORITY_RANK[leader.seniority] < SENIORITY_RANK.manager;
        seniority = rng.weighted([
          { s: 'manager' as Seniority, weight: canManage ? 20 : 0 },
          { s: 'senior' as Seniority, weight: 35 },
          { s: 'entry' as Seniority, weight: 35 },
          { s: 'intern' as Seniority, weight: org.employeeCount > 10 ? 5 : 0 },
        ]).s;
      }
      // the most junior person who can manage this level, i.e. the closest boss
      const bosses = team.filter(
        (m) => MANAGING.has(m.seniority) && SENIORITY_RANK[m.seniority] < SENIORITY_RANK[seniority],
      );
      const closest = Math.max(...bosses.map((m) => SENIORITY_RANK[m.seniority]));
      const boss = rng.pick(bosses.filter((m) => SENIORITY_RANK[m.seniority] === closest));
      const idx = roles.length;
      roles.push(staffRole(rng, dept, seniority));
      managerIndex.push(boss.index);
      team.push({ index: idx, seniority });
    }

    const firstPersonNumber = people.length + 1;
    const idOf = (idx: number) => `per_${pad(firstPersonNumber + idx, 5)}`;
    roles.forEach((role, idx) => {
      const personCountry = rng.chance(0.92) ? country : rng.weighted(COUNTRIES);
      // mostly local names, some colleagues from elsewhere
      const nameFaker = nameFakers.get(rng.chance(0.85) ? personCountry.code : rng.weighted(COUNTRIES).code)!;
      const sex = rng.chance(0.5) ? 'female' : 'male';
      const firstName = nameFaker.person.firstName(sex);
      const lastName = nameFaker.person.lastName();
      const first = asciiFold(firstName) || 'x';
      const last = asciiFold(lastName) || 'x';

      const city =
        personCountry === country
          ? rng.chance(0.8)
            ? country.cities.find((c) => c.city === org.city)!
            : rng.pick(country.cities)
          : rng.pick(personCountry.cities);

      let email: string | undefined;
      let emailStatus: SamplePerson['emailStatus'] = 'unavailable';
      if (rng.chance(0.85)) {
        const local = emailPattern === 'first.last' ? `${first}.${last}` : `${first[0]}${last}`;
        email = `${local}@${org.domain}`;
        for (let k = 2; usedEmails.has(email); k++) email = `${local}${k}@${org.domain}`;
        usedEmails.add(email);
        emailStatus = rng.chance(0.78) ? 'verified' : 'likely';
      }

      let personalEmail: string | undefined;
      if (rng.chance(0.2)) {
        const domain = rng.pick(PERSONAL_EMAIL_DOMAINS);
        const local = rng.chance(0.5) ? `${first}.${last}` : `${first}${last}${rng.int(10, 99)}`;
        personalEmail = `${local}@${domain}`;
        for (let k = 2; usedPersonal.has(personalEmail); k++) personalEmail = `${local}${k}@${domain}`;
        usedPersonal.add(personalEmail);
      }

      let phone: string | undefined;
      if (rng.chance(0.6)) {
        const kind = rng.chance(0.7) ? 'mobile' : 'landline';
        do phone = phoneIn(rng, personCountry, kind, rng.pick(city.areaCodes));
        while (usedPhones.has(phone));
        usedPhones.add(phone);
      }

      const handleBase = `${slugWords(firstName) || first}-${slugWords(lastName) || last}`;
      let linkedinHandle = handleBase;
      if (usedHandles.has(linkedinHandle) || rng.chance(0.7)) {
        do linkedinHandle = `${handleBase}-${rng.hex(rng.pick([4, 6, 8]))}`;
        while (usedHandles.has(linkedinHandle));
      }
      usedHandles.add(linkedinHandle);

      const monthsSinceFounded = (2026 - org.foundedYear) * 12 + 10;
      const startedRoleAt = monthsBefore(
        idx === 0 && role.seniority === 'founder' ? monthsSinceFounded : rng.int(1, Math.min(120, monthsSinceFounded)),
      );

      const managerIdx = managerIndex[idx];
      const departments =
        idx === 0
          ? ['executive' as const]
          : role.seniority === 'c_suite' || role.seniority === 'founder'
            ? ['executive' as const, role.dept!.department]
            : [role.dept!.department];

      people.push({
        id: idOf(idx),
        firstName,
        lastName,
        title: role.title,
        seniority: role.seniority,
        departments,
        organizationId: org.id,
        city: city.city,
        ...(city.state ? { state: city.state } : {}),
        countryCode: personCountry.code,
        country: personCountry.name,
        ...(email ? { email } : {}),
        emailStatus,
        ...(personalEmail ? { personalEmail } : {}),
        ...(phone ? { phone } : {}),
        linkedinHandle,
        startedRoleAt,
        ...(managerIdx !== undefined ? { managerId: idOf(managerIdx) } : {}),
      });
    });
  });
  return people;
}

function generateJobPostings(rng: Rng, drafts: OrgDraft[]): SampleJobPosting[] {
  const jobs: SampleJobPosting[] = [];
  for (const { org, country } of drafts) {
    const max = org.employeeCount <= 10 ? 2 : org.employeeCount <= 50 ? 6 : 15;
    const count = rng.chance(0.15) ? 0 : rng.int(0, max);
    const boardSlug = asciiFold(org.name);
    const board = rng.int(0, 2);
    for (let k = 0; k < count; k++) {
      const n = jobs.length + 1;
      const dept = rng.weighted(DEPARTMENT_TITLES);
      const seniority = rng.weighted([
        { s: 'senior' as Seniority, weight: 35 },
        { s: 'entry' as Seniority, weight: 35 },
        { s: 'manager' as Seniority, weight: 15 },
        { s: 'director' as Seniority, weight: 8 },
        { s: 'intern' as Seniority, weight: 7 },
      ]).s;
      const title = staffRole(rng, dept, seniority).title;
      const city = rng.chance(0.7) ? org.city : rng.pick(country.cities).city;
      const url =
        board === 0
          ? `https://${org.domain}/careers/${slugWords(title)}-${n}`
          : board === 1
            ? `https://boards.greenhouse.io/${boardSlug}/jobs/${4_000_000 + n * 37}`
            : `https://jobs.lever.co/${boardSlug}/${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`;
      const postedMs = REFERENCE_MS - rng.int(1, 90) * DAY_MS - rng.int(0, DAY_MS / 1000 - 1) * 1000;
      const lastSeenMs = Math.min(
        REFERENCE_MS,
        postedMs + rng.int(0, Math.floor((REFERENCE_MS - postedMs) / DAY_MS)) * DAY_MS,
      );
      jobs.push({
        id: `job_${pad(n, 6)}`,
        organizationId: org.id,
        title,
        city,
        countryCode: org.countryCode,
        url,
        postedAt: new Date(postedMs).toISOString(),
        lastSeenAt: new Date(lastSeenMs).toISOString(),
      });
    }
  }
  return jobs;
}

/** Builds the dataset from scratch (no cache). Use getSampleDataset() everywhere else. */
export function generateSampleDataset(seed: number = SAMPLE_SEED): SampleDataset {
  const structure = new Faker({ locale: [en, base] });
  structure.seed(seed);
  const orgNames = new Faker({ locale: [en_US, en, base] });
  orgNames.seed(seed + 7);
  const rng = new Rng(structure);
  const drafts = generateOrganizations(rng, orgNames);
  const counts = headcounts(rng, drafts);
  const people = generatePeople(rng, drafts, counts, seed);
  const jobPostings = generateJobPostings(rng, drafts);
  return { seed, organizations: drafts.map((d) => d.org), people, jobPostings };
}

let cached: SampleDataset | undefined;

/** The dataset, generated once per process. Treat it as read-only: it is shared. */
export function getSampleDataset(): SampleDataset {
  cached ??= generateSampleDataset();
  return cached;
}

/** The normalised LinkedIn profile URL of a sample person's handle. */
export function sampleLinkedinUrl(handle: string): string {
  return `https://www.linkedin.com/in/${handle}`;
}
