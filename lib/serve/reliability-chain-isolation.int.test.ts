// Issue 4 §8, scenario 7: one chain failing must not stop the others (one writer per chain,
// chains in parallel). Chain A's data stream is refused by the store while B keeps flowing:
// A's backing index gets Elasticsearch's flood-stage block (every write to it answered 429 per
// item, as a full disk does), and, separately, a chain is blocked by the start-up safety check.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { iterationsOf, makeLogs, range, seqsOf, startHarness, testChain, type Harness } from './__fixtures__/reliability-harness';

const A = testChain('failing');
const B = testChain('flowing');
const RETRIES = 5;

/** Elasticsearch's flood-stage disk block on A's data stream only: its writes get 429 per item. */
async function setFloodStage(h: Harness, on: boolean): Promise<void> {
  const r = await h.esRequest('PUT', `/${A.dataStream}/_settings`, { 'index.blocks.read_only_allow_delete': on ? true : null });
  expect(r.status).toBe(200);
}

describe('two chains, one failing: concurrency', () => {
  let h: Harness;
  beforeEach(async () => {
    // A long back-off for A (200+400+800+1600+3200 ms) during which B must keep being served.
    h = await startHarness({ retries: RETRIES, sleepMs: 200 });
    expect((await h.post([...makeLogs(A, [0, 1]), ...makeLogs(B, [0, 1])])).status).toBe(200);
  });
  afterEach(async () => {
    await h.close();
  });

  it('B is answered 200 while A retries its refused writes; A then answers 503 with its head rolled back', async () => {
    const failingSince = Date.now() / 1000;
    await setFloodStage(h, true);
    const before = await h.metrics();
    let aDone = false;
    const aPending = h.post(makeLogs(A, range(2, 3))).then((r) => ((aDone = true), r));

    const bStatuses: number[] = [];
    for (let i = 0; i < 3; i++) bStatuses.push((await h.post(makeLogs(B, range(2 + i * 2, 2)))).status);
    expect(bStatuses).toEqual([200, 200, 200]);
    // B's three batches went through while A was still waiting out its back-off.
    expect(aDone).toBe(false);

    const a = await aPending;
    expect(a.status).toBe(503);
    expect(a.body).toMatchObject({ error: { code: 'ERR_CHAINS_UNAVAILABLE' } });
    expect(h.keyIteration(A)).toBe(2);
    const m = await h.metrics();
    expect(m.value('signet_chain_iteration', { chain: A.name })).toBe(2);
    expect(m.value('signet_chain_iteration', { chain: B.name })).toBe(8);
    // What an alert on a quiet source reads: A's last delivery stays before the failure, B's moves on.
    const aLast = m.value('signet_chain_last_delivery_timestamp_seconds', { chain: A.name });
    expect(aLast).toBeLessThan(failingSince);
    expect(aLast).toBeGreaterThan(failingSince - 60); // the set-up's delivery, not a missing series
    expect(m.value('signet_chain_last_delivery_timestamp_seconds', { chain: B.name })).toBeGreaterThanOrEqual(failingSince);
    // A: the first attempt and RETRIES retries, each with every item refused (429 per item).
    expect(m.since(before, 'elasticsearch_requests', { result: 'partial_failure', retry_reason: 'none' })).toBe(1);
    expect(m.since(before, 'elasticsearch_requests', { result: 'partial_failure', retry_reason: 'global' })).toBe(RETRIES);
    expect(m.since(before, 'elasticsearch_requests', { result: 'success', retry_reason: 'none' })).toBe(3);
    expect(m.since(before, 'processed_logs', { result: 'failure' })).toBe(3);
    expect(m.since(before, 'processed_logs', { result: 'indexed' })).toBe(6);

    // The disk is freed: A's re-send is signed at the same iterations.
    await setFloodStage(h, false);
    expect((await h.post(makeLogs(A, range(2, 3)))).status).toBe(200);
    for (const [chain, n] of [[A, 5], [B, 8]] as const) {
      const docs = (await h.storedDocs(chain)).map((d) => d.source);
      expect(iterationsOf(docs)).toEqual(range(0, n));
      expect(seqsOf(docs)).toEqual(range(0, n));
      const verdict = h.verify(chain, docs);
      expect(verdict.errors).toEqual([]);
      expect(verdict.duplicateIterations).toEqual([]);
    }
  });

});

describe('two chains, one failing', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ retries: 2, sleepMs: 2 });
    expect((await h.post([...makeLogs(A, [0, 1]), ...makeLogs(B, [0, 1])])).status).toBe(200);
  });
  afterEach(async () => {
    await h.close();
  });

  it('a batch mixing both chains: 503 for the request, B committed (its re-send duplicates content, never iterations)', async () => {
    await setFloodStage(h, true);
    const mixed = [...makeLogs(A, [2]), ...makeLogs(B, [2, 3])];
    const res = await h.post(mixed);
    expect(res.status).toBe(503);
    expect(h.keyIteration(A)).toBe(2);
    expect(h.keyIteration(B)).toBe(4);
    await setFloodStage(h, false);
    expect((await h.post(mixed)).status).toBe(200); // the shipper's re-send
    const a = (await h.storedDocs(A)).map((d) => d.source);
    const b = (await h.storedDocs(B)).map((d) => d.source);
    expect(seqsOf(a)).toEqual([0, 1, 2]);
    expect(seqsOf(b)).toEqual([0, 1, 2, 3, 2, 3]);
    expect(iterationsOf(b)).toEqual(range(0, 6));
    expect(h.verify(A, a).errors).toEqual([]);
    const vb = h.verify(B, b);
    expect(vb.errors).toEqual([]);
    expect(vb.duplicateIterations).toEqual([]);
  });

  it('a blocked chain (the store holds iterations its key file does not) answers 503 while B flows', async () => {
    const C = testChain('blocked');
    const before = await h.metrics();
    // Another instance wrote C: Signet has no key file for it and must never sign it again here.
    const put = await h.esRequest('POST', `/${C.dataStream}/_doc?refresh=true`, { '@timestamp': '2026-12-06T10:00:00Z', ES_BLOCKCHAIN: { iteration: 41 } });
    expect(put.status).toBe(201);
    const c = await h.post(makeLogs(C, [0]));
    expect(c.status).toBe(503);
    expect(c.body).toMatchObject({ error: { code: 'ERR_CHAINS_BLOCKED' } });
    expect(h.keyIteration(C)).toBeNull();

    const [c2, b] = await Promise.all([h.post(makeLogs(C, [1])), h.post(makeLogs(B, [2, 3]))]);
    expect(c2.status).toBe(503);
    expect(b.status).toBe(200);
    expect((await h.post(makeLogs(B, [4]))).status).toBe(200);

    const m = await h.metrics();
    expect(m.since(before, 'processed_logs', { result: 'failure' })).toBe(2);
    expect(m.since(before, 'processed_logs', { result: 'indexed' })).toBe(3);
    expect(m.since(before, 'processed_requests', { result: 'failure', failure_type: 'internal_error' })).toBe(2);
    expect(m.value('signet_chain_blocked', { chain: C.name })).toBe(1);
    expect(m.value('signet_chain_blocked', { chain: B.name })).toBe(0);
    const health = await h.get('/api/v1/status/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'degraded', chains: { blocked: [{ name: C.name }] } });
    const docs = (await h.storedDocs(B)).map((d) => d.source);
    expect(iterationsOf(docs)).toEqual(range(0, 5));
    expect(h.verify(B, docs).errors).toEqual([]);
    expect((await h.storedDocs(C)).length).toBe(1); // only the other instance's log
  });
});
