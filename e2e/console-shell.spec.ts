import { E2E_BASE_URL } from './e2e-env';
import { expect, initialPasswords, login, saveScreenshot, test } from './fixtures';

// The console shell (header, side navigation, breadcrumbs, empty states) and the audit log page.

test('the side navigation reaches every page; unbuilt pages say so honestly', async ({ page, browserProblems }) => {
  await login(page, 'operator', initialPasswords().get('operator') as string);
  await page.getByTestId('nav-blockchains').click();
  await page.waitForURL(`${E2E_BASE_URL}/blockchains`);
  await expect(page.getByTestId('pageTitle')).toHaveText('Blockchains');
  await expect(page.getByTestId('plannedPageIssue')).toContainText('delivered by');
  await expect(page.getByTestId('nav-blockchains')).toHaveAttribute('aria-current', 'page');
  await saveScreenshot(page, 'planned-blockchains');

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
