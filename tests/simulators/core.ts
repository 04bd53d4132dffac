/**
 * A tiny framework for loopback provider simulators on node:http: routing, auth hook, fixed-window
 * rate limiting (with Apollo-style headers), a credit balance, seeded fault injection, latency,
 * stats, and a control API (/__sim/*) so another process (browser tests) can flip knobs.
 *
 * Each provider simulator (apollo.ts, ocean.ts, ...) supplies its routes and its own bodies for
 * the generic failures (401, 402, 403, 429, 404), so clients see each provider's real shapes.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { getSampleDataset } from '../../main/providers/sample/dataset';
import { RouteWindows, type RateWindowsKnob, type WindowName, type WindowsState } from './rate-windows';
import type {
  SampleDataset,
  SampleJobPosting,
  SampleOrganization,
  SamplePerson,
} from '../../main/providers/sample/dataset-types';

// ---------------------------------------------------------------------------------------------
// Knobs and stats

export interface FaultRates {
  /** 503 with a JSON body. */
  error5xxRate: number;
  /** Accepts the request and never answers (until the client gives up). */
  hangRate: number;
  /** Destroys the socket without an answer. */
  resetRate: number;
  /** 200 whose body is not JSON (the route still ran: work done, credits charged). */
  malformedJsonRate: number;
  /** 200 whose JSON body is cut in half (the route still ran). */
  truncatedJsonRate: number;
  /** 502 with an HTML page, as a gateway in front of the API would answer. */
  htmlErrorRate: number;
}

export type FaultKind = 'error5xx' | 'hang' | 'reset' | 'malformedJson' | 'truncatedJson' | 'htmlError' | 'rateLimit';

export interface RateLimitKnob {
  /** Requests allowed per fixed window (windows aligned to the clock, like Apollo's). */
  requests: number;
  perMs: number;
  /** Send Retry-After (whole seconds, rounded up) on 429s. */
  sendRetryAfter: boolean;
  /** 'apollo': x-rate-limit-minute / x-minute-usage / x-minute-requests-left on every answer. */
  headers?: 'apollo' | 'none';
}

export interface SimulatorKnobs {
  latencyMs: number;
  /** null/undefined: unlimited. One window shared by every route. */
  rateLimit?: RateLimitKnob | null;
  /**
   * Minute, hour and day windows counted per route (Apollo's model), with the provider's window
   * headers on every answer. null/undefined: off. Checked after `rateLimit` when both are set.
   */
  rateWindows?: RateWindowsKnob | null;
  /**
   * Answer the provider doc page's own example bodies, verbatim, on the routes that have one
   * (see tests/fixtures/<provider>/README.md). Off: answers are built from the seeded dataset.
   */
  docExamples?: boolean;
  /** Credit balance. Routes charge it; a request the balance cannot cover gets the provider's 402. */
  credits: number;
  validKeys: string[];
  faults: FaultRates;
  /** Seed of the fault RNG; setting it restarts the sequence. */
  seed: number;
  /** Route names answered with the provider's plan-gating error (e.g. Apollo's free-plan 403). */
  restrictedRoutes: string[];
}

export type { RateWindowsKnob, WindowName, WindowsState } from './rate-windows';

export type KnobsPatch = Partial<Omit<SimulatorKnobs, 'faults'>> & { faults?: Partial<FaultRates> };

export interface SimulatorStats {
  /** Requests per route name (every request that matched a route, whatever its answer). */
  requests: Record<string, number>;
  total: number;
  /** 429s sent because of the rate limit knob or failNext('rateLimit'). */
  rateLimited: number;
  creditsCharged: number;
  /** Normalised input key -> how many times it was charged. Anything above 1 is a double charge. */
  chargesByInput: Map<string, number>;
  faults: Partial<Record<FaultKind, number>>;
  /** Status code -> count of answers sent. */
  statuses: Record<string, number>;
  maxInFlight: number;
  /**
   * The last REQUEST_LOG_SIZE requests that matched a route, as received (route, query, parsed body), so a
   * test can check what a client sent. Only recorded: nothing here changes an answer.
   */
  log: LoggedRequest[];
}

