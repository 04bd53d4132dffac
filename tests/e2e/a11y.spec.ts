/**
 * axe-core over every main page, in the light and the dark scheme: no serious or critical
 * violation. axe runs inside the page (injected from node_modules), on what the rep would see once
 * the page has drawn. @axe-core/playwright would do the injecting but needs Node 22.
 */
import { expect, test, type Page } from '@playwright/test';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => stack?.close());

/** Each page and what shows once it has drawn. */
const PAGES = [
  { hash: 'search', ready: { role: 'heading', name: 'Search people' } },
  { hash: 'companies', ready: { role: 'heading', name: /compan/i } },
  { hash: 'lists', ready: { role: 'heading', name: 'Lists' } },
  { hash: 'enrich', ready: { role: 'heading', name: /Enrich/ } },
  { hash: 'settings', ready: { role: 'heading', name: 'Settings' } },
  { hash: 'usage', ready: { role: 'heading', name: 'Usage' } },
] as const;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: require.resolve('axe-core') });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Violation[] }> } }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ ...v, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} scheme`, () => {
    // The app's CSP allows no inline script; axe is test tooling, injected as one.
    test.use({ colorScheme: scheme, bypassCSP: true });
    for (const p of PAGES) {
      test(`${p.hash}: no serious or critical axe violations`, async ({ page }) => {
        await page.goto(`${stack.host.url}/#/${p.hash}`);
        await expect(page.getByRole(p.ready.role, { name: p.ready.name, level: 1 })).toBeVisible();
        await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
        const found = await seriousViolations(page);
        const summary = found.map(
          (v) =>
            `${v.id} (${v.impact}): ${v.help}\n` +
            v.nodes
              .map((n) => `  ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ').trim()}`)
              .join('\n'),
        );
        expect(summary, summary.join('\n')).toEqual([]);
      });
    }
  });
}
