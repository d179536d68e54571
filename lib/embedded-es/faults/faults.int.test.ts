import { errors } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, rejection, startTestStore, type TestStore } from '../__fixtures__/test-store';
import { EmbeddedEsError } from '../errors/embedded-es-error';

let t: TestStore;
let off: TestStore;
beforeAll(async () => {
  t = await startTestStore({ faultInjection: true });
  off = await startTestStore();
});
afterAll(async () => {
  await t.close();
  await off.close();
});

describe('fault injection', () => {
  it('is absent unless enabled', async () => {
    const res = await off.raw('POST', '/_signet/faults', JSON.stringify({ path: '/_bulk', action: 'status', status: 429 }));
    expect(res.json).toEqual({ error: 'no handler found for uri [/_signet/faults] and method [POST]' });
    expect(() => off.es.faults.add({ path: '/_bulk', action: 'status', status: 429 })).toThrow(EmbeddedEsError);
  });

  it('answers the next N matching requests with a status and an Elasticsearch body', async () => {
    t.es.faults.add({ path: '/_bulk', count: 2, action: 'status', status: 429 });
    const ops = { operations: [{ create: { _index: 'f1' } }, { a: 1 }] };
    for (let i = 0; i < 2; i++) {
      const err = await rejection(t.client.bulk(ops));
      expect(err).toBeInstanceOf(errors.ResponseError);
      expect(err.statusCode).toBe(429);
      expect(err.body).toMatchObject({ error: { type: 'es_rejected_execution_exception' }, status: 429 });
    }
    expect((await t.client.bulk(ops)).errors).toBe(false);
    expect((await t.client.count({ index: 'f1' })).count).toBe(1);
  });

  it('is driven over HTTP with method filters, regex paths, listing and clearing', async () => {
    const add = await t.raw('POST', '/_signet/faults', JSON.stringify({ path: '^/[^/]+/_doc/.+$', method: 'PUT', count: 5, action: 'status', status: 503 }));
    expect(add.json).toMatchObject({ acknowledged: true, id: expect.any(String) });
    expect((await t.raw('GET', '/f2/_doc/1')).status).toBe(404);
    expect((await t.raw('PUT', '/f2/_doc/1', '{"a":1}')).status).toBe(503);
    expect((await t.raw('GET', '/_signet/faults')).json).toMatchObject({ faults: [{ action: 'status', remaining: 4, method: 'PUT' }] });
    expect((await t.raw('DELETE', '/_signet/faults')).status).toBe(200);
    expect((await t.raw('PUT', '/f2/_doc/1', '{"a":1}')).status).toBe(201);
    const bad = await t.raw('POST', '/_signet/faults', JSON.stringify({ path: '/x', action: 'status' }));
    expect(bad.status).toBe(400);
  });

  it('delays a request and then runs it', async () => {
    t.es.faults.add({ path: '/f3/_doc/1', action: 'delay', delay_ms: 300 });
    const t0 = Date.now();
    await t.client.index({ index: 'f3', id: '1', document: { a: 1 } });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(await t.client.exists({ index: 'f3', id: '1' })).toBe(true);
  });

  it('drops the connection, with the write applied (durably) or not', async () => {
    t.es.faults.add({ path: '/f4/_doc/lost', action: 'drop' });
    const lost = await t.client.index({ index: 'f4', id: 'lost', document: { a: 1 } }).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(errors.ConnectionError);
    expect(await t.client.exists({ index: 'f4', id: 'lost' })).toBe(false);
    t.es.faults.add({ path: '/f4/_doc/kept', action: 'drop', apply: true });
    const kept = await t.client.index({ index: 'f4', id: 'kept', document: { a: 1 } }).catch((e: unknown) => e);
    expect(kept).toBeInstanceOf(errors.ConnectionError);
    expect(await t.client.exists({ index: 'f4', id: 'kept' })).toBe(true);
  });

  it('fails chosen bulk items, which helpers.bulk retries when they are 429s', async () => {
    t.es.faults.add({ path: '/_bulk', action: 'bulk_items', items: { '1': { status: 400, type: 'document_parsing_exception', reason: 'injected' } } });
    const res = await t.raw('POST', '/_bulk', ndjson([{ create: { _index: 'f5', _id: 'a' } }, { n: 1 }, { create: { _index: 'f5', _id: 'b' } }, { n: 2 }]));
    expect(res.json).toMatchObject({
      errors: true,
      items: [{ create: { _id: 'a', status: 201 } }, { create: { _index: 'f5', _id: 'b', status: 400, error: { type: 'document_parsing_exception', reason: 'injected' } } }],
    });
    expect(await t.client.exists({ index: 'f5', id: 'b' })).toBe(false);
    t.es.faults.add({ path: '/_bulk', action: 'bulk_items', items: { '0': { status: 429 } } });
    const stats = await t.client.helpers.bulk({ datasource: [{ n: 3 }, { n: 4 }], onDocument: () => ({ create: { _index: 'f6' } }), retries: 2, wait: 10, onDrop: () => undefined });
    expect(stats).toMatchObject({ total: 2, successful: 2, failed: 0 });
    expect(stats.retry).toBeGreaterThan(0);
    expect((await t.client.count({ index: 'f6' })).count).toBe(2);
  });
});