export interface LoggedRequest {
  route: string;
  method: string;
  path: string;
  query: Record<string, string[]>;
  body: unknown;
}

export const REQUEST_LOG_SIZE = 100;

export const NO_FAULTS: FaultRates = {
  error5xxRate: 0,
  hangRate: 0,
  resetRate: 0,
  malformedJsonRate: 0,
  truncatedJsonRate: 0,
  htmlErrorRate: 0,
};

// ---------------------------------------------------------------------------------------------
// Routes

export interface SimReply {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

/** Throw from a route (or ctx.charge) to answer at once with this reply. */
export class SimReplyError extends Error {
  constructor(readonly reply: SimReply) {
    super(`simulator reply ${reply.status}`);
  }
}

export interface RouteContext {
  simulator: string;
  dataset: SampleDataset;
  index: DatasetIndex;
  knobs: Readonly<SimulatorKnobs>;
  /** Path parameters (":id" segments). */
  params: Record<string, string>;
  apiKey?: string;
  /** Whether the balance covers n credits. */
  canAfford(n: number): boolean;
  /**
   * Takes n credits, recording them against `inputKey` (normalised lookup input) when given. Throws
   * SimReplyError with the provider's 402 when the balance cannot cover it (nothing is taken then).
   */
  charge(n: number, inputKey?: string): void;
  creditsLeft(): number;
  /** The per-route windows of `routeName` as they stand (undefined when `rateWindows` is off). */
  windows(routeName: string): WindowsState | undefined;
}

export type RouteHandler = (
  req: IncomingMessage,
  body: unknown,
  query: URLSearchParams,
  ctx: RouteContext,
) => SimReply | Promise<SimReply>;

export interface SimRoute {
  method: 'GET' | 'POST';
  /** "/api/v1/organizations/:id/job_postings" style; matched exactly otherwise. */
  path: string;
  /** Stats / restrictedRoutes key; defaults to "METHOD path". */
  name?: string;
  /** Default true. */
  requiresAuth?: boolean;
  /** Default true. */
  rateLimited?: boolean;
  handler: RouteHandler;
}

export interface ProviderReplies {
  /** `{ key }` when a valid key came (header, body or query, as the provider takes it); otherwise the provider's auth failure. */
  authenticate(
    req: IncomingMessage,
    body: unknown,
    query: URLSearchParams,
    validKeys: string[],
  ): { key: string } | SimReply;
  creditsExhausted(): SimReply;
  /** `exhausted`: the per-route window that is full, when `rateWindows` decided (or a forced 429 on it). */
  rateLimited(
    routeName: string,
    retryAfterSeconds: number,
    exhausted?: { window: WindowName; limit: number },
  ): SimReply;
  /**
   * Whether 429s carry `retry-after`: 'always' (Ocean), 'never' (Sumble: no Retry-After and no
   * rate headers), or 'knob' (default: the rate knob's sendRetryAfter, and always on failNext).
   */
  retryAfter?: 'always' | 'never' | 'knob';
  /** The provider's headers for per-route windows (Apollo's x-rate-limit-minute, ...). */
  windowHeaders?(state: WindowsState): Record<string, string>;
  planRestricted(routeName: string): SimReply;
  notFound(path: string): SimReply;
  /** A body that is not JSON on a JSON route. */
  badJson(): SimReply;
}

export interface StartSimulatorOptions {
  name: string;
  routes: SimRoute[];
  replies: ProviderReplies;
  knobs?: KnobsPatch;
  /** Defaults for this provider (e.g. its own test key), applied before `knobs`. */
  defaults?: KnobsPatch;
  port?: number;
  dataset?: SampleDataset;
}

export interface SimulatorHandle {
  name: string;
  baseUrl: string;
  port: number;
  readonly knobs: Readonly<SimulatorKnobs>;
  readonly stats: SimulatorStats;
  /** The first valid key: what a test types into the app. */
  readonly validKey: string;
  setKnobs(patch: KnobsPatch): void;
  resetStats(): void;
  /** Knobs back to their start values, stats cleared, queued failures dropped. */
  reset(): void;
  /** The next `count` requests that reach fault injection fail with `kind`. */
  failNext(kind: FaultKind, count?: number): void;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Deterministic helpers simulators share

/** mulberry32: small, fast, seeded. */
export function seededRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A provider's id for a sample record, derived deterministically: hex digits of sha256(namespace:id). */
export function derivedHexId(namespace: string, sampleId: string, length = 24): string {
  let out = '';
  for (let i = 0; out.length < length; i++) {
    out += createHash('sha256').update(`${namespace}:${sampleId}:${i}`).digest('hex');
  }
  return out.slice(0, length);
}

export interface DatasetIndex {
  orgById: Map<string, SampleOrganization>;
  orgByDomain: Map<string, SampleOrganization>;
  personById: Map<string, SamplePerson>;
  peopleByOrg: Map<string, SamplePerson[]>;
  jobsByOrg: Map<string, SampleJobPosting[]>;
}

const indexes = new WeakMap<SampleDataset, DatasetIndex>();

export function indexDataset(dataset: SampleDataset): DatasetIndex {
  let idx = indexes.get(dataset);
  if (idx) return idx;
  idx = {
    orgById: new Map(dataset.organizations.map((o) => [o.id, o])),
    orgByDomain: new Map(dataset.organizations.map((o) => [o.domain, o])),
    personById: new Map(dataset.people.map((p) => [p.id, p])),
    peopleByOrg: new Map(),
    jobsByOrg: new Map(),
  };
  for (const p of dataset.people) {
    const list = idx.peopleByOrg.get(p.organizationId) ?? [];
    list.push(p);
    idx.peopleByOrg.set(p.organizationId, list);
  }
  for (const j of dataset.jobPostings) {
    const list = idx.jobsByOrg.get(j.organizationId) ?? [];
    list.push(j);
    idx.jobsByOrg.set(j.organizationId, list);
  }
  indexes.set(dataset, idx);
  return idx;
}

// ---------------------------------------------------------------------------------------------
// The server

const BASE_KNOBS: SimulatorKnobs = {
  latencyMs: 0,
  rateLimit: null,
  rateWindows: null,
  docExamples: false,
  credits: 1_000_000,
  validKeys: [],
  faults: NO_FAULTS,
  seed: 1,
  restrictedRoutes: [],
};

function mergeKnobs(base: SimulatorKnobs, patch: KnobsPatch | undefined): SimulatorKnobs {
  if (!patch) return { ...base, faults: { ...base.faults } };
  const { faults, ...rest } = patch;
  const defined = Object.fromEntries(
    Object.entries(rest).filter(([, v]) => v !== undefined),
  ) as Partial<SimulatorKnobs>;
  // rateLimit / rateWindows: null turns them off, so they are copied even when null.
  if ('rateLimit' in rest && rest.rateLimit === null) defined.rateLimit = null;
  if ('rateWindows' in rest && rest.rateWindows === null) defined.rateWindows = null;
  return { ...base, ...defined, faults: { ...base.faults, ...faults } };
}

function emptyStats(): SimulatorStats {
  return {
    requests: {},
    total: 0,
    rateLimited: 0,
    creditsCharged: 0,
    chargesByInput: new Map(),
    faults: {},
    statuses: {},
    maxInFlight: 0,
    log: [],
  };
}

export function statsToJson(stats: SimulatorStats): Record<string, unknown> {
  return { ...stats, chargesByInput: Object.fromEntries(stats.chargesByInput) };
}

interface CompiledRoute extends SimRoute {
  routeName: string;
  pattern: RegExp;
  paramNames: string[];
}

function compile(route: SimRoute): CompiledRoute {
  const paramNames: string[] = [];
  const source = route.path
    .split('/')
    .map((seg) => {
      if (seg.startsWith(':')) {
        paramNames.push(seg.slice(1));
        return '([^/]+)';
      }
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return {
    ...route,
    routeName: route.name ?? `${route.method} ${route.path}`,
    pattern: new RegExp(`^${source}/?$`),
    paramNames,
  };
}

const HTML_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n';

export async function startSimulator(opts: StartSimulatorOptions): Promise<SimulatorHandle> {
  const dataset = opts.dataset ?? getSampleDataset();
  const index = indexDataset(dataset);
  const routes = opts.routes.map(compile);
  const initialKnobs = mergeKnobs(mergeKnobs(BASE_KNOBS, opts.defaults), opts.knobs);
  if (initialKnobs.validKeys.length === 0) initialKnobs.validKeys = [`sim-${opts.name}-key-0001`];
  let knobs = mergeKnobs(initialKnobs, undefined);
  let stats = emptyStats();
  let rng = seededRng(knobs.seed);
  const queued: { kind: FaultKind; count: number }[] = [];
  let windowStart = -1;
  let windowUsed = 0;
  const routeWindows = new RouteWindows();
  let inFlight = 0;
  const sockets = new Set<Socket>();

  function setKnobs(patch: KnobsPatch): void {
    knobs = mergeKnobs(knobs, patch);
    if (patch.seed !== undefined) rng = seededRng(patch.seed);
    if (patch.rateLimit !== undefined) {
      windowStart = -1;
      windowUsed = 0;
    }
    if (patch.rateWindows !== undefined) routeWindows.reset();
  }

  function reset(): void {
    knobs = mergeKnobs(initialKnobs, undefined);
    rng = seededRng(knobs.seed);
    stats = emptyStats();
    queued.length = 0;
    windowStart = -1;
    windowUsed = 0;
    routeWindows.reset();
  }

  function takeQueued(phase: 'pre' | 'post' | 'rate'): FaultKind | undefined {
    const i = queued.findIndex((q) => phaseOf(q.kind) === phase);
    if (i < 0) return undefined;
    const item = queued[i]!;
    item.count--;
    if (item.count <= 0) queued.splice(i, 1);
    return item.kind;
  }

  function drawFault(phase: 'pre' | 'post'): FaultKind | undefined {
    const f = knobs.faults;
    const table: [FaultKind, number][] =
      phase === 'pre'
        ? [
            ['hang', f.hangRate],
            ['reset', f.resetRate],
            ['error5xx', f.error5xxRate],
            ['htmlError', f.htmlErrorRate],
          ]
        : [
            ['malformedJson', f.malformedJsonRate],
            ['truncatedJson', f.truncatedJsonRate],
          ];
    if (table.every(([, rate]) => !rate)) return undefined;
    const r = rng();
    let acc = 0;
    for (const [kind, rate] of table) {
      acc += rate || 0;
      if (r < acc) return kind;
    }
    return undefined;
  }

  function rateHeaders(routeName?: string, state?: WindowsState): Record<string, string> {
    if (opts.replies.retryAfter === 'never') return {}; // a provider that sends no rate headers at all
    const perRoute =
      knobs.rateWindows && routeName && opts.replies.windowHeaders
        ? opts.replies.windowHeaders(state ?? routeWindows.state(knobs.rateWindows, routeName))
        : {};
    const rl = knobs.rateLimit;
    if (!rl || rl.headers !== 'apollo') return perRoute;
    return {
      ...perRoute,
      'x-rate-limit-minute': String(rl.requests),
      'x-minute-usage': String(windowUsed),
      'x-minute-requests-left': String(Math.max(0, rl.requests - windowUsed)),
    };
  }

  /** Fixed window aligned to the clock: true when this request fits. */
  function admit(): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const rl = knobs.rateLimit;
    if (!rl) return { ok: true };
    const now = Date.now();
    const start = now - (now % rl.perMs);
    if (start !== windowStart) {
      windowStart = start;
      windowUsed = 0;
    }
    if (windowUsed >= rl.requests)
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((start + rl.perMs - now) / 1000)) };
    windowUsed++;
    return { ok: true };
  }

