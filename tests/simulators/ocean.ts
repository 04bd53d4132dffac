/**
 * Ocean.io simulator: POST /v3/search/people over the sample dataset, written from
 * Ocean.io's published API docs (docs/providers.md), independently of main/providers/ocean.
 * Token in the x-api-token header or the apiToken query parameter (both: 400, none: 403, unknown:
 * 403), pydantic-style 422s for bodies that break the documented ranges, searchAfter cursor paging,
 * lookalikes by LinkedIn handle (3 credits a result, 1 otherwise), 402 "Insufficient credits".
 */
import { z } from 'zod';
import type { SampleOrganization, SamplePerson } from '../../main/providers/sample/dataset-types';
import { getSampleIndex, lookalikes } from '../../main/providers/sample/search';
import { STATE_CODES } from '../../main/providers/sample/vocab';
import {
  derivedHexId,
  SimReplyError,
  startSimulator,
  type KnobsPatch,
  type ProviderReplies,
  type SimReply,
  type SimRoute,
  type SimulatorHandle,
} from './core';

export const OCEAN_TEST_KEY = 'sim-ocean-key-0001';
export const OCEAN_ROUTES = { searchPeople: 'search/people' } as const;
export const OCEAN_PLAIN_CREDITS = 1;
export const OCEAN_LOOKALIKE_CREDITS = 3;

/** Ocean person ids: 16 hex digits derived from the sample id. */
export const oceanPersonId = (sampleId: string) => derivedHexId('ocean-person', sampleId, 16);

const detail = (status: number, text: string): SimReply => ({ status, json: { detail: text } });

const replies: ProviderReplies = {
  authenticate(req, _body, query, validKeys) {
    const header = req.headers['x-api-token'];
    const fromHeader = Array.isArray(header) ? header[0] : header;
    const fromQuery = query.get('apiToken') ?? undefined;
    if (fromHeader && fromQuery) return detail(400, 'Conflicting API tokens provided in query parameters and headers');
    const token = fromHeader ?? fromQuery;
    if (!token) return detail(403, 'API token should be provided in headers or query parameters');
    if (!validKeys.includes(token)) return detail(403, 'Current API token is not registered in our database');
    return { key: token };
  },
  creditsExhausted: () => detail(402, 'Insufficient credits'),
  rateLimited: () => detail(429, 'Too many requests'),
  planRestricted: () => detail(403, 'Your plan does not include the people search API'),
  notFound: () => detail(404, 'Not Found'),
  badJson: () => ({
    status: 422,
    json: {
      detail: [
        {
          type: 'json_invalid',
          loc: ['body', 0],
          msg: 'JSON decode error',
          input: {},
          ctx: { error: 'Expecting value' },
        },
      ],
    },
  }),
};

// ---------------------------------------------------------------------------------------------
// Ocean's vocabulary (its own tables, not the adapter's)

const SENIORITY: Record<SamplePerson['seniority'], string> = {
  owner: 'Owner',
  founder: 'Founder',
  c_suite: 'C-Level',
  partner: 'Partner',
  vp: 'VP',
  head: 'Head',
  director: 'Director',
  manager: 'Manager',
  senior: 'Other',
  entry: 'Other',
  intern: 'Other',
};

const DEPARTMENT: Record<string, string> = {
  executive: 'Management',
  sales: 'Sales',
  marketing: 'Marketing and Advertising',
  engineering: 'Engineering',
  product: 'Product',
  design: 'Design',
  finance: 'Accounting and Finance',
  accounting: 'Accounting and Finance',
  operations: 'Operations',
  human_resources: 'HR',
  information_technology: 'Security',
  legal: 'Legal',
  customer_success: 'Customer Relations',
  business_development: 'Sales',
  consulting: 'Other',
  education: 'Other',
  media_communication: 'PR and Communications',
  administrative: 'Business Support',
  data_science: 'R&D',
  other: 'Other',
};

const SIZE_BANDS: [number, string][] = [
  [1, '0-1'],
  [10, '2-10'],
  [50, '11-50'],
  [200, '51-200'],
  [500, '201-500'],
  [1000, '501-1000'],
  [5000, '1001-5000'],
  [10000, '5001-10000'],
  [50000, '10001-50000'],
  [100000, '50001-100000'],
  [500000, '100001-500000'],
];
const sizeBand = (n: number) => SIZE_BANDS.find(([max]) => n <= max)?.[1] ?? '500000+';

