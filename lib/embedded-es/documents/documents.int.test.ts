import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, rejection, startTestStore, type TestStore } from '../__fixtures__/test-store';

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
});
afterAll(async () => {
  await t.close();
});

type Item = Record<string, { _index: string; _id: string | null; status: number; result?: string; error?: { type: string; reason: string; caused_by?: unknown }; _seq_no?: number; _version?: number }>;

describe('_bulk', () => {
  it('returns per-item results in request order with the errors flag', async () => {
    const res = await t.client.bulk({
      operations: [
        { index: { _index: 'orders', _id: 'a' } }, { n: 1 },
        { create: { _index: 'orders', _id: 'a' } }, { n: 2 },
        { create: { _index: 'orders' } }, { n: 3 },
        { update: { _index: 'orders', _id: 'a' } }, { doc: { m: 1 } },
        { delete: { _index: 'orders', _id: 'zz' } },
        { delete: { _index: 'orders', _id: 'a' } },
      ],
    });
    expect(res.errors).toBe(true);
    const items = res.items as unknown as Item[];
    expect(items.map((i) => Object.keys(i)[0])).toEqual(['index', 'create', 'create', 'update', 'delete', 'delete']);
    expect(items[0]?.index).toMatchObject({ _index: 'orders', _id: 'a', _version: 1, result: 'created', status: 201, _seq_no: 0, _primary_term: 1, _shards: { total: 2, successful: 1, failed: 0 } });
    expect(items[1]?.create).toMatchObject({ status: 409, error: { type: 'version_conflict_engine_exception', reason: '[a]: version conflict, document already exists (current version [1])', index: 'orders', shard: '0' } });
    expect(items[2]?.create?._id).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(items[3]?.update).toMatchObject({ result: 'updated', _version: 2, status: 200 });
    expect(items[4]?.delete).toMatchObject({ result: 'not_found', status: 404 });
    expect(items[4]?.delete?.error).toBeUndefined();
    expect(items[5]?.delete).toMatchObject({ result: 'deleted', _version: 3, status: 200 });
    const seqNos = items.filter((i) => !Object.values(i)[0]?.error).map((i) => Object.values(i)[0]?._seq_no);
    expect(seqNos).toEqual([0, 1, 2, 3, 4]);
  });

  it('rejects a mapping conflict per item with document_parsing_exception (host object, then string)', async () => {
    const res = await t.client.bulk({
      operations: [
        { create: { _index: 'hosts', _id: '1' } }, { host: { name: 'web-1' } },
        { create: { _index: 'hosts', _id: '2' } }, { host: 'web-2' },
        { create: { _index: 'hosts', _id: '3' } }, { host: { name: 'web-3' } },
      ],
    });
    const items = res.items as unknown as Item[];
    expect(items[0]?.create?.status).toBe(201);
    expect(items[1]?.create).toEqual({
      _index: 'hosts', _id: '2', status: 400,
      error: { type: 'document_parsing_exception', reason: '[1:9] object mapping for [host] tried to parse field [host] as object, but found a concrete value' },
    });
    expect(items[2]?.create?.status).toBe(201);
    expect((await t.client.count({ index: 'hosts' })).count).toBe(2);
  });

  it('fails items whose pipeline does not exist, and items a pipeline fails, as Elasticsearch does', async () => {
    await t.client.ingest.putPipeline({ id: 'failing', processors: [{ fail: { message: 'rejected {{reason}}' } }] });
    await t.client.ingest.putPipeline({ id: 'tidy', processors: [{ lowercase: { field: 'level' } }, { rename: { field: 'msg', target_field: 'message' } }, { set: { field: 'tagged', value: true } }] });
    const res = await t.client.bulk({
      operations: [
        { create: { _index: 'piped', _id: '1', pipeline: 'nope' } }, { a: 1 },
        { create: { _index: 'piped', _id: '2', pipeline: 'failing' } }, { reason: 'bad' },
        { create: { _index: 'piped', _id: '3', pipeline: 'tidy' } }, { level: 'WARN', msg: 'm' },
        { create: { _index: 'piped', _id: '4', pipeline: 'tidy' } }, { level: 3, msg: 'm' },
      ],
    });
    const items = res.items as unknown as Item[];
    expect(items[0]?.create).toMatchObject({ status: 400, error: { type: 'illegal_argument_exception', reason: 'pipeline with id [nope] does not exist' } });
    expect(items[1]?.create).toMatchObject({ status: 500, error: { type: 'fail_processor_exception', reason: 'rejected bad' } });
    expect(items[2]?.create).toMatchObject({ status: 201 });
    expect(items[3]?.create).toMatchObject({ status: 400, error: { type: 'illegal_argument_exception', reason: 'field [level] of type [java.lang.Integer] cannot be cast to [java.lang.String]' } });
    expect((await t.client.get({ index: 'piped', id: '3' }))._source).toEqual({ level: 'warn', message: 'm', tagged: true });
    const single = await rejection(t.client.index({ index: 'piped', id: '5', pipeline: 'nope', document: { a: 1 } }));
    expect(single.statusCode).toBe(400);
    expect(single.body).toMatchObject({ error: { root_cause: [{ type: 'illegal_argument_exception' }], reason: 'pipeline with id [nope] does not exist' } });
  });

  it('works with helpers.bulk (onDrop receives failed items)', async () => {
    const dropped: unknown[] = [];
    const stats = await t.client.helpers.bulk({
      datasource: [{ n: 1, host: 'x' }, { n: 2, host: { bad: true } }, { n: 3, host: 'z' }],
      onDocument: () => ({ create: { _index: 'helper' } }),
      onDrop: (d) => dropped.push(d),
      refreshOnCompletion: true,
    });
    expect(stats).toMatchObject({ total: 3, successful: 2, failed: 1 });
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toMatchObject({ status: 400, error: { type: 'document_parsing_exception' } });
  });
});