  function send(
    res: ServerResponse,
    reply: SimReply,
    extraHeaders: Record<string, string> = {},
    bodyOverride?: string,
  ): void {
    if (res.destroyed || res.writableEnded) return;
    let body = bodyOverride;
    const headers: Record<string, string> = { ...extraHeaders, ...reply.headers };
    if (body === undefined) {
      if (reply.json !== undefined) {
        body = JSON.stringify(reply.json);
        headers['content-type'] ??= 'application/json; charset=utf-8';
      } else {
        body = reply.text ?? '';
        headers['content-type'] ??= 'text/plain; charset=utf-8';
      }
    }
    stats.statuses[reply.status] = (stats.statuses[reply.status] ?? 0) + 1;
    res.writeHead(reply.status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
  }

  function control(req: IncomingMessage, res: ServerResponse, path: string, body: unknown): void {
    const ok = (value: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (req.method === 'GET' && path === '/__sim/stats') return ok(statsToJson(stats));
    if (req.method === 'GET' && path === '/__sim/knobs') return ok(knobs);
    if (req.method === 'POST' && path === '/__sim/knobs') {
      setKnobs((body ?? {}) as KnobsPatch);
      return ok(knobs);
    }
    if (req.method === 'POST' && path === '/__sim/reset') {
      reset();
      return ok({ reset: true });
    }
    if (req.method === 'POST' && path === '/__sim/failNext') {
      const { kind, count } = (body ?? {}) as { kind?: FaultKind; count?: number };
      if (!kind) {
        res.writeHead(400).end('kind required');
        return;
      }
      handle.failNext(kind, count ?? 1);
      return ok({ queued: true });
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('unknown control route');
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://sim');
    let body: unknown = undefined;
    let badJson = false;
    if (raw.trim()) {
      try {
        body = JSON.parse(raw);
      } catch {
        badJson = true;
      }
    }
    if (url.pathname.startsWith('/__sim/')) return control(req, res, url.pathname, body);

    let match: { route: CompiledRoute; params: Record<string, string> } | undefined;
    for (const route of routes) {
      if (route.method !== req.method) continue;
      const m = route.pattern.exec(url.pathname);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.paramNames.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1]!)));
      match = { route, params };
      break;
    }
    if (!match) return send(res, opts.replies.notFound(url.pathname));
    const { route, params } = match;
    stats.total++;
    stats.requests[route.routeName] = (stats.requests[route.routeName] ?? 0) + 1;
    const query: Record<string, string[]> = {};
    for (const k of new Set(url.searchParams.keys())) query[k] = url.searchParams.getAll(k);
    stats.log.push({ route: route.routeName, method: req.method ?? '', path: url.pathname, query, body });
    if (stats.log.length > REQUEST_LOG_SIZE) stats.log.splice(0, stats.log.length - REQUEST_LOG_SIZE);
    inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    res.on('close', () => inFlight--);

