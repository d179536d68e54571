import { E2E_BASE_URL } from './e2e-env';
import { expect, initialPasswords, login, saveScreenshot, test } from './fixtures';

// The console shell (header, side navigation, breadcrumbs, empty states) and the audit log page.

test('the side navigation reaches every page; unbuilt pages say so honestly', async ({ page, browserProblems }) => {
  await login(page, 'operator', initialPasswords().get('operator') as string);
  await page.getByTestId('nav-blockchains').click();
  await page.waitForURL(`${E2E_BASE_URL}/blockchains`);
  await expect(page.getByTestId('pageTitle')).toHaveText('Blockchains');
  await expect(page.getByTestId('nav-blockchains')).toHaveAttribute('aria-current', 'page');

  // Collapsible: the toggle hides and shows the navigation.
  await page.getByTestId('navToggle').click();
  await expect(page.getByTestId('consoleSideNav')).toBeHidden();
  await page.getByTestId('navToggle').click();
  await expect(page.getByTestId('consoleSideNav')).toBeVisible();
  expect(browserProblems, 'console errors/warnings and uncaught exceptions').toEqual([]);
});

test('the audit log lists logins and logouts, with filters and paging', async ({ page, browserProblems }) => {
  const pw = initialPasswords();
  await login(page, 'auditor', pw.get('auditor') as string);
  await page.goto('/audit-log');
  await expect(page.getByTestId('pageTitle')).toHaveText('Audit log');
  const table = page.getByTestId('auditTable');
  await expect(table.getByTestId('auditAction').first()).toBeVisible();
  await expect(table.getByTestId('auditUser').first()).toHaveText('auditor');
  await expect(table.getByTestId('auditAction').first()).toHaveText('login');
  await saveScreenshot(page, 'audit-log');

  await page.getByTestId('auditFilterOutcome').selectOption('failure');
  await expect(async () => {
    const actions = await table.getByTestId('auditAction').allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions)).toEqual(new Set(['login_failed']));
  }).toPass({ timeout: 10_000 });
  await page.getByTestId('auditFilterOutcome').selectOption('');
  await page.getByTestId('auditFilterUser').fill('auditor');
  await expect(async () => {
    expect(new Set(await table.getByTestId('auditUser').allTextContents())).toEqual(new Set(['auditor']));
  }).toPass({ timeout: 10_000 });
  await saveScreenshot(page, 'audit-log-filtered');

  // Read-only API: no method but GET exists on the audit route.
  for (const method of ['POST', 'PUT', 'DELETE'] as const) {
    const res = await page.request.fetch('/api/console/audit', { method, headers: { origin: E2E_BASE_URL } });
    expect(res.status(), method).toBe(405);
  }
  expect(browserProblems, 'console errors/warnings and uncaught exceptions').toEqual([]);
});

test('the dead letter queue page lists signed and rejected entries; operators recover after a confirmation', async ({ page, browserProblems }) => {
  const meta = { agent: { type: 'logstash', version: '8.11.0' }, customer: 'e2edlq', retention: '6_months', blockchain_tag: '0' };
  const post = (logs: unknown[]) => page.request.post('/api/log_batch', { data: logs });
  // `message` is signed: first a string, then an object (a mapping conflict on a signed field → DLQ);
  // and one log that cannot be signed at all (→ the rejected area).
  expect((await post([{ '@timestamp': '2026-12-06T10:00:00Z', message: 'text', EBP_METADATA: meta }])).status()).toBe(200);
  const conflict = await post([{ '@timestamp': '2026-12-06T10:00:01Z', message: { nested: true }, EBP_METADATA: meta }, { message: 'no metadata' }]);
  expect(conflict.status()).toBe(200);
  expect(await conflict.json()).toMatchObject({ dlq: 1, rejected: 1 });

  const pw = initialPasswords();
  await login(page, 'viewer', pw.get('viewer') as string, '/dead-letter-queue');
  await expect(page.getByTestId('pageTitle')).toHaveText('Dead letter queue');
  await expect(page.getByTestId('dlqSignedTable').getByTestId('dlqEntries').first()).toHaveText('1');
  await expect(page.getByTestId('dlqRejectedTable')).toContainText('EBP_METADATA');
  await expect(page.getByTestId('dlqRecoverButton')).toHaveCount(0); // viewers only read

  await page.context().clearCookies();
  await login(page, 'operator', pw.get('operator') as string, '/dead-letter-queue');
  await page.getByTestId('dlqRecoverButton').click();
  await expect(page.getByTestId('dlqConfirmModal')).toBeVisible();
  await saveScreenshot(page, 'dlq-confirm');
  await page.getByTestId('confirmModalConfirmButton').click();
  // The conflict is still there, so Elasticsearch refuses the log again: it stays in the queue.
  await expect(page.getByTestId('dlqToastPartial')).toBeVisible();
  await expect(page.getByTestId('dlqSignedTable').getByTestId('dlqEntries').first()).toHaveText('1');
  await saveScreenshot(page, 'dlq-after-recover');
  expect(browserProblems, 'console errors/warnings and uncaught exceptions').toEqual([]);
});
