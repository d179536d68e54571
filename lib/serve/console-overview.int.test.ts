import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDlq } from '../dlq';
import { createKeyStore } from '../keys';
import { createEsClient } from '../store';
import { indexReport, type VerificationReport } from '../verify';
import { createConsoleOverviewService } from './console-overview';
import { makeLog, testChain } from './__fixtures__/reliability-harness';
import { startTestSignet, type TestSignet } from './__fixtures__/test-signet';

// The Overview page's service against a real `signet serve` (embedded store, real chains, DLQ and
// key store): every alert comes from state the product made itself — logs sent through the ingest
// API, a mapping conflict that lands in the DLQ, the key backups chains create, and verification
// reports indexed into `signet-verification-reports` by lib/verify.

let t: TestSignet;
const HOUR = 3_600_000;
const chains = { failed: testChain('ovfailed'), stale: testChain('ovstale'), fresh: testChain('ovfresh'), never: testChain('ovnever') };

function report(chain: string, status: VerificationReport['status'], finishedAt: Date, id: string): VerificationReport {
  const customer = chain.split('-')[1] as string;
  return {
    report_version: 1, report_id: id, chain, identity: { module: 'elproxysigned', customer, retention: '6_months', tag: '0' },
    started_at: finishedAt.toISOString(), finished_at: finishedAt.toISOString(), duration_ms: 5, mode: 'full', incremental_fallback: null, verified_from: 0, verified_to: 1,
    logs_checked: 2, last_full_verification_at: null, status, exit_status: status === 'critical' ? 2 : status === 'warning' ? 1 : 0, warnings: [], errors: [], errors_total: status === 'critical' ? 3 : 0,
    acknowledged: [], acknowledgements_not_evaluated: 0, unplaced_documents: [], unplaced_total: 0, state_history_updated: false, timings_ms: { read_and_check: 1, acknowledgements: 0 },
  };
}