    if (knobs.latencyMs > 0) await new Promise((r) => setTimeout(r, knobs.latencyMs));

    const pre = takeQueued('pre') ?? drawFault('pre');
    if (pre) {
      stats.faults[pre] = (stats.faults[pre] ?? 0) + 1;
      if (pre === 'hang') return; // the socket stays open until the client gives up (or close())
      if (pre === 'reset') {
        req.socket.destroy();
        return;
      }
      if (pre === 'error5xx') return send(res, { status: 503, json: { error: 'Service Unavailable' } });
      if (pre === 'htmlError')
        return send(res, { status: 502, text: HTML_502, headers: { 'content-type': 'text/html' } });
    }

    let apiKey: string | undefined;
    if (route.requiresAuth !== false) {
      const auth = opts.replies.authenticate(req, body, url.searchParams, knobs.validKeys);
      if ('status' in auth) return send(res, auth);
      apiKey = auth.key;
    }

    const name = route.routeName;
    let windowState: WindowsState | undefined;
    if (route.rateLimited !== false) {
      const forced = takeQueued('rate');
      let verdict:
        { ok: true } | { ok: false; retryAfterSeconds: number; exhausted?: { window: WindowName; limit: number } };
      let sendRetryAfter = !!knobs.rateLimit?.sendRetryAfter || !!forced;
      if (forced) {
        // A forced 429 on per-route windows reads as a full minute window.
        const state = knobs.rateWindows ? routeWindows.state(knobs.rateWindows, name) : undefined;
        if (state) {
          state.minute = { ...state.minute, consumed: state.minute.limit, left_over: 0 };
          windowState = state;
        }
        verdict = {
          ok: false,
          retryAfterSeconds: 1,
          ...(state ? { exhausted: { window: 'minute' as const, limit: state.minute.limit } } : {}),
        };
      } else {
        verdict = admit();
        if (verdict.ok && knobs.rateWindows) {
          const w = routeWindows.admit(knobs.rateWindows, name);
          windowState = w.state;
          if (!w.ok) {
            verdict = {
              ok: false,
              retryAfterSeconds: w.retryAfterSeconds,
              exhausted: { window: w.exhausted, limit: w.limit },
            };
            sendRetryAfter = knobs.rateWindows.sendRetryAfter !== false;
          }
        }
      }
      if (!verdict.ok) {
        stats.rateLimited++;
        if (forced) stats.faults.rateLimit = (stats.faults.rateLimit ?? 0) + 1;
        const reply = opts.replies.rateLimited(name, verdict.retryAfterSeconds, verdict.exhausted);
        const headers = { ...rateHeaders(name, windowState) };
        const policy = opts.replies.retryAfter ?? 'knob';
        if (policy === 'always' || (policy === 'knob' && sendRetryAfter))
          headers['retry-after'] = String(verdict.retryAfterSeconds);
        return send(res, reply, headers);
      }
    }
    const headersNow = () => rateHeaders(name, windowState);

