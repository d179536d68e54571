import { errors } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import type { BulkItem } from '../chains';
import { bulkActions, bulkDocs, bulkReply, errorReply, mockClient, type RecordedRequest, type Reply } from './__fixtures__/mock-client';
import { createStore } from './create-store';
import type { StoreMetrics } from './store-metrics';

function item(n: number, over: Partial<BulkItem> = {}): BulkItem {
  return {
    index: 'auditbeat-7.10.1-elproxysigned-acme-6_months-0',
    id: `elproxysigned-acme-6_months-0-${n}`,
    pipeline: null,
    docText: `{"@timestamp":"2024-01-01T00:00:00Z","n":${n},"big":9007199254740993,"price":1.50,"host":"h","EBP_METADATA":{"customer":"acme"},"ES_BLOCKCHAIN":{"fields":{"n":${n},"big":9007199254740993},"hash":"${'c'.repeat(64)}","previous_hash":null,"iteration":${n},"timestamp_ms":1,"version":1}}`,
    ...over,
  };
}

function recordingMetrics() {
  const requests: string[] = [];
  const times: number[] = [];
  const metrics: StoreMetrics = {
    esRequests: { inc: (l) => void requests.push(`${l.result}/${l.retry_reason}`) },
    esResponseTime: { observe: (v) => void times.push(v) },
  };
  return { metrics, requests, times };
}

function setup(reply: (req: RecordedRequest, n: number) => Reply, o: { retries?: number; base?: number } = {}) {
  const { client, requests } = mockClient(reply);
  const sleeps: number[] = [];
  const m = recordingMetrics();
  const store = createStore(client, {
    failureMaxRetries: o.retries ?? 3,
    failureSleepMsBetweenRetries: o.base ?? 100,
    metrics: m.metrics,
    sleep: async (ms) => void sleeps.push(ms),
  });
  return { store, requests, sleeps, metricLabels: m.requests, times: m.times };
}

const REFUSED = () => new errors.ConnectionError('connect ECONNREFUSED 127.0.0.1:9200');

describe('deliver: one request, exact bytes', () => {
  it('sends one _bulk with create actions and the documents byte for byte', async () => {
    const items = [item(0), item(1, { pipeline: 'p1' })];
    const t = setup(() => bulkReply([{ status: 201 }, { status: 201 }]));
    const result = await t.store.deliver(items);
    expect(result).toEqual({ outcome: 'done', items: [{ status: 'indexed' }, { status: 'indexed' }] });
    expect(t.requests).toHaveLength(1);
    const req = t.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/_bulk');
    expect(req.headers['content-type']).toMatch(/x-ndjson/);
    expect(req.body).toBe(
      `{"create":{"_index":"${items[0]!.index}","_id":"${items[0]!.id}"}}\n${items[0]!.docText}\n` +
        `{"create":{"_index":"${items[1]!.index}","_id":"${items[1]!.id}","pipeline":"p1"}}\n${items[1]!.docText}\n`,
    );
    expect(req.body).toContain('"big":9007199254740993,"price":1.50');
    expect(t.metricLabels).toEqual(['success/none']);
    expect(t.times).toHaveLength(1);
    expect(t.sleeps).toEqual([]);
  });

  it('turns raw line breaks between tokens into spaces so that each document stays on one line', async () => {
    const t = setup(() => bulkReply([{ status: 201 }]));
    await t.store.deliver([item(0, { docText: '{"a":1,\n"b":"x\\ny"\r\n}' })]);
    expect(bulkDocs(t.requests[0]!)).toEqual(['{"a":1, "b":"x\\ny"  }']);
  });

  it('answers done with no request for an empty delivery', async () => {
    const t = setup(() => bulkReply([]));
    expect(await t.store.deliver([])).toEqual({ outcome: 'done', items: [] });
    expect(t.requests).toHaveLength(0);
  });

  it('reports a 409 version conflict as exists (a replay)', async () => {
    const t = setup(() => bulkReply([{ status: 409, type: 'version_conflict_engine_exception' }, { status: 201 }]));
    expect(await t.store.deliver([item(0), item(1)])).toEqual({ outcome: 'done', items: [{ status: 'exists' }, { status: 'indexed' }] });
    expect(t.metricLabels).toEqual(['success/none']);
  });
});

