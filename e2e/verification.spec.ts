import fs from 'node:fs';
import path from 'node:path';
import { E2E_BASE_URL, E2E_DIR } from './e2e-env';
import { expect, initialPasswords, login, saveScreenshot, test } from './fixtures';

// The Verification page (SPEC §8, §11): an auditor verifies a chain seeded through the real
// ingest API by uploading its iteration-0 key backup in the browser, follows the run and reads
// the clean report; a key file that is not a key is refused in the page; a viewer sees the
// history but cannot start anything (and the API refuses them).

const CUSTOMER = 'e2everify';
const CHAIN = `elproxysigned-${CUSTOMER}-6_months-0`;
const LOGS = 20_000;
const meta = { agent: { type: 'filebeat', version: '8.13.4' }, customer: CUSTOMER, retention: '6_months', blockchain_tag: '0' };

function keyBackupFile(): string {
  const dir = path.join(E2E_DIR, 'data', 'keys_backup', CUSTOMER);
  const name = fs.readdirSync(dir).find((f) => f.startsWith(CHAIN));
  if (name === undefined) throw new Error(`no key backup of ${CHAIN} in ${dir}`);
  return path.join(dir, name);
}

test.describe.configure({ mode: 'serial' });

test('an auditor verifies a chain with its key file: progress, then a clean report', async ({ page, browserProblems }) => {
  test.setTimeout(240_000);
  for (let at = 0; at < LOGS; at += 1000) {
    const logs = Array.from({ length: 1000 }, (_, i) => ({ '@timestamp': new Date(Date.UTC(2026, 11, 6, 9) + (at + i) * 10).toISOString(), message: `e2e verification log ${at + i}`, seq: at + i, EBP_METADATA: meta }));
    const res = await page.request.post('/api/log_batch', { data: logs, timeout: 60_000 });
    expect(res.status()).toBe(200);
  }

  await login(page, 'auditor', initialPasswords().get('auditor') as string, `/verification?chain=${CHAIN}`);
  await expect(page.getByTestId('pageTitle')).toHaveText('Verification');
  await expect(page.getByTestId('verificationChain')).toHaveValue(CHAIN);

  // A file that is not a key: the API's message in the page, nothing started.
  await page.getByTestId('verificationKeyFile').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('these are not the keys you are looking for\n') });
  await page.getByTestId('verificationStartButton').click();
  await expect(page.getByTestId('verificationStartError')).toContainText('invalid key file notes.txt: the key is not 64 lowercase hexadecimal characters');
  // Nothing started (other specs may have run verifications of their own chains on this server).
  await expect(page.getByTestId('verificationRunsTable')).not.toContainText(CHAIN);

  // The real key backup, through the file picker.
  await page.getByTestId('verificationKeyFile').setInputFiles(keyBackupFile());
  await expect(page.getByTestId('verificationStartError')).toHaveCount(0);
  await page.getByTestId('verificationStartButton').click();
  await expect(page.getByTestId('verificationToastStarted')).toBeVisible();
  const row = page.getByTestId('verificationRunsTable').locator('tbody tr').first();
  await expect(row).toContainText(CHAIN);
  // Live progress (or, on a fast machine, already the finished count) with the elapsed time.
  await expect(row.getByTestId('verificationElapsed')).toHaveText(/\d/);
  await expect(row.getByTestId('verificationProgressText').or(row.getByTestId('verificationRunState-succeeded'))).toBeVisible();
  await expect(row.getByTestId('verificationRunState-succeeded')).toBeVisible({ timeout: 120_000 });
  await expect(row).toContainText(`${LOGS.toLocaleString('en-US')} logs checked`);
  await expect(row.getByTestId('verificationStatus-ok')).toBeVisible();
  await expect(page.getByTestId('verificationToastFinished')).toContainText('finished: OK');
  // The history has the report (the page refreshes it when the run ends).
  await expect(page.getByTestId('verificationHistoryTable')).toContainText(CHAIN);
  for (const close of await page.getByTestId('toastCloseButton').all()) await close.click().catch(() => undefined);
  await expect(page.getByTestId('toastCloseButton')).toHaveCount(0);
  await saveScreenshot(page, 'verification');

  await row.getByTestId('verificationRunReportLink').click();
  await page.waitForURL(new RegExp(`/verification/${CHAIN}-\\d{8}T\\d{6}Z-[0-9a-f]{6}$`));
  await expect(page.getByTestId('pageTitle')).toHaveText('Verification report');
  await expect(page.getByTestId('verificationReportClean')).toBeVisible();
  await expect(page.getByTestId('verificationReportChain')).toHaveText(CHAIN);
  await expect(page.getByTestId('verificationReportLogs')).toHaveText(LOGS.toLocaleString('en-US'));
  await expect(page.getByTestId('verificationReportErrors')).toHaveText('0');
  await expect(page.getByTestId('verificationReportErrorsTable')).toContainText('No errors.');
  await saveScreenshot(page, 'verification-report');

  // The run is in the audit log, with its counts and never the key.
  const key = (JSON.parse(fs.readFileSync(keyBackupFile(), 'utf8')) as { key: string }).key;
  const audit = await page.request.get('/api/console/audit?action=verification_run&page=0&size=20');
  expect(audit.status()).toBe(200);
  const text = await audit.text();
  expect(text).toContain(CHAIN);
  expect(text).not.toContain(key);
  // Chromium logs the refused upload's 400 (the answer this test asked for); nothing else may appear.
  const expected = (p: { url: string; text: string }) => p.url === `${E2E_BASE_URL}/api/console/verification/start` && p.text.includes('status of 400');
  expect(browserProblems.filter(expected)).toHaveLength(1);
  expect(browserProblems.filter((p) => !expected(p)), 'console errors/warnings and uncaught exceptions').toEqual([]);
});

test('a viewer reads the report history but cannot start a verification', async ({ page, browserProblems }) => {
  await login(page, 'viewer', initialPasswords().get('viewer') as string, '/verification');
  await expect(page.getByTestId('pageTitle')).toHaveText('Verification');
  await expect(page.getByTestId('verificationHistoryTable')).toContainText(CHAIN);
  await expect(page.getByTestId('verificationReadOnly')).toBeVisible();
  await expect(page.getByTestId('verificationStartButton')).toHaveCount(0);
  await expect(page.getByTestId('verificationKeyFile')).toHaveCount(0);
  const href = (await page.getByTestId('verificationReportLink').first().getAttribute('href')) as string;
  await page.getByTestId('verificationReportLink').first().click();
  await expect(page.getByTestId('verificationReportClean')).toBeVisible();
  // `?report=<id>` is the same page; an id that cannot be a report id is the 404 page.
  await page.goto(`/verification?report=${href.slice('/verification/'.length)}`);
  await page.waitForURL(`${E2E_BASE_URL}${href}`);
  await expect(page.getByTestId('verificationReportClean')).toBeVisible();
  expect((await page.request.get('/verification/..%2F..%2Fetc%2Fpasswd')).status()).toBe(404);

  const res = await page.request.post('/api/console/verification/start', { headers: { origin: E2E_BASE_URL }, data: { chain: CHAIN, mode: 'full', keyFile: fs.readFileSync(keyBackupFile(), 'utf8') } });
  expect(res.status()).toBe(403);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe('ERR_AUTH_FORBIDDEN');
  expect(browserProblems, 'console errors/warnings and uncaught exceptions').toEqual([]);
});