describe('single-document APIs', () => {
  it('keeps _source byte-exact (big integers, decimals, key order, spacing)', async () => {
    const source = '{"z":1,"big":9007199254740993,"dec":1.50,"exp":1e3,"10":"ten","nested":{"a":[1.0,2.50]}}';
    expect((await t.raw('PUT', '/exact/_doc/1', source)).status).toBe(201);
    const got = await t.raw('GET', '/exact/_doc/1');
    expect(got.text).toContain(`"_source":${source}}`);
    const src = await t.raw('GET', '/exact/_source/1');
    expect(src.text).toBe(source);
    const search = await t.raw('POST', '/exact/_search', '{"_source":["big","dec"]}');
    expect(search.text).toContain('"_source":{"big":9007199254740993,"dec":1.50}');
    const pretty = await t.raw('PUT', '/exact/_doc/2', '{\n  "a" : 1.10\n}');
    expect(pretty.status).toBe(201);
    expect((await t.raw('GET', '/exact/_source/2')).text).toBe('{\n  "a" : 1.10\n}');
  });

  it('implements create (409), versions, seq_no and CAS like Elasticsearch', async () => {
    const c = await t.client.create({ index: 'cas', id: '1', document: { v: 1 } });
    expect(c).toMatchObject({ result: 'created', _version: 1, _seq_no: 0 });
    const conflict = await rejection(t.client.create({ index: 'cas', id: '1', document: { v: 2 } }));
    expect(conflict.statusCode).toBe(409);
    expect(conflict.body).toMatchObject({ error: { type: 'version_conflict_engine_exception', reason: '[1]: version conflict, document already exists (current version [1])' } });
    const u = await t.client.index({ index: 'cas', id: '1', document: { v: 3 }, if_seq_no: 0, if_primary_term: 1 });
    expect(u).toMatchObject({ result: 'updated', _version: 2, _seq_no: 1 });
    const stale = await rejection(t.client.index({ index: 'cas', id: '1', document: { v: 4 }, if_seq_no: 0, if_primary_term: 1 }));
    expect(stale.body).toMatchObject({ error: { reason: '[1]: version conflict, required seqNo [0], primary term [1]. current document has seqNo [1] and primary term [1]' } });
    await t.client.delete({ index: 'cas', id: '1' });
    const again = await t.client.index({ index: 'cas', id: '1', document: { v: 5 } });
    expect(again._version).toBe(4);
    expect(await t.client.exists({ index: 'cas', id: '1' })).toBe(true);
    expect(await t.client.exists({ index: 'cas', id: 'nope' })).toBe(false);
    const missing = await rejection(t.client.get({ index: 'cas', id: 'nope' }));
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toEqual({ _index: 'cas', _id: 'nope', found: false });
  });

  it('updates partially, detects no-ops, upserts and reports missing documents', async () => {
    await t.client.index({ index: 'upd', id: '1', document: { a: 1, nested: { x: 1, y: 2 } } });
    const r = await t.client.update({ index: 'upd', id: '1', doc: { nested: { x: 9 } } });
    expect(r).toMatchObject({ result: 'updated', _version: 2 });
    expect((await t.client.get({ index: 'upd', id: '1' }))._source).toEqual({ a: 1, nested: { x: 9, y: 2 } });
    const noop = await t.client.update({ index: 'upd', id: '1', doc: { a: 1 } });
    expect(noop).toMatchObject({ result: 'noop', _version: 2 });
    const up = await t.client.update({ index: 'upd', id: '2', doc: { b: 1 }, doc_as_upsert: true });
    expect(up).toMatchObject({ result: 'created', _version: 1 });
    const scripted = await t.client.update({ index: 'upd', id: '1', script: { source: 'ctx._source.a += params.n', params: { n: 4 } } });
    expect(scripted.result).toBe('updated');
    expect((await t.client.get({ index: 'upd', id: '1' }))._source).toMatchObject({ a: 5 });
    const missing = await rejection(t.client.update({ index: 'upd', id: '9', doc: { b: 1 } }));
    expect(missing.body).toMatchObject({ error: { type: 'document_missing_exception', reason: '[9]: document missing' }, status: 404 });
  });

  it('serves _mget with found, missing and failed entries', async () => {
    await t.client.index({ index: 'mg', id: '1', document: { a: 1, b: 2 }, refresh: true });
    const res = await t.client.mget({ docs: [{ _index: 'mg', _id: '1', _source: ['a'] }, { _index: 'mg', _id: '2' }, { _index: 'nope', _id: '1' }] });
    expect(res.docs[0]).toMatchObject({ _index: 'mg', _id: '1', found: true, _source: { a: 1 } });
    expect(res.docs[1]).toEqual({ _index: 'mg', _id: '2', found: false });
    expect(res.docs[2]).toMatchObject({ _index: 'nope', _id: '1', error: { type: 'index_not_found_exception' } });
  });

  it('rejects a write-blocked index with cluster_block_exception', async () => {
    await t.client.indices.create({ index: 'blocked', settings: { 'index.blocks.write': true } });
    const err = await rejection(t.client.index({ index: 'blocked', document: { a: 1 } }));
    expect(err.statusCode).toBe(403);
    expect(err.body).toMatchObject({ error: { type: 'cluster_block_exception', reason: 'index [blocked] blocked by: [FORBIDDEN/8/index write (api)];' } });
  });
});

