import { expect, test } from '@playwright/test';
import { callChannel, startStack, type Stack } from './support/stack';

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => stack?.close());

test('the shell renders and navigates between every section', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(stack.host.url);
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const [label, heading] of [
    ['Companies', 'Companies'],
    ['Lists', 'Lists'],
    ['Enrich CSV', 'Enrich CSV'],
    ['Settings', 'Settings'],
    ['Search', /Search/],
  ] as const) {
    await nav.getByRole('link', { name: label, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(nav.getByRole('link', { name: label, exact: true })).toHaveAttribute('aria-current', 'page');
  }
  expect(errors).toEqual([]);
});

test('the page gets window.api from the contract factory and round-trips a channel', async ({ page }) => {
  await page.goto(stack.host.url);
  const result = await page.evaluate(async () => {
    const api = (window as any).api;
    return { namespaces: Object.keys(api).sort(), list: await api.providers.list({}) };
  });
  expect(result.namespaces).toEqual([
    'credits',
    'data',
    'files',
    'onEvent',
    'organizations',
    'people',
    'providers',
    'secrets',
  ]);
  expect(result.list.ok).toBe(true);
  const ids = result.list.value.map((p: { id: string }) => p.id);
  expect(ids).toEqual(['sample', 'apollo', 'apione', 'ocean', 'sumble']);
  expect(result.list.value[0]).toMatchObject({ id: 'sample', sample: true, configured: true });
});

test('a malformed call gets bad_request with the zod issues and reaches no service', async () => {
  const wrongShape = await callChannel(stack.host.url, 'people.search', {
    provider: 'nobody',
    filters: { titles: 'ceo' },
  });
  expect(wrongShape.status).toBe(200);
  expect(wrongShape.body.ok).toBe(false);
  expect(wrongShape.body.error.code).toBe('bad_request');
  const paths = wrongShape.body.error.issues.map((i: { path: unknown[] }) => i.path.join('.'));
  expect(paths).toEqual(expect.arrayContaining(['provider', 'filters.titles']));

  const notJson = await callChannel(stack.host.url, 'providers.list', '{not json');
  expect(notJson.body).toMatchObject({ ok: false, error: { code: 'bad_request' } });

  const unknown = await callChannel(stack.host.url, 'secrets.dump', {});
  expect(unknown.body).toMatchObject({ ok: false, error: { code: 'bad_request' } });

  const extraKey = await callChannel(stack.host.url, 'providers.list', { sneaky: true });
  expect(extraKey.body).toMatchObject({ ok: false, error: { code: 'bad_request' } });
});

test('the served page carries a strict Content-Security-Policy', async ({ page }) => {
  await page.goto(stack.host.url);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
});
