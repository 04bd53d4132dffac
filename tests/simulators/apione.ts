/**
 * ApiOne simulator: POST /api/v1/people/enrich over the sample dataset, written from ApiOne's
 * "People Enrichment" page alone (the only thing known about ApiOne; tests/fixtures/apione/README.md)
 * and independently of main/providers/apione. X-API-Key auth, 4 credits a hit, and the page's
 * error table exactly: each error answers its status with the table's message as a text/plain body
 * (400 missing_param, 401 invalid_api_key, 402 insufficient_credits, 404 not_found with 1 credit
 * deducted, 429 rate_limit_exceeded). With `docExamples` a lookup answers the page's example body.
 *
 * The page does not say whether the key or the body is checked first; `bodyCheckedFirst` (a start
 * option) flips the default order (key, rate limit, body, credits) so clients can be held to both.
 */
import type { SampleOrganization, SamplePerson } from '../../main/providers/sample/dataset-types';
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
import { fixtureReply } from './fixtures';

export const APIONE_TEST_KEY = 'sim-apione-key-0001';
export const APIONE_ROUTES = { enrich: 'people/enrich' } as const;
export const APIONE_HIT_CREDITS = 4;
export const APIONE_MISS_CREDITS = 1;

/** The page's error table: the status, and its "Message" column as the whole plain-text body. */
export const APIONE_ERRORS = {
  missingParam: { status: 400, text: 'missing_param' },
  invalidKey: { status: 401, text: 'invalid_api_key' },
  noCredits: { status: 402, text: 'insufficient_credits' },
  notFound: { status: 404, text: 'not_found' },
  rateLimited: { status: 429, text: 'rate_limit_exceeded' },
} as const;

const error = (e: (typeof APIONE_ERRORS)[keyof typeof APIONE_ERRORS]): SimReply => ({
  status: e.status,
  text: e.text,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
});

const replies: ProviderReplies = {
  authenticate(req, _body, _query, validKeys) {
    const key = req.headers['x-api-key'];
    const value = Array.isArray(key) ? key[0] : key;
    if (!value || !validKeys.includes(value)) return error(APIONE_ERRORS.invalidKey);
    return { key: value };
  },
  creditsExhausted: () => error(APIONE_ERRORS.noCredits),
  rateLimited: () => error(APIONE_ERRORS.rateLimited),
  // Not on the page's table (ApiOne documents no plan gating); only the restrictedRoutes knob sends it.
  planRestricted: () => ({ status: 403, text: 'forbidden', headers: { 'content-type': 'text/plain; charset=utf-8' } }),
  // Unknown routes answer like a web server, not like the API: the client must not read them as "no profile".
  notFound: () => ({ status: 404, text: 'Not Found', headers: { 'content-type': 'text/html' } }),
  badJson: () => error(APIONE_ERRORS.missingParam),
};

// ---------------------------------------------------------------------------------------------
// ApiOne's vocabulary

/** Four levels: executive, senior, mid, junior. */
function levelOf(p: SamplePerson): string {
  switch (p.seniority) {
    case 'owner':
    case 'founder':
    case 'c_suite':
    case 'partner':
    case 'vp':
      return 'executive';
    case 'head':
    case 'director':
    case 'manager':
    case 'senior':
      return 'senior';
    case 'intern':
      return 'junior';
    default:
      return /\b(junior|jr|associate|assistant|graduate)\b/i.test(p.title) ? 'junior' : 'mid';
  }
}

const DEPARTMENT_WORD: Record<string, string> = {
  executive: 'Executive',
  sales: 'Sales',
  marketing: 'Marketing',
  engineering: 'Engineering',
  product: 'Product',
  design: 'Design',
  finance: 'Finance',
  accounting: 'Accounting',
  operations: 'Operations',
  human_resources: 'Human Resources',
  information_technology: 'IT',
  legal: 'Legal',
  customer_success: 'Customer Success',
  business_development: 'Business Development',
  consulting: 'Consulting',
  education: 'Education',
  media_communication: 'Communications',
  administrative: 'Administrative',
  data_science: 'Data Science',
  other: 'Other',
};

const seq = (id: string) => Number(id.replace(/\D/g, '')) || 0;

