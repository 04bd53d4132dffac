/**
 * ApiOne simulator: POST /api/v1/people/enrich over the sample dataset, written from
 * ApiOne's people-enrichment page alone (nothing else is published; docs/providers.md) and independently of
 * main/providers/apione. X-API-Key auth, the error table (400 missing_param, 401 invalid_api_key,
 * 402 insufficient_credits, 404 not_found charging 1 credit, 429 rate_limit_exceeded), 4 credits a hit.
 *
 * The page names each error's message token but not the body's layout; this simulator answers
 * {"status":"error","error":<token>,"message":<text>} (plus request_id and credits_used on 404).
 * Check order (an assumption the connection test relies on): key, rate limit, body, credits.
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

export const APIONE_TEST_KEY = 'sim-apione-key-0001';
export const APIONE_ROUTES = { enrich: 'people/enrich' } as const;
export const APIONE_HIT_CREDITS = 4;
export const APIONE_MISS_CREDITS = 1;

const error = (status: number, token: string, message: string, extra: Record<string, unknown> = {}): SimReply => ({
  status,
  json: { status: 'error', error: token, message, ...extra },
});

const replies: ProviderReplies = {
  authenticate(req, _body, _query, validKeys) {
    const key = req.headers['x-api-key'];
    const value = Array.isArray(key) ? key[0] : key;
    if (!value || !validKeys.includes(value)) return error(401, 'invalid_api_key', 'API key is missing or invalid');
    return { key: value };
  },
  creditsExhausted: () => error(402, 'insufficient_credits', 'Account has no remaining credits'),
  rateLimited: () => error(429, 'rate_limit_exceeded', 'Request rate exceeded for your plan'),
  planRestricted: () => error(403, 'forbidden', 'Your plan does not include this endpoint'),
  // Unknown routes answer like a web server, not like the API: the client must not read them as "no profile".
  notFound: () => ({ status: 404, text: 'Not Found', headers: { 'content-type': 'text/html' } }),
  badJson: () =>
    error(400, 'missing_param', 'Request body must be JSON with email, or first_name, last_name and domain'),
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

const routes: SimRoute[] = [
  {
    method: 'POST',
    path: '/api/v1/people/enrich',
    name: APIONE_ROUTES.enrich,
    handler(_req, rawBody, _query, ctx) {
      const body = bodyObject(rawBody);
      const email = str(body.email)?.toLowerCase();
      const first = str(body.first_name);
      const last = str(body.last_name);
      const domain = str(body.domain);
      if (!email && !(first && last && domain)) {
        return error(400, 'missing_param', 'Provide email, or first_name, last_name and domain');
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
      const requestId = nextRequestId();
      if (!person) {
        ctx.charge(APIONE_MISS_CREDITS, inputKey); // throws the 402 when the balance is empty
        return error(404, 'not_found', 'No profile found for the given input', {
          request_id: requestId,
          credits_used: APIONE_MISS_CREDITS,
        });
      }
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
  },
];

/** Tests reset module caches when they swap datasets; normal use never needs it. */
export function clearApioneSimulatorCaches(): void {
  lookupCache = new WeakMap();
}

export function startApioneSimulator(knobs?: KnobsPatch, options: { port?: number } = {}): Promise<SimulatorHandle> {
  return startSimulator({
    name: 'apione',
    routes,
    replies,
    defaults: { validKeys: [APIONE_TEST_KEY] },
    ...(knobs ? { knobs } : {}),
    ...(options.port ? { port: options.port } : {}),
  });
}
