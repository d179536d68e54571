import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { createIngestService } from './index';
import { createSignetMetrics } from '../metrics';

const meta = (customer: string, tag: string) => ({ agent: { type: 'auditbeat' }, customer, retention: '6_months', blockchain_tag: tag });

describe('received_logs', () => {
  it('counts every routed log under its own labels, for batches mixing chains in any order', async () => {
    const metrics = createSignetMetrics({ chains: () => [], dlqFiles: () => 0 });
    const handle = createIngestService({
      maxBodyBytes: 10_000,
      module: 'elproxysigned',
      authenticate: () => true,
      submit: async (l) => ({ indexed: l.length, dlq: 0 }),
      reject: async () => undefined,
      metrics,
    });
    const logs = [meta('a', '0'), meta('a', '0'), meta('b', '0'), meta('a', '0'), meta('a', '1'), null, meta('a', '1')].map((m, i) => (m === null ? { i } : { i, EBP_METADATA: m }));
    const r = await handle({
      kind: 'batch',
      method: 'POST',
      headers: { get: () => null },
      body: Readable.from([Buffer.from(JSON.stringify(logs))]),
      caller: { authorization: null, clientCertVerified: false },
      remote: null,
    });
    expect(r.body).toMatchObject({ logs: 7, rejected: 1 });
    const get = (tenant: string, tag: string) => metrics.receivedLogs.get({ tenant, retention: '6_months', tag });
    expect([get('a', '0'), get('b', '0'), get('a', '1')]).toEqual([3, 1, 2]);
  });
});
