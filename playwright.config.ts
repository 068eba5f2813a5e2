// End-to-end tests drive the real app in Debian's Chromium (Playwright cannot download browsers here).
// e2e/support/global-setup.ts starts the whole stack (database, OpenID Provider, dashboard, worker) and
// seeds runs; the specs reach it through e2e/support/fixtures.ts. Run with `npm run test:e2e`.
import { defineConfig, devices } from '@playwright/test';

const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  outputDir: './test-results',
  globalSetup: './e2e/support/global-setup.ts',
  globalTeardown: './e2e/support/global-teardown.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    // Set by the global setup (the dashboard runs on a free port); the fixtures also take it from the
    // stack's state file, so this only matters to specs that import @playwright/test directly.
    baseURL: process.env.SUTURE_E2E_BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env.SUTURE_CHROMIUM ?? '/usr/bin/chromium',
          args: chromiumFlags,
        },
      },
    },
  ],
});