describe('ingest pipelines', () => {
  it('stores, returns, simulates and deletes pipelines', async () => {
    await t.client.ingest.putPipeline({ id: 'p1', description: 'd', processors: [{ set: { field: 'x', value: '{{y}}!', if: "ctx.y != null" } }, { append: { field: 'tags', value: ['a', 'b'] } }] });
    expect(await t.client.ingest.getPipeline({ id: 'p1' })).toMatchObject({ p1: { description: 'd' } });
    const sim = await t.client.ingest.simulate({ id: 'p1', docs: [{ _source: { y: 'hi' } }, { _source: {} }] });
    expect(sim.docs[0]?.doc?._source).toEqual({ y: 'hi', x: 'hi!', tags: ['a', 'b'] });
    expect(sim.docs[1]?.doc?._source).toEqual({ tags: ['a', 'b'] });
    const bad = await rejection(t.client.ingest.putPipeline({ id: 'p2', processors: [{ nope: {} }] } as never));
    expect(bad.body).toMatchObject({ error: { type: 'parse_exception', reason: 'No processor type exists with name [nope]' } });
    await t.client.ingest.deletePipeline({ id: 'p1' });
    const gone = await rejection(t.client.ingest.deletePipeline({ id: 'p1' }));
    expect(gone.statusCode).toBe(404);
  });

  it('runs index.default_pipeline unless the request says _none', async () => {
    await t.client.ingest.putPipeline({ id: 'dflt', processors: [{ set: { field: 'via', value: 'default' } }] });
    await t.client.indices.create({ index: 'dp', settings: { 'index.default_pipeline': 'dflt' } });
    await t.raw('POST', '/_bulk', ndjson([{ index: { _index: 'dp', _id: '1' } }, { a: 1 }, { index: { _index: 'dp', _id: '2', pipeline: '_none' } }, { a: 2 }]));
    expect((await t.client.get({ index: 'dp', id: '1' }))._source).toEqual({ a: 1, via: 'default' });
    expect((await t.client.get({ index: 'dp', id: '2' }))._source).toEqual({ a: 2 });
  });
});
