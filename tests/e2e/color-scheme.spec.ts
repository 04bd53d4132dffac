/**
 * The app follows the OS colour scheme (light/dark) until the rep picks one in Settings, and that
 * choice survives a reload. Checked on what the rep sees: the scheme on <html> and the painted
 * background, with Chromium emulating the OS preference.
 */
import { expect, test, type Page } from '@playwright/test';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => stack?.close());

/** Relative luminance (0 black .. 1 white) of an element's computed background colour. */
async function backgroundLuminance(page: Page, selector: string): Promise<number> {
  const rgb = await page.locator(selector).evaluate((el) => getComputedStyle(el).backgroundColor);
  const [r, g, b] = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
  if (r === undefined || g === undefined || b === undefined) throw new Error(`unreadable colour ${rgb}`);
  const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

for (const scheme of ['dark', 'light'] as const) {
  test.describe(`OS asks for ${scheme}`, () => {
    test.use({ colorScheme: scheme });
    test(`the app is ${scheme}, with no CSP or console errors`, async ({ page }) => {
      const errors = watchErrors(page);
      await page.goto(stack.host.url);
      await expect(page.getByRole('heading', { level: 1, name: /Search/ })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
      const luminance = await backgroundLuminance(page, 'body');
      if (scheme === 'dark') expect(luminance).toBeLessThan(0.1);
      else expect(luminance).toBeGreaterThan(0.8);
      expect(errors).toEqual([]);
    });
  });
}

test.describe('a choice made in Settings', () => {
  test.use({ colorScheme: 'light' });
  test('choosing Dark persists across a reload, and Match system goes back to the OS', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`${stack.host.url}/#/settings`);
    const appearance = page.getByRole('group', { name: 'Appearance' });
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');

    await appearance.getByText('Dark', { exact: true }).click();
    await expect(appearance.getByRole('radio', { name: 'Dark' })).toBeChecked();
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');

    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await expect(appearance.getByRole('radio', { name: 'Dark' })).toBeChecked();
    expect(await backgroundLuminance(page, 'body')).toBeLessThan(0.1);

    await appearance.getByText('Match system', { exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');
    expect(errors).toEqual([]);
  });
});
