// Issue 4 §8: back-pressure. While a chain waits for a slow store, its queue is bounded by
// `message_queue_size` logs: a request that would exceed it is refused with 429 before anything
// is signed (Logstash retries it), and is counted as El Proxy's full_queue_error.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { iterationsOf, makeLogs, range, seqsOf, startHarness, testChain, type Harness } from './__fixtures__/reliability-harness';

const A = testChain('queue');
const B = testChain('other');

describe('a full chain queue', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ retries: 1, sleepMs: 2, messageQueueSize: 10 });
    expect((await h.post(makeLogs(A, [0]))).status).toBe(200);
  });
  afterEach(async () => {
    await h.close();
  });

  it('answers 429 with Retry-After for the chain whose queue is full; other chains and the slow batch are unaffected', async () => {
    const before = await h.metrics();
    h.es.faults.add({ path: '/_bulk', action: 'delay', delay_ms: 3000 });
    const slow = h.post(makeLogs(A, range(1, 8)));
    // Wait until the slow batch's bulk request has reached the store (the delay rule is used).
    while (h.es.faults.list().length > 0) await new Promise((r) => setTimeout(r, 10));

    const res = await fetch(`${h.signet.url}/api/log_batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(makeLogs(A, range(9, 5))) });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toMatchObject({ error: { code: 'ERR_CHAINS_QUEUE_FULL' } });
    expect((await h.post(makeLogs(B, [0, 1]))).status).toBe(200); // another chain, another queue

    expect((await slow).status).toBe(200);
    expect((await h.post(makeLogs(A, range(9, 5)))).status).toBe(200); // the shipper's retry
    const m = await h.metrics();
    expect(m.since(before, 'processed_requests', { result: 'failure', failure_type: 'full_queue_error' })).toBe(1);
    expect(m.since(before, 'processed_logs', { result: 'failure' })).toBe(5);
    const docs = (await h.storedDocs(A)).map((d) => d.source);
    expect(iterationsOf(docs)).toEqual(range(0, 14));
    expect(seqsOf(docs)).toEqual(range(0, 14));
    expect(h.verify(A, docs).errors).toEqual([]);
  });
});

describe('request bodies held at once (web_server.max_inflight_bytes)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ retries: 1, sleepMs: 2, maxBodyBytes: 4000, maxInflightBytes: 6000 });
  });
  afterEach(async () => {
    await h.close();
  });

  it('answers 429 to a request that would go over the bound while others wait for the store, and takes it once they are answered', async () => {
    const body = (seqs: number[]) => JSON.stringify(makeLogs(A, seqs));
    const first = body(range(0, 18));
    expect(first.length).toBeGreaterThan(3000); // two of them go over 6000 bytes
    expect(first.length).toBeLessThan(4000);
    const before = await h.metrics();
    h.es.faults.add({ path: '/_bulk', action: 'delay', delay_ms: 1500 });
    const slow = fetch(`${h.signet.url}/api/log_batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: first });
    while (h.es.faults.list().length > 0) await new Promise((r) => setTimeout(r, 10));
    expect((await h.metrics()).value('signet_ingest_inflight_bytes')).toBe(first.length);

    // Another chain: its queue is empty, but the bytes held by Signet as a whole are the limit.
    const res = await fetch(`${h.signet.url}/api/log_batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(makeLogs(B, range(0, 18))) });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toMatchObject({ error: { code: 'ERR_INGEST_QUEUE_FULL', message: expect.stringContaining('web_server.max_inflight_bytes = 6000') } });

    expect((await slow).status).toBe(200);
    expect((await h.post(makeLogs(B, range(0, 18)))).status).toBe(200); // the shipper's retry
    const m = await h.metrics();
    expect(m.value('signet_ingest_inflight_bytes')).toBe(0);
    expect(m.since(before, 'processed_requests', { result: 'failure', failure_type: 'full_queue_error' })).toBe(1);
    expect(iterationsOf((await h.storedDocs(A)).map((d) => d.source))).toEqual(range(0, 18));
    const docsB = (await h.storedDocs(B)).map((d) => d.source);
    expect(iterationsOf(docsB)).toEqual(range(0, 18));
    expect(h.verify(B, docsB).errors).toEqual([]);
  });
});
