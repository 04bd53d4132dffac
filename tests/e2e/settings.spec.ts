/**
 * Settings against the host and the simulators: add a key, test it, see every connection status,
 * replace and remove it — keyboard and mouse. Then the key-leak sweep: after every channel has been
 * used, the key is nowhere the renderer can see, nor in main's logs.
 */
import { expect, test, type Page } from '@playwright/test';
import { APOLLO_ROUTES } from '../simulators/apollo';
import { callChannel, startStack, type Stack } from './support/stack';

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => stack?.close());
test.beforeEach(() => {
  for (const sim of Object.values(stack.sims.handles)) sim.reset();
});

function card(page: Page, label: string) {
  return page.getByRole('article', { name: label });
}

async function saveKey(page: Page, label: string, key: string) {
  const c = card(page, label);
  await c.getByLabel(/API key|Replace key/).fill(key);
  await c.getByRole('button', { name: /^(Save|Replace)$/ }).click();
  await expect(c.getByText(`ending in …${key.slice(-4)}`)).toBeVisible();
}

async function testConnection(page: Page, label: string) {
  const c = card(page, label);
  await c.getByRole('button', { name: 'Test connection' }).click();
  return c.getByTestId('test-status');
}

test('add, test, see each status, replace and remove a key', async ({ page }) => {
  const apollo = stack.sims.handles.apollo!;
  const sumble = stack.sims.handles.sumble!;
  await page.goto(`${stack.host.url}/#/settings`);
  await expect(card(page, 'Sample data (synthetic)')).toContainText('Always available');

  await saveKey(page, 'Apollo', 'not-a-valid-key-9999');
  await expect(await testConnection(page, 'Apollo')).toContainText('Invalid key');

  await saveKey(page, 'Apollo', apollo.validKey);
  await expect(await testConnection(page, 'Apollo')).toContainText('Working');

  apollo.setKnobs({ restrictedRoutes: [APOLLO_ROUTES.usage, APOLLO_ROUTES.apiSearch] });
  await expect(await testConnection(page, 'Apollo')).toContainText('Your plan does not include this');
  apollo.reset();

  apollo.failNext('rateLimit', 50); // 429s past the client's retry budget
  await expect(await testConnection(page, 'Apollo')).toContainText('Rate-limited');
  apollo.reset();

  await saveKey(page, 'Sumble', sumble.validKey);
  await expect(await testConnection(page, 'Sumble')).toContainText('Working');
  sumble.setKnobs({ credits: 0 });
  await expect(await testConnection(page, 'Sumble')).toContainText('Out of credits');

  // Unreachable: the provider's host refuses connections.
  const ocean = stack.sims.handles.ocean!;
  await saveKey(page, 'Ocean.io', ocean.validKey);
  ocean.setKnobs({ faults: { resetRate: 1 } });
  await expect(await testConnection(page, 'Ocean.io')).toContainText('Unreachable');
  ocean.reset();

  await card(page, 'Apollo').getByRole('button', { name: 'Remove' }).click();
  await expect(card(page, 'Apollo')).toContainText('No key saved.');
  await expect(card(page, 'Apollo').getByRole('button', { name: 'Test connection' })).toBeDisabled();
});

test('keyboard only: tab to the key field, type, save with Enter', async ({ page }) => {
  const apione = stack.sims.handles.apione!;
  await page.goto(`${stack.host.url}/#/settings`);
  const input = card(page, 'ApiOne').getByLabel(/API key|Replace key/);
  await input.focus();
  await page.keyboard.type(apione.validKey);
  await page.keyboard.press('Enter');
  await expect(card(page, 'ApiOne')).toContainText(`ending in …${apione.validKey.slice(-4)}`);
  // Saving tests the key at once; once that answer is in, the rep tabs on to "Test connection"
  // (Replace is skipped while the field is empty) to run it again.
  await expect(card(page, 'ApiOne').getByTestId('test-status')).toContainText('Working');
  await page.keyboard.press('Tab');
  const testButton = card(page, 'ApiOne').getByRole('button', { name: 'Test connection' });
  await expect(testButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(card(page, 'ApiOne').getByTestId('test-status')).toContainText('Working');
  await expect(input).toHaveAttribute('type', 'password');
});

test('the key never reaches the renderer, its storage, any answer or main logs', async ({ page }) => {
  const apollo = stack.sims.handles.apollo!;
  const key = apollo.validKey;
  const answers: string[] = [];
  page.on('response', async (r) => {
    if (r.url().includes('/ipc/') || r.url().includes('/events')) answers.push(await r.text().catch(() => ''));
  });
  const events: string[] = [];
  await page.goto(`${stack.host.url}/#/settings`);
  await page.evaluate(() => {
    (window as any).__events = [];
    (window as any).api.onEvent((e: unknown) => (window as any).__events.push(JSON.stringify(e)));
  });
  await saveKey(page, 'Apollo', key);
  await testConnection(page, 'Apollo');

  // Every channel, through the page's own window.api.
  const results = await page.evaluate(async () => {
    const api = (window as any).api;
    const out = [
      await api.providers.list({}),
      await api.secrets.test({ provider: 'apollo' }),
      await api.people.search({ provider: 'apollo', filters: { titles: ['VP'] }, page: { pageSize: 5 } }),
      await api.people.enrich({ provider: 'apollo', queries: [{ email: 'nobody@example.com' }], fields: ['email'] }),
      await api.people.related({ provider: 'apollo', person: { providerIds: {} } }),
      await api.people.lookalikes({ provider: 'apollo', people: [{ providerIds: {} }] }),
      await api.organizations.search({ provider: 'apollo', filters: {}, page: { pageSize: 5 } }),
      await api.organizations.jobPostings({
        provider: 'apollo',
        organization: { providerIds: {}, domain: 'example.com' },
      }),
      await api.credits.estimate({ plans: [{ provider: 'apollo', operation: 'people.enrich', count: 10 }] }),
      await api.files.saveCsv({ suggestedName: 'x.csv', content: 'a,b\n' }),
      await api.secrets.set({ provider: 'apollo', key: 'x' }),
    ];
    const dbs = await indexedDB.databases();
    const dump: string[] = [];
    for (const info of dbs) {
      const db: IDBDatabase = await new Promise((res, rej) => {
        const req = indexedDB.open(info.name!);
        req.onsuccess = () => res(req.result);
        req.onerror = () => rej(req.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const rows: unknown[] = await new Promise((res) => {
          const req = db.transaction(store).objectStore(store).getAll();
          req.onsuccess = () => res(req.result);
        });
        dump.push(JSON.stringify(rows));
      }
      db.close();
    }
    return {
      answers: JSON.stringify(out),
      storage:
        JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + dump.join('') + document.cookie,
      html: document.documentElement.outerHTML,
      events: JSON.stringify((window as any).__events),
    };
  });
  events.push(results.events);
  expect(results.answers).toContain('"ok":true'); // the channels really ran

  const middle = key.slice(4, -4);
  const haystacks = {
    answers: results.answers + answers.join('\n'),
    storage: results.storage,
    dom: results.html,
    events: events.join('\n'),
    logs: stack.host.logLines.join('\n'),
  };
  for (const [where, text] of Object.entries(haystacks)) {
    expect(text.includes(key), `key found in ${where}`).toBe(false);
    expect(text.includes(middle), `key's middle found in ${where}`).toBe(false);
  }
  // The hint is the last four only.
  const list = await callChannel(stack.host.url, 'providers.list', {});
  expect(list.body.value.find((p: { id: string }) => p.id === 'apollo').keyHint).toBe(key.slice(-4));
});