const seq = (id: string) => Number(id.replace(/\D/g, '')) || 0;

function stateAbbreviation(p: SamplePerson): string | null {
  if (!p.state) return null;
  return STATE_CODES[p.countryCode]?.[p.state] ?? p.state;
}

export function oceanPerson(p: SamplePerson, o: SampleOrganization) {
  const seniorities = [SENIORITY[p.seniority]];
  return {
    id: oceanPersonId(p.id),
    domain: o.domain,
    name: `${p.firstName} ${p.lastName}`,
    firstName: p.firstName,
    lastName: p.lastName,
    country: p.countryCode.toLowerCase(),
    state: stateAbbreviation(p),
    location: [p.city, p.state, p.country].filter(Boolean).join(', '),
    linkedinUrl: `https://www.linkedin.com/in/${p.linkedinHandle}`,
    seniorities,
    departments: [...new Set(p.departments.map((d) => DEPARTMENT[d] ?? 'Other'))],
    photo: `https://media.example.invalid/ocean/${oceanPersonId(p.id)}.jpg`,
    jobTitle: p.title,
    jobTitleEnglish: p.title,
    currentJobDescription: null,
    experiences: [
      { dateFrom: `${p.startedRoleAt}-01`, dateTo: null, description: null, domain: o.domain, jobTitle: p.title },
    ],
    summary: null,
    skills: o.technologies.slice(0, 3),
    phone: p.phone ? { numbers: [p.phone], status: 'verified' } : null,
    email: p.email ? { address: p.email, status: p.emailStatus === 'verified' ? 'verified' : 'guessed' } : null,
    updatedAt: `2026-${String((seq(p.id) % 9) + 1).padStart(2, '0')}-15T08:00:00Z`,
    connectionsCount: 50 + (seq(p.id) % 450),
    headline: `${p.title} at ${o.name}`,
    company: {
      companySize: sizeBand(o.employeeCount),
      logo: `https://logos.example.invalid/${o.domain}.png`,
      name: o.name,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Request validation, pydantic style

const strs = z.array(z.string());
const alpha2 = z.array(z.string().regex(/^[a-z]{2}$/, 'String should be a lower-case ISO 3166-1 alpha-2 code'));
const Request = z
  .object({
    size: z.number().int().min(1).max(10_000).default(50),
    searchAfter: z.string().nullish(),
    peoplePerCompany: z.number().int().min(1).max(20).nullish(),
    jobTitleThreshold: z.number().min(0).max(1).nullish(),
    fields: strs.nullish(),
    peopleFilters: z
      .object({
        lookalikeLinkedinHandles: strs.optional(),
        includePeopleIds: strs.optional(),
        excludePeopleIds: strs.optional(),
        countries: alpha2.optional(),
        excludeCountries: alpha2.optional(),
        states: z.array(z.object({ abbreviation: z.string(), country: z.string() }).strict()).optional(),
        cities: z.array(z.object({ city: z.string(), country: z.string() }).strict()).optional(),
        seniorities: z
          .array(
            z.enum([
              'Owner',
              'Founder',
              'Board Member',
              'C-Level',
              'Partner',
              'VP',
              'Head',
              'Director',
              'Manager',
              'Other',
            ]),
          )
          .optional(),
        departments: strs.optional(),
        excludeDepartments: strs.optional(),
        jobTitleKeywords: z
          .object({ allOf: strs.optional(), anyOf: strs.optional(), noneOf: strs.optional() })
          .strict()
          .optional(),
        skills: strs.optional(),
        names: strs.optional(),
        changedPositionAfter: z
          .string()
          .regex(/^\d{4}-\d{2}$/)
          .optional(),
        changedPositionBefore: z
          .string()
          .regex(/^\d{4}-\d{2}$/)
          .optional(),
        updatedWithinMonths: z.number().int().min(1).optional(),
      })
      .strict()
      .nullish(),
    companiesFilters: z
      .object({
        lookalikeDomains: strs.max(10).optional(),
        includeDomains: strs.optional(),
        excludeDomains: strs.optional(),
        companySizes: strs.optional(),
        industries: z
          .object({ industries: strs, mode: z.enum(['anyOf', 'allOf']).optional() })
          .strict()
          .optional(),
        primaryLocations: z.unknown().optional(),
        technologies: strs.optional(),
        keywords: strs.optional(),
      })
      .strict()
      .nullish(),
  })
  .strict();
type Request = z.infer<typeof Request>;

function unprocessable(issues: z.core.$ZodIssue[], input: unknown): SimReply {
  return {
    status: 422,
    json: {
      detail: issues.map((i) => ({
        type: i.code === 'unrecognized_keys' ? 'extra_forbidden' : i.code,
        loc: ['body', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
        msg: i.message,
        input: pick(input, i.path),
        ctx: {},
      })),
    },
  };
}

function pick(value: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = value;
  for (const k of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v ?? null;
}

// ---------------------------------------------------------------------------------------------
// Search

const lower = (s: string) => s.trim().toLowerCase();

interface Candidate {
  person: SamplePerson;
  org: SampleOrganization;
  oceanId: string;
}

function matches(c: Candidate, r: Request): boolean {
  const pf = r.peopleFilters ?? {};
  const cf = r.companiesFilters ?? {};
  const { person: p, org: o } = c;
  const title = lower(p.title);
  if (pf.includePeopleIds && !pf.includePeopleIds.includes(c.oceanId)) return false;
  if (pf.excludePeopleIds?.includes(c.oceanId)) return false;
  if (pf.countries?.length && !pf.countries.includes(p.countryCode.toLowerCase())) return false;
  if (pf.excludeCountries?.includes(p.countryCode.toLowerCase())) return false;
  if (
    pf.cities?.length &&
    !pf.cities.some((x) => lower(x.city) === lower(p.city) && lower(x.country) === p.countryCode.toLowerCase())
  )
    return false;
  if (
    pf.states?.length &&
    !pf.states.some(
      (x) =>
        lower(x.abbreviation) === lower(stateAbbreviation(p) ?? '') && lower(x.country) === p.countryCode.toLowerCase(),
    )
  )
    return false;
  if (pf.seniorities?.length && !(pf.seniorities as string[]).includes(SENIORITY[p.seniority])) return false;
  const depts = p.departments.map((d) => DEPARTMENT[d] ?? 'Other');
  if (pf.departments?.length && !depts.some((d) => pf.departments!.includes(d))) return false;
  if (pf.excludeDepartments?.length && depts.some((d) => pf.excludeDepartments!.includes(d))) return false;
  const jt = pf.jobTitleKeywords;
  if (jt?.anyOf?.length && !jt.anyOf.some((k) => title.includes(lower(k)))) return false;
  if (jt?.allOf?.length && !jt.allOf.every((k) => title.includes(lower(k)))) return false;
  if (jt?.noneOf?.length && jt.noneOf.some((k) => title.includes(lower(k)))) return false;
  if (pf.names?.length && !pf.names.some((n) => lower(`${p.firstName} ${p.lastName}`).includes(lower(n)))) return false;
  if (pf.changedPositionAfter && p.startedRoleAt < pf.changedPositionAfter) return false;
  if (pf.changedPositionBefore && p.startedRoleAt > pf.changedPositionBefore) return false;
  if (cf.includeDomains?.length && !cf.includeDomains.map(lower).includes(o.domain)) return false;
  if (cf.excludeDomains?.map(lower).includes(o.domain)) return false;
  if (cf.companySizes?.length && !cf.companySizes.includes(sizeBand(o.employeeCount))) return false;
  if (cf.industries?.industries.length) {
    const want = cf.industries.industries.map(lower);
    if (!want.includes(lower(o.industry))) return false;
  }
  if (cf.technologies?.length && !cf.technologies.some((t) => o.technologies.map(lower).includes(lower(t))))
    return false;
  if (
    cf.keywords?.length &&
    !cf.keywords.some(
      (k) => o.keywords.some((w) => lower(w).includes(lower(k))) || lower(o.description).includes(lower(k)),
    )
  )
    return false;
  return true;
}

/** Opaque to clients; bound to the filters so a cursor cannot be replayed on another search. */
function encodeCursor(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, f: fingerprint })).toString('base64url');
}
function decodeCursor(cursor: string, fingerprint: string): number | undefined {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown; f?: unknown };
    return typeof v.o === 'number' && Number.isInteger(v.o) && v.o >= 0 && v.f === fingerprint ? v.o : undefined;
  } catch {
    return undefined;
  }
}