describe('deliver: whole-request failures', () => {
  it('retries a 429 storm with exponential back-off, then answers not_indexed', async () => {
    const t = setup(() => errorReply(429, 'es_rejected_execution_exception', 'rejected execution'), { retries: 3, base: 100 });
    const result = await t.store.deliver([item(0), item(1)]);
    expect(result).toEqual({ outcome: 'not_indexed', error: { type: 'es_rejected_execution_exception', reason: 'rejected execution' } });
    expect(t.requests).toHaveLength(4);
    expect(t.sleeps).toEqual([100, 200, 400]);
    expect(t.metricLabels).toEqual(['failure/none', 'failure/global', 'failure/global', 'failure/global']);
  });

  it('caps the back-off at 30 s', async () => {
    const t = setup(() => errorReply(503, 'unavailable_shards_exception'), { retries: 4, base: 10_000 });
    expect((await t.store.deliver([item(0)])).outcome).toBe('not_indexed');
    expect(t.sleeps).toEqual([10_000, 20_000, 30_000, 30_000]);
  });

  it('succeeds when a retry gets through', async () => {
    const t = setup((_r, n) => (n < 2 ? errorReply(503, 'unavailable_shards_exception') : bulkReply([{ status: 201 }])));
    expect(await t.store.deliver([item(0)])).toEqual({ outcome: 'done', items: [{ status: 'indexed' }] });
    expect(t.metricLabels).toEqual(['failure/none', 'failure/global', 'success/global']);
  });

  it('does not retry with failureMaxRetries = 0', async () => {
    const t = setup(() => REFUSED(), { retries: 0 });
    expect(await t.store.deliver([item(0)])).toEqual({ outcome: 'not_indexed', error: { type: 'connection_error', reason: 'connect ECONNREFUSED 127.0.0.1:9200' } });
    expect(t.requests).toHaveLength(1);
    expect(t.sleeps).toEqual([]);
  });

  it.each([
    ['a DNS failure', () => new errors.ConnectionError('getaddrinfo ENOTFOUND es.example')],
    ['a 401', () => errorReply(401, 'security_exception', 'missing authentication credentials')],
    ['a 403', () => errorReply(403, 'security_exception', 'action [indices:data/write/bulk] is unauthorized')],
    ['an untrusted server certificate', () => new errors.ConnectionError('self-signed certificate in certificate chain')],
  ])('treats %s as not written', async (_name, failure) => {
    const t = setup(() => failure(), { retries: 1 });
    expect((await t.store.deliver([item(0)])).outcome).toBe('not_indexed');
  });

  it.each([
    ['a dropped connection', () => new errors.ConnectionError('other side closed - Local: 127.0.0.1:1, Remote: 127.0.0.1:2')],
    ['a timeout', () => new errors.TimeoutError('Request timed out')],
    ['a 500', () => errorReply(500, 'exception', 'boom')],
    ['a 502 from a proxy', () => ({ status: 502, body: '<html>bad gateway</html>' })],
    ['a 504', () => errorReply(504, 'timeout_exception')],
    ['a product check failure', () => new errors.ProductNotSupportedError('Elasticsearch', { body: undefined, statusCode: 200, headers: {}, warnings: null, meta: {} as never })],
  ])('treats %s as uncertain', async (_name, failure) => {
    const t = setup(() => failure() as Reply, { retries: 1 });
    const result = await t.store.deliver([item(0), item(1)]);
    expect(result.outcome).toBe('uncertain');
    expect(t.requests).toHaveLength(2);
  });

  it('stays uncertain when a request that may have written is followed by refusals', async () => {
    const t = setup((_r, n) => (n === 0 ? new errors.TimeoutError('Request timed out') : REFUSED()), { retries: 2 });
    expect(await t.store.deliver([item(0)])).toEqual({ outcome: 'uncertain', error: { type: 'connection_error', reason: 'connect ECONNREFUSED 127.0.0.1:9200' } });
  });

  it('finds items already stored after an uncertain attempt', async () => {
    const t = setup((_r, n) => (n === 0 ? new errors.ConnectionError('other side closed') : bulkReply([{ status: 409, type: 'version_conflict_engine_exception' }, { status: 201 }])));
    expect(await t.store.deliver([item(0), item(1)])).toEqual({ outcome: 'done', items: [{ status: 'exists' }, { status: 'indexed' }] });
  });

  it('fails every item of a request Elasticsearch refuses as a whole (4xx), without retrying the same bytes', async () => {
    const t = setup(() => errorReply(400, 'illegal_argument_exception', 'Malformed action/metadata line [1]'));
    const result = await t.store.deliver([item(0), item(1)]);
    const failed = { status: 'failed', error: { type: 'illegal_argument_exception', reason: 'Malformed action/metadata line [1]' } };
    expect(result).toEqual({ outcome: 'done', items: [failed, failed] });
    expect(t.requests).toHaveLength(1);
  });

  it('treats a response whose items do not match the request as uncertain', async () => {
    const t = setup(() => bulkReply([{ status: 201 }]), { retries: 0 });
    expect(await t.store.deliver([item(0), item(1)])).toMatchObject({ outcome: 'uncertain', error: { type: 'invalid_response' } });
  });
});

