import fs from 'node:fs';
import { decode, encode } from 'next-auth/jwt';
import type { BrowserContext } from '@playwright/test';
import { E2E_BASE_URL, E2E_SESSION_SECRET_FILE } from './e2e-env';
import { expect, initialPasswords, login, saveScreenshot, signetCli, submitLoginForm, test } from './fixtures';

// Login, roles, logout and session handling of the console, end to end: Debian Chromium, the
// production build under `signet serve`, the embedded OpenID provider (Keycloak layout) and
// next-auth's Keycloak provider. Nothing about authentication is mocked.

const COOKIE = 'next-auth.session-token';
const NO_ROLE_USER = 'norole';
const NO_ROLE_PASSWORD = 'no-role-password-123';

const secret = () => fs.readFileSync(E2E_SESSION_SECRET_FILE, 'utf8').trim();
const pw = (user: string) => initialPasswords().get(user) as string;

async function sessionCookie(context: BrowserContext) {
  const cookie = (await context.cookies(E2E_BASE_URL)).find((c) => c.name === COOKIE);
  expect(cookie, 'session cookie').toBeDefined();
  return cookie!;
}

test.beforeAll(() => {
  // A user who can sign in but holds no console role (users.json is read at every login).
  try {
    signetCli(['users', 'add', NO_ROLE_USER, '--password-stdin'], `${NO_ROLE_PASSWORD}\n`);
  } catch (err) {
    if (!String((err as { stderr?: string }).stderr ?? err).includes('exists')) throw err;
  }
});

