// End-to-end tests run against the production server (`next start`), never the dev server: that
// is what ships, and dev mode adds its own warnings. `next build` must have run first (the test
// runner builds before it starts Playwright).
//
// No browser is ever downloaded: Chromium is Debian's package (or CHROMIUM_PATH), passed as
// `executablePath`, so Playwright never looks at its own browser cache.
import { defineConfig, type PlaywrightTestConfig, type Project } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const isCI = Boolean(process.env.CI);
const jsonReport = process.env.PLAYWRIGHT_JSON_OUTPUT_NAME;

const chromium: Project['use'] = {
  browserName: 'chromium',
  viewport: { width: 1280, height: 800 },
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      // Runs as root in CI containers, where Chromium's sandbox cannot start.
      '--no-sandbox',
      '--disable-gpu',
      // The rest keep the browser from talking to anything but the server under test.
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // /dev/shm is small in containers; Chromium crashes on large pages without this.
      '--disable-dev-shm-usage',
    ],
  },
};

const reporter: PlaywrightTestConfig['reporter'] = [['list']];
// The test runner reads pass/fail counts from this file (scripts/run-tests.mjs).
if (jsonReport) reporter.push(['json', { outputFile: jsonReport }]);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'e2e/artifacts/results',
  // One production server and 2 cores: parallel browsers only slow each other down.
  workers: 1,
  fullyParallel: false,
  forbidOnly: isCI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter,
  use: {
    baseURL,
    // EUI's (and Kibana's) test-id attribute.
    testIdAttribute: 'data-test-subj',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  // Projects split by file name so that later suites slot in without touching existing ones:
  // - `ui`: Chromium, every *.spec.ts that is not an API spec;
  // - an `api` project (request-only, *.api.spec.ts, no browser) and a login setup project
  //   (`dependencies: ['login']` with a storageState) are added by the issues that need them.
  projects: [
    {
      name: 'ui',
      testMatch: /.*\.spec\.ts$/,
      testIgnore: /.*\.api\.spec\.ts$/,
      use: chromium,
    },
  ],
  webServer: [
    {
      name: 'signet',
      command: `npx next start -H 127.0.0.1 -p ${port}`,
      url: `${baseURL}/`,
      reuseExistingServer: !isCI,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
  ],
});
