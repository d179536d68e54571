import { expect, initialPasswords, login, saveScreenshot, test, type BrowserProblem } from './fixtures';

// The Blockchains pages end to end: logs seeded through the real ingest API (POST /api/log_batch),
// signed by the running service and stored in its embedded store; a viewer lists the chains,
// searches, opens a chain and a signed log's document.

const A = { name: 'elproxysigned-e2echains-6_months-0', stream: 'filebeat-8.11.0-elproxysigned-e2echains-6_months-0', meta: { agent: { type: 'filebeat', version: '8.11.0' }, customer: 'e2echains', retention: '6_months', blockchain_tag: '0' } };
const B = { name: 'elproxysigned-e2echainsb-10_days-3', meta: { data_stream: { type: 'logs', dataset: 'e2e' }, customer: 'e2echainsb', retention: '10_days', blockchain_tag: '3' } };
const BIG = '9007199254740993';

test('a viewer lists the blockchains, opens one and a signed log with its ES_BLOCKCHAIN block', async ({ page, browserProblems }) => {
  // Twelve logs for A (the last carries an integer beyond 2^53, written by hand), three for B.
  const logs = Array.from({ length: 11 }, (_, i) => JSON.stringify({ '@timestamp': `2026-12-06T10:00:${String(i).padStart(2, '0')}Z`, message: `a${i}`, EBP_METADATA: A.meta }));
  logs.push(`{"@timestamp":"2026-12-06T10:00:11Z","message":"a11","big":${BIG},"EBP_METADATA":${JSON.stringify(A.meta)}}`);
  const sent = await page.request.post('/api/log_batch', { headers: { 'content-type': 'application/json' }, data: `[${logs.join(',')}]` });
  expect(sent.status(), await sent.text()).toBe(200);
  expect((await page.request.post('/api/log_batch', { data: [0, 1, 2].map((i) => ({ '@timestamp': `2026-12-06T11:00:0${i}Z`, message: `b${i}`, EBP_METADATA: B.meta })) })).status()).toBe(200);

  await login(page, 'viewer', initialPasswords().get('viewer') as string, '/blockchains');
  await expect(page.getByTestId('pageTitle')).toHaveText('Blockchains');
  const table = page.getByTestId('chainsTable');
  const rowA = table.locator('tr', { has: page.getByText(A.name, { exact: true }) });
  await expect(rowA.getByTestId('chainHead')).toHaveText('11');
  await expect(rowA.getByTestId('chainStreams')).toHaveText(A.stream);
  await expect(rowA.getByTestId('chainVerification')).toHaveText('never verified');
  await expect(rowA).toContainText('e2echains');
  await expect(rowA).toContainText('6_months');
  await expect(table.locator('tr', { has: page.getByText(B.name, { exact: true }) }).getByTestId('chainHead')).toHaveText('2');

  // In-page search.
  await page.getByTestId('chainsSearch').fill('e2echainsb');
  await page.getByTestId('chainsSearch').press('Enter');
  await expect(table.getByTestId('chainLink')).toHaveText([B.name]);
  await page.getByTestId('chainsSearch').fill('');
  await page.getByTestId('chainsSearch').press('Enter');
  await expect(table.getByTestId('chainLink').filter({ hasText: 'e2echains' })).toHaveCount(2);
  await saveScreenshot(page, 'blockchains');

  // The detail page: head, last hash, data stream, newest logs first, no report yet.
  await table.getByTestId('chainLink').filter({ hasText: A.name }).click();
  await page.waitForURL(`**/blockchains/${A.name}`);
  await expect(page.getByTestId('pageTitle')).toHaveText(A.name);
  await expect(page.getByTestId('chainDetailHead')).toHaveText('11');
  await expect(page.getByTestId('chainLastHash')).toHaveText(/^[0-9a-f]{64}$/);
  await expect(page.getByTestId('chainDataStream')).toHaveText([A.stream]);
  await expect(page.getByTestId('chainLogOpen').first()).toHaveText('11');
  await expect(page.getByTestId('chainReports')).toContainText('Never verified');
  await saveScreenshot(page, 'blockchain-detail');

  // The newest log's document: its ES_BLOCKCHAIN block (hash = the head's last hash) and the big integer exactly.
  const lastHash = await page.getByTestId('chainLastHash').textContent();
  await page.getByTestId('chainLogOpen').first().click();
  const flyout = page.getByTestId('chainLogFlyout');
  await expect(flyout).toBeVisible();
  await expect(flyout.getByTestId('chainLogBlockchain')).toContainText('"iteration": 11');
  await expect(flyout.getByTestId('chainLogBlockchain')).toContainText(`"hash": "${lastHash}"`);
  await expect(flyout.getByTestId('chainLogDocument')).toContainText(`"big": ${BIG}`);
  await saveScreenshot(page, 'blockchain-log-flyout');
  expect(browserProblems, 'console errors/warnings and uncaught exceptions').toEqual([]);
});

test('an unknown chain or a bad name gets a clear page; the API answers 404 and 400', async ({ page, browserProblems }) => {
  await login(page, 'viewer', initialPasswords().get('viewer') as string, '/blockchains/elproxysigned-nobody-6_months-0');
  await expect(page.getByTestId('chainNotFound')).toHaveText('Blockchain not found');
  await page.goto('/blockchains/NOT-a-chain');
  await expect(page.getByTestId('chainNotFound')).toHaveText('Not a blockchain name');

  const unknown = await page.request.get('/api/console/chains/detail?chain=elproxysigned-nobody-6_months-0');
  expect(unknown.status()).toBe(404);
  expect(await unknown.json()).toMatchObject({ error: { code: 'ERR_CONSOLE_CHAIN_NOT_FOUND' } });
  const bad = await page.request.get('/api/console/chains/detail?chain=*,.security-7');
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ error: { code: 'ERR_AUTH_BAD_REQUEST', message: expect.stringContaining('four parts') } });
  // The only problem the browser reports is the expected 404 of the unknown chain's API call.
  const unexpected = (p: BrowserProblem) => !(p.source === 'console' && p.text.includes('404'));
  expect(browserProblems.filter(unexpected), 'console errors/warnings and uncaught exceptions').toEqual([]);
});
