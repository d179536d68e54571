// Issue 4 §8, with scenario 1: the store executes a bulk request but the answer is lost (the
// connection drops after the write is durable). Such a failure is "uncertain": the head must NOT
// go back (the iterations may be stored), a retry finds the logs "already stored" (409 on the
// deterministic _id), and when every retry is lost too the logs go to the DLQ — never a
// duplicate iteration, never a loss.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { iterationsOf, makeLogs, range, seqsOf, startHarness, testChain, type Harness } from './__fixtures__/reliability-harness';

const A = testChain('lost');
const RETRIES = 2;

describe('applied but unacknowledged writes', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ retries: RETRIES, sleepMs: 2 });
    expect((await h.post(makeLogs(A, [0, 1]))).status).toBe(200);
  });
  afterEach(async () => {
    await h.close();
  });

  it('a lost answer is retried: the retry finds the logs already stored, answer 200, no duplicate', async () => {
    const before = await h.metrics();
    h.es.faults.add({ path: '/_bulk', action: 'drop', apply: true });
    const res = await h.post(makeLogs(A, range(2, 3)));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ indexed: 3, dlq: 0 });
    const m = await h.metrics();
    expect(m.since(before, 'elasticsearch_requests', { result: 'failure', retry_reason: 'none' })).toBe(1);
    expect(m.since(before, 'elasticsearch_requests', { result: 'success', retry_reason: 'global' })).toBe(1);
    const docs = (await h.storedDocs(A)).map((d) => d.source);
    expect(iterationsOf(docs)).toEqual(range(0, 5));
    expect(seqsOf(docs)).toEqual(range(0, 5));
    expect(h.verify(A, docs).duplicateIterations).toEqual([]);
    expect(h.dlqLines(A)).toEqual([]);
  });

  it('every answer lost: the logs go to the DLQ with the transport error, the head keeps them, answer 200', async () => {
    h.es.faults.add({ path: '/_bulk', count: RETRIES + 1, action: 'drop', apply: true });
    const res = await h.post(makeLogs(A, range(2, 3)));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ indexed: 0, dlq: 3 });
    expect(h.keyIteration(A)).toBe(5);
    const lines = h.dlqLines(A);
    expect(lines.map((l) => (l.document.ES_BLOCKCHAIN as { iteration: number }).iteration)).toEqual([2, 3, 4]);
    expect(lines[0]?.el_error?.type).toMatch(/connection|socket|closed/i);

    // They were stored (the first attempt was applied): the chain is whole, and the DLQ copies are
    // the very same signed documents (a recovery would find them "already stored").
    const docs = (await h.storedDocs(A)).map((d) => d.source);
    expect(iterationsOf(docs)).toEqual(range(0, 5));
    expect(docs.slice(2)).toEqual(lines.map((l) => l.document));
    expect(h.verify(A, docs).errors).toEqual([]);
    expect((await h.post(makeLogs(A, [5]))).status).toBe(200);
    expect(h.verify(A, (await h.storedDocs(A)).map((d) => d.source)).nextIteration).toBe(6);
  });
});

describe('a store slower than elasticsearch.timeout_secs', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ retries: 2, sleepMs: 2, timeoutSecs: 1 });
    expect((await h.post(makeLogs(A, [0, 1]))).status).toBe(200);
  });
  afterEach(async () => {
    await h.close();
  });

  it('a timed-out request is retried; the late original then finds the logs stored: no duplicate, no loss', async () => {
    const before = await h.metrics();
    // The first bulk runs after 1.5 s, when the client has given up on it (timeout 1 s).
    h.es.faults.add({ path: '/_bulk', action: 'delay', delay_ms: 1500 });
    const res = await h.post(makeLogs(A, range(2, 3)));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ indexed: 3, dlq: 0 });
    const m = await h.metrics();
    expect(m.since(before, 'elasticsearch_requests', { result: 'failure', retry_reason: 'none' })).toBe(1);
    expect(m.since(before, 'elasticsearch_requests', { result: 'success', retry_reason: 'global' })).toBe(1);
    // Let the delayed original run (it gets 409s: same _ids), then check the chain.
    await new Promise((r) => setTimeout(r, 1000));
    const docs = (await h.storedDocs(A)).map((d) => d.source);
    expect(iterationsOf(docs)).toEqual(range(0, 5));
    expect(seqsOf(docs)).toEqual(range(0, 5));
    const verdict = h.verify(A, docs);
    expect(verdict.errors).toEqual([]);
    expect(verdict.duplicateIterations).toEqual([]);
  });
});
