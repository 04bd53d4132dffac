/**
 * Bundled by the benchmark and injected into the app's page (same origin, so the same IndexedDB):
 * exercises the renderer's real db modules and the real VirtualTable in Chromium.
 */
import { createRoot } from 'react-dom/client';
import type { Organization, Person } from '../../../shared/domain';
import { VirtualTable } from '../../../renderer/src/components/VirtualTable';
import { searchSavedPeople } from '../../../renderer/src/db/localSearch';
import { upsertOrganizations } from '../../../renderer/src/db/organizations';
import { upsertPeople } from '../../../renderer/src/db/people';
import { db } from '../../../renderer/src/db/schema';

const FIRST = [
  'James',
  'Mary',
  'Robert',
  'Patricia',
  'John',
  'Jennifer',
  'Michael',
  'Linda',
  'David',
  'Elizabeth',
  'Zoë',
  'Lukas',
  'Sofia',
  'Mateo',
  'Aarav',
  'Chloé',
  'Noah',
  'Emma',
  'Liam',
  'Olivia',
];
const LAST = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Müller',
  'Schmidt',
  'Dubois',
  'Rossi',
  'Kowalski',
  'Nakamura',
  'Silva',
  'Patel',
  'Andersson',
  'Jansen',
  "O'Brien",
  'Nguyen',
];
const TITLES = [
  'VP of Sales',
  'Head of Marketing',
  'Software Engineer',
  'Account Executive',
  'CFO',
  'Director of Operations',
  'Product Manager',
  'Data Scientist',
  'Recruiter',
  'Customer Success Manager',
];
const SENIORITY = [
  'vp',
  'head',
  'senior',
  'entry',
  'c_suite',
  'director',
  'manager',
  'senior',
  'entry',
  'manager',
] as const;
const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'CA', 'AU', 'NL', 'SE', 'IN', 'BR'];

/** Deterministic: person i always looks the same. */
function org(i: number): Organization {
  return {
    id: `domain:company${i}.example`,
    providerIds: { sample: `org_${i}` },
    name: `Company ${i} ${LAST[i % LAST.length]} Group`,
    domain: `company${i}.example`,
    industry: ['Software', 'Retail', 'Banking', 'Health care'][i % 4],
    keywords: [],
    technologies: ['Salesforce', 'AWS'],
    employeeCount: 10 + (i % 5000),
    provenance: {},
  };
}

/** People of one company get distinct first names (up to 20 per company), so every person is distinct by identity. */
function person(i: number, orgCount: number): Person {
  const perCompany = Math.floor(i / orgCount);
  const first = FIRST[perCompany % FIRST.length]!;
  const last = LAST[(i + perCompany) % LAST.length]!;
  const o = org(i % orgCount);
  const handle = `${first}-${last}-${i}`.toLowerCase().replace(/[^a-z0-9-]/g, '');
  return {
    id: `li:in/${handle}`,
    providerIds: { sample: `per_${i}` },
    firstName: first,
    lastName: `${last}${i % 7 === 0 ? '-Lee' : ''}`,
    fullName: `${first} ${last}`,
    title: TITLES[i % TITLES.length],
    seniority: SENIORITY[i % SENIORITY.length],
    departments: [],
    emails: [{ address: `${handle}@${o.domain}`, status: 'verified', kind: 'work' }],
    phones: [],
    linkedinUrl: `https://www.linkedin.com/in/${handle}`,
    location: { city: 'Springfield', countryCode: COUNTRIES[i % COUNTRIES.length] },
    organization: { name: o.name, domain: o.domain, providerIds: {} },
    provenance: { title: { provider: 'sample', fetchedAt: '2026-11-01T00:00:00.000Z' } },
  };
}

async function seed(peopleCount: number, orgCount: number, chunkSize = 5000) {
  const t0 = performance.now();
  for (let start = 0; start < orgCount; start += chunkSize) {
    const batch: Organization[] = [];
    for (let i = start; i < Math.min(orgCount, start + chunkSize); i++) batch.push(org(i));
    await upsertOrganizations(batch);
  }
  const orgMs = performance.now() - t0;
  const t1 = performance.now();
  for (let start = 0; start < peopleCount; start += chunkSize) {
    const batch: Person[] = [];
    for (let i = start; i < Math.min(peopleCount, start + chunkSize); i++) batch.push(person(i, orgCount));
    await upsertPeople(batch);
  }
  const peopleMs = performance.now() - t1;
  return { peopleCount, orgCount, peopleMs, orgMs, count: await db().people.count() };
}

/** Types each query one character at a time, timing the search a keystroke triggers. */
async function typeSearches(queries: string[]) {
  const times: number[] = [];
  const hits: number[] = [];
  for (const q of queries) {
    for (let n = 1; n <= q.length; n++) {
      const t = performance.now();
      const result = await searchSavedPeople({ text: q.slice(0, n), limit: 50 });
      times.push(performance.now() - t);
      hits.push(result.total);
    }
  }
  return { times, hits };
}

/** Mounts the real VirtualTable with `rows` rows and scrolls it, recording every frame's duration. */
async function scrollFrames(rowCount: number, durationMs: number) {
  const host = document.createElement('div');
  host.style.cssText = 'position:fixed;inset:0;background:#fff;z-index:1000';
  document.body.appendChild(host);
  const rows = Array.from({ length: rowCount }, (_, i) => person(i, 10_000));
  const root = createRoot(host);
  root.render(
    <VirtualTable
      label="bench"
      rows={rows}
      rowKey={(p) => p.id}
      height={window.innerHeight - 40}
      columns={[
        { id: 'n', header: 'Name', width: '1fr', cell: (p) => p.fullName },
        { id: 't', header: 'Title', width: '1fr', cell: (p) => p.title },
        { id: 'e', header: 'Email', width: '1.5fr', cell: (p) => p.emails[0]?.address },
      ]}
    />,
  );
  await new Promise((r) => setTimeout(r, 300));
  const body = host.querySelector('[data-testid="vtable-body"]') as HTMLElement;
  const frames: number[] = [];
  const maxScroll = body.scrollHeight - body.clientHeight;
  await new Promise<void>((resolve) => {
    const start = performance.now();
    let last = start;
    const step = (now: number) => {
      frames.push(now - last);
      last = now;
      const t = (now - start) / durationMs;
      // Fling through the whole list and back: far beyond what overscan can hide.
      body.scrollTop = maxScroll * (t < 0.5 ? t * 2 : 2 - t * 2);
      if (now - start < durationMs) requestAnimationFrame(step);
      else resolve();
    };
    requestAnimationFrame(step);
  });
  root.unmount();
  host.remove();
  return { frames: frames.slice(1), rowCount };
}

async function clear() {
  await db().delete();
  await db().open();
}

(window as unknown as { __bench: unknown }).__bench = { seed, typeSearches, scrollFrames, clear };
