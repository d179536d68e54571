import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { chainOf, deleteLog, keyBackupOf, seedLogs, tamperLog } from './chain-helpers';
import { E2E_BASE_URL, E2E_CONFIG_DIR } from './e2e-env';
import { expect, initialPasswords, login, saveScreenshot, test } from './fixtures';

// The Corruptions page, end to end on the production build: logs seeded through the real ingest
// API, one stored log edited directly in the embedded store (an insider with Elasticsearch write
// access), a verification by `signet verify` (as an auditor's cron job would), then an auditor
// finds the corruption in the page and acknowledges it with the chain's key backup uploaded in
// the browser; the next `signet verify` reports it acknowledged. A viewer sees no Acknowledge.

const CUSTOMER = 'e2ecorr';
const CHAIN = chainOf(CUSTOMER);
const KEY_BACKUP = keyBackupOf(CUSTOMER);

/** `signet verify` of the chain against the e2e server's configuration: exit status and stdout. */
function verifyWithCli(customer = CUSTOMER): { status: number | null; stdout: string } {
  const r = spawnSync(
    process.execPath,
    [path.join(__dirname, '..', 'bin', 'signet.cjs'), 'verify', '--tenant', customer, '--retention', '6_months', '--tag', '0', '--key-file', keyBackupOf(customer), '--elasticsearch-indexing-delay', '0', '--config-dir', E2E_CONFIG_DIR],
    { encoding: 'utf8', timeout: 120_000 },
  );
  return { status: r.status, stdout: r.stdout };
}