async function post(logs: unknown[]): Promise<Record<string, unknown>> {
  const res = await fetch(`${t.url}/api/log_batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(logs) });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

function service(o: { ping?: () => Promise<boolean>; now?: () => number; chainCapacity?: () => { chains: number; max: number | null }; restartPending?: () => readonly string[] } = {}) {
  const c = t.config;
  return createConsoleOverviewService({
    config: c,
    client: createEsClient(c.elasticsearch, { url: t.running.elasticsearchUrl }),
    dlq: createDlq({ dlqDir: c.dlqDir, dlqRecoveredDir: c.dlqRecoveredDir }),
    keys: createKeyStore({ dataDir: c.dataDir, dataBackupDir: c.dataBackupDir }),
    ping: o.ping ?? (async () => true),
    history: t.running.overviewHistory,
    ...(o.now ? { now: o.now } : {}),
    ...(o.chainCapacity ? { chainCapacity: o.chainCapacity } : {}),
    ...(o.restartPending ? { restartPending: o.restartPending } : {}),
  });
}

beforeAll(async () => {
  t = await startTestSignet();
});
afterAll(async () => {
  await t?.close();
});

describe('console overview service', () => {
  it('starts healthy with no chains, no alerts and a first sample from the composition root', async () => {
    const o = await service().describe();
    expect(o.health).toMatchObject({ status: 'ok', store: { reachable: true }, chains: { total: 0, blocked: [] }, queues: { capacityPerChain: t.config.messageQueueSize, queuedLogs: 0, maxFill: 0, fullestChain: null } });
    // All three folders are under one temporary directory: one file system, one entry.
    expect(o.health.disks).toEqual([{ areas: ['data', 'dlq', 'outbox'], freeBytes: expect.any(Number), totalBytes: expect.any(Number), freeRatio: expect.any(Number), ok: true }]);
    expect(o.alerts).toEqual([]);
    expect(o.verificationOverdueHours).toBe(24);
    expect(o.series).toMatchObject({ intervalSecs: 10, capacity: 360 });
    // start() samples at once: the chart has its first point before the first interval ends.
    expect(o.series.points.length).toBeGreaterThanOrEqual(1);
  });

  it('alerts for the DLQ, the key backups, and a failed, an overdue and a never-verified chain', async () => {
    for (const c of Object.values(chains)) await post([makeLog(c, 1)]);
    // `seq` is signed: first a number, now an object → a mapping conflict → the DLQ.
    expect(await post([makeLog(chains.fresh, 2, { seq: { nested: true } })])).toMatchObject({ dlq: 1 });
    const client = createEsClient(t.config.elasticsearch, { url: t.running.elasticsearchUrl });
    const now = Date.now();
    await indexReport(client, report(chains.failed.name, 'ok', new Date(now - 3 * HOUR), 'r-failed-old'));
    await indexReport(client, report(chains.failed.name, 'critical', new Date(now - 2 * HOUR), 'r-failed-latest'));
    await indexReport(client, report(chains.stale.name, 'ok', new Date(now - 30 * HOUR), 'r-stale'));
    await indexReport(client, report(chains.fresh.name, 'critical', new Date(now - 5 * HOUR), 'r-fresh-old'));
    await indexReport(client, report(chains.fresh.name, 'ok', new Date(now - HOUR), 'r-fresh-latest'));
    await client.close();

    const sampled = await t.running.overviewHistory.sample();
    expect(sampled.dlqSignedEntries).toBe(1);

    const o = await service().describe();
    expect(o.health.status).toBe('degraded');
    expect(o.health.chains.total).toBe(4);
    const byId = new Map(o.alerts.map((a) => [a.id, a]));
    expect([...byId.keys()].sort()).toEqual(['dlq', 'keyBackup', `verificationFailed:${chains.failed.name}`, `verificationOverdue:${chains.never.name}`, `verificationOverdue:${chains.stale.name}`].sort());
    expect(byId.get('dlq')).toMatchObject({ severity: 'warning', href: '/dead-letter-queue' });
    expect(byId.get('dlq')?.message).toContain('1 file(s) of signed logs');
    expect(byId.get('keyBackup')?.message).toMatch(/^4 file\(s\) in data_backup_dir/);
    expect(byId.get(`verificationFailed:${chains.failed.name}`)).toMatchObject({ severity: 'danger', chain: chains.failed.name });
    expect(byId.get(`verificationFailed:${chains.failed.name}`)?.message).toContain('r-failed-latest');
    expect(byId.get(`verificationOverdue:${chains.stale.name}`)?.message).toContain('30 h ago');
    expect(byId.get(`verificationOverdue:${chains.never.name}`)?.title).toContain('never been verified');
    // The history carries the ingest: logs were received since the first sample.
    expect(o.series.points.at(-1)?.dlqSignedEntries).toBe(1);
  });

  it('alerts once the chain service keeps max_blockchains blockchains, and only then', async () => {
    const below = await service({ chainCapacity: () => ({ chains: 2, max: 3 }) }).describe();
    expect(below.alerts.map((a) => a.kind)).not.toContain('chainLimit');
    const at = await service({ chainCapacity: () => ({ chains: 3, max: 3 }) }).describe();
    const alert = at.alerts.find((a) => a.kind === 'chainLimit');
    expect(alert).toMatchObject({ id: 'chainLimit', severity: 'warning', title: 'The blockchain limit is reached', href: '/dead-letter-queue', chain: null });
    expect(alert?.message).toContain('This instance keeps 3 blockchains and max_blockchains is 3');
    expect(at.health.status).not.toBe('ok');
    expect((await service({ chainCapacity: () => ({ chains: 9, max: null }) }).describe()).alerts.map((a) => a.kind)).not.toContain('chainLimit');
  });

  it('alerts while settings changed on disk wait for a restart (after a SIGHUP), naming them', async () => {
    expect((await service({ restartPending: () => [] }).describe()).alerts.map((a) => a.kind)).not.toContain('restartPending');
    const o = await service({ restartPending: () => ['message_queue_size', 'web_server.address'] }).describe();
    expect(o.alerts.find((a) => a.kind === 'restartPending')).toMatchObject({ id: 'restartPending', severity: 'warning', title: 'Configuration changes wait for a restart', href: null, chain: null, message: expect.stringContaining(': message_queue_size, web_server.address.') });
  });

  it('counts a verification as overdue only past the configured threshold', async () => {
    // 7 h later the fresh chain's latest report (1 h old then) is 8 h old: still within 24 h.
    const later = await service({ now: () => Date.now() + 7 * HOUR }).describe();
    expect(later.alerts.some((a) => a.chain === chains.fresh.name)).toBe(false);
    const muchLater = await service({ now: () => Date.now() + 24 * HOUR }).describe();
    expect(muchLater.alerts.find((a) => a.chain === chains.fresh.name)).toMatchObject({ kind: 'verificationOverdue' });
  });

  it('reports the store down and says verifications cannot be checked, instead of failing', async () => {
    const o = await service({ ping: async () => false }).describe();
    expect(o.health).toMatchObject({ status: 'down', store: { reachable: false } });
    expect(o.alerts.find((a) => a.kind === 'verificationUnknown')).toMatchObject({ severity: 'warning', message: expect.stringContaining('Elasticsearch is unreachable') });
    expect(o.alerts.some((a) => a.kind === 'verificationFailed')).toBe(false);
  });
});