const routes: SimRoute[] = [
  {
    method: 'POST',
    path: '/v3/search/people',
    name: OCEAN_ROUTES.searchPeople,
    handler(_req, body, _query, ctx) {
      const parsed = Request.safeParse(body ?? {});
      if (!parsed.success) return unprocessable(parsed.error.issues, body);
      const r = parsed.data;
      const { searchAfter: _cursor, size: _size, ...criteria } = r;
      const fingerprint = derivedHexId('ocean-cursor', JSON.stringify(criteria), 12);
      let offset = 0;
      if (r.searchAfter) {
        const o = decodeCursor(r.searchAfter, fingerprint);
        if (o === undefined) {
          return {
            status: 422,
            json: {
              detail: [
                {
                  type: 'value_error',
                  loc: ['body', 'searchAfter'],
                  msg: 'Value error, invalid searchAfter',
                  input: r.searchAfter,
                  ctx: {},
                },
              ],
            },
          };
        }
        offset = o;
      }
      // An account with nothing left is turned away before any search, even one that would return nobody.
      if (ctx.creditsLeft() <= 0) throw new SimReplyError(replies.creditsExhausted());

      const handles = r.peopleFilters?.lookalikeLinkedinHandles?.map(lower) ?? [];
      const lookalike = handles.length > 0;
      const index = getSampleIndex(ctx.dataset);
      let pool: SamplePerson[];
      let statuses: Record<string, string[]> | undefined;
      if (lookalike) {
        const seeds = handles.map((h) => index.personByHandle.get(h));
        statuses = {
          successfulPeople: handles.filter((_, i) => seeds[i]),
          notFoundPeople: handles.filter((_, i) => !seeds[i]),
          triggeredDomainPeople: [],
          missingCompanyInformationPeople: [],
        };
        pool = lookalikes(
          index,
          seeds.filter((s): s is SamplePerson => !!s),
        );
      } else {
        pool = ctx.dataset.people;
      }
      const all: Candidate[] = [];
      for (const person of pool) {
        const c = { person, org: ctx.index.orgById.get(person.organizationId)!, oceanId: oceanPersonId(person.id) };
        if (matches(c, r)) all.push(c);
      }
      const page = all.slice(offset, offset + r.size);
      const perResult = lookalike ? OCEAN_LOOKALIKE_CREDITS : OCEAN_PLAIN_CREDITS;
      const cost = page.length * perResult;
      if (!ctx.canAfford(cost)) throw new SimReplyError(replies.creditsExhausted());
      for (const c of page) ctx.charge(perResult, `ocean:${lookalike ? 'lookalike' : 'person'}:${c.oceanId}`);

      const includeDomains = r.companiesFilters?.includeDomains ?? [];
      const domainStatuses = Object.fromEntries(
        includeDomains
          .filter((d) => !ctx.index.orgByDomain.has(lower(d)))
          .map((d) => [d, /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(d) ? 'in progress' : 'invalid domain']),
      );
      const next = offset + page.length;
      return {
        status: 200,
        json: {
          people: page.map((c) => oceanPerson(c.person, c.org)),
          detail: 'OK',
          total: all.length,
          ...(next < all.length ? { searchAfter: encodeCursor(next, fingerprint) } : {}),
          creditsUsed: cost,
          redirectMap: {},
          ...(statuses ? { lookalikePeopleStatuses: statuses } : {}),
          ...(includeDomains.length ? { includeDomainsStatuses: domainStatuses } : {}),
        },
      };
    },
  },
];

export function startOceanSimulator(knobs?: KnobsPatch, options: { port?: number } = {}): Promise<SimulatorHandle> {
  return startSimulator({
    name: 'ocean',
    routes,
    replies,
    defaults: { validKeys: [OCEAN_TEST_KEY] },
    ...(knobs ? { knobs } : {}),
    ...(options.port ? { port: options.port } : {}),
  });
}
