// The console's verification service against a real Signet: the composition root in-process
// with its embedded store, logs signed through El Proxy's /api/log_batch, the iteration-0 key
// taken from keys_backup exactly as an auditor would upload it. Full and incremental runs, a
// cancelled run, one run per chain, bad keys and unknown chains; reports saved as the CLI saves
// them (files + signet-verification-reports) and every run in the audit log, never the key.
import type { Client } from '@elastic/elasticsearch';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog, type AuditLog } from '../audit';
import type { ConsoleVerificationService } from '../auth';
import { keyFromHex, type ChainIdentity } from '../chain';
import { createKeyStore } from '../keys';
import type { VerificationRunDto } from '../shared';
import { createEsClient } from '../store';
import { verifyChain, VerifyError } from '../verify';
import { startTestSignet, type TestSignet } from './__fixtures__/test-signet';
import { createConsoleVerificationService } from './console-verification';

const RETENTION = '6_months';
const chainOf = (customer: string) => `elproxysigned-${customer}-${RETENTION}-0`;
const identityOf = (customer: string): ChainIdentity => ({ module: 'elproxysigned', customer, retention: RETENTION, tag: '0' });
const AUDITOR = { name: 'alice', roles: ['signet-auditor'] };

let s: TestSignet;
let client: Client;
let audit: AuditLog;
let service: ConsoleVerificationService;
const serverLog: string[] = [];
let sent = 0;

function makeLogs(customer: string, from: number, n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({
    '@timestamp': new Date(1_767_000_000_000 + (from + i) * 1000).toISOString(),
    message: `log ${from + i}`,
    seq: from + i,
    EBP_METADATA: { agent: { type: 'filebeat', version: '8.13.4' }, customer, retention: RETENTION, blockchain_tag: '0' },
  }));
}

