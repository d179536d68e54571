import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStore, type TestStore } from '../__fixtures__/test-store';

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
  await t.client.index({ index: 'fuzz', id: '1', document: { a: 1, s: 'x', d: '2024-01-01', o: { k: 'v' } }, refresh: true });
});
afterAll(async () => {
  await t.close();
});

const ENDPOINTS: [string, string][] = [
  ['POST', '/fuzz/_search'], ['POST', '/fuzz/_count'], ['PUT', '/fuzz-new'], ['PUT', '/fuzz/_mapping'], ['PUT', '/fuzz/_settings'],
  ['POST', '/fuzz/_doc'], ['POST', '/fuzz/_update/1'], ['POST', '/_mget'], ['POST', '/_aliases'], ['PUT', '/_index_template/fz'],
  ['PUT', '/_component_template/fz'], ['PUT', '/_template/fz'], ['PUT', '/_ilm/policy/fz'], ['PUT', '/_ingest/pipeline/fz'],
  ['POST', '/_ingest/pipeline/_simulate'], ['POST', '/fuzz/_pit?keep_alive=1m'], ['DELETE', '/_pit'], ['POST', '/_search/scroll'],
  ['PUT', '/_license'], ['PUT', '/_cluster/settings'], ['POST', '/fuzz/_rollover'], ['POST', '/_msearch'], ['POST', '/_bulk'],
];

// Shapes that reach deep into handlers: DSL-like objects with random leaves.
const leaf = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const dsl = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('query', 'bool', 'must', 'term', 'range', 'a', 'aggs', 'terms', 'field', 'sort', 'size', 'from',
      'properties', 'type', 'settings', 'mappings', 'processors', 'set', 'value', 'actions', 'add', 'index', 'alias', 'doc',
      'template', 'index_patterns', 'policy', 'phases', 'docs', '_source', 'search_after', 'pit', 'id', 'licenses', 'persistent',
      'date_histogram', 'calendar_interval', 'match', 'query_string', 'exists', 'ids', 'values', 'script', 'upsert'), tie('node'), { maxKeys: 4 }),
  ),
})).node;

const field = fc.constantFrom('a', 's', 'd', 'o', 'o.k', 'nope', 's.keyword', '_id', '*');
const query = fc.letrec((tie) => ({
  q: fc.oneof(
    { depthSize: 'small' },
    fc.record({ term: fc.dictionary(field, leaf, { maxKeys: 1 }) }),
    fc.record({ terms: fc.dictionary(field, fc.array(leaf, { maxLength: 3 }), { maxKeys: 1 }) }),
    fc.record({ range: fc.dictionary(field, fc.record({ gte: leaf, lt: leaf, format: fc.constantFrom('epoch_millis', 'yyyy-MM-dd', 'x') }, { requiredKeys: [] }), { maxKeys: 1 }) }),
    fc.record({ match: fc.dictionary(field, fc.oneof(leaf, fc.record({ query: leaf, operator: fc.constantFrom('and', 'or', 'x') }, { requiredKeys: [] })), { maxKeys: 1 }) }),
    fc.record({ exists: fc.record({ field: fc.oneof(field, leaf) }, { requiredKeys: [] }) }),
    fc.record({ query_string: fc.record({ query: fc.string({ maxLength: 20 }), default_field: field }, { requiredKeys: [] }) }),
    fc.record({ wildcard: fc.dictionary(field, fc.string({ maxLength: 6 }), { maxKeys: 1 }) }),
    fc.record({ regexp: fc.dictionary(field, fc.string({ maxLength: 6 }), { maxKeys: 1 }) }),
    fc.record({ bool: fc.record({ must: fc.array(tie('q'), { maxLength: 2 }), should: tie('q'), must_not: tie('q'), filter: fc.array(tie('q'), { maxLength: 2 }), minimum_should_match: fc.oneof(fc.integer(), fc.constantFrom('50%', '-1', 'x')) }, { requiredKeys: [] }) }),
  ),
})).q;
const agg = fc.oneof(
  fc.record({ terms: fc.record({ field, size: fc.integer({ min: -2, max: 20 }), min_doc_count: fc.integer({ min: -1, max: 3 }), order: fc.constantFrom({ _count: 'asc' }, { _key: 'desc' }, { x: 'asc' }), include: fc.constantFrom('a.*', '[', 'x') }, { requiredKeys: [] }) }),
  fc.record({ min: fc.record({ field }, { requiredKeys: [] }) }),
  fc.record({ max: fc.record({ field, format: fc.constantFrom('yyyy', 'epoch_millis') }, { requiredKeys: [] }) }),
  fc.record({ date_histogram: fc.record({ field, calendar_interval: fc.constantFrom('day', '1M', 'x', '1w'), fixed_interval: fc.constantFrom('1h', '0s', 'x'), time_zone: fc.constantFrom('UTC', '+01:00', 'Europe/Rome', 'Nope/Zone'), min_doc_count: fc.integer({ min: 0, max: 2 }), extended_bounds: fc.record({ min: leaf, max: leaf }) }, { requiredKeys: [] }) }),
);
const search = fc.record({
  query,
  aggs: fc.dictionary(fc.constantFrom('x', 'y'), agg, { maxKeys: 2 }),
  sort: fc.array(fc.oneof(field, fc.dictionary(field, fc.constantFrom('asc', 'desc', 'x'), { maxKeys: 1 })), { maxLength: 2 }),
  size: fc.integer({ min: -1, max: 20 }),
  from: fc.integer({ min: -1, max: 5 }),
  _source: fc.oneof(fc.boolean(), field, fc.array(field, { maxLength: 2 })),
  search_after: fc.array(leaf, { maxLength: 2 }),
  track_total_hits: fc.oneof(fc.boolean(), fc.integer({ min: -1, max: 5 })),
}, { requiredKeys: [] });

