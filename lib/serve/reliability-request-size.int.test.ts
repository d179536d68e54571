// Issue 4 §8: a group commit larger than the store's `http.max_content_length`. Elasticsearch
// answers 413 to the whole request without reading it; the logs themselves are fine, so they
// must be indexed in smaller requests — not sent to the DLQ.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { iterationsOf, makeLogs, range, seqsOf, startHarness, testChain, type Harness } from './__fixtures__/reliability-harness';

const A = testChain('big');
const LIMIT = 16 * 1024;

describe('bulk requests over the store\'s content length limit', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ retries: 2, sleepMs: 2, storeMaxContentLength: LIMIT });
  });
  afterEach(async () => {
    await h.close();
  });

  it('splits a bulk refused with 413 until the parts fit, and indexes every log', async () => {
    const logs = makeLogs(A, range(0, 40), { padding: 'x'.repeat(600) }); // ~40 × 1.2 KB signed
    const res = await h.post(logs);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ logs: 40, indexed: 40, dlq: 0 });
    const docs = (await h.storedDocs(A)).map((d) => d.source);
    expect(iterationsOf(docs)).toEqual(range(0, 40));
    expect(seqsOf(docs)).toEqual(range(0, 40));
    expect(h.verify(A, docs).errors).toEqual([]);
    expect(h.dlqLines(A)).toEqual([]);
    const m = await h.metrics();
    expect(m.value('elasticsearch_requests', { result: 'failure', retry_reason: 'none' })).toBeGreaterThan(0);
  });

  it('sends a single log larger than the limit to the DLQ (it can never be indexed as is)', async () => {
    const [big, small] = [makeLogs(A, [0], { padding: 'y'.repeat(LIMIT) })[0]!, makeLogs(A, [1])[0]!];
    const res = await h.post([big, small]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ indexed: 1, dlq: 1 });
    expect(seqsOf((await h.storedDocs(A)).map((d) => d.source))).toEqual([1]);
    const lines = h.dlqLines(A);
    expect(lines.map((l) => l.document.seq)).toEqual([0]);
    expect(lines[0]?.el_error?.reason).toMatch(/413|too large|content length/i);
    const all = [...(await h.storedDocs(A)).map((d) => d.source), ...lines.map((l) => l.document)];
    expect(h.verify(A, all).errors).toEqual([]);
  });
});