describe('deliver: per-item strategies', () => {
  it('re-sends 429 and 5xx items, alone, in the next attempt', async () => {
    const t = setup((_r, n) => (n === 0 ? bulkReply([{ status: 201 }, { status: 429, type: 'es_rejected_execution_exception' }, { status: 503 }]) : bulkReply([{ status: 201 }, { status: 201 }])));
    const result = await t.store.deliver([item(0), item(1), item(2)]);
    expect(result).toEqual({ outcome: 'done', items: [{ status: 'indexed' }, { status: 'indexed' }, { status: 'indexed' }] });
    expect(bulkActions(t.requests[1]!).map((a) => a.create._id)).toEqual([item(1).id, item(2).id]);
    expect(t.sleeps).toEqual([100]);
    expect(t.metricLabels).toEqual(['partial_failure/none', 'success/global']);
  });

  it('fails items still refused with 429 when the budget is spent, once something was written', async () => {
    const t = setup((_r, n) => (n === 0 ? bulkReply([{ status: 201 }, { status: 429, type: 'es_rejected_execution_exception', reason: 'queue full' }]) : bulkReply([{ status: 429, type: 'es_rejected_execution_exception', reason: 'queue full' }])), { retries: 2 });
    expect(await t.store.deliver([item(0), item(1)])).toEqual({
      outcome: 'done',
      items: [{ status: 'indexed' }, { status: 'failed', error: { type: 'es_rejected_execution_exception', reason: 'queue full' } }],
    });
    expect(t.requests).toHaveLength(3);
  });

  it('answers not_indexed when every item was refused with 429 until the budget ran out', async () => {
    const t = setup(() => bulkReply([{ status: 429, type: 'es_rejected_execution_exception' }, { status: 429, type: 'es_rejected_execution_exception' }]), { retries: 1 });
    expect((await t.store.deliver([item(0), item(1)])).outcome).toBe('not_indexed');
  });

  it('keeps what was indexed when a later attempt fails in a way that may have written', async () => {
    const t = setup((_r, n) => (n === 0 ? bulkReply([{ status: 201 }, { status: 503 }]) : new errors.TimeoutError('Request timed out')), { retries: 1 });
    expect(await t.store.deliver([item(0), item(1)])).toEqual({
      outcome: 'done',
      items: [{ status: 'indexed' }, { status: 'failed', error: { type: 'timeout_error', reason: 'Request timed out' } }],
    });
  });

  it('re-indexes without a missing pipeline, tagged _ebp_remove_pipeline', async () => {
    const missing = { status: 400, type: 'illegal_argument_exception', reason: 'pipeline with id [p1] does not exist' };
    const t = setup((_r, n) => (n === 0 ? bulkReply([{ status: 201 }, missing]) : bulkReply([{ status: 201 }])));
    const result = await t.store.deliver([item(0, { pipeline: 'p1' }), item(1, { pipeline: 'p1' })]);
    expect(result).toEqual({ outcome: 'done', items: [{ status: 'indexed' }, { status: 'indexed' }] });
    const retry = t.requests[1]!;
    // `_none`, not just no pipeline: an index default_pipeline must not run instead.
    expect(bulkActions(retry)).toEqual([{ create: { _index: item(1).index, _id: item(1).id, pipeline: '_none' } }]);
    expect(bulkDocs(retry)[0]).toBe(item(1).docText.slice(0, -1) + ',"tags":["_ebp_remove_pipeline"]}');
    expect(t.sleeps).toEqual([]);
    expect(t.metricLabels).toEqual(['partial_failure/none', 'success/pipeline']);
  });

  it('reduces to the signed fields when the pipeline-less document is refused too', async () => {
    const t = setup((_r, n) =>
      n === 0
        ? bulkReply([{ status: 400, type: 'illegal_argument_exception', reason: 'pipeline with id [p1] does not exist' }])
        : n === 1
          ? bulkReply([{ status: 400, type: 'document_parsing_exception', reason: 'failed to parse field [host]' }])
          : bulkReply([{ status: 201 }]),
    );
    expect(await t.store.deliver([item(7, { pipeline: 'p1' })])).toEqual({ outcome: 'done', items: [{ status: 'indexed' }] });
    // The pipeline is known to be missing: the reduced form skips pipelines too.
    expect(bulkActions(t.requests[2]!)).toEqual([{ create: { _index: item(7).index, _id: item(7).id, pipeline: '_none' } }]);
    // Reduced from the signed document, not from the tagged one: no tags.
    expect(bulkDocs(t.requests[2]!)[0]).toBe(
      `{"n":7,"big":9007199254740993,"@timestamp":"2024-01-01T00:00:00Z","ES_BLOCKCHAIN":{"fields":{"n":7,"big":9007199254740993},"hash":"${'c'.repeat(64)}","previous_hash":null,"iteration":7,"timestamp_ms":1,"version":1}}`,
    );
    expect(t.metricLabels).toEqual(['partial_failure/none', 'partial_failure/pipeline', 'success/malformed_logs']);
  });

  it('reduces a document refused for a mapping conflict, and fails it with Elasticsearch error when that is refused too', async () => {
    const conflict = { status: 400, type: 'document_parsing_exception', reason: '[1:2] object mapping for [host] tried to parse field [host] as object, but found a concrete value' };
    const t = setup((_r, n) => (n === 0 ? bulkReply([{ status: 201 }, conflict]) : bulkReply([conflict])));
    expect(await t.store.deliver([item(0), item(1)])).toEqual({
      outcome: 'done',
      items: [{ status: 'indexed' }, { status: 'failed', error: { type: conflict.type, reason: conflict.reason } }],
    });
    expect(t.requests).toHaveLength(2);
    expect(t.metricLabels).toEqual(['partial_failure/none', 'partial_failure/malformed_logs']);
  });

  it('skips a missing default pipeline with `_none` for a document sent without a pipeline', async () => {
    const t = setup((_r, n) => (n === 0 ? bulkReply([{ status: 400, type: 'illegal_argument_exception', reason: 'pipeline with id [dflt] does not exist' }]) : bulkReply([{ status: 201 }])));
    expect(await t.store.deliver([item(0)])).toEqual({ outcome: 'done', items: [{ status: 'indexed' }] });
    expect(bulkActions(t.requests[1]!)).toEqual([{ create: { _index: item(0).index, _id: item(0).id, pipeline: '_none' } }]);
    expect(bulkDocs(t.requests[1]!)[0]).toBe(item(0).docText.slice(0, -1) + ',"tags":["_ebp_remove_pipeline"]}');
    expect(t.metricLabels).toEqual(['partial_failure/none', 'success/pipeline']);
  });

  it('reduces without naming a pipeline when the document was refused for another reason', async () => {
    const conflict = { status: 400, type: 'document_parsing_exception', reason: 'failed to parse field [host]' };
    const t = setup((_r, n) => (n === 0 ? bulkReply([conflict]) : bulkReply([{ status: 201 }])));
    await t.store.deliver([item(0, { pipeline: 'p1' })]);
    expect(bulkActions(t.requests[1]!)).toEqual([{ create: { _index: item(0).index, _id: item(0).id } }]);
  });

  it('fails a document that cannot be reduced (no ES_BLOCKCHAIN.fields) with the original error', async () => {
    const t = setup(() => bulkReply([{ status: 400, type: 'document_parsing_exception', reason: 'bad' }]));
    expect(await t.store.deliver([item(0, { docText: '{"@timestamp":"t","a":1}' })])).toEqual({ outcome: 'done', items: [{ status: 'failed', error: { type: 'document_parsing_exception', reason: 'bad' } }] });
    expect(t.requests).toHaveLength(1);
  });

  it('retries a 429 on a reduced document in its reduced form', async () => {
    const replies = [bulkReply([{ status: 400, type: 'document_parsing_exception' }]), bulkReply([{ status: 429 }]), bulkReply([{ status: 201 }])];
    const t = setup((_r, n) => replies[n]!);
    expect(await t.store.deliver([item(3)])).toEqual({ outcome: 'done', items: [{ status: 'indexed' }] });
    expect(bulkDocs(t.requests[2]!)).toEqual(bulkDocs(t.requests[1]!));
    expect(bulkDocs(t.requests[2]!)[0]).not.toContain('EBP_METADATA');
    expect(t.metricLabels).toEqual(['partial_failure/none', 'partial_failure/malformed_logs', 'success/global']);
  });
});

