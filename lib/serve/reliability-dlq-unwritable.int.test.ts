// Issue 4 §8, scenario 6: the store refuses items while the DLQ folder cannot be written
// (reference §1.2 case 6). `dlq_dir` sits below a regular file, which no user can create a
// folder in — root included, unlike chmod 000. Nothing may be acknowledged that is not durable,
// and once the folder is fixed the chain continues without corruption.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../chain';
import { iterationsOf, makeLog, makeLogs, seqsOf, startHarness, testChain, type Harness } from './__fixtures__/reliability-harness';

const A = testChain('nodlq');

/** A log whose signed field `seq` no longer fits its mapping (long): refused in every form. */
function badLog(seq: number): Record<string, unknown> {
  const l = makeLog(A, seq);
  l.seq = `bad-${seq}`;
  return l;
}

describe('DLQ unwritable while the store refuses items', () => {
  let h: Harness;
  let blocker: string;
  beforeEach(async () => {
    h = await startHarness({ retries: 1, sleepMs: 2, dlqDir: path.join('blocker', 'dlq') });
    blocker = path.join(h.dir, 'blocker');
    expect((await h.post(makeLogs(A, [0, 1]))).status).toBe(200); // `seq` mapped as long
    fs.writeFileSync(blocker, 'a file where the DLQ folder should be\n');
  });
  afterEach(async () => {
    await h.close();
  });

  const fixDlq = () => {
    fs.rmSync(blocker);
    fs.mkdirSync(blocker);
  };

  it('nothing of the batch indexed: 503, head rolled back; after the fix the re-send goes to the DLQ and the chain verifies', async () => {
    const before = await h.metrics();
    const batch = [badLog(2), badLog(3)];
    const res = await h.post(batch);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ error: { code: 'ERR_CHAINS_DLQ' } });
    expect(h.keyIteration(A)).toBe(2);
    let m = await h.metrics();
    expect(m.value('signet_chain_iteration', { chain: A.name })).toBe(2);
    expect(m.value('signet_chain_outbox_pending', { chain: A.name })).toBe(0);
    expect(m.since(before, 'processed_requests', { result: 'failure', failure_type: 'dlq_error' })).toBe(1);
    expect(m.since(before, 'processed_logs', { result: 'dlq' })).toBe(0);
    expect(m.since(before, 'processed_logs', { result: 'failure' })).toBe(2);
    expect(iterationsOf((await h.storedDocs(A)).map((d) => d.source))).toEqual([0, 1]);

    const status = await h.get('/api/v1/status/dlq');
    expect(status.status).toBe(503);
    expect(status.body).toMatchObject({ error: { code: 'ERR_DLQ_IO' } });

    // Still broken: still refused, still nothing consumed.
    expect((await h.post(batch)).status).toBe(503);
    expect(h.keyIteration(A)).toBe(2);

    fixDlq();
    const resent = await h.post(batch);
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ indexed: 0, dlq: 2 });
    expect((await h.post(makeLogs(A, [4]))).status).toBe(200);
    m = await h.metrics();
    expect(m.since(before, 'processed_logs', { result: 'dlq' })).toBe(2);

    const stored = (await h.storedDocs(A)).map((d) => d.source);
    const dlq = h.dlqLines(A).map((l) => l.document);
    expect(iterationsOf(stored)).toEqual([0, 1, 4]);
    expect(iterationsOf(dlq)).toEqual([2, 3]);
    expect(dlq.map((d) => d.seq)).toEqual(['bad-2', 'bad-3']);
    const verdict = h.verify(A, [...stored, ...dlq]);
    expect(verdict.errors).toEqual([]);
    expect(verdict.duplicateIterations).toEqual([]);
    expect(verdict.nextIteration).toBe(5);
    expect((await h.get('/api/v1/status/dlq')).body).toMatchObject({ empty: false });
  });

  it('an unsignable log needs the DLQ rejected area: 503 before anything is signed', async () => {
    const unsignable = { '@timestamp': '2026-12-06T10:00:00Z', message: 'no metadata', seq: 99 };
    const res = await h.post([...makeLogs(A, [2]), unsignable]);
    expect(res.status).toBe(503);
    expect(h.keyIteration(A)).toBe(2);
    expect(iterationsOf((await h.storedDocs(A)).map((d) => d.source))).toEqual([0, 1]);
    fixDlq();
    const ok = await h.post([...makeLogs(A, [2]), unsignable]);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ logs: 2, indexed: 1, rejected: 1 });
    expect((await h.get('/api/v1/status/dlq')).body).toMatchObject({ empty: false, rejected_files: 1 });
  });

  it('part of the batch indexed: 503 and the chain waits (head kept); after the fix the failed logs reach the DLQ and the chain verifies', async () => {
    const batch = [makeLog(A, 2), badLog(3), makeLog(A, 4)];
    const res = await h.post(batch);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ error: { code: 'ERR_CHAINS_DLQ' } });
    // Iterations 2–4 are consumed (2 and 4 are stored): the head cannot go back.
    let m = await h.metrics();
    expect(m.value('signet_chain_iteration', { chain: A.name })).toBe(5);
    expect(m.value('signet_chain_outbox_pending', { chain: A.name })).toBe(1);
    expect(iterationsOf((await h.storedDocs(A)).map((d) => d.source))).toEqual([0, 1, 2, 4]);
    // The chain signs nothing new while its failed log has nowhere to go.
    expect((await h.post(makeLogs(A, [9]))).status).toBe(503);
    m = await h.metrics();
    expect(m.value('signet_chain_iteration', { chain: A.name })).toBe(5);

    fixDlq();
    // The shipper re-sends the refused batch: the stuck log goes to the DLQ first, then the
    // batch is signed as new iterations (El Proxy: a duplicate of content, never of iterations).
    const resent = await h.post(batch);
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ indexed: 2, dlq: 1 });
    m = await h.metrics();
    expect(m.value('signet_chain_outbox_pending', { chain: A.name })).toBe(0);
    expect(h.keyIteration(A)).toBe(8);

    const stored = (await h.storedDocs(A)).map((d) => d.source);
    const dlq = h.dlqLines(A).map((l) => l.document);
    expect(iterationsOf(stored)).toEqual([0, 1, 2, 4, 5, 7]);
    expect(iterationsOf(dlq)).toEqual([3, 6]);
    expect(seqsOf(stored)).toEqual([0, 1, 2, 4, 2, 4]);
    for (const l of h.dlqLines(A)) expect(l.el_error?.type).toBe('document_parsing_exception');
    const verdict = h.verify(A, [...stored, ...dlq]);
    expect(verdict.errors).toEqual([]);
    expect(verdict.duplicateIterations).toEqual([]);
    expect(verdict.nextIteration).toBe(8);
    expect((dlq[0] as JsonObject).EBP_METADATA).toBeDefined();
  });
});
