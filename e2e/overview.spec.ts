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

    // Health and alerts come with the first HTML (the server asks the overview service itself).
    expect(has('data-test-subj="pageLoaded"'), 'page-loaded marker in the SSR HTML').toBe(true);
    expect(has('data-test-subj="healthStore"'), 'store health in the SSR HTML').toBe(true);

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
    await saveScreenshot(page, 'overview-first-load');

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

  test('shows live throughput, the DLQ and key-backup alerts and an unverified chain after logs arrive through the ingest API', async ({ page, browserProblems }) => {
    const meta = { agent: { type: 'logstash', version: '8.11.0' }, customer: 'e2eoverview', retention: '6_months', blockchain_tag: '0' };
    const chain = 'elproxysigned-e2eoverview-6_months-0';
    const post = (logs: unknown[]) => page.request.post('/api/log_batch', { data: logs });
    // Traffic over two sampling intervals, then a mapping conflict on the signed `message` (→ the DLQ).
    for (let batch = 0; batch < 12; batch++) {
      const logs = Array.from({ length: 50 }, (_, i) => ({ '@timestamp': new Date(Date.UTC(2026, 11, 6, 10, 0, batch, i)).toISOString(), message: `overview ${batch}/${i}`, EBP_METADATA: meta }));
      expect((await post(logs)).status()).toBe(200);
      await page.waitForTimeout(1_000);
    }
    const conflict = await post([{ '@timestamp': '2026-12-06T10:01:00Z', message: { nested: true }, EBP_METADATA: meta }]);
    expect(await conflict.json()).toMatchObject({ dlq: 1 });

    // The sampler takes a point every 10 s: wait until one covers the traffic (the API, as the page reads it).
    await expect(async () => {
      const res = await page.request.get('/api/console/overview');
      expect(res.status()).toBe(200);
      const body = (await res.json()) as { series: { points: { receivedLogsPerSec: number | null; dlqSignedEntries: number | null }[] } };
      expect(Math.max(...body.series.points.map((p) => p.receivedLogsPerSec ?? 0))).toBeGreaterThan(0);
      expect(body.series.points.at(-1)?.dlqSignedEntries).toBe(1);
    }).toPass({ timeout: 40_000, intervals: [2_000] });

    await page.goto('/', { waitUntil: 'load' });
    await expect(page.getByTestId('pageLoaded')).toBeAttached();
    await expect(page.getByTestId('overviewHealthStatus')).toHaveText('Needs attention');
    await expect(page.getByTestId('healthStore')).toContainText('Reachable');
    await expect(page.getByTestId('healthChains')).toContainText('None blocked');
    await expect(page.getByTestId('overviewAlert-dlq')).toContainText('The dead letter queue is not empty');
    await expect(page.getByTestId('overviewAlert-keyBackup')).toContainText('key backup waits to be moved');
    // Its own alert, or — when other specs left more than five unverified chains on this server —
    // the one alert that sums them up.
    const overdue = page.getByTestId('overviewAlerts').locator(`[data-test-subj="overviewAlert-verificationOverdue"]`);
    await expect(overdue.filter({ hasText: chain }).or(overdue.filter({ hasText: /\d+ blockchains not verified/ })).first()).toBeVisible();
    if ((await overdue.filter({ hasText: /\d+ blockchains not verified/ }).count()) === 0) await expect(overdue.filter({ hasText: chain })).toContainText('never been verified');

    // Real charts drawn by @elastic/charts in the browser, with the throughput's highest rate above zero.
    for (const id of ['throughput', 'dlq', 'errors']) {
      await expect(page.getByTestId(`overviewChartCanvas-${id}`).locator('.echChartStatus[data-ech-render-complete="true"]')).toBeAttached();
    }
    await expect(page.getByTestId('overviewChartLatest-throughput')).toHaveText(/highest [1-9]/);
    await saveScreenshot(page, 'overview');

    await page.getByTestId('overviewAlertLink-dlq').click();
    await page.waitForURL('**/dead-letter-queue');
    await expect(page.getByTestId('pageTitle')).toHaveText('Dead letter queue');
    expect(browserProblems, 'console errors/warnings and uncaught exceptions').toEqual([]);
  });
});
