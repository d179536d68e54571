import type { Locator, Page } from '@playwright/test';
import { E2E_BASE_URL, E2E_ES_URL } from './e2e-env';
import { expect, initialPasswords, login, saveScreenshot, test } from './fixtures';

// Issue 7 item 3: mapping conflicts on a signed field (`message`: text first, then an object) put
// signed logs in the DLQ. A viewer sees the entries with the Elasticsearch error but cannot act;
// an operator archives one file and, after fixing the cause of the other (a rollover gives
// `message` a fresh mapping), recovers it with live progress and a result summary.

const metaFor = (customer: string) => ({ agent: { type: 'logstash', version: '8.11.0' }, customer, retention: '6_months', blockchain_tag: '0' });
const dataStream = (customer: string) => `logstash-8.11.0-elproxysigned-${customer}-6_months-0`;

async function seedConflict(page: Page, customer: string): Promise<void> {
  const post = (logs: unknown[]) => page.request.post('/api/log_batch', { data: logs });
  expect((await post([{ '@timestamp': '2026-12-06T12:00:00Z', message: 'text', EBP_METADATA: metaFor(customer) }])).status()).toBe(200);
  const conflict = await post([{ '@timestamp': '2026-12-06T12:00:01Z', message: { nested: customer }, EBP_METADATA: metaFor(customer) }]);
  expect(await conflict.json()).toMatchObject({ dlq: 1 });
}

const row = (page: Page, text: string) => page.getByTestId('dlqSignedTable').getByRole('row').filter({ hasText: text });

/** Clicks until `shows` is visible: a click racing the table's re-render after a search is lost. */
async function clickUntilVisible(target: Locator, shows: Locator): Promise<void> {
  await expect(async () => {
    if (!(await shows.isVisible())) await target.click();
    await expect(shows).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
}

/** Types into the table's search box and leaves it (the table re-renders on blur: click rows only after that). */
async function filterFiles(page: Page, text: string): Promise<void> {
  const box = page.getByTestId('dlqSearch');
  await box.fill(text);
  await box.blur();
}

test('viewers read entries and errors; operators archive one file and recover another after the fix', async ({ page, browserProblems }) => {
  await seedConflict(page, 'e2earch');
  await seedConflict(page, 'e2erecov');
  const pw = initialPasswords();

  await login(page, 'viewer', pw.get('viewer') as string, '/dead-letter-queue');
  await filterFiles(page, 'e2earch');
  await expect(row(page, 'e2earch')).toHaveCount(1);
  await expect(page.getByTestId('dlqArchiveButton')).toHaveCount(0);
  await expect(page.getByTestId('dlqRecoverButton')).toHaveCount(0);
  const flyout = page.getByTestId('dlqFlyout');
  await clickUntilVisible(row(page, 'e2earch').getByTestId('dlqEntriesButton'), flyout);
  await expect(flyout.getByTestId('dlqEntryLine')).toHaveText(['1']);
  await flyout.getByTestId('dlqEntryToggle').click();
  await expect(flyout.getByTestId('dlqEntryError')).toContainText('message');
  await expect(flyout.getByTestId('dlqEntryDocument')).toContainText('"ES_BLOCKCHAIN"');
  await expect(flyout.getByTestId('dlqEntryDocument')).toContainText('"nested": "e2earch"');
  await saveScreenshot(page, 'dead-letter-queue-entries');
  const listed = (await (await page.request.get('/api/console/dlq')).json()) as { signed: { relPath: string; version: string; customer: string }[] };
  const archFile = listed.signed.find((f) => f.customer === 'e2earch')!;
  const denied = await page.request.post('/api/console/dlq/archive', { data: { file: archFile.relPath, version: archFile.version }, headers: { origin: E2E_BASE_URL } });
  expect(denied.status()).toBe(403);

  await page.context().clearCookies();
  await login(page, 'operator', pw.get('operator') as string, '/dead-letter-queue');
  // Archive: a stale version is refused (409, nothing moved); then the file is archived after a confirmation.
  const stale = await page.request.post('/api/console/dlq/archive', { data: { file: archFile.relPath, version: '1:1' }, headers: { origin: E2E_BASE_URL } });
  expect(stale.status()).toBe(409);
  expect(((await stale.json()) as { error: { code: string } }).error.code).toBe('ERR_DLQ_CHANGED');
  await filterFiles(page, 'e2earch');
  await expect(row(page, 'e2earch')).toHaveCount(1);
  await clickUntilVisible(row(page, 'e2earch').getByTestId('dlqArchiveButton'), page.getByTestId('dlqArchiveModal'));
  await page.getByTestId('confirmModalConfirmButton').click();
  await expect(page.getByTestId('dlqToastArchived')).toContainText('e2earch/archive_dlq/');
  await expect(row(page, 'e2earch')).toHaveCount(0);

  // Fix the cause, then recover the other file: progress while it runs, the summary when done.
  expect((await page.request.post(`${E2E_ES_URL}/${dataStream('e2erecov')}/_rollover`)).status()).toBe(200);
  await filterFiles(page, 'e2erecov');
  await expect(row(page, 'e2erecov')).toHaveCount(1);
  await row(page, 'e2erecov').getByRole('checkbox').check({ force: true });
  await expect(page.getByTestId('dlqRecoverButton')).toHaveText('Recover 1 selected');
  await page.getByTestId('dlqRecoverButton').click();
  await page.getByTestId('confirmModalConfirmButton').click();
  await expect(page.getByTestId('dlqToastSuccess')).toBeVisible();
  await expect(page.getByTestId('dlqRecoverySummary')).toContainText('1 recovered');
  await expect(row(page, 'e2erecov')).toHaveCount(0);
  await filterFiles(page, '');
  await saveScreenshot(page, 'dead-letter-queue');

  // The chain's gap is closed: iteration 1 is stored, tagged as recovered.
  await page.request.post(`${E2E_ES_URL}/${dataStream('e2erecov')}/_refresh`);
  const res = await page.request.post(`${E2E_ES_URL}/${dataStream('e2erecov')}/_search`, { data: { size: 10, sort: [{ 'ES_BLOCKCHAIN.iteration': 'asc' }] } });
  const docs = ((await res.json()) as { hits: { hits: { _source: { tags?: string[]; ES_BLOCKCHAIN: { iteration: number } } }[] } }).hits.hits.map((h) => h._source);
  expect(docs.map((d) => d.ES_BLOCKCHAIN.iteration)).toEqual([0, 1]);
  expect(docs[1]?.tags).toContain('_ebp_dlq_recovered');
  const audit = (await (await page.request.get('/api/console/audit?action=dlq_archive&size=5')).json()) as { records: { target: string; outcome: string }[] };
  expect(audit.records[0]).toMatchObject({ target: archFile.relPath, outcome: 'success' });
  expect(browserProblems, 'console errors/warnings and uncaught exceptions').toEqual([]);
});
