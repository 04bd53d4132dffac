/**
 * The test host: one Node process running the same main services as the app, serving the built
 * renderer at /, every channel at POST /ipc/<channel> and pushed events at GET /events (SSE).
 * Binds 127.0.0.1 only. Browser tests and benchmarks drive the real renderer through it.
 */
import { build } from 'esbuild';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, relative, resolve } from 'node:path';
import type { AppEvent } from '../../shared/contract';
import { createMainRuntime, type MainRuntime, type RuntimeOptions } from '../../main/runtime';
import { safeCsvFileName } from '../../main/window';

export interface HostOptions {
  port?: number;
  /** Environment for main's config (base URLs, PROSPECT_DESK_SECRET_STORE, rate limits). */
  env?: Record<string, string | undefined>;
  rendererDir?: string;
  exportDir?: string;
  log?: (line: string) => void;
  adapters?: RuntimeOptions['adapters'];
}

export interface HostHandle {
  url: string;
  port: number;
  exportDir: string;
  runtime: MainRuntime;
  /** Every line main logged, for tests that check no secret leaks into logs. */
  logLines: string[];
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const ROOT = resolve(__dirname, '../..');
let bridgeCode: Promise<string> | undefined;

function bundleBridge(): Promise<string> {
  return (bridgeCode ??= build({
    entryPoints: [join(ROOT, 'tests/host/bridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0]!.text));
}

async function readBody(req: IncomingMessage, limit = 600 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** decodeURIComponent that answers undefined for a malformed %-escape instead of throwing. */
function decodePath(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/**
 * Any page the rep's browser opens can send requests to loopback, so the host answers only its
 * own page: a Host equal to its own address (DNS rebinding sends a foreign one), and on POST an
 * Origin equal to its own plus a JSON body (a cross-site "simple" request cannot set that type).
 * Answers the HTTP status to refuse with, or undefined to go on.
 */
export function refusal(
  req: Pick<IncomingMessage, 'method' | 'headers'>,
  ownOrigin: string,
): { status: number; why: string } | undefined {
  const ownHost = new URL(ownOrigin).host;
  if (req.headers.host !== ownHost) return { status: 403, why: 'foreign Host' };
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== ownOrigin) return { status: 403, why: 'foreign Origin' };
  if (req.method === 'POST') {
    if (origin === undefined) return { status: 403, why: 'missing Origin' };
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return { status: 415, why: 'not application/json' };
  }
  return undefined;
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

export async function startHost(options: HostOptions = {}): Promise<HostHandle> {
  const rendererDir = options.rendererDir ?? join(ROOT, 'out/renderer');
  const exportDir =
    options.exportDir ??
    options.env?.PROSPECT_DESK_EXPORT_DIR ??
    process.env.PROSPECT_DESK_EXPORT_DIR ??
    join(tmpdir(), `prospect-desk-exports-${process.pid}-${Date.now()}`);
  await mkdir(exportDir, { recursive: true });
  const logLines: string[] = [];
  const log = (line: string) => {
    logLines.push(line);
    options.log?.(line);
  };
  const sseClients = new Set<ServerResponse>();
  const emit = (event: AppEvent) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const client of sseClients) client.write(frame);
  };
  const env = { PROSPECT_DESK_SECRET_STORE: 'memory', ...(options.env ?? process.env) };
  const runtime = await createMainRuntime({
    env,
    emit,
    log,
    ...(options.adapters ? { adapters: options.adapters } : {}),
    saveCsv: async (suggestedName, content) => {
      // No dialog in the host: files land in the export folder under a sanitised name.
      const safeName = safeCsvFileName(suggestedName);
      const path = join(exportDir, safeName);
      await writeFile(path, content, 'utf8');
      return { saved: true, path };
    },
  });

  async function serveStatic(pathname: string, res: ServerResponse) {
    const rel = pathname === '/' ? 'index.html' : decodePath(pathname.slice(1));
    if (rel === undefined) return sendJson(res, 400, { error: 'malformed URL' });
    const file = normalize(join(rendererDir, rel));
    if (relative(rendererDir, file).startsWith('..')) return sendJson(res, 403, { error: 'forbidden' });
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end(pathname === '/' ? 'The renderer is not built: run `npm run build` first.' : 'Not found');
    }
    if (rel === 'index.html') {
      // The bridge must run before the app's module script, as the preload does in Electron.
      const html = body.toString('utf8').replace('<head>', '<head>\n    <script src="/__host/bridge.js"></script>');
      body = Buffer.from(html, 'utf8');
    }
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(body);
  }

  let ownOrigin = '';
  const server = createServer(async (req, res) => {
    // Every branch is awaited inside the try: a rejected handler answers 500, never kills the host.
    try {
      const refused = refusal(req, ownOrigin);
      if (refused)
        return sendJson(res, refused.status, {
          ok: false,
          error: { code: 'auth', message: `Refused: ${refused.why}.` },
        });
      const url = new URL(req.url ?? '/', ownOrigin);
      if (req.method === 'POST' && url.pathname.startsWith('/ipc/')) {
        const channel = decodePath(url.pathname.slice('/ipc/'.length));
        if (channel === undefined)
          return sendJson(res, 400, { ok: false, error: { code: 'bad_request', message: 'Malformed channel name.' } });
        let input: unknown;
        try {
          const text = await readBody(req);
          input = text ? JSON.parse(text) : {};
        } catch {
          return sendJson(res, 200, {
            ok: false,
            error: { code: 'bad_request', message: 'The request body is not valid JSON.' },
          });
        }
        return sendJson(res, 200, await runtime.dispatch(channel, input));
      }
      if (req.method === 'GET' && url.pathname === '/events') {
        res.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-store',
          connection: 'keep-alive',
        });
        res.write(': connected\n\n');
        sseClients.add(res);
        req.on('close', () => sseClients.delete(res));
        return;
      }
      if (req.method === 'GET' && url.pathname === '/__host/bridge.js') {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
        return res.end(await bundleBridge());
      }
      if (req.method === 'GET' || req.method === 'HEAD') return await serveStatic(url.pathname, res);
      sendJson(res, 405, { error: 'method not allowed' });
    } catch (err) {
      log(`[host] request failed: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'host error' } });
      else res.end();
    }
  });

  const port = await new Promise<number>((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      resolvePort(typeof address === 'object' && address ? address.port : 0);
    });
  });
  ownOrigin = `http://127.0.0.1:${port}`;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    exportDir,
    runtime,
    logLines,
    close: async () => {
      for (const client of sseClients) client.end();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await runtime.close();
    },
  };
}
