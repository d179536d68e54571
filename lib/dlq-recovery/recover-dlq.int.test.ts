import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { isPlainObject, type ChainIdentity, type JsonObject } from '../chain';
import type { BulkItem } from '../chains';
import { startTestStore, type TestStore } from '../embedded-es/__fixtures__/test-store';
import { createStore } from '../store';
import { setupDlq, type Setup } from './__fixtures__/dlq-setup';
import { chainFor, indexItems, signChain, storedChain, streamFor, verifyDocs } from './__fixtures__/signed-chain';
import { DlqRecoveryError, describeDlq, openDlq, recoverDlq, type DlqRecoveryReport } from './index';

let es: TestStore;
beforeAll(async () => {
  es = await startTestStore();
});
afterAll(async () => {
  await es.close();
});

/** A signed chain of `n` logs of its own customer; `dlqd` iterations go to the DLQ, the rest is indexed. */
const setup = (customer: string, n: number, dlqd: number[], streamOf?: (chain: ChainIdentity, i: number) => string): Promise<Setup> => setupDlq(es.client, customer, n, dlqd, streamOf);
const store = () => createStore(es.client, { failureMaxRetries: 0, failureSleepMsBetweenRetries: 0 });
const recover = (s: Setup, batchSize = 500): Promise<DlqRecoveryReport> => recoverDlq({ dlq: s.dlq, client: es.client, store: store(), batchSize });
const fileName = (s: Setup, ds = s.stream): string => `${ds}-2024-03-05.ndjson`;

