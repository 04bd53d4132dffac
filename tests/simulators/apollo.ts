/**
 * Apollo simulator: the current routes (mixed_people/api_search, people/match, people/bulk_match,
 * mixed_companies/search, organizations/enrich, organizations/{id}/job_postings, usage stats) and
 * the older people search routes, over the sample dataset in Apollo's raw shapes, with Apollo's
 * auth (x-api-key, or api_key in body/query), error bodies, paging limits, credits and
 * x-rate-limit-* headers. Written from Apollo's published API docs (docs/providers.md), independently
 * of main/providers/apollo so a mapping bug cannot hide behind a shared table.
 */
import type { IncomingMessage } from 'node:http';
import type { SampleJobPosting, SampleOrganization, SamplePerson } from '../../main/providers/sample/dataset-types';
import {
  bodyObject,
  derivedHexId,
  startSimulator,
  type KnobsPatch,
  type ProviderReplies,
  type RouteContext,
  type SimReply,
  type SimRoute,
  type SimulatorHandle,
} from './core';

export const APOLLO_TEST_KEY = 'sim-apollo-key-0001';

/** Route names, for stats and knobs (restrictedRoutes, disabled routes). */
export const APOLLO_ROUTES = {
  apiSearch: 'mixed_people/api_search',
  legacyMixedSearch: 'v1/mixed_people/search',
  legacyPeopleSearch: 'v1/people/search',
  match: 'people/match',
  bulkMatch: 'people/bulk_match',
  companiesSearch: 'mixed_companies/search',
  orgEnrich: 'organizations/enrich',
  jobPostings: 'organizations/job_postings',
  usage: 'usage_stats/api_usage_stats',
} as const;

export const apolloPersonId = (sampleId: string) => derivedHexId('apollo-person', sampleId);
export const apolloOrgId = (sampleId: string) => derivedHexId('apollo-org', sampleId);
export const apolloContactId = (sampleId: string) => derivedHexId('apollo-contact', sampleId);
export const apolloAccountId = (sampleId: string) => derivedHexId('apollo-account', sampleId);
export const apolloJobId = (sampleId: string) => derivedHexId('apollo-job', sampleId);

const MAX_PER_PAGE = 100;
const MAX_PAGE = 500;
const BULK_LIMIT = 10;
/** Credits per revealed phone number (Apollo bills phones separately; we model it as 1 each). */
const PHONE_CREDITS = 1;

function seqOf(sampleId: string): number {
  return Number(sampleId.replace(/\D/g, '')) || 0;
}
/** People already in the team's CRM: the older search lists them under contacts[] with unlocked emails. */
export const isApolloContact = (p: SamplePerson) => seqOf(p.id) % 13 === 0;
/** Organizations already in the team's CRM: listed under accounts[] by the companies search. */
export const isApolloAccount = (o: SampleOrganization) => seqOf(o.id) % 17 === 0;

// ---------------------------------------------------------------------------------------------
// Apollo's vocabulary (from the people search page)

const FUNCTION_OF: Record<string, string | undefined> = {
  sales: 'sales',
  marketing: 'marketing',
  engineering: 'engineering',
  product: 'product_management',
  design: 'arts_and_design',
  finance: 'finance',
  accounting: 'accounting',
  operations: 'operations',
  human_resources: 'human_resources',
  information_technology: 'information_technology',
  legal: 'legal',
  customer_success: 'support',
  business_development: 'business_development',
  consulting: 'consulting',
  education: 'education',
  media_communication: 'media_and_commmunication',
  administrative: 'administrative',
  data_science: 'data_science',
  executive: undefined,
  other: undefined,
};
const DEPARTMENT_OF: Record<string, string | undefined> = {
  sales: 'master_sales',
  marketing: 'master_marketing',
  engineering: 'master_engineering_technical',
  product: 'master_product_management',
  design: 'design',
  finance: 'master_finance',
  accounting: 'accounting',
  operations: 'master_operations',
  human_resources: 'master_human_resources',
  information_technology: 'master_information_technology',
  legal: 'master_legal',
  customer_success: 'master_support',
  business_development: 'business_development',
  consulting: 'consulting',
  education: 'education',
  media_communication: 'media_and_commmunication',
  administrative: 'administrative',
  data_science: 'data_science',
  executive: 'c_suite',
  other: undefined,
};
const EMAIL_STATUS_OF: Record<SamplePerson['emailStatus'], string> = {
  verified: 'verified',
  likely: 'guessed',
  unavailable: 'unavailable',
};

