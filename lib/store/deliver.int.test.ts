import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChainIdentity } from '../chain';
import type { BulkItem, StorePort } from '../chains';
import type { RetentionConfig } from '../config';
import { startEmbeddedEs } from '../embedded-es';
import { hasCode } from '../errors';
import { createSignetMetrics } from '../metrics';
import { signedItems, TEST_STREAM } from './__fixtures__/signed-docs';
import { assertLoopback, esConfig, startTestStore, type TestStore } from './__fixtures__/test-store';
import { createEsClient } from './create-es-client';
import { createStore } from './create-store';
import { ensureTemplates } from './templates/ensure-templates';

const RETENTION: RetentionConfig = { default: '6_months', policies: Object.assign(Object.create(null) as object, { '6_months': { name: '6_months', days: 180 } }) };

let t: TestStore;
let sleeps: number[] = [];
const metrics = createSignetMetrics({ chains: () => [], dlqFiles: () => 0 });

function store(o: { retries?: number; timeoutSecs?: number } = {}): StorePort {
  const client = o.timeoutSecs === undefined ? t.client : t.clientWith({ timeoutSecs: o.timeoutSecs });
  return createStore(client, { failureMaxRetries: o.retries ?? 2, failureSleepMsBetweenRetries: 50, metrics, sleep: async (ms) => void sleeps.push(ms) });
}

/** Distinct iterations per test, so that no test sees another one's documents as "exists". */
let nextIteration = 0;
function items(rawLogs: string[], o: Parameters<typeof signedItems>[1] = {}): BulkItem[] {
  const from = nextIteration;
  nextIteration += 100;
  return signedItems(rawLogs, { from, ...o });
}

const log = (extra = '') => `{"@timestamp":"2024-05-01T10:00:00Z","message":"hello","big":9007199254740993,"price":1.50${extra},"EBP_METADATA":{"customer":"acme","retention":"6_months","blockchain_tag":"0"}}`;

async function stored(index: string, id: string): Promise<string | null> {
  const search = await t.raw('POST', `/${index}/_search`, JSON.stringify({ query: { ids: { values: [id] } }, _source: false }));
  const hit = (JSON.parse(search.text) as { hits: { hits: { _index: string }[] } }).hits.hits[0];
  if (hit === undefined) return null;
  const res = await t.raw('GET', `/${hit._index}/_source/${encodeURIComponent(id)}`);
  return res.status === 200 ? res.text : null;
}

beforeAll(async () => {
  t = await startTestStore();
  await ensureTemplates(t.client, { module: 'elproxysigned', retention: RETENTION });
});
afterAll(() => t.close());
afterEach(() => {
  t.es.faults.clear();
  sleeps = [];
});