describe('recoverDlq', () => {
  it('closes the gap: the DLQ logs are re-indexed unchanged (tagged), the file moves, the chain verifies', async () => {
    const s = await setup('gap', 10, [4, 5, 6]);
    const before = verifyDocs((await storedChain(es, s.chain)).docs);
    expect(before.errors.length).toBeGreaterThan(0);
    const dlqText = fs.readFileSync(path.join(s.dlqDir, s.chain.customer, fileName(s)), 'utf8');

    const report = await recover(s, 2);

    expect(report.totals).toEqual({ recovered: 3, alreadyStored: 0, failed: 0, badLines: 0, tornFiles: 0, remainingEntries: 0 });
    expect(report.complete).toBe(true);
    expect(report.files).toHaveLength(1);
    expect(report.files[0]).toMatchObject({ relPath: `gap/${fileName(s)}`, action: 'moved', recoveredRelPath: `gap/${fileName(s)}`, entries: 3 });
    expect(fs.existsSync(path.join(s.dlqDir, 'gap', fileName(s)))).toBe(false);
    expect(fs.readFileSync(path.join(s.recoveredDir, 'gap', fileName(s)), 'utf8')).toBe(dlqText);

    const { docs, ids } = await storedChain(es, s.chain);
    expect(ids).toEqual(Array.from({ length: 10 }, (_, i) => `elproxysigned-gap-6_months-0-${i}`));
    const after = verifyDocs(docs);
    expect(after.errors).toEqual([]);
    expect(after.duplicateIterations).toEqual([]);
    expect(after.nextIteration).toBe(10);
    docs.forEach((d, i) => expect(d.tags).toEqual([4, 5, 6].includes(i) ? ['_ebp_dlq_recovered'] : undefined));
    // Stored exactly as signed: numbers keep their spelling.
    const raw = await es.raw('POST', `/${s.stream}/_search`, JSON.stringify({ query: { ids: { values: ['elproxysigned-gap-6_months-0-5'] } } }));
    expect(raw.text).toContain('"big":9007199254740993,"price":1.50,');
    expect(raw.text).toContain('"tags":["_ebp_dlq_recovered"]}');
  });

  it('recovering the same logs again counts them as stored (no duplicate) and still moves the file', async () => {
    const s = await setup('twice', 6, [2, 3]);
    await recover(s);
    // The same entries land in the DLQ again (e.g. a copy restored by an operator).
    await s.dlq.append('twice', s.stream, [2, 3].map((i) => ({ documentText: (s.items[i] as BulkItem).docText, error: null })));
    const report = await recover(s);
    expect(report.totals).toMatchObject({ recovered: 0, alreadyStored: 2, failed: 0, remainingEntries: 0 });
    expect(report.files[0]).toMatchObject({ action: 'moved', recoveredRelPath: `twice/${s.stream}-2024-03-05.1.ndjson` });
    const { docs } = await storedChain(es, s.chain);
    expect(docs).toHaveLength(6);
    expect(verifyDocs(docs).errors).toEqual([]);
  });

  it('409 on create counts as stored (a log the _id lookup could not see yet)', async () => {
    const s = await setup('conflict', 4, [1]);
    await indexItems(es.client, [s.items[1] as BulkItem]); // reached Elasticsearch after all
    // A client whose search sees nothing: the bulk create must answer 409.
    const blind = new Proxy(es.client, { get: (t, k) => (k === 'search' ? async () => ({ hits: { hits: [] } }) : Reflect.get(t, k)) }) as Client;
    const report = await recoverDlq({ dlq: s.dlq, client: blind, store: store() });
    expect(report.totals).toMatchObject({ recovered: 0, alreadyStored: 1, failed: 0 });
    expect(report.files[0]?.action).toBe('moved');
    expect((await storedChain(es, s.chain)).docs).toHaveLength(4);
  });

  it('keeps torn and bad lines byte for byte, moves out only the recovered lines, and says what remains', async () => {
    const s = await setup('torn', 5, [1, 2, 3]);
    const file = path.join(s.dlqDir, 'torn', fileName(s));
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
    const bad = 'not json at all';
    const torn = '{"document":{"half":';
    fs.writeFileSync(file, `${lines[0]}\n${bad}\n${lines[1]}\n${lines[2]}\n${torn}`);

    const report = await recover(s);

    expect(report.files[0]).toMatchObject({ action: 'rewritten', recovered: 3, badLines: 1, tornTail: true, remainingEntries: 0, failedCount: 0 });
    expect(report.totals).toMatchObject({ recovered: 3, badLines: 1, tornFiles: 1, remainingEntries: 0 });
    expect(report.complete).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe(`${bad}\n${torn}`);
    expect(fs.readFileSync(path.join(s.recoveredDir, 'torn', fileName(s)), 'utf8')).toBe(`${lines.join('\n')}\n`);
    expect(verifyDocs((await storedChain(es, s.chain)).docs).errors).toEqual([]);
  });

  it('never touches the rejected area (unsigned logs are never signed retroactively)', async () => {
    const s = await setup('rej', 3, [1]);
    await s.dlq.appendRejected([{ rawText: '{"message":"no metadata"}', reason: 'EBP_METADATA is missing', receivedAt: new Date('2024-03-05T11:00:00Z') }]);
    const rejectedFile = path.join(s.dlqDir, '.rejected', 'rejected-2024-03-05.ndjson');
    const before = fs.readFileSync(rejectedFile);
    const report = await recover(s);
    expect(report.rejected).toEqual({ files: 1, entries: 1 });
    expect(report.totals.recovered).toBe(1);
    expect(fs.readFileSync(rejectedFile).equals(before)).toBe(true);
    expect(fs.readdirSync(path.join(s.recoveredDir))).toEqual(['rej']);
    const hits = await es.raw('POST', '/_search', JSON.stringify({ query: { match: { message: 'no metadata' } } }));
    expect((hits.json as { hits: { hits: unknown[] } }).hits.hits).toHaveLength(0);
  });

  it('keeps entries it must not recover: another chain, no ES_BLOCKCHAIN, a different log stored at that iteration', async () => {
    const s = await setup('keep', 3, [2]);
    const other = signChain(1, () => streamFor(chainFor('other')), chainFor('other'))[0] as BulkItem;
    // Iteration 0 with another signature than the stored one.
    const forged = (s.items[0] as BulkItem).docText.replace(/"hash":"[0-9a-f]{64}"/, `"hash":"${'c'.repeat(64)}"`);
    await s.dlq.append('keep', s.stream, [
      { documentText: other.docText, error: null },
      { documentText: '{"message":"unsigned"}', error: null },
      { documentText: forged, error: null },
    ]);
    const report = await recover(s);
    const f = report.files[0]!;
    expect(f).toMatchObject({ action: 'rewritten', recovered: 1, failedCount: 3, remainingEntries: 3 });
    expect(f.failures.map((x) => x.reason)).toEqual([
      expect.stringContaining('belongs to blockchain elproxysigned-other-6_months-0'),
      expect.stringContaining('no ES_BLOCKCHAIN'),
      expect.stringContaining('iteration 0 is already stored in .ds-'),
    ]);
    const left = fs.readFileSync(path.join(s.dlqDir, 'keep', fileName(s)), 'utf8');
    expect(left.split('\n').filter(Boolean)).toHaveLength(3);
    expect(left).toContain('c'.repeat(64));
    expect((await storedChain(es, s.chain)).docs).toHaveLength(3);
  });

  it('recovers into each data stream of the chain; verification across them has no gap', async () => {
    const s = await setup('multi', 8, [1, 2, 5], (chain, i) => streamFor(chain, i % 2 === 0 ? 'auditbeat-7.10.1' : 'filebeat-8.11.0'));
    const report = await recover(s);
    expect(report.files.map((f) => f.relPath).sort()).toEqual([`multi/${streamFor(s.chain)}-2024-03-05.ndjson`, `multi/${streamFor(s.chain, 'filebeat-8.11.0')}-2024-03-05.ndjson`]);
    expect(report.totals.recovered).toBe(3);
    const { docs } = await storedChain(es, s.chain);
    expect(verifyDocs(docs).errors).toEqual([]);
    const recoveredDoc = docs[1] as JsonObject;
    expect(isPlainObject(recoveredDoc.EBP_METADATA) && (recoveredDoc.EBP_METADATA.agent as JsonObject).type).toBe('filebeat');
  });

  it('re-applies the ingest pipeline of EBP_METADATA; a missing pipeline falls back as at signing time', async () => {
    const s = await setup('pipe', 3, [2]);
    // EBP_METADATA is not signed: naming a pipeline that does not exist keeps the signature valid.
    const file = path.join(s.dlqDir, 'pipe', fileName(s));
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"EBP_METADATA":{', '"EBP_METADATA":{"pipeline":"no_such_pipeline",'));
    const report = await recover(s);
    expect(report.totals).toMatchObject({ recovered: 1, failed: 0, remainingEntries: 0 });
    const { docs } = await storedChain(es, s.chain);
    expect(docs).toHaveLength(3);
    expect(docs[2]!.tags).toEqual(['_ebp_dlq_recovered', '_ebp_remove_pipeline']);
    expect((docs[2]!.EBP_METADATA as JsonObject).pipeline).toBe('no_such_pipeline');
    expect(verifyDocs(docs).errors).toEqual([]);
  });

  it('pages through large files (page smaller than the file) and batches across pages', async () => {
    const s = await setup('pages', 25, Array.from({ length: 22 }, (_, i) => i + 2));
    const report = await recoverDlq({ dlq: s.dlq, client: es.client, store: store(), batchSize: 4, readPage: 5 });
    expect(report.totals).toMatchObject({ recovered: 22, alreadyStored: 0, failed: 0, remainingEntries: 0 });
    expect(report.files[0]?.action).toBe('moved');
    const { docs } = await storedChain(es, s.chain);
    expect(docs).toHaveLength(25);
    expect(verifyDocs(docs).errors).toEqual([]);
  });

  it('when Elasticsearch stops mid-run: what was recovered is settled, the rest stays, later files are not attempted', async () => {
    const s = await setup('stop', 8, [2, 3, 4, 5], (chain, i) => streamFor(chain, i < 4 ? 'auditbeat-7.10.1' : 'filebeat-8.11.0'));
    const real = store();
    let calls = 0;
    const flaky = {
      ping: real.ping,
      deliver: (items: readonly BulkItem[]) => (++calls === 1 ? real.deliver(items) : Promise.resolve({ outcome: 'not_indexed' as const, error: { type: 'connection_error', reason: 'connect ECONNREFUSED' } })),
    };
    const report = await recoverDlq({ dlq: s.dlq, client: es.client, store: flaky, batchSize: 1 });
    expect(report.stoppedBy).toBe('Elasticsearch did not take the logs (connection_error: connect ECONNREFUSED)');
    expect(report.complete).toBe(false);
    expect(report.files).toHaveLength(1);
    expect(report.files[0]).toMatchObject({ relPath: `stop/${streamFor(s.chain)}-2024-03-05.ndjson`, recovered: 1, action: 'rewritten', remainingEntries: 1 });
    expect(report.notAttempted).toEqual([`stop/${streamFor(s.chain, 'filebeat-8.11.0')}-2024-03-05.ndjson`]);
    // A second run, with Elasticsearch back, finishes the job.
    const again = await recover(s);
    expect(again.complete).toBe(true);
    expect(again.totals).toMatchObject({ recovered: 3, alreadyStored: 0 });
    expect(verifyDocs((await storedChain(es, s.chain)).docs).errors).toEqual([]);
  });

  it('a file that grows during the recovery (the service appending) is left as it was', async () => {
    const s = await setup('grow', 4, [1, 2]);
    const real = store();
    const appending = {
      ping: real.ping,
      deliver: async (items: readonly BulkItem[]) => {
        const r = await real.deliver(items);
        await s.dlq.append('grow', s.stream, [{ documentText: (s.items[3] as BulkItem).docText, error: null }]);
        return r;
      },
    };
    const report = await recoverDlq({ dlq: s.dlq, client: es.client, store: appending });
    expect(report.files[0]).toMatchObject({ action: 'changed', recovered: 2 });
    expect(report.complete).toBe(false);
    // Next run: the two logs count as stored, the appended one too (it was indexed already).
    const again = await recover(s);
    expect(again.totals).toMatchObject({ recovered: 0, alreadyStored: 3, remainingEntries: 0 });
    expect(again.complete).toBe(true);
  });

  it('recovers a chain whose logs all went to the DLQ (no data stream exists yet)', async () => {
    const s = await setup('allq', 3, [0, 1, 2]);
    const report = await recover(s);
    expect(report.totals).toMatchObject({ recovered: 3, remainingEntries: 0 });
    const { docs } = await storedChain(es, s.chain);
    expect(verifyDocs(docs)).toMatchObject({ errors: [], nextIteration: 3 });
  });

  it('skips files whose name is not a signed data stream of the folder\'s customer, and keeps them', async () => {
    const s = await setup('skip', 2, [1]);
    const item = s.items[1] as BulkItem;
    await s.dlq.append('skip', 'a-b-c-d-e', [{ documentText: item.docText, error: null }]);
    await s.dlq.append('skip', 'x-y-elproxysigned-other-6_months-0', [{ documentText: item.docText, error: null }]);
    const report = await recover(s);
    const byPath = Object.fromEntries(report.files.map((f) => [f.relPath, f]));
    expect(byPath['skip/a-b-c-d-e-2024-03-05.ndjson']).toMatchObject({ action: 'skipped', problem: expect.stringContaining('six dash-separated parts') });
    expect(byPath['skip/x-y-elproxysigned-other-6_months-0-2024-03-05.ndjson']).toMatchObject({ action: 'skipped', problem: expect.stringContaining("customer other is not the folder's") });
    expect(byPath[`skip/${fileName(s)}`]).toMatchObject({ action: 'moved', recovered: 1 });
    expect(report.complete).toBe(false);
    expect(fs.readdirSync(path.join(s.dlqDir, 'skip')).sort()).toEqual(['a-b-c-d-e-2024-03-05.ndjson', 'x-y-elproxysigned-other-6_months-0-2024-03-05.ndjson']);
  });

  it('refuses to start when Elasticsearch is unreachable, and touches nothing', async () => {
    const s = await setup('down', 2, [1]);
    const dead = new Client({ node: 'http://127.0.0.1:1', maxRetries: 0, requestTimeout: 2000 });
    onTestFinished(() => dead.close());
    const err = await recoverDlq({ dlq: s.dlq, client: dead, store: createStore(dead, { failureMaxRetries: 0, failureSleepMsBetweenRetries: 0 }) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DlqRecoveryError);
    expect((err as DlqRecoveryError).code).toBe('ERR_DLQ_RECOVERY_STORE_UNAVAILABLE');
    expect(fs.existsSync(path.join(s.dlqDir, 'down', fileName(s)))).toBe(true);
    expect(fs.existsSync(s.recoveredDir)).toBe(false);
  });

  it('rejects a bad batch size and an unknown file selection', async () => {
    const s = await setup('opts', 2, [1]);
    for (const batchSize of [0, 1.5, 10_001]) {
      await expect(recover(s, batchSize)).rejects.toMatchObject({ code: 'ERR_DLQ_RECOVERY_INPUT' });
    }
    await expect(recoverDlq({ dlq: s.dlq, client: es.client, store: store(), files: ['opts/nope-2024-01-01.ndjson'] })).rejects.toMatchObject({ code: 'ERR_DLQ_RECOVERY_INPUT' });
  });
});

describe('openDlq and describeDlq', () => {
  it('a missing or non-folder DLQ path is an input error', async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-recovery-'));
    onTestFinished(() => fs.rmSync(base, { recursive: true, force: true }));
    await expect(openDlq(path.join(base, 'missing'), path.join(base, 'rec'))).rejects.toMatchObject({ code: 'ERR_DLQ_RECOVERY_INPUT', message: expect.stringContaining('does not exist') });
    fs.writeFileSync(path.join(base, 'file'), '');
    await expect(openDlq(path.join(base, 'file'), path.join(base, 'rec'))).rejects.toMatchObject({ code: 'ERR_DLQ_RECOVERY_INPUT', message: expect.stringContaining('is not a folder') });
    fs.mkdirSync(path.join(base, 'd'));
    await expect(openDlq(path.join(base, 'd'), path.join(base, 'd', 'inner'))).rejects.toMatchObject({ code: 'ERR_DLQ_RECOVERY_INPUT' });
  });

  it('lists signed files with counts, errors per type and torn tails, and the rejected area apart', async () => {
    const s = await setup('list', 4, [1, 2]);
    fs.appendFileSync(path.join(s.dlqDir, 'list', fileName(s)), '{"document":');
    await s.dlq.appendRejected([{ rawText: 'garbage', reason: 'not JSON', receivedAt: new Date('2024-03-05T11:00:00Z') }]);
    const o = await describeDlq(s.dlq);
    expect(o.signed).toHaveLength(1);
    expect(o.signed[0]).toMatchObject({ relPath: `list/${fileName(s)}`, entries: 2, tornTail: true, badLines: 0, errorTypes: { mapper_parsing_exception: 2 } });
    expect(o.rejected).toHaveLength(1);
    expect(o.rejected[0]).toMatchObject({ entries: 1, errorTypes: { 'not JSON': 1 } });
    expect(o.totals).toEqual({ signedEntries: 2, rejectedEntries: 1, tornFiles: 1, badLines: 0 });
  });
});