// ---------------------------------------------------------------------------------------------
// Raw shapes

function orgRaw(o: SampleOrganization) {
  return {
    id: apolloOrgId(o.id),
    name: o.name,
    website_url: `http://www.${o.domain}`,
    blog_url: null,
    angellist_url: null,
    linkedin_url: o.linkedinUrl.replace('https://www.', 'http://www.'),
    twitter_url: null,
    facebook_url: null,
    primary_phone: { number: o.phone, source: 'Owler', sanitized_number: o.phone },
    languages: [],
    alexa_ranking: null,
    phone: o.phone,
    linkedin_uid: String(100000 + seqOf(o.id)),
    founded_year: o.foundedYear,
    publicly_traded_symbol: null,
    publicly_traded_exchange: null,
    logo_url: `https://logos.example.invalid/${o.domain}.png`,
    crunchbase_url: null,
    primary_domain: o.domain,
    sanitized_phone: o.phone,
    industry: o.industry.toLowerCase(),
    keywords: o.keywords,
    estimated_num_employees: o.employeeCount,
    industries: [o.industry.toLowerCase()],
    secondary_industries: [],
    snippets_loaded: true,
    industry_tag_id: derivedHexId('apollo-industry', o.industry),
    raw_address: [o.city, o.state, o.country].filter(Boolean).join(', '),
    street_address: '',
    city: o.city,
    state: o.state ?? null,
    postal_code: null,
    country: o.country,
    owned_by_organization_id: null,
    short_description: o.description,
    technology_names: o.technologies,
    current_technologies: o.technologies.map((t) => ({ uid: techUid(t), name: t, category: null })),
    retail_location_count: 0,
  };
}

function accountRaw(o: SampleOrganization) {
  return {
    id: apolloAccountId(o.id),
    name: o.name,
    website_url: null,
    linkedin_url: o.linkedinUrl.replace('https://www.', 'http://www.'),
    primary_phone: { number: o.phone, source: 'Account' },
    phone: null,
    founded_year: o.foundedYear,
    primary_domain: null,
    sanitized_phone: o.phone,
    organization_raw_address: [o.city, o.state, o.country].filter(Boolean).join(', ').toLowerCase(),
    organization_city: o.city,
    organization_state: o.state ?? null,
    organization_country: o.country,
    domain: o.domain,
    team_id: derivedHexId('apollo-team', 'team'),
    organization_id: apolloOrgId(o.id),
    account_stage_id: derivedHexId('apollo-stage', 'cold'),
    source: 'crm',
    existence_level: 'full',
    label_ids: [],
    typed_custom_fields: {},
    modality: 'account',
    num_contacts: 1,
  };
}

