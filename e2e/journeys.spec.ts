import { CONSOLE_ROUTES, type ConsoleRouteDef } from '../lib/auth/console-routes';
import { CONSOLE_PAGES } from '../lib/shared/console-api/console-pages';
import { chainOf, keyBackupOf, seedLogs, tamperLog } from './chain-helpers';
import { E2E_BASE_URL } from './e2e-env';
import { expect, initialPasswords, login, saveScreenshot, test } from './fixtures';
import type { Page } from '@playwright/test';

// Issue 7's end-to-end journeys across pages, on the production build, seeded through the real
// ingest API (the operator's DLQ journey — a mapping conflict recovered and the chain's gap
// closed — is e2e/dlq.spec.ts):
// - an auditor verifies a chain in the browser (clean), a stored log is then edited behind
//   Signet's back, the next verification finds it, the auditor acknowledges it on the Corruptions
//   page and the verification after that is clean — everything through the console;
// - a viewer browses every page of the navigation, is offered no action, and every state-changing
//   API route refuses them.

const CUSTOMER = 'e2ejourney';
const CHAIN = chainOf(CUSTOMER);

/** Starts a verification of CHAIN from the Verification page and waits for its outcome toast. */
async function verifyInPage(page: Page, expected: 'OK' | 'critical'): Promise<void> {
  await page.goto(`/verification?chain=${CHAIN}`);
  await expect(page.getByTestId('verificationChain')).toHaveValue(CHAIN);
  for (const close of await page.getByTestId('toastCloseButton').all()) await close.click().catch(() => undefined);
  await page.getByTestId('verificationKeyFile').setInputFiles(keyBackupOf(CUSTOMER));
  await page.getByTestId('verificationStartButton').click();
  await expect(page.getByTestId('verificationToastFinished')).toContainText(`finished: ${expected}`, { timeout: 120_000 });
}

/** Opens the newest run's report. */
async function openLatestReport(page: Page): Promise<void> {
  await page.getByTestId('verificationRunsTable').locator('tbody tr').first().getByTestId('verificationRunReportLink').click();
  await expect(page.getByTestId('pageTitle')).toHaveText('Verification report');
}