const bulkLine = fc.tuple(
  fc.constantFrom('index', 'create', 'update', 'delete'),
  fc.record({ _index: fc.constantFrom('fuzz', 'fuzz2', 'Bad', '_x', 'fuzz*'), _id: fc.oneof(fc.constantFrom('1', '2', ''), leaf), if_seq_no: fc.integer({ min: -1, max: 3 }), version_type: fc.constantFrom('external', 'x'), version: fc.integer({ min: 0, max: 3 }), pipeline: fc.constantFrom('nope', '_none') }, { requiredKeys: [] }),
  dsl,
);

describe('hostile input', () => {
  it('never fails a bulk item with a 500 (a store bug) on random operations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(bulkLine, { minLength: 1, maxLength: 4 }), async (ops) => {
        const body = ops.map(([action, meta, src]) => JSON.stringify({ [action]: meta }) + (action === 'delete' ? '' : `\n${JSON.stringify(src)}`)).join('\n') + '\n';
        const res = await t.raw('POST', '/_bulk', body);
        if (res.status >= 500) throw new Error(`${body} -> ${res.status} ${res.text}`);
        const items = (res.json as { items?: Record<string, { status: number }>[] }).items ?? [];
        for (const item of items) {
          const r = Object.values(item)[0];
          if (r && r.status >= 500) throw new Error(`${body} -> item ${JSON.stringify(item)}`);
        }
      }),
      { numRuns: 400 },
    );
  }, 60_000);

  it('never answers 5xx to structured but random searches', async () => {
    await fc.assert(
      fc.asyncProperty(search, async (body) => {
        const res = await t.raw('POST', '/fuzz,fuzz*/_search', JSON.stringify(body));
        if (res.status >= 500) throw new Error(`${JSON.stringify(body)} -> ${res.status} ${res.text}`);
      }),
      { numRuns: 400 },
    );
  }, 60_000);

  it('never answers 5xx (or crashes) on random bodies to any endpoint', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ENDPOINTS), dsl, async ([method, path], body) => {
        // NDJSON endpoints get the value as one line and as a pair of lines.
        const text = path === '/_msearch' || path === '/_bulk' ? `${JSON.stringify(body)}\n${JSON.stringify(body)}\n` : JSON.stringify(body);
        const res = await t.raw(method, path, text);
        if (res.status >= 500) throw new Error(`${method} ${path} ${JSON.stringify(body)} -> ${res.status} ${res.text}`);
        expect(res.headers.get('x-elastic-product')).toBe('Elasticsearch');
      }),
      { numRuns: 400 },
    );
    expect(await t.client.ping()).toBe(true);
  }, 60_000);

  it('survives raw garbage bodies and query strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ENDPOINTS), fc.string({ maxLength: 200 }), fc.string({ maxLength: 30 }), async ([method, path], body, q) => {
        const url = `${path}${path.includes('?') ? '&' : '?'}q=${encodeURIComponent(q)}`;
        const res = await t.raw(method, url, body);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});