function techUid(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

function obfuscate(lastName: string): string {
  if (lastName.length <= 2) return `${lastName[0] ?? ''}***`;
  return `${lastName.slice(0, 2)}***${lastName.slice(-1)}`;
}

function apiSearchRow(p: SamplePerson, o: SampleOrganization) {
  return {
    id: apolloPersonId(p.id),
    first_name: p.firstName,
    last_name_obfuscated: obfuscate(p.lastName),
    title: p.title,
    last_refreshed_at: '2026-10-20T10:00:00.000+00:00',
    has_email: !!p.email,
    has_city: true,
    has_state: !!p.state,
    has_country: true,
    has_direct_phone: p.phone ? 'Yes' : 'Maybe: please request direct dial via people/bulk_match',
    organization: {
      name: o.name,
      has_industry: true,
      has_phone: true,
      has_city: true,
      has_state: !!o.state,
      has_country: true,
      has_zip_code: false,
      has_revenue: false,
      has_employee_count: true,
    },
  };
}

interface Reveal {
  email: boolean;
  personalEmails: boolean;
  phone: boolean;
}

function personRaw(p: SamplePerson, o: SampleOrganization, reveal: Reveal) {
  const fn = p.departments.map((d) => FUNCTION_OF[d]).filter((x): x is string => !!x);
  const depts = p.departments.map((d) => DEPARTMENT_OF[d]).filter((x): x is string => !!x);
  let email: string | null = null;
  if (p.email) email = reveal.email ? p.email : 'email_not_unlocked@domain.com';
  return {
    id: apolloPersonId(p.id),
    first_name: p.firstName,
    last_name: p.lastName,
    name: `${p.firstName} ${p.lastName}`,
    linkedin_url: `http://www.linkedin.com/in/${p.linkedinHandle}`,
    title: p.title,
    email_status: EMAIL_STATUS_OF[p.emailStatus],
    photo_url: null,
    twitter_url: null,
    github_url: null,
    facebook_url: null,
    extrapolated_email_confidence: null,
    headline: `${p.title} at ${o.name}`,
    email,
    personal_emails: reveal.personalEmails && p.personalEmail ? [p.personalEmail] : [],
    organization_id: apolloOrgId(o.id),
    employment_history: [
      {
        _id: derivedHexId('apollo-employment', p.id),
        created_at: null,
        current: true,
        degree: null,
        description: null,
        emails: null,
        end_date: null,
        grade_level: null,
        kind: null,
        major: null,
        organization_id: apolloOrgId(o.id),
        organization_name: o.name,
        raw_address: null,
        start_date: `${p.startedRoleAt}-01`,
        title: p.title,
        updated_at: null,
        id: derivedHexId('apollo-employment-id', p.id),
        key: derivedHexId('apollo-employment-key', p.id),
      },
    ],
    state: p.state ?? null,
    city: p.city,
    country: p.country,
    organization: orgRaw(o),
    departments: depts,
    subdepartments: [],
    seniority: p.seniority,
    functions: fn,
    phone_numbers:
      reveal.phone && p.phone
        ? [{ raw_number: p.phone, sanitized_number: p.phone, type: 'mobile', position: 0, status: 'valid_number' }]
        : [],
    intent_strength: null,
    show_intent: false,
    revealed_for_current_team: reveal.email,
  };
}

function contactRaw(p: SamplePerson, o: SampleOrganization) {
  const person = personRaw(p, o, { email: true, personalEmails: false, phone: false });
  return {
    id: apolloContactId(p.id),
    first_name: p.firstName,
    last_name: p.lastName,
    name: person.name,
    linkedin_url: person.linkedin_url,
    title: p.title,
    contact_stage_id: derivedHexId('apollo-stage', 'approaching'),
    owner_id: derivedHexId('apollo-user', 'owner'),
    person_id: apolloPersonId(p.id),
    email_needs_tickling: false,
    organization_name: o.name,
    source: 'crm',
    organization_id: apolloOrgId(o.id),
    headline: null,
    photo_url: null,
    present_raw_address: [p.city, p.state, p.country].filter(Boolean).join(', '),
    email: p.email ?? null,
    email_status: EMAIL_STATUS_OF[p.emailStatus],
    phone_numbers: p.phone
      ? [{ raw_number: p.phone, sanitized_number: p.phone, type: 'work_direct', position: 0 }]
      : [],
    sanitized_phone: p.phone ?? null,
    city: p.city,
    state: p.state ?? null,
    country: p.country,
    seniority: p.seniority,
    departments: person.departments,
    account_id: apolloAccountId(o.id),
    existence_level: 'full',
    label_ids: [],
    custom_fields: {},
    organization: orgRaw(o),
  };
}

function jobRaw(j: SampleJobPosting, country: string) {
  return {
    id: apolloJobId(j.id),
    title: j.title,
    url: j.url,
    city: j.city,
    state: null,
    country,
    last_seen_at: j.lastSeenAt,
    posted_at: j.postedAt,
  };
}

// ---------------------------------------------------------------------------------------------
// Filters

/** A parameter from the JSON body ("name" or "name[]") or the query string ("name[]" or "name"). */
function listParam(body: Record<string, unknown>, query: URLSearchParams, name: string): string[] {
  const fromBody = body[name] ?? body[`${name}[]`];
  const out: string[] = [];
  if (Array.isArray(fromBody)) out.push(...fromBody.map(String));
  else if (typeof fromBody === 'string') out.push(fromBody);
  out.push(...query.getAll(`${name}[]`), ...query.getAll(name));
  return out.map((s) => s.trim()).filter(Boolean);
}

function scalarParam(body: Record<string, unknown>, query: URLSearchParams, name: string): string | undefined {
  const v = body[name];
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return query.get(name) ?? undefined;
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim();

const US_STATE_CODES: Record<string, string> = {
  tx: 'texas',
  ca: 'california',
  ny: 'new york',
  ma: 'massachusetts',
  wa: 'washington',
  il: 'illinois',
  co: 'colorado',
  ga: 'georgia',
  fl: 'florida',
  or: 'oregon',
  pa: 'pennsylvania',
  nc: 'north carolina',
};

/** Apollo location strings: every comma part must name the city, state, country or country code. */
function locationMatches(
  filter: string,
  place: { city: string; state?: string; country: string; countryCode: string },
): boolean {
  const parts = filter.split(',').map(norm).filter(Boolean);
  if (parts.length === 0) return true;
  const names = [place.city, place.state ?? '', place.country, place.countryCode].map(norm);
  const aliases = new Set(names);
  if (place.countryCode === 'US') ['usa', 'united states of america', 'us'].forEach((a) => aliases.add(a));
  if (place.countryCode === 'GB') ['uk', 'england', 'great britain'].forEach((a) => aliases.add(a));
  return parts.every((part) => aliases.has(part) || aliases.has(US_STATE_CODES[part] ?? '\u0000'));
}

/** "1,10" or "10001," -> inclusive bounds. */
function rangeMatches(range: string, n: number): boolean {
  const [lo, hi] = range.split(',').map((s) => s.trim());
  const min = lo ? Number(lo) : 0;
  const max = hi ? Number(hi) : Infinity;
  return n >= min && n <= max;
}

function domainOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .split('/')[0]!
    .trim();
}

function filterPeople(ctx: RouteContext, body: Record<string, unknown>, query: URLSearchParams): SamplePerson[] {
  const titles = listParam(body, query, 'person_titles').map(norm);
  const notTitles = listParam(body, query, 'person_not_titles').map(norm);
  const seniorities = listParam(body, query, 'person_seniorities');
  const functions = listParam(body, query, 'person_functions');
  const locations = listParam(body, query, 'person_locations');
  const orgIds = new Set(listParam(body, query, 'organization_ids'));
  const domains = new Set([
    ...listParam(body, query, 'q_organization_domains_list').map(domainOf),
    ...listParam(body, query, 'q_organization_domains')
      .flatMap((d) => d.split('\n'))
      .map(domainOf),
  ]);
  const ranges = listParam(body, query, 'organization_num_employees_ranges');
  const tech = listParam(body, query, 'currently_using_any_of_technology_uids');
  const ids = new Set(listParam(body, query, 'ids'));
  const keywords = norm(scalarParam(body, query, 'q_keywords') ?? '');
  const name = norm(scalarParam(body, query, 'q_person_name') ?? '');
  const hasEmail = scalarParam(body, query, 'has_email');
  const hasPhone = scalarParam(body, query, 'has_phone');

  return ctx.dataset.people.filter((p) => {
    const o = ctx.index.orgById.get(p.organizationId)!;
    if (ids.size && !ids.has(apolloPersonId(p.id))) return false;
    const title = norm(p.title);
    if (titles.length && !titles.some((t) => title.includes(t))) return false;
    if (notTitles.some((t) => title.includes(t))) return false;
    if (seniorities.length && !seniorities.includes(p.seniority)) return false;
    if (functions.length && !p.departments.some((d) => functions.includes(FUNCTION_OF[d] ?? '\u0000'))) return false;
    if (locations.length && !locations.some((l) => locationMatches(l, p))) return false;
    if (orgIds.size && !orgIds.has(apolloOrgId(o.id))) return false;
    if (domains.size && !domains.has(o.domain)) return false;
    if (ranges.length && !ranges.some((r) => rangeMatches(r, o.employeeCount))) return false;
    if (tech.length && !o.technologies.some((t) => tech.includes(techUid(t)))) return false;
    if (name && !norm(`${p.firstName} ${p.lastName}`).includes(name)) return false;
    if (keywords) {
      const hay = norm([p.firstName, p.lastName, p.title, o.name, o.industry, ...o.keywords].join(' '));
      if (!keywords.split(/\s+/).every((k) => hay.includes(k))) return false;
    }
    if (hasEmail === 'yes' && !p.email) return false;
    if (hasEmail === 'no' && p.email) return false;
    if (hasPhone === 'yes' && !p.phone) return false;
    if (hasPhone === 'no' && p.phone) return false;
    return true;
  });
}

function filterOrganizations(
  ctx: RouteContext,
  body: Record<string, unknown>,
  query: URLSearchParams,
): SampleOrganization[] {
  const ids = new Set(listParam(body, query, 'organization_ids'));
  const ranges = listParam(body, query, 'organization_num_employees_ranges');
  const locations = listParam(body, query, 'organization_locations');
  const notLocations = listParam(body, query, 'organization_not_locations');
  const tags = listParam(body, query, 'q_organization_keyword_tags').map(norm);
  const domains = new Set(listParam(body, query, 'q_organization_domains_list').map(domainOf));
  const tech = listParam(body, query, 'currently_using_any_of_technology_uids');
  const name = norm(scalarParam(body, query, 'q_organization_name') ?? '');
  return ctx.dataset.organizations.filter((o) => {
    if (ids.size && !ids.has(apolloOrgId(o.id))) return false;
    if (ranges.length && !ranges.some((r) => rangeMatches(r, o.employeeCount))) return false;
    if (locations.length && !locations.some((l) => locationMatches(l, o))) return false;
    if (notLocations.some((l) => locationMatches(l, o))) return false;
    if (tags.length) {
      const hay = [...o.keywords, o.industry].map(norm);
      if (!tags.some((t) => hay.some((h) => h.includes(t)))) return false;
    }
    if (domains.size && !domains.has(o.domain)) return false;
    if (tech.length && !o.technologies.some((t) => tech.includes(techUid(t)))) return false;
    if (name && !norm(o.name).includes(name)) return false;
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Paging and errors

function paging(
  body: Record<string, unknown>,
  query: URLSearchParams,
  defaultPerPage: number,
): { page: number; perPage: number } | SimReply {
  const pageText = scalarParam(body, query, 'page');
  const perPageText = scalarParam(body, query, 'per_page');
  const page = pageText === undefined ? 1 : Number(pageText);
  const perPage = perPageText === undefined ? defaultPerPage : Number(perPageText);
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1) {
    return { status: 422, json: { error: 'Parameters misconfigured. page and per_page must be positive integers.' } };
  }
  if (page > MAX_PAGE) {
    return {
      status: 422,
      json: { error: `Parameters misconfigured. You can only view up to ${MAX_PAGE} pages of results.` },
    };
  }
  return { page, perPage: Math.min(perPage, MAX_PER_PAGE) };
}

const unprocessable = (error: string): SimReply => ({ status: 422, json: { error } });

const replies: ProviderReplies = {
  authenticate(req: IncomingMessage, body: unknown, query: URLSearchParams, validKeys: string[]) {
    const header = req.headers['x-api-key'];
    const key =
      (typeof header === 'string' ? header : undefined) ??
      (typeof bodyObject(body).api_key === 'string' ? (bodyObject(body).api_key as string) : undefined) ??
      query.get('api_key') ??
      undefined;
    if (key && validKeys.includes(key)) return { key };
    return {
      status: 401,
      text: 'Invalid access credentials.',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    };
  },
  creditsExhausted: () => ({
    status: 402,
    json: {
      error:
        'You have insufficient credits to complete this request. Please upgrade your plan or wait for your credits to renew.',
      error_code: 'INSUFFICIENT_CREDITS',
    },
  }),
  rateLimited: (routeName) => ({
    status: 429,
    json: {
      message: `The maximum number of api calls allowed for api/v1/${routeName} is 50 times per minute. Please upgrade your plan from https://app.apollo.io/#/settings/plans/upgrade.`,
    },
  }),
  planRestricted: (routeName) =>
    routeName === APOLLO_ROUTES.companiesSearch
      ? { status: 403, json: { message: 'This endpoint is only available to Apollo users on paid plans.' } }
      : {
          status: 403,
          json: {
            error: `api/v1/${routeName} is not accessible with this access token on a free plan. Upgrade your plan from https://app.apollo.io/`,
            error_code: 'API_INACCESSIBLE',
          },
        },
  notFound: (path) => ({ status: 404, json: { error: `The route ${path} could not be found` } }),
  badJson: () => ({ status: 400, json: { error: 'Invalid JSON body' } }),
};

// ---------------------------------------------------------------------------------------------
// Routes

function peopleSearchRoute(path: string, name: string, shape: 'current' | 'legacy'): SimRoute {
  return {
    method: 'POST',
    path,
    name,
    handler(_req, rawBody, query, ctx) {
      const body = bodyObject(rawBody);
      const pg = paging(body, query, shape === 'current' ? 25 : 10);
      if ('status' in pg) return pg;
      const matches = filterPeople(ctx, body, query);
      const slice = matches.slice((pg.page - 1) * pg.perPage, pg.page * pg.perPage);
      const orgOf = (p: SamplePerson) => ctx.index.orgById.get(p.organizationId)!;
      if (shape === 'current') {
        return {
          status: 200,
          json: { total_entries: matches.length, people: slice.map((p) => apiSearchRow(p, orgOf(p))) },
        };
      }
      const totalPages = Math.ceil(matches.length / pg.perPage);
      return {
        status: 200,
        json: {
          breadcrumbs: [],
          partial_results_only: false,
          disable_eu_prospecting: false,
          partial_results_limit: 10000,
          pagination: {
            page: pg.page,
            per_page: pg.perPage,
            total_entries: matches.length,
            total_pages: totalPages,
          },
          contacts: slice.filter(isApolloContact).map((p) => contactRaw(p, orgOf(p))),
          people: slice
            .filter((p) => !isApolloContact(p))
            .map((p) => personRaw(p, orgOf(p), { email: false, personalEmails: false, phone: false })),
          model_ids: slice.map((p) => apolloPersonId(p.id)),
          num_fetch_result: null,
          derived_params: null,
        },
      };
    },
  };
}

interface MatchInput {
  id?: string;
  email?: string;
  first_name?: string;
  last_name?: string;
  name?: string;
  organization_name?: string;
  domain?: string;
  linkedin_url?: string;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

function readMatchInput(o: Record<string, unknown>): MatchInput {
  return {
    id: str(o.id),
    email: str(o.email),
    first_name: str(o.first_name),
    last_name: str(o.last_name),
    name: str(o.name),
    organization_name: str(o.organization_name),
    domain: str(o.domain),
    linkedin_url: str(o.linkedin_url),
  };
}

function linkedinHandle(url: string): string | undefined {
  const m = /linkedin\.com\/in\/([^/?#]+)/i.exec(url);
  return m ? decodeURIComponent(m[1]!).toLowerCase() : undefined;
}

const lookupCache = new WeakMap<object, Map<string, SamplePerson>>();

/** Id beats email beats LinkedIn beats name + company, as Apollo's matcher picks the strongest. */
function findPerson(ctx: RouteContext, input: MatchInput): SamplePerson | undefined {
  let table = lookupCache.get(ctx.dataset);
  if (!table) {
    table = new Map();
    for (const p of ctx.dataset.people) {
      table.set(`id:${apolloPersonId(p.id)}`, p);
      if (p.email) table.set(`email:${p.email.toLowerCase()}`, p);
      if (p.personalEmail) table.set(`email:${p.personalEmail.toLowerCase()}`, p);
      table.set(`li:${p.linkedinHandle.toLowerCase()}`, p);
      const o = ctx.index.orgById.get(p.organizationId)!;
      table.set(`name:${norm(p.firstName)}|${norm(p.lastName)}|${o.domain}`, p);
      table.set(`name:${norm(p.firstName)}|${norm(p.lastName)}|org:${norm(o.name)}`, p);
    }
    lookupCache.set(ctx.dataset, table);
  }
  if (input.id) return table.get(`id:${input.id}`);
  if (input.email) {
    const hit = table.get(`email:${input.email.toLowerCase()}`);
    if (hit) return hit;
  }
  if (input.linkedin_url) {
    const handle = linkedinHandle(input.linkedin_url);
    const hit = handle ? table.get(`li:${handle}`) : undefined;
    if (hit) return hit;
  }
  let first = input.first_name;
  let last = input.last_name;
  if ((!first || !last) && input.name) {
    const parts = input.name.split(/\s+/);
    first ??= parts[0];
    last ??= parts.length > 1 ? parts[parts.length - 1] : undefined;
  }
  if (first && last) {
    if (input.domain) {
      const hit = table.get(`name:${norm(first)}|${norm(last)}|${domainOf(input.domain)}`);
      if (hit) return hit;
    }
    if (input.organization_name)
      return table.get(`name:${norm(first)}|${norm(last)}|org:${norm(input.organization_name)}`);
  }
  return undefined;
}

function hasIdentifier(input: MatchInput): boolean {
  return !!(
    input.id ||
    input.email ||
    input.linkedin_url ||
    ((input.name || (input.first_name && input.last_name)) && (input.domain || input.organization_name))
  );
}

function revealOf(body: Record<string, unknown>): Reveal {
  return {
    email: true,
    personalEmails: body.reveal_personal_emails === true,
    phone: body.reveal_phone_number === true,
  };
}

/** Credits one matched person costs: 1 for the person (email included), plus each revealed phone. */
function matchCost(p: SamplePerson, reveal: Reveal): number {
  return 1 + (reveal.phone && p.phone ? PHONE_CREDITS : 0);
}

function chargeMatch(ctx: RouteContext, p: SamplePerson, reveal: Reveal): void {
  ctx.charge(1, `apollo:person:${apolloPersonId(p.id)}`);
  if (reveal.phone && p.phone) ctx.charge(PHONE_CREDITS, `apollo:phone:${apolloPersonId(p.id)}`);
}

const routes: SimRoute[] = [
  peopleSearchRoute('/api/v1/mixed_people/api_search', APOLLO_ROUTES.apiSearch, 'current'),
  peopleSearchRoute('/v1/mixed_people/search', APOLLO_ROUTES.legacyMixedSearch, 'legacy'),
  peopleSearchRoute('/api/v1/mixed_people/search', APOLLO_ROUTES.legacyMixedSearch, 'legacy'),
  peopleSearchRoute('/v1/people/search', APOLLO_ROUTES.legacyPeopleSearch, 'legacy'),
  {
    method: 'POST',
    path: '/api/v1/people/match',
    name: APOLLO_ROUTES.match,
    handler(_req, rawBody, query, ctx) {
      const body = { ...Object.fromEntries(query), ...bodyObject(rawBody) };
      const input = readMatchInput(body);
      if (!hasIdentifier(input)) {
        return unprocessable(
          'Please provide an id, email, linkedin_url, or a name together with a domain or organization_name.',
        );
      }
      const reveal = revealOf(body);
      const p = findPerson(ctx, input);
      if (!p) return { status: 200, json: { person: null } };
      if (!ctx.canAfford(matchCost(p, reveal))) return replies.creditsExhausted();
      chargeMatch(ctx, p, reveal);
      return { status: 200, json: { person: personRaw(p, ctx.index.orgById.get(p.organizationId)!, reveal) } };
    },
  },
  {
    method: 'POST',
    path: '/api/v1/people/bulk_match',
    name: APOLLO_ROUTES.bulkMatch,
    handler(_req, rawBody, _query, ctx) {
      const body = bodyObject(rawBody);
      const details = body.details;
      if (!Array.isArray(details) || details.length === 0) return unprocessable('details must be a non-empty array');
      if (details.length > BULK_LIMIT) {
        return {
          status: 400,
          json: {
            status: 'failed',
            error_code: 'RECORD_LIMIT_EXCEEDED',
            error_message: `You can only enrich up to ${BULK_LIMIT} records at once`,
          },
        };
      }
      const reveal = revealOf(body);
      const found = details.map((d) => {
        const input = readMatchInput(bodyObject(d));
        return hasIdentifier(input) ? findPerson(ctx, input) : undefined;
      });
      const cost = found.reduce((sum, p) => sum + (p ? matchCost(p, reveal) : 0), 0);
      // All or nothing: Apollo checks the balance before doing the work.
      if (!ctx.canAfford(cost)) return replies.creditsExhausted();
      for (const p of found) if (p) chargeMatch(ctx, p, reveal);
      const matched = found.filter((p): p is SamplePerson => !!p);
      return {
        status: 200,
        json: {
          status: 'success',
          error_code: null,
          error_message: null,
          total_requested_enrichments: details.length,
          unique_enriched_records: new Set(matched.map((p) => p.id)).size,
          missing_records: details.length - matched.length,
          credits_consumed: cost,
          matches: found.map((p) => (p ? personRaw(p, ctx.index.orgById.get(p.organizationId)!, reveal) : null)),
        },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/v1/mixed_companies/search',
    name: APOLLO_ROUTES.companiesSearch,
    handler(_req, rawBody, query, ctx) {
      const body = bodyObject(rawBody);
      const pg = paging(body, query, 10);
      if ('status' in pg) return pg;
      const matches = filterOrganizations(ctx, body, query);
      const slice = matches.slice((pg.page - 1) * pg.perPage, pg.page * pg.perPage);
      // Export-credit plans pay one credit per page returned.
      ctx.charge(1, `apollo:companies:page:${pg.page}:${JSON.stringify(body)}`);
      return {
        status: 200,
        json: {
          breadcrumbs: [],
          partial_results_only: false,
          disable_eu_prospecting: false,
          partial_results_limit: 10000,
          pagination: {
            page: pg.page,
            per_page: pg.perPage,
            total_entries: matches.length,
            total_pages: Math.ceil(matches.length / pg.perPage),
          },
          accounts: slice.filter(isApolloAccount).map(accountRaw),
          organizations: slice.filter((o) => !isApolloAccount(o)).map(orgRaw),
          model_ids: slice.map((o) => apolloOrgId(o.id)),
          num_fetch_result: null,
          derived_params: null,
        },
      };
    },
  },
  {
    method: 'GET',
    path: '/api/v1/organizations/enrich',
    name: APOLLO_ROUTES.orgEnrich,
    handler(_req, _body, query, ctx) {
      const domain = query.get('domain');
      if (!domain?.trim()) return unprocessable('Parameters misconfigured. domain is required.');
      const o = ctx.index.orgByDomain.get(domainOf(domain));
      if (!o) return { status: 200, json: {} };
      ctx.charge(1, `apollo:org:${o.domain}`);
      return { status: 200, json: { organization: orgRaw(o) } };
    },
  },
  ...['/api/v1/organizations/:id/job_postings', '/v1/organizations/:id/job_postings'].map((path): SimRoute => ({
    method: 'GET',
    path,
    name: APOLLO_ROUTES.jobPostings,
    handler(_req, _body, query, ctx) {
      const org = orgByApolloId(ctx, ctx.params.id ?? '');
      if (!org) return unprocessable('Parameters misconfigured. Please check the organization id.');
      const pg = paging({}, query, 10);
      if ('status' in pg) return pg;
      const jobs = ctx.index.jobsByOrg.get(org.id) ?? [];
      const slice = jobs.slice((pg.page - 1) * pg.perPage, pg.page * pg.perPage);
      return {
        status: 200,
        json: {
          organization_job_postings: slice.map((j) => jobRaw(j, org.country)),
          pagination: {
            page: pg.page,
            per_page: pg.perPage,
            total_entries: jobs.length,
            total_pages: Math.ceil(jobs.length / pg.perPage),
          },
        },
      };
    },
  })),
  {
    method: 'POST',
    path: '/api/v1/usage_stats/api_usage_stats',
    name: APOLLO_ROUTES.usage,
    handler(_req, _body, _query, ctx) {
      const limit = ctx.knobs.rateLimit;
      const minute = { limit: limit?.requests ?? 200, consumed: 0, left_over: limit?.requests ?? 200 };
      const stat = {
        day: { limit: 6000, consumed: 0, left_over: 6000 },
        hour: { limit: 600, consumed: 0, left_over: 600 },
        minute,
      };
      return {
        status: 200,
        json: {
          '["api/v1/mixed_people", "api_search"]': stat,
          '["api/v1/people", "match"]': stat,
          '["api/v1/people", "bulk_match"]': stat,
          '["api/v1/mixed_companies", "search"]': stat,
          '["api/v1/organizations", "enrich"]': stat,
          '["api/v1/organizations", "job_postings"]': stat,
        },
      };
    },
  },
];

const orgIdCache = new WeakMap<object, Map<string, SampleOrganization>>();
function orgByApolloId(ctx: RouteContext, id: string): SampleOrganization | undefined {
  let table = orgIdCache.get(ctx.dataset);
  if (!table) {
    table = new Map(ctx.dataset.organizations.map((o) => [apolloOrgId(o.id), o]));
    orgIdCache.set(ctx.dataset, table);
  }
  return table.get(id);
}

export interface ApolloSimulatorOptions {
  port?: number;
  /** Answer 404 on the current people search route, like an account that only has the older ones. */
  legacyPeopleSearchOnly?: boolean;
}

export function startApolloSimulator(
  knobs?: KnobsPatch,
  options: ApolloSimulatorOptions = {},
): Promise<SimulatorHandle> {
  const active = options.legacyPeopleSearchOnly ? routes.filter((r) => r.name !== APOLLO_ROUTES.apiSearch) : routes;
  return startSimulator({
    name: 'apollo',
    routes: active,
    replies,
    defaults: { validKeys: [APOLLO_TEST_KEY] },
    ...(knobs ? { knobs } : {}),
    ...(options.port ? { port: options.port } : {}),
  });
}