test('an auditor finds a tampered log, acknowledges it with the key file, and the next verification reports it acknowledged', async ({ page, browserProblems }) => {
  test.setTimeout(240_000);
  await seedLogs(page.request, CUSTOMER, 8);
  await tamperLog(CUSTOMER, 3);
  const first = verifyWithCli();
  expect(first.status, first.stdout).toBe(2);
  expect(first.stdout).toContain('Error code: Log Verification Wrong Hash');
  const corruptionId = / - CorruptionId: (\S+)/.exec(first.stdout)![1]!;

  const pw = initialPasswords();
  // A viewer reads the corruption but is offered no Acknowledge.
  await login(page, 'viewer', pw.get('viewer') as string, '/corruptions');
  await expect(page.getByTestId('pageTitle')).toHaveText('Corruptions');
  const row = page.getByTestId('corruptionsTable').getByRole('row').filter({ hasText: CHAIN });
  await expect(row).toContainText('Log Verification Wrong Hash');
  await expect(row.getByTestId('corruptionStatusOpen')).toBeVisible();
  await expect(page.getByTestId('acknowledgeButton')).toHaveCount(0);
  await expect(page.getByTestId('acknowledgeRangeButton')).toHaveCount(0);
  const denied = await page.request.post('/api/console/corruptions/acknowledge', { headers: { origin: E2E_BASE_URL }, data: { corruptionId, description: 'd', reason: 'r', keyFile: 'YWJj' } });
  expect(denied.status()).toBe(403);

  await page.context().clearCookies();
  await login(page, 'auditor', pw.get('auditor') as string, '/corruptions');
  await page.getByTestId('corruptionsSearch').fill(CUSTOMER);
  await expect(row.getByTestId('corruptionIterations')).toHaveText('3');
  await saveScreenshot(page, 'corruptions-open');
  await row.getByTestId('corruptionLink').click();
  await saveScreenshot(page, 'corruptions-details');
  await expect(page.getByTestId('corruptionDetails')).toContainText(corruptionId);
  await page.getByTestId('flyoutAcknowledgeButton').click();
  const flyout = page.getByTestId('ackFlyout');
  await page.getByTestId('ackDescription').fill('An insider edited event 3');
  await page.getByTestId('ackReason').fill('Incident INC-42; the original is restored from backup');

  // A file that is not a key: the server refuses it, the page says why, nothing is written.
  await flyout.locator('input[type="file"]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('this is not a key') });
  await page.getByTestId('ackSubmit').click();
  await page.getByTestId('confirmModalConfirmButton').click();
  await expect(page.getByTestId('ackError')).toContainText('invalid key file the uploaded key file');
  await expect(page.getByTestId('ackError')).toContainText('ERR_VERIFY_KEY_FILE');

  // The key backup of the chain: a confirmation first, then the acknowledgement.
  await flyout.locator('input[type="file"]').setInputFiles(KEY_BACKUP);
  await page.getByTestId('ackSubmit').click();
  await expect(page.getByTestId('ackConfirmModal')).toBeVisible();
  await saveScreenshot(page, 'corruptions-acknowledge-confirm');
  await page.getByTestId('confirmModalConfirmButton').click();
  await expect(page.getByTestId('ackToastSuccess')).toBeVisible();
  await expect(row.getByTestId('corruptionStatusAcknowledged')).toContainText('not yet verified');
  await expect(row).toContainText('by auditor');

  // In the audit log: action acknowledge on the chain's acknowledgement index, the CorruptionId, no key.
  const audit = await page.request.get('/api/console/audit?action=acknowledge&user=auditor');
  const records = ((await audit.json()) as { records: { target: string; outcome: string; details?: Record<string, unknown> }[] }).records;
  expect(records.filter((r) => r.outcome === 'success')).toEqual([expect.objectContaining({ target: `acknowledge-${CHAIN}`, details: expect.objectContaining({ corruption_id: corruptionId }) })]);
  expect(records.some((r) => r.outcome === 'failure' && r.details?.code === 'ERR_VERIFY_KEY_FILE')).toBe(true);

  // Bad input through the API: 400 naming the problem.
  const post = (url: string, data: unknown) => page.request.post(url, { headers: { origin: E2E_BASE_URL }, data });
  const badId = await post('/api/console/corruptions/acknowledge', { corruptionId: 'not-a-corruption-id', description: 'd', reason: 'r', keyFile: 'YWJj' });
  expect(badId.status()).toBe(400);
  const empty = await post('/api/console/corruptions/acknowledge', { corruptionId, description: ' ', reason: 'r', keyFile: 'YWJj' });
  expect(empty.status()).toBe(400);
  expect(((await empty.json()) as { error: { message: string } }).error.message).toContain('description must not be empty');
  const inverted = await post('/api/console/corruptions/acknowledge-range', { chain: CHAIN, from: '2026-12-06T12:00:00Z', to: '2026-12-06T10:00:00Z', description: 'd', reason: 'r', keyFile: 'YWJj' });
  expect(inverted.status()).toBe(400);
  expect(((await inverted.json()) as { error: { message: string } }).error.message).toContain('from must be earlier than to');

  // The next verification reports it acknowledged, with no open error.
  const second = verifyWithCli();
  expect(second.status, second.stdout).toBe(0);
  await page.reload();
  await page.getByTestId('corruptionsSearch').fill(CUSTOMER);
  await expect(row.getByTestId('corruptionStatusAcknowledged')).toHaveText('Acknowledged');
  await expect(page.getByTestId('corruptionRow-open').filter({ hasText: CHAIN })).toHaveCount(0);
  await page.getByTestId('corruptionsSearch').fill('');
  await saveScreenshot(page, 'corruptions');
  // The one refusal the page met on purpose (the non-key file) is logged by the browser as a failed load.
  const unexpected = browserProblems.filter((p) => !(p.text.includes('status of 400') && p.url.endsWith('/api/console/corruptions/acknowledge')));
  expect(unexpected, 'console errors/warnings and uncaught exceptions').toEqual([]);
});

test('an auditor acknowledges the missing logs of a time range from the page, then the chain verifies clean', async ({ page, browserProblems }) => {
  test.setTimeout(240_000);
  const customer = 'e2erange';
  const chain = chainOf(customer);
  await seedLogs(page.request, customer, 8);
  await deleteLog(customer, 2);
  await deleteLog(customer, 3);
  const first = verifyWithCli(customer);
  expect(first.status, first.stdout).toBe(2);
  expect(first.stdout).toContain('Missing logs from iteration 2 (inclusive) to iteration 3 (inclusive)');

  await login(page, 'auditor', initialPasswords().get('auditor') as string, '/corruptions');
  const row = page.getByTestId('corruptionsTable').getByRole('row').filter({ hasText: chain });
  await expect(row).toContainText('Log Verification Bad Iteration');
  await expect(row.getByTestId('corruptionIterations')).toHaveText('2–3');
  await page.getByTestId('acknowledgeRangeButton').click();
  await page.getByTestId('ackChain').selectOption(chain);
  // The defaults cover the last 24 hours up to a minute from now; an inverted range is refused in the form.
  const to = await page.getByTestId('ackTo').inputValue();
  await page.getByTestId('ackTo').fill(await page.getByTestId('ackFrom').inputValue());
  await page.getByTestId('ackDescription').fill('Logs lost in a disk failure');
  await page.getByTestId('ackReason').fill('INC-77');
  await page.getByTestId('ackFlyout').locator('input[type="file"]').setInputFiles(keyBackupOf(customer));
  await page.getByTestId('ackSubmit').click();
  await expect(page.getByTestId('ackForm')).toContainText('From must be earlier than To');
  await expect(page.getByTestId('ackConfirmModal')).toHaveCount(0);
  await page.getByTestId('ackTo').fill(to);
  await saveScreenshot(page, 'corruptions-acknowledge-range');
  await page.getByTestId('ackSubmit').click();
  await page.getByTestId('confirmModalConfirmButton').click();
  await expect(page.getByTestId('ackToastSuccess')).toContainText(`1 corruption(s) found in ${chain}: 1 acknowledged`);
  await expect(row.getByTestId('corruptionStatusAcknowledged')).toBeVisible();

  const second = verifyWithCli(customer);
  expect(second.status, second.stdout).toBe(0);
  await page.reload();
  await expect(row.getByTestId('corruptionStatusAcknowledged')).toHaveText('Acknowledged');
  expect(browserProblems, 'console errors/warnings and uncaught exceptions').toEqual([]);
});