    if (knobs.restrictedRoutes.includes(name)) return send(res, opts.replies.planRestricted(name), headersNow());
    if (badJson) return send(res, opts.replies.badJson(), headersNow());

    const ctx: RouteContext = {
      simulator: opts.name,
      dataset,
      index,
      knobs,
      params,
      apiKey,
      canAfford: (n) => knobs.credits >= n,
      charge: (n, inputKey) => {
        if (n <= 0) return;
        if (knobs.credits < n) throw new SimReplyError(opts.replies.creditsExhausted());
        knobs.credits -= n;
        stats.creditsCharged += n;
        if (inputKey !== undefined) stats.chargesByInput.set(inputKey, (stats.chargesByInput.get(inputKey) ?? 0) + 1);
      },
      creditsLeft: () => knobs.credits,
      windows: (routeName) => (knobs.rateWindows ? routeWindows.state(knobs.rateWindows, routeName) : undefined),
    };
    let reply: SimReply;
    try {
      reply = await route.handler(req, body, url.searchParams, ctx);
    } catch (err) {
      if (err instanceof SimReplyError) reply = err.reply;
      else reply = { status: 500, text: `simulator route failed: ${err instanceof Error ? err.message : String(err)}` };
    }

    const post = reply.status < 300 ? (takeQueued('post') ?? drawFault('post')) : undefined;
    if (post) {
      stats.faults[post] = (stats.faults[post] ?? 0) + 1;
      const full = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? '');
      const bodyOverride =
        post === 'truncatedJson'
          ? full.slice(0, Math.max(1, Math.floor(full.length / 2)))
          : 'Internal error: <unexpected token> {"oops":';
      return send(
        res,
        { ...reply, headers: { 'content-type': 'application/json', ...reply.headers } },
        headersNow(),
        bodyOverride,
      );
    }
    send(res, reply, headersNow());
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((err) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`simulator crashed: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  });
  server.keepAliveTimeout = 5_000;
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const handle: SimulatorHandle = {
    name: opts.name,
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    get knobs() {
      return knobs;
    },
    get stats() {
      return stats;
    },
    get validKey() {
      return knobs.validKeys[0] ?? '';
    },
    setKnobs,
    resetStats: () => {
      stats = emptyStats();
    },
    reset,
    failNext(kind, count = 1) {
      if (count > 0) queued.push({ kind, count });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  return handle;
}

function phaseOf(kind: FaultKind): 'pre' | 'post' | 'rate' {
  if (kind === 'malformedJson' || kind === 'truncatedJson') return 'post';
  if (kind === 'rateLimit') return 'rate';
  return 'pre';
}

/** Reads a JSON object body leniently: anything else becomes {}. */
export function bodyObject(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** Query value(s) for `name`, accepting both "name" and "name[]" spellings. */
export function queryList(query: URLSearchParams, name: string): string[] {
  return [...query.getAll(name), ...query.getAll(`${name}[]`)];
}