describe('deliver: requests too large for the store (413)', () => {
  it('sends the same step again in halves, in order, without consuming the retry budget', async () => {
    // The store takes at most two documents per request.
    const t = setup((req) => {
      const n = bulkDocs(req).length;
      return n > 2 ? errorReply(413, 'http_413', 'request entity too large') : bulkReply(Array.from({ length: n }, () => ({ status: 201 })));
    }, { retries: 0 });
    const items = [0, 1, 2, 3, 4].map((n) => item(n));
    expect(await t.store.deliver(items)).toEqual({ outcome: 'done', items: items.map(() => ({ status: 'indexed' })) });
    // 5 → 3 + 2 → (2 + 1) + 2
    expect(t.requests.map((r) => bulkActions(r).map((a) => a.create._id.split('-').pop()))).toEqual([
      ['0', '1', '2', '3', '4'],
      ['0', '1', '2'],
      ['0', '1'],
      ['2'],
      ['3', '4'],
    ]);
    expect(t.sleeps).toEqual([]);
    expect(t.metricLabels).toEqual(['failure/none', 'failure/none', 'success/none', 'success/none', 'success/none']);
  });

  it('fails a single document that is still too large (the DLQ takes it)', async () => {
    const t = setup((req) => (bulkDocs(req).some((d) => d.includes('"n":1,')) ? errorReply(413, 'http_413', 'request entity too large') : bulkReply(bulkDocs(req).map(() => ({ status: 201 })))));
    const result = await t.store.deliver([item(0), item(1)]);
    expect(result).toMatchObject({ outcome: 'done', items: [{ status: 'indexed' }, { status: 'failed', error: { reason: 'request entity too large' } }] });
    expect(t.requests).toHaveLength(3);
  });
});
