import fs from 'node:fs';
import path from 'node:path';
import { expect, initialPasswords, login, saveScreenshot, test } from './fixtures';

// The version the console must show is the one in package.json, read the same way the server does.
const { version } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as {
  version: string;
};

/** The markup of the server-rendered <svg> carrying `data-test-subj="<testSubj>"`, or undefined. */
function findSvg(html: string, testSubj: string): string | undefined {
  return new RegExp(`<svg[^>]*data-test-subj="${testSubj}"[^>]*>[\\s\\S]*?</svg>`).exec(html)?.[0];
}

test.describe('overview page', () => {
  // The console is behind the login: every test signs in as the viewer first (real OIDC flow),
  // and `page.request` then shares the browser's session cookie.
  test.beforeEach(async ({ page }) => {
    await login(page, 'viewer', initialPasswords().get('viewer') as string);
  });

  test('is server-rendered with EUI styles, the page title and pre-registered icons', async ({ page }) => {
    const response = await page.request.get('/');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('text/html');
    const html = await response.text();

    // Checked piecewise with short messages: a failing toContain() would print the whole page.
    const has = (needle: string | RegExp) => (typeof needle === 'string' ? html.includes(needle) : needle.test(html));

    // The Emotion registry put EUI's styles into the HTML itself (no unstyled first paint): global
    // rules in their own tags, component rules in one `eui n1 n2 ...` tag.
    expect(has('<style data-emotion="eui-global '), 'global EUI style tag').toBe(true);
    expect(has(/<style data-emotion="eui [^"]*euiHeader/), 'component EUI style tag').toBe(true);
    expect(/<title>([^<]*)<\/title>/.exec(html)?.[1]).toBe('Overview · Signet');
    expect(has(/<h1[^>]*data-test-subj="pageTitle"[^>]*>Overview<\/h1>/), 'page title <h1>').toBe(true);
    expect(has(`data-test-subj="productVersion">${version}<`), 'product version').toBe(true);

    // Pre-registered icons are drawn on the server, not left as an empty <svg> until hydration.
    for (const testSubj of ['signetLogoIcon', 'aboutButtonIcon', 'capabilityIcon-chains']) {
      const svg = findSvg(html, testSubj);
      expect(svg, `SSR <svg> for ${testSubj}`).toBeDefined();
      expect(svg).toMatch(/<path [^>]*d="[^"]+"/);
    }

    // The About button is inside an EuiPopover: its presence means popovers survive SSR.
    expect(has('data-test-subj="aboutButton"'), 'About button').toBe(true);
  });

  test('loads in Chromium with a clean console and shows the version in the About popover', async ({
    page,
    browserProblems,
  }) => {
    const response = await page.goto('/', { waitUntil: 'load' });
    expect(response?.status()).toBe(200);

    await expect(page).toHaveTitle('Overview · Signet');
    await expect(page.getByTestId('pageTitle')).toHaveText('Overview');
    await expect(page.getByTestId('productVersion')).toHaveText(version);
    await expect(page.getByTestId('signingFormatVersion')).toHaveText('1');
    await expect(page.getByTestId('capabilities').locator('[data-test-subj^="capabilityCard-"]')).toHaveCount(4);
    await saveScreenshot(page, 'overview');

    // A click that lands before hydration has no handler yet; retry until React has attached it.
    const popover = page.getByTestId('aboutPopover');
    await expect(async () => {
      if (!(await popover.isVisible())) await page.getByTestId('aboutButton').click();
      await expect(popover).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await expect(page.getByTestId('aboutButton')).toHaveAttribute('aria-expanded', 'true');
    await expect(popover.getByTestId('aboutVersion')).toHaveText(version);
    await expect(popover.getByTestId('aboutSigningFormat')).toHaveText('version 1');
    await saveScreenshot(page, 'overview-about-open');

    await page.keyboard.press('Escape');
    await expect(popover).toBeHidden();

    expect(browserProblems, 'console errors/warnings and uncaught exceptions').toEqual([]);
  });

  test('switches to the phone layout after hydrating on a narrow screen', async ({ page, browserProblems }) => {
    await page.setViewportSize({ width: 400, height: 800 });
    const response = await page.goto('/', { waitUntil: 'load' });
    expect(response?.status()).toBe(200);

    // The server knows no viewport and renders EUI's wide layout. If the browser's first render
    // used the real (phone) breakpoint, React would keep the server's attributes without a word in
    // production ("won't be patched up") and the page would stay in the wide layout. Hydrating
    // with the server's breakpoint and switching afterwards gets the column layout.
    await expect(page.getByTestId('overviewPage')).toHaveClass(/euiPageOuter-column/);
    await expect(page.getByTestId('pageTitle')).toHaveText('Overview');
    await saveScreenshot(page, 'overview-narrow');

    expect(browserProblems, 'console errors/warnings and uncaught exceptions').toEqual([]);
  });

  test('answers unknown paths with a real 404 and the not-found page', async ({ page, browserProblems }) => {
    const raw = await page.request.get('/no-such-page');
    expect(raw.status()).toBe(404);
    expect((await raw.text()).includes('Page not found'), 'not-found page in the 404 body').toBe(true);

    const response = await page.goto('/no-such-page', { waitUntil: 'load' });
    expect(response?.status()).toBe(404);
    await expect(page.getByTestId('notFoundTitle')).toHaveText('Page not found');
    await expect(page.getByTestId('notFoundHomeButton')).toHaveAttribute('href', '/');
    await saveScreenshot(page, 'not-found');

    // Chromium itself reports the document's 404 status in the console; nothing else may appear.
    const unexpected = browserProblems.filter(
      (problem) => !(problem.source === 'console' && /status of 404/.test(problem.text) && problem.url.endsWith('/no-such-page')),
    );
    expect(unexpected, 'console errors/warnings and uncaught exceptions').toEqual([]);
  });
});
