// The console's Blockchains service against a real `signet serve` (in process, embedded store):
// logs go through POST /api/log_batch, a real verification report is indexed by lib/verify, and
// the service reads the real writers, key files and store. Nothing here is mocked.
import path from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyStore } from '../keys';
import { createEsClient } from '../store';
import { indexReport, readKeyFile, verifyChain } from '../verify';
import { startTestSignet, type TestSignet } from './__fixtures__/test-signet';
import { createConsoleChainsService, RATE_WINDOW_SECS } from './console-chains';

const A = { name: 'elproxysigned-acme-6_months-0', meta: { agent: { type: 'filebeat', version: '8.11.0' }, customer: 'acme', retention: '6_months', blockchain_tag: '0' } };
const B = { name: 'elproxysigned-globex-10_days-7', meta: { data_stream: { type: 'logs', dataset: 'app' }, customer: 'globex', retention: '10_days', blockchain_tag: 7 } };
const BIG = '9007199254740993';

let t: TestSignet;
let client: Client;

async function send(body: string): Promise<void> {
  const res = await fetch(`${t.url}/api/log_batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  expect(res.status, await res.clone().text()).toBe(200);
}

beforeAll(async () => {
  t = await startTestSignet();
  client = createEsClient(t.config.elasticsearch, { url: t.running.elasticsearchUrl });
  // Chain A: five logs, the last with an integer beyond 2^53 written by hand (JSON.stringify cannot).
  const logs = [0, 1, 2, 3].map((i) => JSON.stringify({ '@timestamp': `2026-12-06T10:00:0${i}Z`, message: `a${i}`, seq: i, EBP_METADATA: A.meta }));
  logs.push(`{"@timestamp":"2026-12-06T10:00:04Z","message":"a4","seq":${BIG},"EBP_METADATA":${JSON.stringify(A.meta)}}`);
  await send(`[${logs.join(',')}]`);
  await send(JSON.stringify([0, 1, 2].map((i) => ({ '@timestamp': `2026-12-06T11:00:0${i}Z`, message: `b${i}`, seq: i, EBP_METADATA: B.meta }))));
}, 60_000);

afterAll(async () => {
  await client?.close();
  await t?.close();
});

function service(chains = t.running.chains, c = client) {
  return createConsoleChainsService({ client: c, chains, keys: createKeyStore({ dataDir: t.config.dataDir, dataBackupDir: t.config.dataBackupDir }) });
}

async function detailOf(name: string, logs: number, chains = t.running.chains) {
  const r = await service(chains).detail(name, logs);
  if (!r.found) throw new Error(`${r.code}: ${r.message}`);
  return r.detail;
}

describe('console Blockchains service (real signet serve)', () => {
  it('lists every chain with its identity, head, last signing time, rate, data streams; never verified yet', async () => {
    const before = Date.now();
    const list = await service().list();
    expect(list.storeProblem).toBeNull();
    expect(list.rateWindowSecs).toBe(RATE_WINDOW_SECS);
    expect(list.chains.map((c) => c.name)).toEqual([A.name, B.name]);
    const [a, b] = list.chains;
    expect(a).toMatchObject({ module: 'elproxysigned', customer: 'acme', retention: '6_months', tag: '0', state: 'ready', headIteration: 4, storedIteration: null, dataStreams: ['filebeat-8.11.0-elproxysigned-acme-6_months-0'], lastVerification: null, queuedLogs: 0 });
    expect(b).toMatchObject({ customer: 'globex', retention: '10_days', tag: '7', headIteration: 2, storedIteration: null, dataStreams: ['logs-app-elproxysigned-globex-10_days-7'] });
    // A live writer's list row costs no pass over the store: the stored head is the detail page's
    // (and the list's for chains only on disk, below). Signed moments ago: the rate counts them.
    expect(a?.rate).toBeCloseTo(5 / RATE_WINDOW_SECS, 2);
    expect(b?.rate).toBeCloseTo(3 / RATE_WINDOW_SECS, 2);
    const signed = Date.parse(a?.lastSignedAt ?? '');
    expect(signed).toBeGreaterThan(before - 120_000);
    expect(signed).toBeLessThanOrEqual(Date.now());
  });

  it('shows a chain detail: head, last hash, data stream, newest logs exactly as stored (big integers kept)', async () => {
    const d = await detailOf(A.name, 3);
    expect(d.storeProblem).toBeNull();
    expect(d.chain).toMatchObject({ headIteration: 4, storedIteration: 4 });
    expect(d.chain.headIteration).toBe(4);
    expect(d.recentLogs.map((l) => l.iteration)).toEqual([4, 3, 2]);
    const newest = d.recentLogs[0];
    expect(newest?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(d.lastHash).toBe(newest?.hash);
    expect(newest?.documentText).toContain(`"seq": ${BIG}`);
    expect(newest?.documentText).toContain('"EBP_METADATA"');
    expect(JSON.parse(newest?.blockchainText ?? 'null')).toMatchObject({ iteration: 4, hash: newest?.hash, previous_hash: d.recentLogs[1]?.hash, version: 1 });
    expect(newest?.index).toContain('filebeat-8.11.0-elproxysigned-acme-6_months-0');
    expect(d.dataStreams).toEqual([expect.objectContaining({ name: 'filebeat-8.11.0-elproxysigned-acme-6_months-0', backingIndices: 1 })]);
    expect(d.reports).toEqual([]);
    expect(JSON.stringify(d)).not.toMatch(/"key"/);
  });

  it('shows the last verification result once a real verification report is indexed', async () => {
    const id = { module: 'elproxysigned', customer: 'acme', retention: '6_months', tag: '0' };
    const key0 = readKeyFile(path.join(t.config.dataBackupDir, 'acme', `${A.name}_key.json`));
    const report = await verifyChain({ client, chain: id, key0, retentionDays: 180, stateHistoryDir: t.config.blockchainStateHistoryDir, workerFile: null, indexingDelaySeconds: 0 });
    key0.fill(0);
    await indexReport(client, report);
    const list = await service().list();
    expect(list.chains[0]?.lastVerification).toMatchObject({ reportId: report.report_id, status: 'ok', mode: report.mode, errors: 0, warnings: report.warnings.length, logsChecked: 5 });
    expect(list.chains[1]?.lastVerification).toBeNull();
    const d = await detailOf(A.name, 30);
    expect(d.reports.map((r) => r.reportId)).toEqual([report.report_id]);
    expect(d.recentLogs).toHaveLength(5);
  });

  it('reports chains that are only on disk (no writer in this process) from their key files and the store', async () => {
    const list = await service({ status: () => [] }).list();
    expect(list.chains.map((c) => [c.name, c.state, c.headIteration, c.storedIteration])).toEqual([
      [A.name, 'on_disk', 4, 4],
      [B.name, 'on_disk', 2, 2],
    ]);
    const d = await detailOf(B.name, 10, { status: () => [] });
    expect(d.lastHash).toBe(d.recentLogs[0]?.hash);
  });

  it('answers not found (ERR_CONSOLE_CHAIN_NOT_FOUND) for a chain this instance does not know', async () => {
    expect(await service().detail('elproxysigned-nobody-6_months-0', 10)).toEqual({ found: false, code: 'ERR_CONSOLE_CHAIN_NOT_FOUND', message: expect.stringContaining('no blockchain named elproxysigned-nobody-6_months-0') });
  });

  it('still lists the loaded chains when the key folder cannot be read, and says why', async () => {
    const keys = { listChains: async () => Promise.reject(new Error('cannot read key folder /nowhere (EACCES)')) };
    const list = await createConsoleChainsService({ client, chains: t.running.chains, keys }).list();
    expect(list.chains.map((c) => c.name)).toEqual([A.name, B.name]);
    expect(list.storeProblem).toBe('cannot read key folder /nowhere (EACCES)');
  });

  it('still lists chains from disk when the store is unreachable, and says why', async () => {
    const down = new Client({ node: 'http://127.0.0.1:9', maxRetries: 0, requestTimeout: 2000 });
    try {
      const list = await service(t.running.chains, down).list();
      expect(list.chains.map((c) => c.name)).toEqual([A.name, B.name]);
      expect(list.chains[0]).toMatchObject({ headIteration: 4, storedIteration: null, dataStreams: [], lastVerification: null });
      expect(list.storeProblem).toMatch(/ConnectionError|ECONNREFUSED/);
      expect(await service(t.running.chains, down).detail('elproxysigned-nobody-6_months-0', 10)).toMatchObject({ found: false, code: 'ERR_CONSOLE_CHAINS_STORE' });
      // A chain known from its key file is still shown, with the store's problem.
      expect(await service(t.running.chains, down).detail(A.name, 10)).toMatchObject({ found: true, detail: { chain: { headIteration: 4 }, recentLogs: [], storeProblem: expect.stringMatching(/ConnectionError|ECONNREFUSED/) } });
    } finally {
      await down.close();
    }
  });
});
