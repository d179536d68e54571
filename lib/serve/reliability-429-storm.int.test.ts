// Issue 4 §8, scenario 2: storms of 429s (and 503s) from the store. Whole-request refusals and
// per-item 429s are retried with back-off within `failure_max_retries`; the answer is 200 when
// the storm ends in time, 503 (head rolled back, nothing lost) when it does not.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { iterationsOf, makeLogs, range, seqsOf, startHarness, testChain, type Harness } from './__fixtures__/reliability-harness';

const A = testChain('storm');
const RETRIES = 4;

describe('429 storms on _bulk', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ retries: RETRIES, sleepMs: 2 });
    // The chain exists before the storms (its creation reads the store once).
    expect((await h.post(makeLogs(A, range(0, 3)))).status).toBe(200);
  });
  afterEach(async () => {
    await h.close();
  });

  it('retries through a storm shorter than the retry budget and answers 200', async () => {
    const before = await h.metrics();
    h.es.faults.add({ path: '/_bulk', method: 'POST', count: RETRIES, action: 'status', status: 429 });
    const res = await h.post(makeLogs(A, range(3, 5)));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ logs: 5, indexed: 5, dlq: 0 });
    expect(h.es.faults.list()).toEqual([]); // every injected 429 was consumed by a retry

    const m = await h.metrics();
    // The first attempt, then RETRIES retries: RETRIES refused, the last one through.
    expect(m.since(before, 'elasticsearch_requests', { result: 'failure', retry_reason: 'none' })).toBe(1);
    expect(m.since(before, 'elasticsearch_requests', { result: 'failure', retry_reason: 'global' })).toBe(RETRIES - 1);
    expect(m.since(before, 'elasticsearch_requests', { result: 'success', retry_reason: 'global' })).toBe(1);
    expect(m.since(before, 'write_logs_elasticsearch_response_time_count')).toBe(RETRIES + 1);
    expect(m.since(before, 'processed_logs', { result: 'indexed' })).toBe(5);
    expect(m.since(before, 'processed_requests', { result: 'success', failure_type: 'none' })).toBe(1);

    const docs = (await h.storedDocs(A)).map((d) => d.source);
    expect(iterationsOf(docs)).toEqual(range(0, 8));
    expect(h.verify(A, docs).errors).toEqual([]);
  });

  it('answers 503 when the storm outlasts the budget, rolls the head back, and loses nothing on the re-send', async () => {
    const before = await h.metrics();
    h.es.faults.add({ path: '/_bulk', method: 'POST', count: 1000, action: 'status', status: 429 });
    const res = await h.post(makeLogs(A, range(3, 5)));
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ error: { code: 'ERR_CHAINS_UNAVAILABLE' } });
    expect(h.keyIteration(A)).toBe(3);
    const m = await h.metrics();
    expect(m.since(before, 'elasticsearch_requests', { result: 'failure' })).toBe(RETRIES + 1);
    expect(m.since(before, 'elasticsearch_requests', { result: 'failure', retry_reason: 'global' })).toBe(RETRIES);
    expect(m.since(before, 'processed_requests', { result: 'failure', failure_type: 'elasticsearch_error' })).toBe(1);
    expect(m.since(before, 'processed_logs', { result: 'failure' })).toBe(5);
    expect(m.value('signet_chain_iteration', { chain: A.name })).toBe(3);

    h.es.faults.clear();
    const resent = await h.post(makeLogs(A, range(3, 5)));
    expect(resent.status).toBe(200);
    const docs = (await h.storedDocs(A)).map((d) => d.source);
    expect(iterationsOf(docs)).toEqual(range(0, 8));
    expect(seqsOf(docs)).toEqual(range(0, 8));
    const verdict = h.verify(A, docs);
    expect(verdict.errors).toEqual([]);
    expect(verdict.duplicateIterations).toEqual([]);
  });

  it('retries only the items refused with 429, within one delivery', async () => {
    const before = await h.metrics();
    // Items 1 and 3 of each of the next three bulk requests are refused.
    h.es.faults.add({ path: '/_bulk', count: 3, action: 'bulk_items', items: { 1: { status: 429 }, 3: { status: 429 } } });
    const res = await h.post(makeLogs(A, range(3, 5)));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ indexed: 5, dlq: 0 });
    const m = await h.metrics();
    expect(m.since(before, 'elasticsearch_requests', { result: 'partial_failure', retry_reason: 'none' })).toBe(1);
    // Second attempt (2 items): item 1 refused again; third (1 item): no item 3 to refuse → through.
    expect(m.since(before, 'elasticsearch_requests', { result: 'partial_failure', retry_reason: 'global' })).toBe(1);
    expect(m.since(before, 'elasticsearch_requests', { result: 'success', retry_reason: 'global' })).toBe(1);
    const docs = (await h.storedDocs(A)).map((d) => d.source);
    expect(iterationsOf(docs)).toEqual(range(0, 8));
    expect(h.verify(A, docs).errors).toEqual([]);
  });

  it('treats a 503 storm like a 429 storm: not written, so rolled back', async () => {
    h.es.faults.add({ path: '/_bulk', count: RETRIES + 1, action: 'status', status: 503 });
    expect((await h.post(makeLogs(A, range(3, 2)))).status).toBe(503);
    expect(h.keyIteration(A)).toBe(3);
    expect((await h.post(makeLogs(A, range(3, 2)))).status).toBe(200);
    const docs = (await h.storedDocs(A)).map((d) => d.source);
    expect(iterationsOf(docs)).toEqual(range(0, 5));
    expect(h.verify(A, docs).errors).toEqual([]);
  });
});