describe('deliver against the embedded store', () => {
  it('indexes signed documents byte for byte, and a replay finds them stored', async () => {
    const batch = items([log(), log(',"n":2')]);
    expect(await store().deliver(batch)).toEqual({ outcome: 'done', items: [{ status: 'indexed' }, { status: 'indexed' }] });
    for (const it of batch) expect(await stored(TEST_STREAM, it.id)).toBe(it.docText);
    expect(batch[0]!.docText).toContain('"big":9007199254740993,"price":1.50');
    expect(await store().deliver(batch)).toEqual({ outcome: 'done', items: [{ status: 'exists' }, { status: 'exists' }] });
  });

  it.each([429, 503])('retries a whole-request %i storm, then answers not_indexed with nothing written', async (status) => {
    const batch = items([log()]);
    t.es.faults.add({ path: '/_bulk', count: 3, action: 'status', status });
    const result = await store({ retries: 2 }).deliver(batch);
    expect(result).toMatchObject({ outcome: 'not_indexed', error: { type: status === 429 ? 'es_rejected_execution_exception' : 'unavailable_shards_exception' } });
    expect(sleeps).toEqual([50, 100]);
    expect(await stored(TEST_STREAM, batch[0]!.id)).toBeNull();
    // The storm is over: the same documents go through.
    expect(await store().deliver(batch)).toEqual({ outcome: 'done', items: [{ status: 'indexed' }] });
  });

  it('does not take a 409 for "stored" when another log holds that iteration (signed twice)', async () => {
    // Its own metrics: the metrics test below counts the shared registry's requests.
    const own = () => createStore(t.client, { failureMaxRetries: 2, failureSleepMsBetweenRetries: 50, metrics: createSignetMetrics({ chains: () => [], dlqFiles: () => 0 }), sleep: async () => undefined });
    const from = nextIteration;
    nextIteration += 100;
    const first = signedItems([log()], { from });
    expect(await own().deliver(first)).toEqual({ outcome: 'done', items: [{ status: 'indexed' }] });
    // Same chain and iteration (same _id), other content: a second signer of the same iteration.
    const other = signedItems([log(',"n":"intruder"')].map((l) => l.replace('"hello"', '"other"')), { from });
    expect(other[0]!.id).toBe(first[0]!.id);
    const result = await own().deliver(other);
    expect(result).toMatchObject({ outcome: 'done', items: [{ status: 'failed', error: { type: 'signet_iteration_conflict', reason: expect.stringContaining('signed twice') } }] });
    // The original stays; replaying the original still counts as stored.
    expect(await stored(TEST_STREAM, first[0]!.id)).toBe(first[0]!.docText);
    expect(await own().deliver(first)).toEqual({ outcome: 'done', items: [{ status: 'exists' }] });
  });

  it('rides out a storm shorter than the retry budget', async () => {
    const batch = items([log()]);
    t.es.faults.add({ path: '/_bulk', count: 2, action: 'status', status: 503 });
    expect(await store({ retries: 2 }).deliver(batch)).toEqual({ outcome: 'done', items: [{ status: 'indexed' }] });
  });

  it('answers not_indexed when the store is stopped (connection refused)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'signet-store-down-'));
    const down = await startEmbeddedEs({ dataDir: dir, host: '127.0.0.1', port: 0 });
    assertLoopback(down.url);
    await down.close();
    rmSync(dir, { recursive: true, force: true });
    const client = createEsClient(esConfig(), { url: down.url });
    try {
      const s = createStore(client, { failureMaxRetries: 1, failureSleepMsBetweenRetries: 0 });
      const result = await s.deliver(items([log()]));
      expect(result).toMatchObject({ outcome: 'not_indexed', error: { type: 'connection_error' } });
      expect(result.outcome === 'not_indexed' && result.error.reason).toMatch(/ECONNREFUSED/);
      expect(await s.ping()).toBe(false);
      const err = await s.maxIteration({ module: 'elproxysigned', customer: 'acme', retention: '6_months', tag: '0' }).catch((e: unknown) => e);
      expect(hasCode(err, 'ERR_STORE_UNAVAILABLE')).toBe(true);
    } finally {
      await client.close();
    }
  });

  it('answers uncertain for a dropped connection, which may indeed have written', async () => {
    const lost = items([log()]);
    t.es.faults.add({ path: '/_bulk', action: 'drop' });
    expect(await store({ retries: 0 }).deliver(lost)).toMatchObject({ outcome: 'uncertain', error: { type: 'connection_error' } });
    expect(await stored(TEST_STREAM, lost[0]!.id)).toBeNull();

    const applied = items([log()]);
    t.es.faults.add({ path: '/_bulk', action: 'drop', apply: true });
    expect(await store({ retries: 0 }).deliver(applied)).toMatchObject({ outcome: 'uncertain' });
    expect(await stored(TEST_STREAM, applied[0]!.id)).toBe(applied[0]!.docText);
  });

  it('finds the documents of a dropped-but-applied request stored when it retries', async () => {
    const batch = items([log()]);
    t.es.faults.add({ path: '/_bulk', action: 'drop', apply: true });
    expect(await store({ retries: 1 }).deliver(batch)).toEqual({ outcome: 'done', items: [{ status: 'exists' }] });
  });

  it('answers uncertain when the store answers after the request timeout', async () => {
    const batch = items([log()]);
    t.es.faults.add({ path: '/_bulk', action: 'delay', delay_ms: 1200 });
    expect(await store({ retries: 0, timeoutSecs: 0.4 }).deliver(batch)).toEqual({ outcome: 'uncertain', error: { type: 'timeout_error', reason: 'Request timed out' } });
    // The late request was executed after all: "uncertain" was the truth.
    await delay(1200);
    expect(await stored(TEST_STREAM, batch[0]!.id)).toBe(batch[0]!.docText);
  });

  it('re-sends an item refused with 429', async () => {
    const batch = items([log(), log(',"n":2'), log(',"n":3')]);
    t.es.faults.add({ path: '/_bulk', action: 'bulk_items', items: { '1': { status: 429 } } });
    expect(await store().deliver(batch)).toEqual({ outcome: 'done', items: [{ status: 'indexed' }, { status: 'indexed' }, { status: 'indexed' }] });
    expect(sleeps).toEqual([50]);
    for (const it of batch) expect(await stored(TEST_STREAM, it.id)).toBe(it.docText);
  });

  it('indexes without a missing pipeline, tagged _ebp_remove_pipeline', async () => {
    const batch = items([log(',"tags":["auth"]')], { pipeline: 'no-such-pipeline' });
    expect(await store().deliver(batch)).toEqual({ outcome: 'done', items: [{ status: 'indexed' }] });
    expect(await stored(TEST_STREAM, batch[0]!.id)).toBe(batch[0]!.docText.replace('"tags":["auth"]', '"tags":["auth","_ebp_remove_pipeline"]'));
  });

  it.each([
    ['a fail processor', { processors: [{ fail: { message: 'refused by pipeline' } }] }],
    ['a lowercase processor on a number', { processors: [{ lowercase: { field: 'price' } }] }],
  ])('reduces to the signed fields a document that %s refuses', async (_name, pipeline) => {
    const id = `p-${nextIteration}`;
    expect((await t.raw('PUT', `/_ingest/pipeline/${id}`, JSON.stringify(pipeline))).status).toBe(200);
    const batch = items([log(',"host":{"name":"web-1"}')], { pipeline: id, includeFields: ['message', 'big'] });
    expect(await store().deliver(batch)).toEqual({ outcome: 'done', items: [{ status: 'indexed' }] });
    // The signed fields in their signed (canonical) order, @timestamp, ES_BLOCKCHAIN: nothing else.
    const blockchain = batch[0]!.docText.slice(batch[0]!.docText.indexOf('"ES_BLOCKCHAIN":'), -1);
    expect(await stored(TEST_STREAM, batch[0]!.id)).toBe(`{"big":9007199254740993,"message":"hello","@timestamp":"2024-05-01T10:00:00Z",${blockchain}}`);
  });

  describe('mapping conflicts (host mapped as an object, sent as a string)', () => {
    const stream = 'winlogbeat-8.1.0-elproxysigned-acme-6_months-0';
    beforeAll(async () => {
      expect((await store().deliver(items([log(',"host":{"name":"web-1"}')], { index: stream })))).toMatchObject({ outcome: 'done' });
    });

    it('drops an unsigned conflicting field by reducing the document', async () => {
      const batch = items([log(',"host":"x"')], { index: stream, includeFields: ['message'] });
      expect(await store().deliver(batch)).toEqual({ outcome: 'done', items: [{ status: 'indexed' }] });
      const doc = await stored(stream, batch[0]!.id);
      expect(doc).not.toContain('"host"');
      expect(doc).toMatch(/^\{"message":"hello","@timestamp":"2024-05-01T10:00:00Z","ES_BLOCKCHAIN":/);
    });

    it('fails a signed conflicting field with Elasticsearch error (for the DLQ)', async () => {
      const batch = items([log(',"host":"x"')], { index: stream, includeFields: ['message', 'host'] });
      const result = await store().deliver(batch);
      expect(result).toMatchObject({ outcome: 'done', items: [{ status: 'failed', error: { type: 'document_parsing_exception' } }] });
      expect(await stored(stream, batch[0]!.id)).toBeNull();
    });
  });

  it('counts requests and response times in the Prometheus metrics', async () => {
    const text = metrics.render();
    expect(text).toMatch(/elasticsearch_requests\{[^}]*result="success"[^}]*retry_reason="none"[^}]*\} \d+/);
    expect(text).toMatch(/elasticsearch_requests\{[^}]*result="failure"[^}]*retry_reason="global"[^}]*\} \d+/);
    expect(text).toMatch(/elasticsearch_requests\{[^}]*result="success"[^}]*retry_reason="pipeline"[^}]*\} 1/);
    expect(text).toMatch(/elasticsearch_requests\{[^}]*result="success"[^}]*retry_reason="malformed_logs"[^}]*\} 3/);
    expect(text).toMatch(/elasticsearch_requests\{[^}]*result="partial_failure"[^}]*retry_reason="malformed_logs"[^}]*\} 1/);
    const count = /write_logs_elasticsearch_response_time_count\{[^}]*\} (\d+)/.exec(text);
    expect(Number(count?.[1])).toBeGreaterThan(20);
  });
});

describe('maxIteration and ping against the embedded store', () => {
  const chain: ChainIdentity = { module: 'elproxysigned', customer: 'globex', retention: '6_months', tag: '7' };

  it('is null for a chain without logs, then the highest iteration across its data streams', async () => {
    const s = store();
    expect(await s.maxIteration(chain)).toBeNull();
    await s.deliver(signedItems([log(), log()], { chain, from: 40, index: 'auditbeat-7.10.1-elproxysigned-globex-6_months-7' }));
    await s.deliver(signedItems([log()], { chain, from: 1234, index: 'logs-nginx.access-elproxysigned-globex-6_months-7' }));
    await s.deliver(signedItems([log()], { chain, from: 300, index: 'filebeat-8.1.0-elproxysigned-globex-6_months-7' }));
    // Another chain's logs do not count.
    await s.deliver(signedItems([log()], { chain: { ...chain, tag: '8' }, from: 99_999, index: 'filebeat-8.1.0-elproxysigned-globex-6_months-8' }));
    expect(await s.maxIteration(chain)).toBe(1234);
    expect(await s.ping()).toBe(true);
  });
});