async function send(customer: string, from: number, n: number): Promise<void> {
  for (let at = from; at < from + n; at += 250) {
    const res = await fetch(`${s.url}/api/log_batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(makeLogs(customer, at, Math.min(250, from + n - at))) });
    expect(res.status, await res.text()).toBe(200);
  }
}

/** The iteration-0 key backup of a chain, as the auditor's file picker reads it. */
function keyBackupText(customer: string): string {
  const dir = path.join(s.config.dataBackupDir, customer);
  const file = fs.readdirSync(dir).find((f) => f.startsWith(chainOf(customer)));
  if (file === undefined) throw new Error(`no key backup for ${customer} in ${dir}`);
  return fs.readFileSync(path.join(dir, file), 'utf8');
}

async function finished(runId: string): Promise<VerificationRunDto> {
  for (let i = 0; i < 600; i++) {
    const run = (await service.overview()).runs.find((r) => r.id === runId);
    if (run !== undefined && run.state !== 'running') return run;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`run ${runId} did not finish`);
}

async function auditRecords(): Promise<{ target: string; outcome: string; details?: Record<string, unknown> }[]> {
  return (await audit.search({ action: 'verification_run', page: 0, size: 100 })).records as never;
}

async function expectVerifyError(p: Promise<unknown>, code: string, status: number, message: RegExp): Promise<void> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(VerifyError);
  expect(err).toMatchObject({ code, status, expose: true });
  expect((err as Error).message).toMatch(message);
}

beforeAll(async () => {
  s = await startTestSignet();
  client = createEsClient(s.config.elasticsearch, { url: s.running.elasticsearchUrl });
  audit = createAuditLog(client);
  service = createConsoleVerificationService({
    config: s.config,
    client,
    keys: createKeyStore({ dataDir: s.config.dataDir, dataBackupDir: s.config.dataBackupDir }),
    audit,
    log: (line) => serverLog.push(line),
    workerFile: null,
    indexingDelaySeconds: 0,
  });
  await send('acme', 0, 1200);
  await send('other', 0, 20);
  sent = 1200;
}, 120_000);

afterAll(async () => {
  await client?.close();
  await s?.close();
});

describe('console verification service', () => {
  it('offers the chains this Signet signs, with their retention', async () => {
    const o = await service.overview();
    expect(o.chains.map((c) => c.name)).toEqual([chainOf('acme'), chainOf('other')]);
    expect(o.chains[0]).toMatchObject({ customer: 'acme', retention: RETENTION, retentionDays: 180 });
  });

  it('runs a full verification in the background with progress, saves the report as the CLI does and audits it', async () => {
    const keyText = keyBackupText('acme');
    const started = await service.start({ chain: chainOf('acme'), mode: 'full', keyFile: keyText, fileName: 'acme_key.json' }, AUDITOR);
    expect(started).toMatchObject({ chain: chainOf('acme'), mode: 'full', state: 'running', startedBy: 'alice', reportId: null });
    const run = await finished(started.id);
    expect(run).toMatchObject({ state: 'succeeded', phase: 'done', status: 'ok', errors: 0, warnings: 0, logsChecked: sent, logsTotal: sent, problem: null });
    expect(run.reportId).toMatch(new RegExp(`^${chainOf('acme')}-\\d{8}T\\d{6}Z-[0-9a-f]{6}$`));
    const id = run.reportId as string;
    // Saved exactly as `signet verify` saves it: JSON + text files and the report index.
    expect(fs.existsSync(path.join(s.config.verificationReportsDir, `${id}.json`))).toBe(true);
    expect(fs.readFileSync(path.join(s.config.verificationReportsDir, `${id}.txt`), 'utf8')).toContain(chainOf('acme'));
    const report = await service.report(id);
    expect(report).toMatchObject({ report_id: id, chain: chainOf('acme'), mode: 'full', status: 'ok', errors: [], errors_total: 0, warnings: [], logs_checked: sent, verified_from: 0, verified_to: sent - 1, state_history_updated: true });
    const page = await service.reports({ chain: chainOf('acme'), page: 0, size: 10 });
    expect(page.total).toBe(1);
    expect(page.reports[0]).toMatchObject({ id, chain: chainOf('acme'), mode: 'full', status: 'ok', logsChecked: sent, errorsTotal: 0, warnings: 0, acknowledged: 0 });
    expect((await service.reports({ chain: chainOf('other'), page: 0, size: 10 })).total).toBe(0);
    const records = await auditRecords();
    expect(records.find((r) => r.details?.report_id === id)).toMatchObject({ target: chainOf('acme'), outcome: 'success', details: { mode: 'full', status: 'ok', errors: 0, warnings: 0, logs_checked: sent } });
    // The key never leaves the run: not in the audit log, the server log or any answer.
    const hex = (JSON.parse(keyText) as { key: string }).key;
    expect(JSON.stringify(records)).not.toContain(hex);
    expect(serverLog.join('\n')).not.toContain(hex);
    expect(JSON.stringify(await service.overview())).not.toContain(hex);
    expect(JSON.stringify(report)).not.toContain(hex);
  });

  it('an incremental run verifies only the logs signed since, and the history lists it first', async () => {
    await send('acme', sent, 60);
    sent += 60;
    const started = await service.start({ chain: chainOf('acme'), mode: 'incremental', keyFile: keyBackupText('acme') }, AUDITOR);
    const run = await finished(started.id);
    expect(run).toMatchObject({ state: 'succeeded', status: 'ok', logsChecked: 60 });
    const report = await service.report(run.reportId as string);
    expect(report).toMatchObject({ mode: 'incremental', incremental_fallback: null, verified_from: sent - 60, verified_to: sent - 1, logs_checked: 60 });
    const page = await service.reports({ page: 0, size: 1 });
    expect(page.total).toBe(2);
    expect(page.reports.map((r) => r.id)).toEqual([run.reportId]);
    expect((await service.reports({ page: 1, size: 1 })).reports[0]?.mode).toBe('full');
  });

  it('allows one run per chain (409) and cancels a run: no report, no history change, audited as cancelled', async () => {
    const historyFile = path.join(s.config.blockchainStateHistoryDir, `${chainOf('acme')}.json`);
    const historyBefore = fs.readFileSync(historyFile, 'utf8');
    const reportsBefore = (await service.reports({ page: 0, size: 1 })).total;
    const started = await service.start({ chain: chainOf('acme'), mode: 'full', keyFile: keyBackupText('acme') }, AUDITOR);
    await expectVerifyError(service.start({ chain: chainOf('acme'), mode: 'full', keyFile: keyBackupText('acme') }, { name: 'bob', roles: ['signet-auditor'] }), 'ERR_VERIFY_RUN_ACTIVE', 409, /already running \(started by alice/);
    const cancelling = await service.cancel(started.id, { name: 'carol', roles: ['signet-auditor'] });
    expect(cancelling.cancelRequested).toBe(true);
    const run = await finished(started.id);
    expect(run).toMatchObject({ state: 'cancelled', reportId: null, problem: { code: 'ERR_VERIFY_CANCELLED' } });
    expect(fs.readFileSync(historyFile, 'utf8')).toBe(historyBefore);
    expect((await service.reports({ page: 0, size: 1 })).total).toBe(reportsBefore);
    const records = await auditRecords();
    expect(records.some((r) => r.outcome === 'failure' && r.details?.code === 'ERR_VERIFY_RUN_ACTIVE' && r.target === chainOf('acme'))).toBe(true);
    expect(records.some((r) => r.outcome === 'failure' && r.details?.code === 'ERR_VERIFY_CANCELLED' && r.details?.cancelled_by === 'carol')).toBe(true);
    // Two starts at the same moment (both still checking the chain): one runs, one is refused.
    const both = await Promise.allSettled([0, 1].map(() => service.start({ chain: chainOf('other'), mode: 'full', keyFile: keyBackupText('other') }, AUDITOR)));
    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(both.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'ERR_VERIFY_RUN_ACTIVE' } });
    const winner = both.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<VerificationRunDto>;
    expect((await finished(winner.value.id)).state).toBe('succeeded');
    // The chain is free again once the run has ended.
    const again = await service.start({ chain: chainOf('acme'), mode: 'incremental', keyFile: keyBackupText('acme') }, AUDITOR);
    expect((await finished(again.id)).state).toBe('succeeded');
    await expectVerifyError(service.cancel('run-0000000000000000', AUDITOR), 'ERR_VERIFY_NOT_FOUND', 404, /no verification run/);
  });

  it('verifyChain stops between pages when its signal fires, before the state history is written', async () => {
    const historyDir = fs.mkdtempSync(path.join(s.dir, 'bsh-'));
    const controller = new AbortController();
    const pages: number[] = [];
    const key0 = keyFromHex((JSON.parse(keyBackupText('acme')) as { key: string }).key);
    const err = await verifyChain({
      client,
      chain: identityOf('acme'),
      key0,
      retentionDays: 180,
      stateHistoryDir: historyDir,
      workerFile: null,
      batchSize: 100,
      indexingDelaySeconds: 0,
      signal: controller.signal,
      onProgress: (done) => {
        pages.push(done);
        if (done >= 200) controller.abort();
      },
    }).then(() => null, (e: unknown) => e);
    expect(err).toMatchObject({ code: 'ERR_VERIFY_CANCELLED' });
    expect(Math.max(...pages)).toBeLessThan(sent);
    expect(fs.readdirSync(historyDir)).toEqual([]);
  });

  it('refuses what is not an iteration-0 key with a message naming the problem, and starts nothing', async () => {
    const before = (await service.overview()).runs.length;
    await expectVerifyError(service.start({ chain: chainOf('acme'), mode: 'full', keyFile: 'hello world', fileName: 'notes.txt' }, AUDITOR), 'ERR_VERIFY_KEY_FILE', 400, /^invalid key file notes\.txt: the key is not 64 lowercase hexadecimal characters$/);
    await expectVerifyError(service.start({ chain: chainOf('acme'), mode: 'full', keyFile: '{"iteration":0}' }, AUDITOR), 'ERR_VERIFY_KEY_FILE', 400, /uploaded key file: it has no "key" member/);
    // The live key file (a later iteration) cannot derive the past keys.
    const live = fs.readFileSync(path.join(s.config.dataDir, 'acme', `${chainOf('acme')}_key.json`), 'utf8');
    await expectVerifyError(service.start({ chain: chainOf('acme'), mode: 'full', keyFile: live, fileName: 'live.json' }, AUDITOR), 'ERR_VERIFY_KEY_FILE', 400, /holds the key of iteration \d+, not the iteration-0 key/);
    expect((await service.overview()).runs.length).toBe(before);
    const records = await auditRecords();
    expect(records.filter((r) => r.details?.code === 'ERR_VERIFY_KEY_FILE')).toHaveLength(3);
    expect(JSON.stringify(records)).not.toContain((JSON.parse(live) as { key: string }).key);
  });

  it('refuses unknown chains and retentions before anything runs; the key of another chain fails the run', async () => {
    const key = keyBackupText('acme');
    await expectVerifyError(service.start({ chain: chainOf('nobody'), mode: 'full', keyFile: key }, AUDITOR), 'ERR_VERIFY_UNKNOWN_CHAIN', 400, /unknown chain elproxysigned-nobody-6_months-0/);
    await expectVerifyError(service.start({ chain: 'elproxysigned-acme-7_years-0', mode: 'full', keyFile: key }, AUDITOR), 'ERR_VERIFY_INPUT', 400, /unknown retention "7_years"/);
    await expectVerifyError(service.report('elproxysigned-acme-6_months-0-20200101T000000Z-000000'), 'ERR_VERIFY_NOT_FOUND', 404, /no verification report/);
    const started = await service.start({ chain: chainOf('other'), mode: 'full', keyFile: key }, AUDITOR);
    const run = await finished(started.id);
    expect(run).toMatchObject({ state: 'failed', reportId: null, problem: { code: 'ERR_VERIFY_WRONG_KEY' } });
    expect(run.problem?.message).toMatch(/is it the key file of another chain/);
  });
});