export function apiOneProfile(p: SamplePerson, o: SampleOrganization) {
  return {
    full_name: `${p.firstName} ${p.lastName}`,
    email: p.email ?? null,
    title: p.title,
    seniority: levelOf(p),
    department: DEPARTMENT_WORD[p.departments[0] ?? 'other'] ?? 'Other',
    company_name: o.name,
    company_domain: o.domain,
    // As on the page: no www, no trailing slash.
    linkedin_url: `https://linkedin.com/in/${p.linkedinHandle}`,
    location: `${p.city}, ${p.country}`,
    confidence: Math.round((0.72 + (seq(p.id) % 27) / 100) * 100) / 100,
  };
}

// ---------------------------------------------------------------------------------------------
// Lookup

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const cleanDomain = (d: string) =>
  d
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/.*$/, '');

interface Lookup {
  byEmail: Map<string, SamplePerson>;
}
let lookupCache = new WeakMap<object, Lookup>();
function lookupFor(ctx: RouteContext): Lookup {
  let l = lookupCache.get(ctx.dataset);
  if (!l) {
    l = { byEmail: new Map() };
    for (const p of ctx.dataset.people) if (p.email) l.byEmail.set(p.email.toLowerCase(), p);
    lookupCache.set(ctx.dataset, l);
  }
  return l;
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

let requestCounter = 0;
const nextRequestId = () => `req_${derivedHexId('apione-request', String(++requestCounter), 12)}`;

function enrichRoute(bodyCheckedFirst: boolean): SimRoute {
  return {
    method: 'POST',
    path: '/api/v1/people/enrich',
    name: APIONE_ROUTES.enrich,
    // Body first: the core's key check is skipped and done here, after the body's.
    requiresAuth: !bodyCheckedFirst,
    handler(req, rawBody, query, ctx) {
      const body = bodyObject(rawBody);
      const email = str(body.email)?.toLowerCase();
      const first = str(body.first_name);
      const last = str(body.last_name);
      const domain = str(body.domain);
      if (!email && !(first && last && domain)) return error(APIONE_ERRORS.missingParam);
      if (bodyCheckedFirst) {
        const auth = replies.authenticate(req, rawBody, query, ctx.knobs.validKeys);
        if ('status' in auth) return auth;
      }
      if (ctx.knobs.docExamples) {
        ctx.charge(APIONE_HIT_CREDITS, 'apione:doc-example');
        return fixtureReply('apione', 'doc-enrich-success.json');
      }
      let person: SamplePerson | undefined;
      let inputKey: string;
      if (email) {
        inputKey = `apione:email:${email}`;
        person = lookupFor(ctx).byEmail.get(email);
      } else {
        const d = cleanDomain(domain!);
        inputKey = `apione:name:${fold(first!)}|${fold(last!)}|${d}`;
        const org = ctx.index.orgByDomain.get(d);
        person = org
          ? (ctx.index.peopleByOrg.get(org.id) ?? []).find(
              (p) => fold(p.firstName) === fold(first!) && fold(p.lastName) === fold(last!),
            )
          : undefined;
      }
      if (!person) {
        ctx.charge(APIONE_MISS_CREDITS, inputKey); // throws the 402 when the balance is empty
        return error(APIONE_ERRORS.notFound);
      }
      const requestId = nextRequestId();
      ctx.charge(APIONE_HIT_CREDITS, inputKey);
      const org = ctx.index.orgById.get(person.organizationId)!;
      return {
        status: 200,
        json: {
          status: 'success',
          request_id: requestId,
          credits_used: APIONE_HIT_CREDITS,
          data: apiOneProfile(person, org),
        },
      };
    },
  };
}

/** Tests reset module caches when they swap datasets; normal use never needs it. */
export function clearApioneSimulatorCaches(): void {
  lookupCache = new WeakMap();
}

export interface ApioneSimulatorOptions {
  port?: number;
  /** Check the body (400 missing_param) before the key (401); the default checks the key first. */
  bodyCheckedFirst?: boolean;
}

export function startApioneSimulator(
  knobs?: KnobsPatch,
  options: ApioneSimulatorOptions = {},
): Promise<SimulatorHandle> {
  return startSimulator({
    name: 'apione',
    routes: [enrichRoute(options.bodyCheckedFirst === true)],
    replies,
    defaults: { validKeys: [APIONE_TEST_KEY] },
    ...(knobs ? { knobs } : {}),
    ...(options.port ? { port: options.port } : {}),
  });
}
