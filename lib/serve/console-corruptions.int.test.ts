import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../audit';
import { chainName, ErrorCode, keyFromHex, wipeKey, type ChainIdentity } from '../chain';
import { acknowledgeBodySchema, acknowledgeRangeBodySchema, type CorruptionDto } from '../shared';
import { deleteLogs, editLog } from '../verify/__fixtures__/signed-chain';
import { indexReport, verifyChain, VerifyError, writeReportFiles, type VerificationReport } from '../verify';
import { startTestSignet, type TestSignet } from './__fixtures__/test-signet';
import { createConsoleCorruptionsService } from './console-corruptions';

// The Corruptions page's service against a real `signet serve` (embedded store): logs sent through
// /api/log_batch, one stored document tampered with the official client, a verification run and
// saved as the CLI does, then listed, acknowledged (with the key backup as the browser uploads it)
// and verified again. No mocks.

let signet: TestSignet;
let client: Client;
const log: string[] = [];

const chainOf = (customer: string): ChainIdentity => ({ module: 'elproxysigned', customer, retention: '6_months', tag: '0' });

async function sendLogs(customer: string, n: number): Promise<void> {
  const meta = { agent: { type: 'filebeat', version: '8.13.4' }, customer, retention: '6_months', blockchain_tag: '0' };
  const logs = Array.from({ length: n }, (_, i) => ({ '@timestamp': new Date(Date.UTC(2026, 11, 6, 10, 0, i)).toISOString(), message: `log ${i}`, seq: i, EBP_METADATA: meta }));
  const res = await fetch(`${signet.url}/api/log_batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(logs) });
  expect(res.status, await res.text()).toBe(200);
  await client.indices.refresh({ index: `*-*-${chainName(chainOf(customer))}` });
}

/** The chain's iteration-0 key backup file, as an auditor would upload it (base64 in the request). */
function keyBackup(customer: string): string {
  const c = chainOf(customer);
  return fs.readFileSync(path.join(signet.config.dataBackupDir, customer, `${chainName(c)}_key.json`)).toString('base64');
}

function key0Hex(customer: string): string {
  return (JSON.parse(Buffer.from(keyBackup(customer), 'base64').toString('utf8')) as { key: string }).key;
}

/** A verification as `signet verify` runs it: report files and the reports index. */
async function verify(customer: string): Promise<VerificationReport> {
  const key0 = keyFromHex(key0Hex(customer));
  const report = await verifyChain({
    client,
    chain: chainOf(customer),
    key0,
    retentionDays: 180,
    stateHistoryDir: signet.config.blockchainStateHistoryDir,
    workerFile: null,
    indexingDelaySeconds: 0,
  }).finally(() => wipeKey(key0));
  writeReportFiles(signet.config.verificationReportsDir, report);
  await indexReport(client, report);
  return report;
}

const service = () => createConsoleCorruptionsService({ client, log: (l) => log.push(l), workerFile: null });
const auditor = () => ({ name: 'auditor.alice', roles: ['signet-auditor'], audit: createAuditLog(client) });
const rowsOf = async (customer: string): Promise<CorruptionDto[]> => (await service().list()).corruptions.filter((c) => c.chain === chainName(chainOf(customer)));

async function auditRecords(target: string): Promise<Record<string, unknown>[]> {
  await client.indices.refresh({ index: 'signet-audit' });
  const r = await client.search<Record<string, unknown>>({ index: 'signet-audit', size: 100, query: { bool: { filter: [{ term: { action: 'acknowledge' } }, { term: { target } }] } } });
  return r.hits.hits.map((h) => h._source as Record<string, unknown>);
}

async function expectCode(p: Promise<unknown>, code: VerifyError['code']): Promise<VerifyError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VerifyError);
  expect((err as VerifyError).code).toBe(code);
  expect((err as VerifyError).status).toBe(400);
  return err as VerifyError;
}

beforeAll(async () => {
  signet = await startTestSignet();
  client = new Client({ node: signet.running.elasticsearchUrl });
}, 120_000);
afterAll(async () => {
  await client?.close();
  await signet?.close();
});

describe('the Corruptions page service', () => {
  it('lists nothing before any verification', async () => {
    const o = await service().list();
    expect(o).toEqual({ corruptions: [], chains: [], totals: { open: 0, acknowledged: 0, chains: 0 } });
  });

  it('lists a tampered log as open, acknowledges it with the uploaded key, and the next verification reports it acknowledged', async () => {
    await sendLogs('corr_one', 12);
    await editLog(client, chainOf('corr_one'), 5, (bc) => {
      (bc.fields as Record<string, unknown>).message = 'log 5 (edited by an insider)';
    });
    const first = await verify('corr_one');
    expect(first.status).toBe('critical');
    const id = first.errors[0]!.corruption_id!;

    const [open] = await rowsOf('corr_one');
    expect(await rowsOf('corr_one')).toHaveLength(1);
    expect(open).toMatchObject({ corruptionId: id, code: ErrorCode.LogWrongHash, fromIteration: 5, toIteration: 5, status: 'open', acknowledgement: null, acknowledgeable: true, reportId: first.report_id, reportedAt: first.finished_at });
    expect(open!.facts['Found hash']).toMatch(/^[0-9a-f]{64}$/);
    const overview = await service().list();
    expect(overview.chains.find((c) => c.chain === 'elproxysigned-corr_one-6_months-0')).toMatchObject({ reportId: first.report_id, status: 'critical', errorsTotal: 1, truncated: false });

    const keyFile = keyBackup('corr_one');
    const input = acknowledgeBodySchema.parse({ corruptionId: id, description: 'An insider edited log 5', reason: 'Incident INC-7, restored from backup', keyFile });
    const r = await service().acknowledge(input, auditor());
    expect(r).toMatchObject({ chain: 'elproxysigned-corr_one-6_months-0', index: 'acknowledge-elproxysigned-corr_one-6_months-0', corruptionId: id, fromIteration: 5, toIteration: 5, acknowledgedBy: 'auditor.alice' });
    expect(JSON.stringify(r)).not.toContain(key0Hex('corr_one'));

    // Listed as acknowledged at once (the document, not yet checked by a verification).
    expect(await rowsOf('corr_one')).toEqual([
      expect.objectContaining({ corruptionId: id, status: 'acknowledged', acknowledgement: expect.objectContaining({ by: 'auditor.alice', description: 'An insider edited log 5', reason: 'Incident INC-7, restored from backup', documentId: r.documentId, verified: false }) }),
    ]);

    // In the audit log, with the CorruptionId and never the key.
    const audit = await auditRecords(r.index);
    expect(audit).toEqual([expect.objectContaining({ outcome: 'success', user: { name: 'auditor.alice', roles: ['signet-auditor'] }, details: expect.objectContaining({ corruption_id: id, from_iteration: 5, to_iteration: 5 }) })]);
    expect(JSON.stringify(audit)).not.toContain(key0Hex('corr_one'));
    expect(log.join('\n')).not.toContain(key0Hex('corr_one'));

    // The next verification: acknowledged, no open error, and the page says it was verified.
    const second = await verify('corr_one');
    expect(second).toMatchObject({ status: 'ok', errors: [] });
    expect(second.acknowledged).toEqual([expect.objectContaining({ corruption_id: id, code: ErrorCode.LogWrongHash })]);
    const after = await rowsOf('corr_one');
    expect(after).toEqual([expect.objectContaining({ corruptionId: id, code: ErrorCode.LogWrongHash, status: 'acknowledged', reportId: second.report_id, acknowledgeable: false, acknowledgement: expect.objectContaining({ by: 'auditor.alice', verified: true }) })]);

    // One corruption, one acknowledgement: a second is refused and writes nothing.
    await expectCode(service().acknowledge(input, auditor()), 'ERR_VERIFY_ALREADY_ACKNOWLEDGED');
  });

  it('refuses bad input with a 400 naming the problem and writes nothing', async () => {
    await sendLogs('corr_bad', 8);
    await editLog(client, chainOf('corr_bad'), 3, (bc) => {
      (bc.fields as Record<string, unknown>).message = 'edited';
    });
    const id = (await verify('corr_bad')).errors[0]!.corruption_id!;
    const good = { corruptionId: id, description: 'd', reason: 'r', keyFile: keyBackup('corr_bad') };
    const ack = (o: Partial<typeof good>) => service().acknowledge(acknowledgeBodySchema.parse({ ...good, ...o }), auditor());

    expect((await expectCode(ack({ corruptionId: 'this-is-not-a-corruption-id' }), 'ERR_VERIFY_INPUT')).message).toMatch(/invalid CorruptionId/);
    expect((await expectCode(ack({ keyFile: Buffer.from('hello, I am not a key').toString('base64') }), 'ERR_VERIFY_KEY_FILE')).message).toMatch(/invalid key file the uploaded key file: the key is not 64 lowercase hexadecimal/);
    const running = JSON.stringify({ key: 'a'.repeat(64), iteration: 7, previous_hash: 'b'.repeat(64) });
    expect((await expectCode(ack({ keyFile: Buffer.from(running).toString('base64') }), 'ERR_VERIFY_KEY_FILE')).message).toMatch(/iteration 7, not the iteration-0 key/);
    expect((await expectCode(ack({ keyFile: keyBackup('corr_one') }), 'ERR_VERIFY_WRONG_KEY')).message).toMatch(/key file of another chain/);

    for (const [body, message] of [
      [{ ...good, description: '   ' }, 'description must not be empty'],
      [{ ...good, reason: '' }, 'reason must not be empty'],
      [{ ...good, keyFile: '' }, 'keyFile must not be empty'],
      [{ ...good, keyFile: 'not base64 !' }, 'keyFile must be the key file encoded as base64'],
      [{ ...good, corruptionId: '' }, 'corruptionId must not be empty'],
    ] as const) {
      const p = acknowledgeBodySchema.safeParse(body);
      expect(p.success).toBe(false);
      expect(p.error?.issues.map((i) => i.message).join('; ')).toContain(message);
    }
    const range = { chain: 'elproxysigned-corr_bad-6_months-0', from: '2026-12-06T11:00:00Z', to: '2026-12-06T10:00:00Z', description: 'd', reason: 'r', keyFile: good.keyFile };
    expect(acknowledgeRangeBodySchema.safeParse(range).error?.issues.map((i) => i.message)).toEqual(['from must be earlier than to (the range is [from, to))']);
    expect(acknowledgeRangeBodySchema.safeParse({ ...range, to: range.from }).success).toBe(false);
    expect(acknowledgeRangeBodySchema.safeParse({ ...range, chain: '../etc-a-b-c' }).success).toBe(false);
    expect(acknowledgeRangeBodySchema.safeParse({ ...range, from: 'yesterday' }).success).toBe(false);
    // The service refuses an inverted range too (a caller that skipped the schema).
    await expectCode(service().acknowledgeRange({ ...range, chain: chainOf('corr_bad') }, auditor()), 'ERR_VERIFY_INPUT');

    // Nothing was written; the corruption is still open; each refusal is audited with its code, never the key.
    const docs = await client.count({ index: 'acknowledge-elproxysigned-corr_bad-6_months-0', ignore_unavailable: true, allow_no_indices: true });
    expect(docs.count).toBe(0);
    expect(await rowsOf('corr_bad')).toEqual([expect.objectContaining({ corruptionId: id, status: 'open', acknowledgeable: true })]);
    const audit = await auditRecords('acknowledge-elproxysigned-corr_bad-6_months-0');
    expect(audit.map((a) => (a.details as { code?: string }).code).sort()).toEqual(['ERR_VERIFY_INPUT', 'ERR_VERIFY_KEY_FILE', 'ERR_VERIFY_KEY_FILE', 'ERR_VERIFY_WRONG_KEY']);
    expect(audit.every((a) => a.outcome === 'failure')).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(key0Hex('corr_bad'));
  });

  it('acknowledges a time range (missing logs) as `signet acknowledge-range`, then verifies clean', async () => {
    const before = Date.now() - 1000;
    await sendLogs('corr_range', 10);
    await deleteLogs(client, chainOf('corr_range'), 3, 4);
    const first = await verify('corr_range');
    expect(first.errors).toEqual([expect.objectContaining({ code: ErrorCode.LogBadIteration, from_iteration: 3, to_iteration: 4 })]);
    const input = acknowledgeRangeBodySchema.parse({ chain: 'elproxysigned-corr_range-6_months-0', from: new Date(before).toISOString(), to: new Date(Date.now() + 60_000).toISOString(), description: 'Logs lost in a disk failure', reason: 'INC-9', keyFile: keyBackup('corr_range') });
    const r = await service().acknowledgeRange(input, auditor());
    expect(r).toMatchObject({ chain: 'elproxysigned-corr_range-6_months-0', corruptions: 1, acknowledged: [first.errors[0]!.corruption_id], alreadyAcknowledged: [], failed: [] });
    expect(await rowsOf('corr_range')).toEqual([expect.objectContaining({ status: 'acknowledged', fromIteration: 3, toIteration: 4, acknowledgement: expect.objectContaining({ reason: 'INC-9', verified: false }) })]);
    expect(await auditRecords(r.index)).toEqual([expect.objectContaining({ outcome: 'success', details: expect.objectContaining({ range: true, corruptions: 1, acknowledged: 1 }) })]);
    const second = await verify('corr_range');
    expect(second).toMatchObject({ status: 'ok', errors: [] });
    expect((await rowsOf('corr_range'))[0]).toMatchObject({ status: 'acknowledged', code: ErrorCode.LogBadIteration, acknowledgement: { verified: true } });
  });
});
