// Shared Playwright fixtures. Specs import `test` and `expect` from here, not from
// @playwright/test, so that fixtures added later (a logged-in page, a seeded chain id) reach every
// spec without touching it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { E2E_BASE_URL, E2E_CONFIG_DIR, E2E_PASSWORDS_FILE } from './e2e-env';

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

/** The first-start passwords the e2e server's embedded OpenID provider wrote (username → password). */
export function initialPasswords(): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of fs.readFileSync(E2E_PASSWORDS_FILE, 'utf8').split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const [user, password] = line.split(' ');
    if (user !== undefined && password !== undefined) out.set(user, password);
  }
  return out;
}

/** Runs the `signet` CLI against the e2e server's configuration; returns stdout. */
export function signetCli(args: string[], input?: string): string {
  return execFileSync(process.execPath, [path.join(__dirname, '..', 'bin', 'signet.cjs'), ...args, '--config-dir', E2E_CONFIG_DIR], { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Fills the IdP's login form (Keycloak's element ids) on the current page and submits it. */
export async function submitLoginForm(page: Page, username: string, password: string): Promise<void> {
  await expect(page.locator('#kc-form-login')).toBeVisible();
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('#kc-login').click();
}

/** A real OpenID Connect login through the browser: console → IdP form → callback → `path`. */
export async function login(page: Page, username: string, password: string, path = '/'): Promise<void> {
  await page.goto(path);
  await page.waitForURL(/\/realms\/signet\/login-actions\//);
  await submitLoginForm(page, username, password);
  await page.waitForURL((url) => url.origin === E2E_BASE_URL && !url.pathname.startsWith('/login') && !url.pathname.startsWith('/api/auth'));
}
