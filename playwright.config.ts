import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser (none can be fetched here).
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  // Not tsconfig.json: Playwright follows its references into tsconfig.renderer.json, whose `paths`
  // resolve papaparse to its type declarations (an empty module in Node). See the file.
  tsconfig: './tsconfig.playwright.json',
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
