/**
 * The test host is reachable from any page the rep's browser opens, so it answers only its own page:
 * JSON bodies, an Origin and a Host equal to its loopback address, and it survives malformed URLs.
 */
import { request } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type HostHandle } from '../../host/server';
import { callChannel } from '../../e2e/support/stack';

let host: HostHandle;
let dir: string;

function raw(method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const own = () => ({ host: `127.0.0.1:${host.port}`, origin: host.url });
const setKey = JSON.stringify({ provider: 'apollo', key: 'stolen-key-123456' });

async function apolloConfigured(): Promise<boolean> {
  const list = await callChannel(host.url, 'providers.list', {});
  return list.body.value.find((p: { id: string }) => p.id === 'apollo').configured;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pd-host-'));
  await writeFile(join(dir, 'index.html'), '<html><head></head><body>app</body></html>');
  host = await startHost({ rendererDir: dir, exportDir: dir, env: { PROSPECT_DESK_SECRET_STORE: 'memory' } });
});
afterAll(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

describe('test host request guard', () => {
  it('refuses a foreign Origin with text/plain (a simple cross-site request) and sets no key', async () => {
    const r = await raw(
      'POST',
      '/ipc/secrets.set',
      { host: own().host, origin: 'https://evil.example', 'content-type': 'text/plain' },
      setKey,
    );
    expect(r.status).toBe(403);
    const r2 = await raw(
      'POST',
      '/ipc/secrets.set',
      { ...own(), origin: 'https://evil.example', 'content-type': 'application/json' },
      setKey,
    );
    expect(r2.status).toBe(403);
    expect(await apolloConfigured()).toBe(false);
  });

  it('requires application/json and an Origin on POST', async () => {
    expect((await raw('POST', '/ipc/secrets.set', { ...own(), 'content-type': 'text/plain' }, setKey)).status).toBe(
      415,
    );
    expect(
      (await raw('POST', '/ipc/secrets.set', { host: own().host, 'content-type': 'application/json' }, setKey)).status,
    ).toBe(403);
    expect(await apolloConfigured()).toBe(false);
  });

  it('refuses a forged Host (DNS rebinding), for pages and calls alike', async () => {
    const rebound = { host: `evil.example:${host.port}`, origin: `http://evil.example:${host.port}` };
    expect((await raw('GET', '/', rebound)).status).toBe(403);
    expect((await raw('GET', '/events', rebound)).status).toBe(403);
    expect(
      (await raw('POST', '/ipc/secrets.set', { ...rebound, 'content-type': 'application/json' }, setKey)).status,
    ).toBe(403);
    expect(await apolloConfigured()).toBe(false);
  });

  it('survives a malformed URL and keeps serving', async () => {
    const bad = await raw('GET', '/%E0%A4%A', { host: own().host });
    expect(bad.status).toBe(400);
    expect((await raw('POST', '/ipc/%E0%A4%A', { ...own(), 'content-type': 'application/json' }, '{}')).status).toBe(
      400,
    );
    const page = await raw('GET', '/', { host: own().host });
    expect(page.status).toBe(200);
    expect(page.body).toContain('/__host/bridge.js');
  });

  it('its own page still calls every channel', async () => {
    const ok = await raw(
      'POST',
      '/ipc/secrets.set',
      { ...own(), 'content-type': 'application/json; charset=utf-8' },
      setKey,
    );
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).ok).toBe(true);
    expect(await apolloConfigured()).toBe(true);
  });
});