test.describe('login', () => {
  test('an anonymous visit goes to the IdP login form; a wrong password is refused there', async ({ page }) => {
    await page.goto('/audit-log');
    await page.waitForURL(/\/realms\/signet\/login-actions\//);
    await expect(page.locator('#kc-page-title')).toHaveText('Sign in to your account');
    await saveScreenshot(page, 'login-form');

    await submitLoginForm(page, 'operator', 'not-the-password');
    await expect(page.locator('#input-error')).toHaveText('Invalid username or password.');
    expect(new URL(page.url()).pathname).toMatch(/\/login-actions\//);
    await saveScreenshot(page, 'login-wrong-password');

    // The right password on the same form continues to where the user wanted to go.
    await submitLoginForm(page, 'operator', pw('operator'));
    await page.waitForURL(`${E2E_BASE_URL}/audit-log`);
    await expect(page.getByTestId('pageTitle')).toHaveText('Audit log');
  });

  for (const [user, role] of [['viewer', 'signet-viewer'], ['operator', 'signet-operator'], ['auditor', 'signet-auditor']] as const) {
    test(`${user} signs in and sees the console with the ${role} role`, async ({ page, browserProblems }) => {
      await login(page, user, pw(user));
      expect(page.url()).toBe(`${E2E_BASE_URL}/`);
      await expect(page.getByTestId('pageTitle')).toHaveText('Overview');
      await expect(page.getByTestId('consoleSideNav')).toBeVisible();

      const me = await page.request.get('/api/console/session');
      expect(me.status()).toBe(200);
      expect(await me.json()).toMatchObject({ username: user, roles: [role] });

      await expect(async () => {
        if (!(await page.getByTestId('userMenu').isVisible())) await page.getByTestId('userMenuButton').click();
        await expect(page.getByTestId('userMenu')).toBeVisible({ timeout: 1_000 });
      }).toPass({ timeout: 15_000 });
      await expect(page.getByTestId('userMenuUsername')).toHaveText(user);
      await expect(page.getByTestId('userMenuRoles')).toHaveText(role);
      await saveScreenshot(page, `signed-in-${user}`);
      expect(browserProblems, 'console errors/warnings and uncaught exceptions').toEqual([]);
    });
  }

  test('a user without a console role gets a real 403 page', async ({ page }) => {
    await login(page, NO_ROLE_USER, NO_ROLE_PASSWORD);
    await expect(page.getByTestId('forbiddenTitle')).toHaveText('403 — Access denied');
    await expect(page.getByTestId('forbiddenUsername')).toHaveText(NO_ROLE_USER);
    expect((await page.request.get('/')).status()).toBe(403);
    expect((await page.request.get('/blockchains')).status()).toBe(403);
    const api = await page.request.get('/api/console/audit');
    expect(api.status()).toBe(403);
    expect((await api.json()).error.code).toBe('ERR_AUTH_FORBIDDEN');
    await saveScreenshot(page, 'forbidden-no-role');
  });
});

test.describe('logout and sessions', () => {
  test('logout ends the IdP session too: the next visit asks for the password again', async ({ page, context }) => {
    await login(page, 'viewer', pw('viewer'));
    await expect(async () => {
      if (!(await page.getByTestId('userMenu').isVisible())) await page.getByTestId('userMenuButton').click();
      await expect(page.getByTestId('userMenu')).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await page.getByTestId('logoutButton').click();
    await page.waitForURL(`${E2E_BASE_URL}/logged-out`);
    await expect(page.getByTestId('loggedOutTitle')).toHaveText('You are logged out');
    await saveScreenshot(page, 'logged-out');
    expect((await context.cookies(E2E_BASE_URL)).some((c) => c.name === COOKIE)).toBe(false);
    expect((await page.request.get('/api/console/session')).status()).toBe(401);

    // The IdP's SSO session is gone as well: the login form appears instead of a silent login.
    await page.getByTestId('loginAgainButton').click();
    await page.waitForURL(/\/realms\/signet\/login-actions\//);
    await expect(page.locator('#kc-form-login')).toBeVisible();
  });

  test('/logout (also where next-auth\'s own sign-out page points) runs the same full logout', async ({ page, context }) => {
    await login(page, 'operator', pw('operator'));
    await page.goto('/api/auth/signout');
    await page.waitForURL(`${E2E_BASE_URL}/logged-out`);
    expect((await context.cookies(E2E_BASE_URL)).some((c) => c.name === COOKIE)).toBe(false);
    await page.goto('/');
    await page.waitForURL(/\/realms\/signet\/login-actions\//);
  });

  test('an expired session (absolute lifetime) sends the user back to the login', async ({ page, context }) => {
    await login(page, 'auditor', pw('auditor'));
    const cookie = await sessionCookie(context);
    const token = await decode({ token: cookie.value, secret: secret() });
    expect(token).toMatchObject({ username: 'auditor' });
    // Same session, logged in longer ago than session_max_age_secs (3600 in the e2e config).
    const expired = await encode({ token: { ...token, loginAt: Math.floor(Date.now() / 1000) - 3601 }, secret: secret(), maxAge: 3600 });
    await context.addCookies([{ ...cookie, value: expired }]);
    expect((await page.request.get('/api/console/session')).status()).toBe(401);
    await page.goto('/');
    // The provider's own session is still alive, yet it must ask for the password again.
    await page.waitForURL(/\/realms\/signet\/login-actions\//);
    await expect(page.locator('#kc-form-login')).toBeVisible();
    await saveScreenshot(page, 'session-expired');
  });

  test('tampered and forged session cookies count as no session', async ({ page, context }) => {
    await login(page, 'viewer', pw('viewer'));
    const cookie = await sessionCookie(context);
    const flipped = cookie.value.slice(0, 40) + (cookie.value[40] === 'A' ? 'B' : 'A') + cookie.value.slice(41);
    await context.addCookies([{ ...cookie, value: flipped }]);
    const tampered = await page.request.get('/api/console/session');
    expect(tampered.status()).toBe(401);
    expect((await tampered.json()).error.code).toBe('ERR_AUTH_REQUIRED');

    // Claiming the operator role with a cookie sealed under another key.
    const forged = await encode({ token: { username: 'mallory', roles: ['signet-operator'], loginAt: Math.floor(Date.now() / 1000) }, secret: 'x'.repeat(43), maxAge: 3600 });
    await context.addCookies([{ ...cookie, value: forged }]);
    expect((await page.request.get('/api/console/session')).status()).toBe(401);
    const res = await page.goto('/');
    expect(res?.url() ?? page.url()).not.toBe(`${E2E_BASE_URL}/`);
    // End on the settled login form, not mid-redirect (a navigation still running when the test
    // ends once held up the context's teardown past the test timeout).
    await expect(page.locator('#kc-form-login')).toBeVisible();
  });

  test('a forged callbackUrl cannot redirect off the console', async ({ page }) => {
    await login(page, 'viewer', pw('viewer'));
    for (const target of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
      await page.goto(`/login?callbackUrl=${encodeURIComponent(target)}`);
      await page.waitForURL((url) => url.origin === E2E_BASE_URL && url.pathname === '/');
    }
  });
});

test.describe('ingest API is not behind the console login', () => {
  test('El Proxy endpoints answer without a session', async ({ playwright }) => {
    const api = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
    const health = await api.get('/api/v1/status/health');
    expect([200, 503]).toContain(health.status());
    expect(health.headers()['content-type']).toContain('application/json');
    const ingest = await api.post('/api/log_batch', {
      data: [{ '@timestamp': '2026-12-06T10:00:00Z', message: 'e2e', EBP_METADATA: { agent: { type: 'logstash', version: '8.11.0' }, customer: 'e2e', retention: '6_months', blockchain_tag: '0', event: { module: 'elproxysigned' } } }],
    });
    expect(ingest.status()).toBe(200);
    expect(await api.get('/api/console/session').then((r) => r.status())).toBe(401);
    await api.dispose();
  });
});
