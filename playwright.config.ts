import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser (none can be fetched here).
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  // One tsconfig for every test file: looked up per file, Playwright follows the solution's
  // references and lends the renderer's `paths` (papaparse -> a types-only file) to test code.
  tsconfig: './tsconfig.playwright.json',
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
  },
});
