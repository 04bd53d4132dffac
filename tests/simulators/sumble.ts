/**
 * Sumble simulator: POST /v6/people (list mode and filter mode) over the sample dataset, written
 * from Sumble's published API docs (docs/providers.md), independently of main/providers/sumble.
 * Bearer auth (401), 402 before any work, 422 as a list of issues (schema) or a plain string
 * (semantic rules), 429 with no Retry-After (default limit 10 requests a second), and the documented
 * cost model: per matched/returned person 1 + 1 per paid attribute (`name` free), 10 per first email
 * reveal, 80 per first phone reveal (repeats free, remembered per key and person), 20 per unique
 * email identifier that resolves, 1 per related person returned. Unmatched inputs cost nothing.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { SampleOrganization, SamplePerson } from '../../main/providers/sample/dataset-types';
import {
  startSimulator,
  type KnobsPatch,
  type ProviderReplies,
  type RouteContext,
  type SimReply,
  type SimRoute,
  type SimulatorHandle,
} from './core';

export const SUMBLE_TEST_KEY = 'sim-sumble-key-0001';
export const SUMBLE_ROUTES = { people: 'people' } as const;
/** About 10 requests a second per user (Sumble's docs), with no Retry-After on the 429. */
export const SUMBLE_DEFAULT_RATE_LIMIT = {
  requests: 10,
  perMs: 1_000,
  sendRetryAfter: false,
  headers: 'none' as const,
};
export const SUMBLE_PRICES = {
  person: 1,
  paidAttribute: 1,
  relatedPerson: 1,
  emailReveal: 10,
  phoneReveal: 80,
  emailIdentifier: 20,
} as const;

const seq = (id: string) => Number(id.replace(/\D/g, '')) || 0;
export const sumblePersonId = (samplePersonId: string) => 10_000_000 + seq(samplePersonId);
export const sumbleOrganizationId = (sampleOrgId: string) => 500_000 + seq(sampleOrgId);

const detail = (status: number, d: unknown): SimReply => ({ status, json: { detail: d } });