test('an auditor verifies, finds a tampered log, acknowledges it and verifies clean — all in the console', async ({ page, browserProblems }) => {
  test.setTimeout(300_000);
  await seedLogs(page.request, CUSTOMER, 12);
  await login(page, 'auditor', initialPasswords().get('auditor') as string, `/verification?chain=${CHAIN}`);

  await verifyInPage(page, 'OK');
  await openLatestReport(page);
  await expect(page.getByTestId('verificationReportClean')).toBeVisible();
  await expect(page.getByTestId('verificationReportLogs')).toHaveText('12');

  // Someone with write access to Elasticsearch edits a signed field of iteration 5.
  await tamperLog(CUSTOMER, 5);
  await verifyInPage(page, 'critical');
  await openLatestReport(page);
  await expect(page.getByTestId('verificationReportCritical')).toContainText('1 unacknowledged error');
  const corruptionId = (await page.getByTestId('verificationCorruptionId').first().textContent())?.trim() ?? '';
  expect(corruptionId).not.toBe('');
  await saveScreenshot(page, 'journey-report-critical');

  // The Corruptions page lists it as open; the auditor acknowledges it with the key backup.
  await page.goto('/corruptions');
  await page.getByTestId('corruptionsSearch').fill(CUSTOMER);
  const row = page.getByTestId('corruptionsTable').getByRole('row').filter({ hasText: CHAIN });
  await expect(row.getByTestId('corruptionStatusOpen')).toBeVisible();
  await expect(row.getByTestId('corruptionIterations')).toHaveText('5');
  await row.getByTestId('corruptionLink').click();
  await expect(page.getByTestId('corruptionDetails')).toContainText(corruptionId);
  await page.getByTestId('flyoutAcknowledgeButton').click();
  await page.getByTestId('ackDescription').fill('Iteration 5 edited in Elasticsearch during the e2e journey');
  await page.getByTestId('ackReason').fill('Test INC-7: the original is kept in the DLQ archive');
  await page.getByTestId('ackFlyout').locator('input[type="file"]').setInputFiles(keyBackupOf(CUSTOMER));
  await page.getByTestId('ackSubmit').click();
  await page.getByTestId('confirmModalConfirmButton').click();
  await expect(page.getByTestId('ackToastSuccess')).toBeVisible();
  await expect(row.getByTestId('corruptionStatusAcknowledged')).toContainText('not yet verified');

  // The next verification reports the corruption acknowledged and nothing open.
  await verifyInPage(page, 'OK');
  await openLatestReport(page);
  await expect(page.getByTestId('verificationReportErrors')).toHaveText('0');
  // Listed as acknowledged (by whom, with the auditor's texts), not counted as an error.
  await expect(page.getByTestId('verificationReportPage')).toContainText('Iteration 5 edited in Elasticsearch during the e2e journey');
  await saveScreenshot(page, 'journey-report-acknowledged');
  await page.goto('/corruptions');
  await page.getByTestId('corruptionsSearch').fill(CUSTOMER);
  await expect(row.getByTestId('corruptionStatusAcknowledged')).toHaveText('Acknowledged');

  // Three runs and one acknowledgement, each in the audit log under the auditor's name.
  const audit = async (action: string) =>
    ((await (await page.request.get(`/api/console/audit?action=${action}&user=auditor&size=50`)).json()) as { records: { target: string; outcome: string }[] }).records.filter((r) => r.target.includes(CHAIN));
  expect((await audit('verification_run')).filter((r) => r.outcome === 'success')).toHaveLength(3);
  expect((await audit('acknowledge')).filter((r) => r.outcome === 'success')).toHaveLength(1);
  expect(browserProblems, 'console errors/warnings and uncaught exceptions').toEqual([]);
});

/** Buttons that change something; a viewer must be offered none of them. */
const ACTION = /^\s*(recover|archive|acknowledge|start|verify|save|cancel run|add field|remove)\b/i;

test('a viewer browses every page, is offered no action, and the API refuses every change', async ({ page, browserProblems }) => {
  test.setTimeout(180_000);
  await seedLogs(page.request, 'e2eviewer', 3);
  await login(page, 'viewer', initialPasswords().get('viewer') as string, '/');
  for (const p of CONSOLE_PAGES) {
    await page.goto(p.path);
    await expect(page.getByTestId('pageTitle')).toHaveText(p.title);
    await expect(page.getByTestId('pageLoaded')).toHaveCount(1); // its data is on screen (bench:console's marker)
    await page.waitForLoadState('networkidle');
    const actions = (await page.getByRole('button').allTextContents()).filter((t) => ACTION.test(t));
    expect(actions, `${p.path} offers a viewer actions`).toEqual([]);
    await saveScreenshot(page, `viewer-${p.id}`);
  }
  // The blockchain detail page too.
  await page.goto(`/blockchains/${chainOf('e2eviewer')}`);
  await expect(page.getByTestId('pageTitle')).toHaveText(chainOf('e2eviewer'));
  expect((await page.getByRole('button').allTextContents()).filter((t) => ACTION.test(t))).toEqual([]);

  const changing = (Object.entries(CONSOLE_ROUTES) as [string, ConsoleRouteDef][]).filter(([, r]) => r.permission === 'operate' || r.permission === 'audit');
  expect(changing.length).toBeGreaterThan(5);
  for (const [id, r] of changing) {
    const res = await page.request.fetch(r.path, { method: r.method, headers: { origin: E2E_BASE_URL }, data: r.sample });
    expect(res.status(), `${id}: ${r.method} ${r.path}`).toBe(403);
  }
  expect(browserProblems, 'console errors/warnings and uncaught exceptions').toEqual([]);
});
