import type { APIRequestContext } from '@playwright/test';
import { E2E_BASE_URL, E2E_ES_URL } from './e2e-env';
import { expect, initialPasswords, login, saveScreenshot, test } from './fixtures';

// Issue 7 item 6: an operator edits the signed fields (add, validation, diff, confirmation); a log
// sent afterwards is signed with the new list (its ES_BLOCKCHAIN read back from the store), a log
// sent before is not; viewers read the list and the retention policies but cannot change them.

const meta = { agent: { type: 'logstash', version: '8.11.0' }, customer: 'e2ecfg', retention: '6_months', blockchain_tag: '0' };
const DATA_STREAM = 'logstash-8.11.0-elproxysigned-e2ecfg-6_months-0';

/** The chain's stored logs in iteration order, straight from the store (the test's view, not the console's). */
async function storedLogs(request: APIRequestContext): Promise<{ message: string; ES_BLOCKCHAIN: { iteration: number; fields: Record<string, unknown> } }[]> {
  await request.post(`${E2E_ES_URL}/${DATA_STREAM}/_refresh`);
  const res = await request.post(`${E2E_ES_URL}/${DATA_STREAM}/_search`, { data: { size: 100, sort: [{ 'ES_BLOCKCHAIN.iteration': 'asc' }] } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { hits: { hits: { _source: never }[] } }).hits.hits.map((h) => h._source);
}

test('an operator adds a signed field: validation, diff, confirmation; the next log is signed with it', async ({ page, browserProblems }) => {
  const post = (logs: unknown[]) => page.request.post('/api/log_batch', { data: logs });
  expect((await post([{ '@timestamp': '2026-12-06T11:00:00Z', message: 'before the change', e2eprobe: 'one', EBP_METADATA: meta }])).status()).toBe(200);

  await login(page, 'operator', initialPasswords().get('operator') as string, '/configuration');
  await expect(page.getByTestId('pageTitle')).toHaveText('Configuration');
  await expect(page.getByTestId('fieldInput').first()).toHaveValue('@timestamp');
  await expect(page.getByTestId('retentionTable')).toContainText('6_months');

  // Not a dot path: inline error, nothing can be added or saved.
  await page.getByTestId('fieldAddInput').fill('e2e..probe');
  await expect(page.getByText('has an empty segment')).toBeVisible();
  await expect(page.getByTestId('fieldAddButton')).toBeDisabled();
  await page.getByTestId('fieldInput').first().fill('.bad');
  await expect(page.getByTestId('fieldsSaveButton')).toBeDisabled();
  await page.getByTestId('fieldInput').first().fill('@timestamp');

  await page.getByTestId('fieldAddInput').fill('e2eprobe');
  await page.getByTestId('fieldAddButton').click();
  await expect(page.getByTestId('fieldsDiff').getByTestId('fieldsDiffAdded')).toHaveText(['+ e2eprobe']);
  await saveScreenshot(page, 'configuration');
  await page.getByTestId('fieldsSaveButton').click();
  await expect(page.getByTestId('fieldsConfirmModal').getByTestId('fieldsDiffAdded')).toHaveText(['+ e2eprobe']);
  await page.getByTestId('confirmModalConfirmButton').click();
  await expect(page.getByTestId('fieldsToastSaved')).toBeVisible();
  await expect(page.getByTestId('fieldsDiffNone')).toBeVisible(); // reloaded: the file now holds the list

  // Applied without a restart: the next log's ES_BLOCKCHAIN.fields holds e2eprobe, the earlier one's does not.
  expect((await post([{ '@timestamp': '2026-12-06T11:00:01Z', message: 'after the change', e2eprobe: 'two', EBP_METADATA: meta }])).status()).toBe(200);
  const logs = await storedLogs(page.request);
  expect(logs.map((l) => [l.message, l.ES_BLOCKCHAIN.iteration])).toEqual([['before the change', 0], ['after the change', 1]]);
  expect(logs[0]?.ES_BLOCKCHAIN.fields).not.toHaveProperty('e2eprobe');
  expect(logs[1]?.ES_BLOCKCHAIN.fields).toMatchObject({ e2eprobe: 'two', message: 'after the change' });

  // Audited: who changed which file, with the counts.
  const audit = await page.request.get('/api/console/audit?action=config_change&size=5');
  expect(((await audit.json()) as { records: unknown[] }).records[0]).toMatchObject({ user: { name: 'operator' }, target: 'elastic_blockchain_proxy_fields.toml', outcome: 'success', details: { added: 1, removed: 0 } });
  expect(browserProblems, 'console errors/warnings and uncaught exceptions').toEqual([]);
});

test('a viewer reads the signed fields and retention policies but cannot edit them', async ({ page, browserProblems }) => {
  await login(page, 'viewer', initialPasswords().get('viewer') as string, '/configuration');
  await expect(page.getByTestId('fieldsReadOnly')).toContainText('@timestamp');
  await expect(page.getByTestId('retentionTable')).toContainText('days');
  await expect(page.getByTestId('fieldInput')).toHaveCount(0);
  await expect(page.getByTestId('fieldsSaveButton')).toHaveCount(0);
  const state = (await (await page.request.get('/api/console/configuration')).json()) as { fields: { version: string } };
  const put = await page.request.put('/api/console/configuration/fields', { data: { includeFields: ['message'], version: state.fields.version }, headers: { origin: E2E_BASE_URL } });
  expect(put.status()).toBe(403);
  expect(browserProblems, 'console errors/warnings and uncaught exceptions').toEqual([]);
});