const replies: ProviderReplies = {
  authenticate(req, _body, _query, validKeys) {
    const header = req.headers.authorization;
    const m = typeof header === 'string' ? /^bearer\s+(.+)$/i.exec(header.trim()) : null;
    if (!m) return detail(401, 'Not authenticated');
    const key = m[1]!.trim();
    if (!validKeys.includes(key)) return detail(401, 'Invalid API token');
    return { key };
  },
  creditsExhausted: () => detail(402, 'Insufficient credits'),
  rateLimited: () => detail(429, 'Rate limit exceeded'),
  planRestricted: () => detail(403, 'Your plan does not include API access to people'),
  notFound: () => detail(404, 'Not Found'),
  badJson: () => detail(422, [{ type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error' }]),
};

// ---------------------------------------------------------------------------------------------
// Sumble's vocabulary (its own tables, not the adapter's)

const JOB_LEVEL: Record<SamplePerson['seniority'], string> = {
  owner: 'Owner',
  founder: 'Founder',
  c_suite: 'Executive',
  partner: 'Partner',
  vp: 'VP',
  head: 'Head',
  director: 'Director',
  manager: 'Manager',
  senior: 'Senior',
  entry: 'Individual Contributor',
  intern: 'Intern',
};
const LEVEL_RANK = [
  'Owner',
  'Founder',
  'Executive',
  'Partner',
  'VP',
  'Head',
  'Director',
  'Manager',
  'Senior',
  'Individual Contributor',
  'Intern',
];

const JOB_FUNCTION: Record<string, string> = {
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
  information_technology: 'Information Technology',
  legal: 'Legal',
  customer_success: 'Customer Success',
  business_development: 'Business Development',
  consulting: 'Consulting',
  education: 'Education',
  media_communication: 'Media and Communication',
  administrative: 'Administrative',
  data_science: 'Data Science',
  other: 'Other',
};

const slug = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9.+#]+/g, '-')
    .replace(/^-+|-+$/g, '');

const ALL_ATTRIBUTES = [
  'name',
  'linkedin_url',
  'job_title',
  'job_function',
  'job_level',
  'location',
  'country',
  'current_employer',
  'technologies',
];
const ATTRIBUTE = z.enum([
  'name',
  'email',
  'phone',
  'linkedin_url',
  'job_title',
  'job_function',
  'job_level',
  'location',
  'country',
  'current_employer',
  'technologies',
  'person_score',
  'confidence',
]);
type Attribute = z.infer<typeof ATTRIBUTE>;
const FREE: readonly string[] = ['name', 'email', 'phone', 'confidence']; // email / phone are priced as reveals

// ---------------------------------------------------------------------------------------------
// Request schema (from the OpenAPI description), pydantic-style 422s

const PersonInput = z
  .object({
    person_id: z.number().int().min(1).nullish(),
    linkedin_url: z.string().nullish(),
    email: z.string().nullish(),
  })
  .strict();
const Attributes = z.union([z.array(ATTRIBUTE), z.literal('all')]).default([]);
const Request = z
  .object({
    people: z.array(PersonInput).min(1).max(1000).nullish(),
    filter: z
      .object({
        organization_ids: z.array(z.number().int()).min(1).max(1000).nullish(),
        organization_list_id: z.number().int().min(1).nullish(),
        query: z.object({ query: z.string() }).nullish(),
      })
      .strict()
      .nullish(),
    select: z
      .object({
        attributes: Attributes,
        related_people: z
          .object({ direction: z.array(z.enum(['managers', 'direct_reports'])).min(1), attributes: Attributes })
          .strict()
          .nullish(),
      })
      .strict(),
    limit: z.number().int().min(1).max(200).default(10),
    offset: z.number().int().min(0).max(10_000).default(0),
    order_by_column: z.enum(['person_score', 'start_date', 'job_level']).nullish(),
    order_by_direction: z.enum(['ASC', 'DESC']).nullish(),
  })
  .strict();
type Request = z.infer<typeof Request>;

function unprocessable(issues: z.core.$ZodIssue[]): SimReply {
  return detail(
    422,
    issues.map((i) => ({
      type: i.code === 'unrecognized_keys' ? 'extra_forbidden' : i.code,
      loc: ['body', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
      msg: i.message,
    })),
  );
}

// ---------------------------------------------------------------------------------------------
// The advanced query: `field EQ 'value'` clauses, AND / OR, parentheses (AND binds tighter).

type Query = { op: 'and' | 'or'; args: Query[] } | { op: 'eq'; field: string; value: string };
const QUERY_FIELDS = new Set(['technology', 'job_function', 'job_level', 'country']);

export function parseQuery(text: string): Query {
  const tokens = text.match(/\(|\)|'[^']*'|[A-Za-z_]+/g) ?? [];
  if (tokens.join('').replace(/\s/g, '') !== text.replace(/\s/g, '')) throw new Error('unexpected characters');
  let i = 0;
  const peek = () => tokens[i];
  const take = () => tokens[i++];
  function or(): Query {
    const args = [and()];
    while (peek()?.toUpperCase() === 'OR') {
      take();
      args.push(and());
    }
    return args.length === 1 ? args[0]! : { op: 'or', args };
  }
  function and(): Query {
    const args = [atom()];
    while (peek()?.toUpperCase() === 'AND') {
      take();
      args.push(atom());
    }
    return args.length === 1 ? args[0]! : { op: 'and', args };
  }
  function atom(): Query {
    const t = take();
    if (t === '(') {
      const inner = or();
      if (take() !== ')') throw new Error('missing )');
      return inner;
    }
    if (!t || !QUERY_FIELDS.has(t.toLowerCase())) throw new Error(`unknown field ${t ?? '(end)'}`);
    if (take()?.toUpperCase() !== 'EQ') throw new Error(`expected EQ after ${t}`);
    const v = take();
    if (!v || !v.startsWith("'")) throw new Error(`expected a quoted value after ${t} EQ`);
    return { op: 'eq', field: t.toLowerCase(), value: v.slice(1, -1) };
  }
  const q = or();
  if (i !== tokens.length) throw new Error(`unexpected ${tokens[i]}`);
  return q;
}

function evaluate(q: Query, p: SamplePerson, o: SampleOrganization): boolean {
  if (q.op !== 'eq')
    return q.op === 'and' ? q.args.every((a) => evaluate(a, p, o)) : q.args.some((a) => evaluate(a, p, o));
  const v = q.value.trim().toLowerCase();
  switch (q.field) {
    case 'technology':
      return o.technologies.some((t) => slug(t) === v);
    case 'job_function':
      return p.departments.some((d) => (JOB_FUNCTION[d] ?? 'Other').toLowerCase() === v);
    case 'job_level':
      return JOB_LEVEL[p.seniority].toLowerCase() === v;
    case 'country':
      return p.countryCode.toLowerCase() === v || p.country.toLowerCase() === v;
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Raw shapes

const sumbleUrl = (pid: number) => `https://sumble.com/p/${pid}`;

function attributesOf(
  p: SamplePerson,
  o: SampleOrganization,
  wanted: readonly string[],
  revealed: { email: boolean; phone: boolean },
) {
  const out: Record<string, unknown> = {};
  for (const a of wanted) {
    switch (a) {
      case 'name':
        out.name = `${p.firstName} ${p.lastName}`;
        break;
      case 'email':
        out.email = revealed.email ? (p.email ?? null) : null;
        break;
      case 'phone':
        out.phone = revealed.phone ? (p.phone ?? null) : null;
        break;
      case 'linkedin_url':
        out.linkedin_url = `https://www.linkedin.com/in/${p.linkedinHandle}`;
        break;
      case 'job_title':
        out.job_title = p.title;
        break;
      case 'job_function':
        out.job_function = JOB_FUNCTION[p.departments[0] ?? 'other'] ?? 'Other';
        break;
      case 'job_level':
        out.job_level = JOB_LEVEL[p.seniority];
        break;
      case 'location':
        out.location = [p.city, p.state, p.country].filter(Boolean).join(', ');
        break;
      case 'country':
        out.country = p.country;
        break;
      case 'current_employer':
        out.current_employer = {
          organization_id: sumbleOrganizationId(o.id),
          name: o.name,
          start_date: p.startedRoleAt,
          sumble_url: `https://sumble.com/orgs/${slug(o.name)}`,
        };
        break;
      case 'technologies':
        out.technologies = o.technologies.map((t) => ({ name: t, slug: slug(t) }));
        break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Handler

interface SumbleState {
  /** `${key}|${personId}|email|phone`: reveals stay active, so a repeat is free. */
  reveals: Set<string>;
  indexes: WeakMap<object, Index>;
}

interface Index {
  byId: Map<number, SamplePerson>;
  byHandle: Map<string, SamplePerson>;
  byEmail: Map<string, SamplePerson>;
  orgBySumbleId: Map<number, SampleOrganization>;
  reports: Map<string, SamplePerson[]>;
}

function indexFor(state: SumbleState, ctx: RouteContext): Index {
  let idx = state.indexes.get(ctx.dataset);
  if (!idx) {
    idx = { byId: new Map(), byHandle: new Map(), byEmail: new Map(), orgBySumbleId: new Map(), reports: new Map() };
    for (const p of ctx.dataset.people) {
      idx.byId.set(sumblePersonId(p.id), p);
      idx.byHandle.set(p.linkedinHandle.toLowerCase(), p);
      if (p.email) idx.byEmail.set(p.email.toLowerCase(), p);
      if (p.managerId) idx.reports.set(p.managerId, [...(idx.reports.get(p.managerId) ?? []), p]);
    }
    for (const o of ctx.dataset.organizations) idx.orgBySumbleId.set(sumbleOrganizationId(o.id), o);
    state.indexes.set(ctx.dataset, idx);
  }
  return idx;
}

/** A LinkedIn profile URL's handle; anything else (company pages, garbage) matches nobody. */
function profileHandle(url: string): string | undefined {
  const m = /^(?:https?:\/\/)?(?:[a-z]{2,3}\.)?linkedin\.com\/in\/([^/?#]+)\/?(?:[?#].*)?$/i.exec(url.trim());
  return m ? decodeURIComponent(m[1]!).toLowerCase() : undefined;
}

function resolveAttributes(a: Attribute[] | 'all', related: boolean): string[] {
  if (a === 'all') return related ? [...ALL_ATTRIBUTES, 'confidence'] : ALL_ATTRIBUTES;
  return [...new Set(a)];
}

const paidCount = (attrs: readonly string[]) => attrs.filter((a) => !FREE.includes(a)).length;

function handler(state: SumbleState) {
  return (_req: unknown, body: unknown, _query: URLSearchParams, ctx: RouteContext): SimReply => {
    const parsed = Request.safeParse(body ?? {});
    if (!parsed.success) return unprocessable(parsed.error.issues);
    const r = parsed.data;
    const listMode = !!r.people;
    if (listMode === !!r.filter) return detail(422, 'Provide exactly one of `people` or `filter`.');
    const attrs = resolveAttributes(r.select.attributes, false);
    if (attrs.includes('confidence')) return detail(422, '`confidence` is only available for related people.');
    const contact = attrs.includes('email') || attrs.includes('phone');
    const idx = indexFor(state, ctx);
    const key = ctx.apiKey ?? '';
    return listMode ? listModeReply(state, r, attrs, contact, idx, key, ctx) : filterModeReply(r, attrs, contact, ctx);
  };
}

function listModeReply(
  state: SumbleState,
  r: Request,
  attrs: string[],
  contact: boolean,
  idx: Index,
  key: string,
  ctx: RouteContext,
): SimReply {
  const inputs = r.people!;
  const rel = r.select.related_people;
  const byEmail = inputs.some((i) => !i.person_id && !i.linkedin_url && i.email);
  if ((contact || rel || byEmail) && inputs.length > 25) {
    return detail(
      422,
      'Requests with contact attributes, related people or email identifiers are limited to 25 people.',
    );
  }
  if (attrs.includes('person_score'))
    return detail(
      422,
      '`person_score` is only available in filter mode with exactly one organization in scope and an ICP configured.',
    );
  const relAttrs = rel ? resolveAttributes(rel.attributes, true) : [];
  if (relAttrs.some((a) => a === 'email' || a === 'phone' || a === 'person_score')) {
    return detail(422, 'Contact attributes and `person_score` are not available for related people.');
  }

  // Work out every row and its price before touching the balance: 402 comes before any work.
  const revealedNow = new Set<string>();
  const emailsCharged = new Set<string>();
  const planned = inputs.map((input) => {
    let person: SamplePerson | undefined;
    let inputKey: string;
    let viaEmail: string | undefined;
    if (input.person_id) {
      person = idx.byId.get(input.person_id);
      inputKey = `sumble:person_id:${input.person_id}`;
    } else if (input.linkedin_url) {
      const handle = profileHandle(input.linkedin_url);
      person = handle ? idx.byHandle.get(handle) : undefined;
      inputKey = `sumble:linkedin:${handle ?? input.linkedin_url.trim().toLowerCase()}`;
    } else {
      const email = input.email?.trim().toLowerCase() ?? '';
      person = email ? idx.byEmail.get(email) : undefined;
      inputKey = `sumble:email:${email}`;
      viaEmail = email;
    }
    if (!person) return { input, inputKey };
    const pid = sumblePersonId(person.id);
    let cost = SUMBLE_PRICES.person + paidCount(attrs) * SUMBLE_PRICES.paidAttribute;
    const reveal = (kind: 'email' | 'phone', has: boolean, price: number) => {
      if (!attrs.includes(kind) || !has) return false;
      const k = `${key}|${pid}|${kind}`;
      if (!state.reveals.has(k) && !revealedNow.has(k)) cost += price;
      revealedNow.add(k);
      return true;
    };
    const revealed = {
      email: reveal('email', !!person.email, SUMBLE_PRICES.emailReveal),
      phone: reveal('phone', !!person.phone, SUMBLE_PRICES.phoneReveal),
    };
    if (viaEmail && !emailsCharged.has(viaEmail)) {
      emailsCharged.add(viaEmail);
      cost += SUMBLE_PRICES.emailIdentifier;
    }
    let related: Record<string, unknown> | undefined;
    if (rel) {
      related = {};
      const row = (p: SamplePerson) => ({
        person_id: sumblePersonId(p.id),
        sumble_url: sumbleUrl(sumblePersonId(p.id)),
        ...(relAttrs.includes('confidence')
          ? {
              confidence: {
                score: 0.8,
                technology_contribution: 0.2,
                job_function_contribution: 0.3,
                team_contribution: 0.1,
                location_contribution: 0.1,
                title_similarity_contribution: 0.1,
                matched_features: [],
              },
            }
          : {}),
        attributes: attributesOf(
          p,
          ctx.index.orgById.get(p.organizationId)!,
          relAttrs.filter((a) => a !== 'confidence'),
          { email: false, phone: false },
        ),
      });
      if (rel.direction.includes('managers')) {
        const chain: SamplePerson[] = [];
        let m = person.managerId ? ctx.index.personById.get(person.managerId) : undefined;
        while (m && chain.length < 3) {
          chain.push(m);
          m = m.managerId ? ctx.index.personById.get(m.managerId) : undefined;
        }
        related.managers = chain.map(row);
        cost += chain.length * SUMBLE_PRICES.relatedPerson;
      }
      if (rel.direction.includes('direct_reports')) {
        const reports = idx.reports.get(person.id) ?? [];
        related.direct_reports = reports.map(row);
        cost += reports.length * SUMBLE_PRICES.relatedPerson;
      }
    }
    return { input, inputKey, person, pid, cost, revealed, related };
  });

  const total = planned.reduce((s, p) => s + (p.cost ?? 0), 0);
  if (!ctx.canAfford(total)) {
    return detail(402, `Insufficient credits: this request needs ${total} credits and ${ctx.creditsLeft()} remain.`);
  }
  for (const p of planned) if (p.person) ctx.charge(p.cost!, p.inputKey);
  for (const k of revealedNow) state.reveals.add(k);

  const rows = planned.map((p) => {
    const input = {
      person_id: p.input.person_id ?? null,
      linkedin_url: p.input.linkedin_url ?? null,
      email: p.input.email ?? null,
    };
    if (!p.person) return { input };
    const org = ctx.index.orgById.get(p.person.organizationId)!;
    return {
      input,
      person_id: p.pid,
      sumble_url: sumbleUrl(p.pid!),
      attributes: attributesOf(p.person, org, attrs, p.revealed!),
      ...(p.related ? { related_people: p.related } : {}),
    };
  });
  return {
    status: 200,
    json: {
      id: randomUUID(),
      credits_used: total,
      credits_remaining: ctx.creditsLeft(),
      people: rows,
      matched_count: planned.filter((p) => p.person).length,
      total: rows.length,
      source_data_url: null,
    },
  };
}

function filterModeReply(r: Request, attrs: string[], contact: boolean, ctx: RouteContext): SimReply {
  const f = r.filter!;
  if (contact)
    return detail(
      422,
      'Contact attributes (email, phone) are only available in list mode (`people`), for up to 25 people.',
    );
  if (r.select.related_people) return detail(422, '`related_people` is only available in list mode (`people`).');
  if (!f.organization_ids?.length && !f.organization_list_id) {
    return detail(
      422,
      'People queries are organization-scoped: provide `organization_ids` and/or `organization_list_id`.',
    );
  }
  if (f.organization_list_id) return detail(422, `Organization list ${f.organization_list_id} not found.`);
  if (attrs.includes('person_score') || r.order_by_column === 'person_score') {
    return detail(
      422,
      '`person_score` requires exactly one organization in scope and an ICP configured for your account.',
    );
  }
  let query: Query | undefined;
  if (f.query?.query.trim()) {
    try {
      query = parseQuery(f.query.query);
    } catch (err) {
      return detail(422, `Invalid query: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const orgIds = new Set(f.organization_ids ?? []);
  let matches = ctx.dataset.people.filter((p) => {
    const o = ctx.index.orgById.get(p.organizationId)!;
    return orgIds.has(sumbleOrganizationId(o.id)) && (!query || evaluate(query, p, o));
  });
  if (r.order_by_column) {
    const asc = r.order_by_direction === 'ASC';
    const keyOf =
      r.order_by_column === 'start_date'
        ? (p: SamplePerson) => p.startedRoleAt
        : (p: SamplePerson) => String(LEVEL_RANK.length - LEVEL_RANK.indexOf(JOB_LEVEL[p.seniority])).padStart(3, '0');
    matches = [...matches].sort(
      (a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : seq(a.id) - seq(b.id)) * (asc ? 1 : -1),
    );
  }
  const page = matches.slice(r.offset, r.offset + r.limit);
  const per = SUMBLE_PRICES.person + paidCount(attrs) * SUMBLE_PRICES.paidAttribute;
  const total = page.length * per;
  if (!ctx.canAfford(total)) {
    return detail(402, `Insufficient credits: this request needs ${total} credits and ${ctx.creditsLeft()} remain.`);
  }
  for (const p of page) ctx.charge(per, `sumble:filter:${sumblePersonId(p.id)}`);
  return {
    status: 200,
    json: {
      id: randomUUID(),
      credits_used: total,
      credits_remaining: ctx.creditsLeft(),
      people: page.map((p) => {
        const pid = sumblePersonId(p.id);
        return {
          person_id: pid,
          sumble_url: sumbleUrl(pid),
          attributes: attributesOf(p, ctx.index.orgById.get(p.organizationId)!, attrs, { email: false, phone: false }),
        };
      }),
      matched_count: null,
      total: matches.length,
      source_data_url: null,
    },
  };
}

export interface SumbleSimulatorHandle extends SimulatorHandle {
  /** How many (key, person, kind) reveals are active. */
  readonly activeReveals: number;
}

export async function startSumbleSimulator(
  knobs?: KnobsPatch,
  options: { port?: number } = {},
): Promise<SumbleSimulatorHandle> {
  const state: SumbleState = { reveals: new Set(), indexes: new WeakMap() };
  const routes: SimRoute[] = [
    { method: 'POST', path: '/v6/people', name: SUMBLE_ROUTES.people, handler: handler(state) },
  ];
  const inner = await startSimulator({
    name: 'sumble',
    routes,
    replies,
    defaults: { validKeys: [SUMBLE_TEST_KEY], rateLimit: SUMBLE_DEFAULT_RATE_LIMIT },
    ...(knobs ? { knobs } : {}),
    ...(options.port ? { port: options.port } : {}),
  });
  // The core's getters close over its own state, so inheriting them is safe; reset also forgets reveals.
  const handle = Object.create(inner) as SumbleSimulatorHandle;
  Object.defineProperty(handle, 'activeReveals', { get: () => state.reveals.size });
  handle.reset = () => {
    inner.reset();
    state.reveals.clear();
  };
  return handle;
}
