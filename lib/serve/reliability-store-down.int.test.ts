// Issue 4 §8, scenario 1: the store goes down during ingest. Nothing that was signed may be lost,
// the chain head goes back (no gap), and once the store is back the same chain continues.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { iterationsOf, makeLogs, range, seqsOf, startHarness, testChain, type Harness } from './__fixtures__/reliability-harness';

const A = testChain('down');

describe('store down during ingest', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ retries: 2, sleepMs: 5 });
  });
  afterEach(async () => {
    await h.close();
  });

  it('answers 503 without consuming iterations, then continues the same chain once the store is back', async () => {
    const first = await h.post(makeLogs(A, range(0, 5)));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ logs: 5, indexed: 5, dlq: 0 });
    expect(h.keyIteration(A)).toBe(5);
    const before = await h.metrics();

    await h.stopStore();
    // Signed, written to the outbox, refused by a store that is not there: rolled back.
    const down = await h.post(makeLogs(A, range(5, 4)));
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ error: { code: 'ERR_CHAINS_UNAVAILABLE' } });
    // A second batch while the store is still down (the circuit breaker probes, signs nothing).
    const again = await h.post(makeLogs(A, range(5, 4)));
    expect(again.status).toBe(503);
    expect(h.keyIteration(A)).toBe(5);
    const during = await h.metrics();
    expect(during.value('signet_chain_iteration', { chain: A.name })).toBe(5);
    expect(during.value('signet_chain_outbox_pending', { chain: A.name })).toBe(0);
    expect(during.since(before, 'processed_requests', { result: 'failure', failure_type: 'elasticsearch_error' })).toBe(2);
    // Every log of a refused request is a failure, whether it was signed and rolled back (first
    // request) or refused before signing by the circuit breaker (second).
    expect(during.since(before, 'processed_logs', { result: 'failure' })).toBe(8);
    expect(during.since(before, 'received_logs', { tenant: A.customer, retention: '6_months', tag: '0' })).toBe(8);
    expect(during.since(before, 'received_requests')).toBe(2);
    expect(during.since(before, 'el_proxy_response_time_count')).toBe(2);
    // Every attempt of the delivery reached no store: one failure per attempt, retries labelled global.
    expect(during.since(before, 'elasticsearch_requests', { result: 'failure', retry_reason: 'none' })).toBe(1);
    expect(during.since(before, 'elasticsearch_requests', { result: 'failure', retry_reason: 'global' })).toBe(2);
    // El Proxy's names, each series labelled service_name="elproxy" (NetEye's dashboards rely on it).
    for (const name of ['received_requests', 'processed_requests', 'received_logs', 'processed_logs', 'elasticsearch_requests', 'el_proxy_response_time_bucket', 'write_logs_elasticsearch_response_time_bucket']) {
      const series = during.text.split('\n').filter((l) => l.startsWith(`${name}{`));
      expect(series.length, name).toBeGreaterThan(0);
      for (const l of series) expect(l).toContain('service_name="elproxy"');
    }
    const health = await h.get('/api/v1/status/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'down', store: { reachable: false } });
    // Signet's own log says so once, with the reason the shippers get — not once per request.
    const refusals = h.log.filter((l) => l.startsWith('ingest refused'));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatch(/^ingest refused \(elasticsearch_error\): .*Elasticsearch.*; shippers get 503 and send again until this clears$/);

    await h.startStore();
    // The shipper re-sends the refused batch: signed again at the same iterations.
    const resent = await h.post(makeLogs(A, range(5, 4)));
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ logs: 4, indexed: 4, dlq: 0 });
    expect((await h.post(makeLogs(A, range(9, 3)))).status).toBe(200);
    expect(h.keyIteration(A)).toBe(12);
    const healthy = await h.get('/api/v1/status/health');
    expect(healthy.status).toBe(200);
    expect(healthy.body).toMatchObject({ store: { reachable: true } });

    const docs = (await h.storedDocs(A)).map((d) => d.source);
    expect(iterationsOf(docs)).toEqual(range(0, 12));
    expect(seqsOf(docs)).toEqual(range(0, 12));
    const verdict = h.verify(A, docs);
    expect(verdict.errors).toEqual([]);
    expect(verdict.duplicateIterations).toEqual([]);
    expect(verdict.nextIteration).toBe(12);
    expect(h.dlqLines(A)).toEqual([]);
    expect((await h.get('/api/v1/status/dlq')).body).toMatchObject({ empty: true });
  });

  it('answers 503 for a new chain while the store is down, and creates it once the store is back', async () => {
    await h.stopStore();
    const B = testChain('fresh');
    const res = await h.post(makeLogs(B, range(0, 3)));
    expect(res.status).toBe(503);
    expect(h.keyIteration(B)).toBeNull();
    await h.startStore();
    expect((await h.post(makeLogs(B, range(0, 3)))).status).toBe(200);
    const docs = (await h.storedDocs(B)).map((d) => d.source);
    expect(iterationsOf(docs)).toEqual([0, 1, 2]);
    expect(h.verify(B, docs).errors).toEqual([]);
  });
});

describe('store down when Signet starts', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ retries: 1, sleepMs: 2, storeDownAtStart: true });
  });
  afterEach(async () => {
    await h.close();
  });

  it('writes only once the index templates are installed: the chain gets its data stream, not a plain index', async () => {
    expect((await h.post(makeLogs(A, [0]))).status).toBe(503);
    await h.startStore();
    // The store is back before the background template retry: the first write must install them.
    const res = await h.post(makeLogs(A, range(0, 3)));
    expect(res.status).toBe(200);
    const ds = await h.esRequest('GET', `/_data_stream/${A.dataStream}`);
    expect(ds.status).toBe(200);
    const stream = ((ds.body as { data_streams: { template: string }[] }).data_streams)[0];
    expect(stream?.template).toBe('el-proxy-6_months-retention');
    const docs = (await h.storedDocs(A)).map((d) => d.source);
    expect(iterationsOf(docs)).toEqual([0, 1, 2]);
    expect(h.verify(A, docs).errors).toEqual([]);
  });
});
