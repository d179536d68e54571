// A limit beyond El Proxy: `max_blockchains`. Chain names come from the logs, so a shipper that
// puts a varying value into `blockchain_tag` must not open chains (files, data streams) without
// end. Logs of a new chain beyond the limit are kept unsigned in the DLQ's rejected area with the
// reason, the rest of the batch is signed (200), chains that exist go on, and health says why.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRejected } from './__fixtures__/stored-chains';
import { makeLog, makeLogs, seqsOf, startHarness, testChain, type Harness } from './__fixtures__/reliability-harness';

const A = testChain('alpha');
const B = testChain('beta');
const C = testChain('gamma');

describe('max_blockchains', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ maxBlockchains: 2 });
  });
  afterEach(async () => {
    await h.close();
  });

  it('keeps the logs of a third chain in the rejected area with the reason; the two chains go on', async () => {
    expect((await h.post(makeLogs(A, [0, 1]))).status).toBe(200);
    expect((await h.get('/api/v1/status/health')).body).toMatchObject({ chains: { total: 1, max: 2 } });
    const before = await h.metrics();

    const res = await h.post([makeLog(B, 0), makeLog(C, 0), makeLog(A, 2), makeLog(C, 1)]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ logs: 4, indexed: 2, dlq: 0, rejected: 2, chains: [B.name, A.name] });
    const rejected = readRejected(h.dlqDir);
    expect(rejected.map((r) => (r.log as { seq: number }).seq)).toEqual([0, 1]);
    for (const r of rejected) {
      expect(r.reason).toBe(`blockchain ${C.name} would be new, but this instance already keeps max_blockchains (2) blockchains; raise max_blockchains to start it`);
      expect((r.log as { EBP_METADATA: { customer: string } }).EBP_METADATA.customer).toBe('gamma');
    }
    expect(seqsOf((await h.storedDocs(A)).map((d) => d.source))).toEqual([0, 1, 2]);
    expect(seqsOf((await h.storedDocs(B)).map((d) => d.source))).toEqual([0]);
    expect(await h.storedDocs(C)).toEqual([]);

    const health = (await h.get('/api/v1/status/health')).body as { status: string; problems: string[]; chains: { total: number; max: number } };
    expect(health.status).toBe('degraded');
    expect(health.problems).toContain('max_blockchains reached (2 of 2): logs of new blockchains go to the rejected area');
    expect(health.chains).toMatchObject({ total: 2, max: 2 });
    const m = await h.metrics();
    expect(m.since(before, 'processed_logs', { result: 'indexed' })).toBe(2);
    expect(m.since(before, 'processed_requests', { result: 'success', failure_type: 'none' })).toBe(1);

    // Still refused on the next request; the existing chains keep signing.
    expect((await h.post([makeLog(C, 2), makeLog(B, 1)])).body).toMatchObject({ indexed: 1, rejected: 1 });
    expect(readRejected(h.dlqDir)).toHaveLength(3);
  });
});
