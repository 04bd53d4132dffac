/**
 * The crash run: the host process (main) is killed mid-job, restarted on the same port with the
 * same data folder, and the job resumed from the page. Every row ends exactly once, and the
 * simulator's per-input charge counter shows no input charged twice.
 */
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAllSimulators, type RunningSimulators } from '../simulators';
import { buildLeadsCsv, dropFile, readExport } from './support/csv';
import { callChannel } from './support/stack';

const ROOT = join(__dirname, '../..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

async function startHostProcess(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/host/serve.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), PROSPECT_DESK_SECRET_STORE: 'memory' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('host did not start')), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('test host:')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`host exited with ${code}`)));
  });
  return child;
}

let sims: RunningSimulators;
let host: ChildProcess | undefined;
test.beforeAll(async () => {
  // Latency keeps the job running long enough to be killed in the middle.
  sims = await startAllSimulators({ apione: { latencyMs: 60 } });
});
test.afterAll(async () => {
  host?.kill('SIGKILL');
  await sims?.close();
});

test('kill main mid-job, restart, resume: every row once, no input charged twice', async ({ page }) => {
  test.setTimeout(180_000);
  const apione = sims.handles.apione!;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'pd-crash-'));
  const exportDir = await mkdtemp(join(tmpdir(), 'pd-crash-exports-'));
  const env = { ...sims.env, PROSPECT_DESK_DATA_DIR: dataDir, PROSPECT_DESK_EXPORT_DIR: exportDir };
  const setKey = async () =>
    expect((await callChannel(url, 'secrets.set', { provider: 'apione', key: apione.validKey })).body.ok).toBe(true);

  host = await startHostProcess(port, env);
  await setKey();
  const rows = 80;
  const { text } = buildLeadsCsv(rows, { offset: 1000 });
  await page.goto(url);
  await dropFile(page, text, 'crash.csv');
  await page.getByLabel('Use column Company as').selectOption('domain');
  const plan = page.getByRole('group', { name: 'Providers in waterfall order' });
  await plan.getByRole('checkbox', { name: 'Sample data (synthetic)' }).uncheck();
  await plan.getByRole('checkbox', { name: 'ApiOne' }).check();
  await page.getByRole('button', { name: 'Estimate credits' }).click();
  await page.getByRole('button', { name: 'Start enrichment' }).click();

  // Kill main once a fair part of the job is done, while requests are in flight.
  await expect(page.getByTestId('run-progress')).toContainText(/\b(1[5-9]|[2-7]\d) \/ 80 rows/, { timeout: 60_000 });
  host.kill('SIGKILL');
  await new Promise((r) => host!.once('exit', r));

  host = await startHostProcess(port, env);
  await setKey(); // the test key store is in memory: a restarted main has to be told again
  await page.reload();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Enrich CSV' }).click();
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByTestId('run-finished')).toHaveText('Finished.', { timeout: 120_000 });

  await page.getByRole('button', { name: 'Export enriched CSV' }).first().click();
  await expect(page.getByText(/Saved \d+ rows/)).toBeVisible();
  const out = await readExport(exportDir, 'crash - enriched.csv');
  expect(out.rows).toHaveLength(rows);
  const identities = out.rows.map((r) => `${r[0]}|${r[1]}|${r[2]}`);
  expect(new Set(identities).size).toBe(rows); // every row exactly once
  const status = out.header.indexOf('Enrichment status');
  for (const r of out.rows) expect(['enriched', 'not found', 'failed']).toContain(r[status]);

  const doubleCharged = [...apione.stats.chargesByInput.entries()].filter(([, n]) => n > 1);
  expect(doubleCharged).toEqual([]);
});
