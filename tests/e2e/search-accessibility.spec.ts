/**
 * axe-core on the Search page in the light and the dark scheme (chosen the way the OS chooses it):
 * empty, with filters chosen and results shown, and with a row's actions menu open. No serious or
 * critical violation; colour contrast is checked at WCAG 2 AA.
 */
import { expect, test, type Page } from '@playwright/test';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => stack?.close());
// The app's CSP (script-src 'self') rightly refuses the injected axe script; only this test's
// browser context sets it aside, the page under test is unchanged.
test.use({ bypassCSP: true });

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

async function seriousViolations(page: Page, state: string) {
  await page.addScriptTag({ path: require.resolve('axe-core') });
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<AxeResult> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${state}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`Search has no serious or critical axe violations in the ${scheme} scheme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${stack.host.url}/#/search`);
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
    await expect(page.getByRole('heading', { name: 'Search people' })).toBeVisible();
    const found = await seriousViolations(page, 'empty');

    const rail = page.getByRole('complementary', { name: 'Filters' });
    await rail.getByLabel('Seniority', { exact: true }).click();
    await page.keyboard.type('vp');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await rail.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page.getByTestId('result-summary')).toContainText('page 1');
    await page
      .getByRole('grid', { name: 'Search results' })
      .getByRole('checkbox', { name: 'Select row 1', exact: true })
      .check();
    found.push(...(await seriousViolations(page, 'results')));

    await page
      .getByRole('button', { name: /^Actions for / })
      .first()
      .click();
    await expect(page.getByRole('menuitem', { name: 'Open' })).toBeVisible();
    found.push(...(await seriousViolations(page, 'row menu')));

    expect(found).toEqual([]);
  });
}
