// End-to-end tests run against the production build served by `signet serve` (embedded store and
// embedded OpenID provider on loopback, fresh temporary config/data directory: e2e/start-signet.cjs),
// never the dev server: that is what ships, and dev mode adds its own warnings. `next build` must
// have run first (the test runner builds before it starts Playwright).
//
// No browser is ever downloaded: Chromium is Debian's package (or CHROMIUM_PATH), passed as
// `executablePath`, so Playwright never looks at its own browser cache.
import { defineConfig, type PlaywrightTestConfig, type Project } from '@playwright/test';
import { E2E_BASE_URL } from './e2e/e2e-env';

const baseURL = E2E_BASE_URL;
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
  // A login is several redirects through two servers; on a loaded 2-core machine that alone can
  // take 20 s, so the budget is per test, generous, and the same for every spec.
  timeout: 90_000,
  expect: { timeout: 15_000 },
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
      command: 'node e2e/start-signet.cjs',
      // A public page: answers 200 once Next.js and the login machinery are up.
      url: `${baseURL}/logged-out`,
      // Never reuse: the specs read the passwords and session key of the server they started.
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
  ],
});
