import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection, startTestStore, type TestStore } from '../__fixtures__/test-store';

let t: TestStore;
const N = 1234;

beforeAll(async () => {
  t = await startTestStore();
  await t.client.indices.create({ index: 'chain', mappings: { properties: { iteration: { type: 'long' }, host: { type: 'keyword' }, ts: { type: 'date' }, msg: { type: 'text' } } } });
  const operations: unknown[] = [];
  for (let i = 0; i < N; i++) {
    operations.push({ create: { _index: 'chain', _id: `c:${i}` } }, {
      iteration: (i * 7919) % N, host: `web-${i % 3}`, ts: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
      msg: i % 10 === 0 ? 'Disk full on node' : 'all good', payload: { big: '9007199254740993', keep: i, drop: 'x' },
    });
  }
  const res = await t.client.bulk({ operations, refresh: true });
  expect(res.errors).toBe(false);
});
afterAll(async () => {
  await t.close();
});

describe('search', () => {
  it('pages a point in time with search_after on a numeric field, _source filtered, in order', async () => {
    const pit = await t.client.openPointInTime({ index: 'chain', keep_alive: '1m' });
    // Written after the PIT was opened: must not be visible through it.
    await t.client.create({ index: 'chain', id: 'late', document: { iteration: -1 } });
    const seen: number[] = [];
    let after: unknown[] | undefined;
    for (;;) {
      const res = await t.client.search({
        pit: { id: pit.id, keep_alive: '1m' }, size: 100, sort: [{ iteration: 'asc' }], _source: { includes: ['iteration', 'payload.keep'] },
        ...(after ? { search_after: after as never } : {}),
      });
      expect(res.pit_id).toBe(pit.id);
      if (res.hits.hits.length === 0) break;
      for (const h of res.hits.hits) {
        const src = h._source as { iteration: number; payload: Record<string, unknown> };
        expect(Object.keys(src.payload)).toEqual(['keep']);
        expect(h.sort).toHaveLength(2); // the implicit _shard_doc tiebreaker
        seen.push(src.iteration);
      }
      after = res.hits.hits[res.hits.hits.length - 1]?.sort as unknown[];
    }
    expect(seen).toEqual(Array.from({ length: N }, (_, i) => i));
    expect(await t.client.closePointInTime({ id: pit.id })).toMatchObject({ succeeded: true, num_freed: 1 });
    const gone = await rejection(t.client.search({ pit: { id: pit.id } }));
    expect(gone.statusCode).toBe(404);
    expect(gone.body).toMatchObject({ error: { root_cause: [{ type: 'search_context_missing_exception' }] } });
    await t.client.delete({ index: 'chain', id: 'late' });
  });

  it('pages past documents missing the sort field when the client echoes Long.MAX_VALUE as a double', async () => {
    await t.client.indices.create({ index: 'gappy', mappings: { properties: { iteration: { type: 'long' } } } });
    const put = await t.client.bulk({ refresh: true, operations: [{ create: { _index: 'gappy', _id: 'a' } }, { iteration: 1 }, { create: { _index: 'gappy', _id: 'b' } }, { other: 'x' }, { create: { _index: 'gappy', _id: 'c' } }, { other: 'y' }] });
    expect(put.errors).toBe(false);
    const pit = await t.client.openPointInTime({ index: 'gappy', keep_alive: '1m' });
    const ids: string[] = [];
    let after: unknown[] | undefined;
    for (let page = 0; page < 10; page++) {
      const res = await t.client.search({ pit: { id: pit.id, keep_alive: '1m' }, size: 1, sort: [{ iteration: 'asc' }], ...(after ? { search_after: after as never } : {}) });
      const hit = res.hits.hits[0];
      if (hit === undefined) break;
      ids.push(hit._id as string);
      after = hit.sort as unknown[];
    }
    expect(ids.slice(0, 1)).toEqual(['a']);
    expect([...ids].sort()).toEqual(['a', 'b', 'c']);
    await t.client.closePointInTime({ id: pit.id });
  });

  it('runs the aggregations the console needs', async () => {
    const res = await t.client.search({
      index: 'chain', size: 0,
      aggs: {
        hosts: { terms: { field: 'host' }, aggs: { last: { max: { field: 'iteration' } } } },
        first: { min: { field: 'ts' } },
        top: { max: { field: 'iteration' } },
        per_day: { date_histogram: { field: 'ts', calendar_interval: 'day' } },
        per_12h: { date_histogram: { field: 'ts', fixed_interval: '12h', min_doc_count: 1 } },
      },
    });
    const aggs = res.aggregations as Record<string, Record<string, unknown>>;
    expect(aggs.hosts).toMatchObject({ doc_count_error_upper_bound: 0, sum_other_doc_count: 0 });
    expect(aggs.hosts?.buckets).toEqual([
      { key: 'web-0', doc_count: 412, last: { value: expect.any(Number) } },
      { key: 'web-1', doc_count: 411, last: { value: expect.any(Number) } },
      { key: 'web-2', doc_count: 411, last: { value: expect.any(Number) } },
    ]);
    expect(aggs.first).toEqual({ value: Date.UTC(2024, 0, 1), value_as_string: '2024-01-01T00:00:00.000Z' });
    expect(aggs.top).toEqual({ value: N - 1 });
    const days = aggs.per_day?.buckets as { key: number; key_as_string: string; doc_count: number }[];
    expect(days[0]).toEqual({ key_as_string: '2024-01-01T00:00:00.000Z', key: Date.UTC(2024, 0, 1), doc_count: 24 });
    expect(days.reduce((n, b) => n + b.doc_count, 0)).toBe(N);
    expect((aggs.per_12h?.buckets as unknown[]).length).toBe(Math.ceil(N / 12));
    expect(res.hits.hits).toEqual([]);
    expect(res.hits.total).toEqual({ value: N, relation: 'eq' });
  });

  it('supports the query DSL subset and relevance order for match', async () => {
    const count = async (query: unknown): Promise<number> => (await t.client.count({ index: 'chain', query: query as never })).count;
    expect(await count({ term: { host: 'web-1' } })).toBe(411);
    expect(await count({ terms: { host: ['web-1', 'web-2'] } })).toBe(822);
    expect(await count({ range: { iteration: { gte: 10, lt: 20 } } })).toBe(10);
    expect(await count({ range: { ts: { gte: '2024-01-02', lt: '2024-01-03' } } })).toBe(24);
    expect(await count({ range: { ts: { gte: '2024-01-01||+1d/d', lt: '2024-01-03||/d' } } })).toBe(24);
    expect(await count({ exists: { field: 'payload.keep' } })).toBe(N);
    expect(await count({ ids: { values: ['c:1', 'c:2', 'nope'] } })).toBe(2);
    expect(await count({ match: { msg: 'DISK' } })).toBe(124);
    expect(await count({ bool: { must: [{ match: { msg: 'full' } }], filter: [{ term: { host: 'web-0' } }], must_not: [{ range: { iteration: { lt: 100 } } }] } })).toBeGreaterThan(0);
    expect(await count({ query_string: { query: 'host:web-2 AND msg:disk' } })).toBe(41);
    const q = await t.client.search({ index: 'chain', q: 'disk', size: 1 });
    expect((q.hits.hits[0]?._source as { msg: string }).msg).toBe('Disk full on node');
    const bad = await rejection(t.client.search({ index: 'chain', query: { nope: {} } as never }));
    expect(bad.body).toMatchObject({ error: { type: 'parsing_exception', reason: 'unknown query [nope]' }, status: 400 });
  });

  it('sorts, pages, tracks totals and reports sort errors as Elasticsearch does', async () => {
    const res = await t.client.search({ index: 'chain', sort: [{ host: 'desc' }, { iteration: 'asc' }], from: 2, size: 3, track_total_hits: 100 });
    expect(res.hits.total).toEqual({ value: 100, relation: 'gte' });
    expect(res.hits.max_score).toBeNull();
    const web2 = Array.from({ length: N }, (_, i) => i).filter((i) => i % 3 === 2).map((i) => (i * 7919) % N).sort((a, b) => a - b);
    expect(res.hits.hits.map((h) => h.sort)).toEqual(web2.slice(2, 5).map((it) => ['web-2', it]));
    expect(res.hits.hits[0]?._score).toBeNull();
    const text = await rejection(t.client.search({ index: 'chain', sort: [{ msg: 'asc' }] }));
    expect(text.body).toMatchObject({ error: { type: 'search_phase_execution_exception', root_cause: [{ type: 'illegal_argument_exception', reason: expect.stringMatching(/^Fielddata is disabled on \[msg\]/) }] }, status: 400 });
    const unmapped = await rejection(t.client.search({ index: 'chain', sort: [{ nope: 'asc' }] }));
    expect(unmapped.body).toMatchObject({ error: { root_cause: [{ type: 'query_shard_exception', reason: 'No mapping found for [nope] in order to sort on' }] } });
    const window = await rejection(t.client.search({ index: 'chain', from: 9995, size: 10 }));
    expect(window.statusCode).toBe(400);
    const asInt = await t.raw('GET', '/chain/_search?rest_total_hits_as_int=true&size=0');
    expect((asInt.json as { hits: { total: unknown } }).hits.total).toBe(N);
  });

  it('scrolls, counts and multi-searches', async () => {
    let res = await t.client.search({ index: 'chain', scroll: '1m', size: 500, sort: ['_doc'] });
    let total = res.hits.hits.length;
    const id = res._scroll_id as string;
    while (res.hits.hits.length > 0) {
      res = await t.client.scroll({ scroll_id: id, scroll: '1m' });
      expect(res._scroll_id).toBe(id);
      total += res.hits.hits.length;
    }
    expect(total).toBe(N);
    expect(await t.client.clearScroll({ scroll_id: id })).toMatchObject({ succeeded: true, num_freed: 1 });
    const m = await t.client.msearch({ searches: [{ index: 'chain' }, { query: { term: { host: 'web-0' } }, size: 0 }, { index: 'missing' }, {}] });
    expect(m.responses[0]).toMatchObject({ status: 200, hits: { total: { value: 412 } } });
    expect(m.responses[1]).toMatchObject({ status: 404, error: { type: 'index_not_found_exception' } });
  });
});
