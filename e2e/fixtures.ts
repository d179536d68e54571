// Shared Playwright fixtures. Specs import `test` and `expect` from here, not from
// @playwright/test, so that fixtures added later (a logged-in page, a seeded chain id) reach every
// spec without touching it.
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';

/** A console message of type error/warning, or an uncaught exception, seen in the page. */
export interface BrowserProblem {
  source: 'console' | 'pageerror';
  type: string;
  text: string;
  url: string;
}

interface Fixtures {
  /**
   * Everything the page reported as an error or a warning, collected from the first navigation.
   * Hydration mismatches, React errors (#418 and friends) and failed resource loads show up here.
   */
  browserProblems: BrowserProblem[];
}

export const test = base.extend<Fixtures>({
  browserProblems: async ({ page }, use) => {
    const problems: BrowserProblem[] = [];
    page.on('console', (message) => {
      const type = message.type();
      if (type === 'error' || type === 'warning' || type === 'assert') {
        problems.push({ source: 'console', type, text: message.text(), url: message.location().url });
      }
    });
    page.on('pageerror', (error) => {
      problems.push({ source: 'pageerror', type: error.name, text: error.message, url: page.url() });
    });
    await use(problems);
  },
});

export { expect };

const screenshotDir = path.join(__dirname, 'artifacts', 'screenshots');

/** Saves a full-page screenshot under e2e/artifacts/screenshots/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}
