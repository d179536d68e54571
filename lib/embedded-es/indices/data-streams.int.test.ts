import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection, startTestStore, type TestStore } from '../__fixtures__/test-store';

let t: TestStore;
const DS = 'generic-1-elproxysigned-acme-6_months-0';

beforeAll(async () => {
  t = await startTestStore();
  await t.client.cluster.putComponentTemplate({ name: 'signed-mappings', template: { mappings: { properties: { ES_BLOCKCHAIN: { properties: { iteration: { type: 'long' }, hash: { type: 'keyword' } } } } } } });
  await t.client.indices.putIndexTemplate({
    name: 'signed', index_patterns: ['*-*-elproxysigned-*'], data_stream: {}, priority: 200, composed_of: ['signed-mappings'],
    template: { settings: { 'index.lifecycle.name': 'signed-6m' }, mappings: { properties: { '@timestamp': { type: 'date' } } } },
  });
});
afterAll(async () => {
  await t.close();
});

type Item = Record<string, { _index: string; status: number; error?: { type: string; reason: string; caused_by?: unknown } }>;

describe('data streams', () => {
  it('auto-creates on create-only writes, reports the .ds- backing index, requires @timestamp', async () => {
    const res = await t.client.bulk({
      operations: [
        { create: { _index: DS, _id: 'c:0' } }, { '@timestamp': '2024-01-01T00:00:00Z', ES_BLOCKCHAIN: { iteration: 0 } },
        { index: { _index: DS, _id: 'c:1' } }, { '@timestamp': '2024-01-01T00:00:01Z' },
        { create: { _index: DS, _id: 'c:2' } }, { message: 'no timestamp' },
        { create: { _index: DS, _id: 'c:0' } }, { '@timestamp': '2024-01-01T00:00:00Z' },
      ],
    });
    const items = res.items as unknown as Item[];
    expect(items[0]?.create?._index).toMatch(new RegExp(`^\\.ds-${DS}-\\d{4}\\.\\d{2}\\.\\d{2}-000001$`));
    expect(items[0]?.create?.status).toBe(201);
    expect(items[1]?.index).toMatchObject({ status: 400, error: { type: 'illegal_argument_exception', reason: 'only write ops with an op_type of create are allowed in data streams' } });
    expect(items[2]?.create).toMatchObject({
      status: 400,
      error: { type: 'document_parsing_exception', reason: '[1:26] failed to parse: data stream timestamp field [@timestamp] is missing', caused_by: { type: 'illegal_argument_exception', reason: 'data stream timestamp field [@timestamp] is missing' } },
    });
    expect(items[3]?.create).toMatchObject({ status: 409, error: { type: 'version_conflict_engine_exception' } });
    const ds = await t.client.indices.getDataStream({ name: DS });
    expect(ds.data_streams[0]).toMatchObject({ name: DS, generation: 1, template: 'signed', timestamp_field: { name: '@timestamp' }, status: 'GREEN', ilm_policy: 'signed-6m' });
    const mapping = await t.client.indices.getMapping({ index: DS });
    expect(Object.values(mapping)[0]?.mappings).toMatchObject({ _data_stream_timestamp: { enabled: true }, properties: { '@timestamp': { type: 'date' }, ES_BLOCKCHAIN: { properties: { iteration: { type: 'long' } } } } });
  });

  it('rolls over and reads across backing indices, by name and by pattern, without double counting', async () => {
    const before = await t.client.indices.rollover({ alias: DS });
    expect(before).toMatchObject({ rolled_over: true, dry_run: false, old_index: expect.stringMatching(/-000001$/), new_index: expect.stringMatching(/-000002$/) });
    await t.client.create({ index: DS, id: 'c:3', document: { '@timestamp': '2024-01-02T00:00:00Z', ES_BLOCKCHAIN: { iteration: 3 } } });
    expect((await t.client.count({ index: DS })).count).toBe(2);
    expect((await t.client.count({ index: '*-*-elproxysigned-acme-6_months-0' })).count).toBe(2);
    expect((await t.client.count({ index: '*' })).count).toBe(2);
    const hits = await t.client.search({ index: '*-*-elproxysigned-*', sort: [{ 'ES_BLOCKCHAIN.iteration': 'asc' }] });
    expect(hits.hits.hits.map((h) => h._index.slice(-6))).toEqual(['000001', '000002']);
    const ds = await t.client.indices.getDataStream({ name: DS });
    expect(ds.data_streams[0]?.indices).toHaveLength(2);
    const writeIndex = ds.data_streams[0]?.indices[1]?.index_name as string;
    const del = await rejection(t.client.indices.delete({ index: writeIndex }));
    expect(del.body).toMatchObject({ error: { type: 'illegal_argument_exception', reason: `index [${writeIndex}] is the write index for data stream [${DS}] and cannot be deleted` } });
  });

  it('refuses plain indices that match a data stream template and deleting templates in use', async () => {
    const err = await rejection(t.client.indices.create({ index: 'x-y-elproxysigned-b' }));
    expect(err.body).toMatchObject({ error: { type: 'illegal_argument_exception', reason: 'cannot create index with name [x-y-elproxysigned-b], because it matches with template [signed] that creates data streams only, use create data stream api instead' } });
    const tpl = await rejection(t.client.indices.deleteIndexTemplate({ name: 'signed' }));
    expect(tpl.statusCode).toBe(400);
    const none = await rejection(t.client.indices.createDataStream({ name: 'nomatch' }));
    expect(none.body).toMatchObject({ error: { reason: 'no matching index template found for data stream [nomatch]' } });
  });

  it('gives backing indices the template that matched the data stream name, not their .ds- name', async () => {
    // `*-*-exact-0` matches the stream but not `.ds-…-exact-0-2024.01.01-000001`.
    await t.client.indices.putIndexTemplate({
      name: 'exact', index_patterns: ['*-*-exact-0'], data_stream: {}, priority: 300,
      template: { settings: { 'index.default_pipeline': 'none-such' }, mappings: { properties: { host: { type: 'keyword' } } } },
    });
    await t.client.indices.createDataStream({ name: 'logs-x-exact-0' });
    const ds = await t.client.indices.getDataStream({ name: 'logs-x-exact-0' });
    const backing = ds.data_streams[0]?.indices[0]?.index_name as string;
    const settings = await t.client.indices.getSettings({ index: backing, flat_settings: true });
    expect(settings[backing]?.settings?.['index.default_pipeline']).toBe('none-such');
    const mapping = await t.client.indices.getMapping({ index: backing });
    expect(mapping[backing]?.mappings.properties?.host).toEqual({ type: 'keyword' });
  });

  it('stores and returns ILM policies with versions', async () => {
    await t.client.ilm.putLifecycle({ name: 'signed-6m', policy: { phases: { hot: { actions: {} }, delete: { min_age: '180d', actions: { delete: {} } } } } });
    await t.client.ilm.putLifecycle({ name: 'signed-6m', policy: { phases: { hot: { actions: {} }, delete: { min_age: '181d', actions: { delete: {} } } } } });
    const p = await t.client.ilm.getLifecycle({ name: 'signed-6m' });
    expect(p['signed-6m']).toMatchObject({ version: 2, policy: { phases: { delete: { min_age: '181d' } } }, in_use_by: { composable_templates: ['signed'], data_streams: [DS] } });
    const explain = await t.client.ilm.explainLifecycle({ index: DS });
    expect(Object.values(explain.indices)[0]).toMatchObject({ managed: true, policy: 'signed-6m' });
  });

  it('composes component templates and legacy templates into new indices', async () => {
    await t.client.indices.putTemplate({ name: 'legacy', index_patterns: ['legacy-*'], settings: { number_of_replicas: 0 }, mappings: { properties: { k: { type: 'keyword' } } } });
    await t.client.index({ index: 'legacy-1', document: { k: 'v', other: 1 } });
    const idx = await t.client.indices.get({ index: 'legacy-1' });
    expect(idx['legacy-1']?.mappings?.properties).toMatchObject({ k: { type: 'keyword' }, other: { type: 'long' } });
    expect(idx['legacy-1']?.settings?.index?.number_of_replicas).toBe('0');
    const t2 = await t.client.indices.getIndexTemplate({ name: 'signed' });
    expect(t2.index_templates[0]?.index_template).toMatchObject({ index_patterns: ['*-*-elproxysigned-*'], composed_of: ['signed-mappings'], data_stream: { hidden: false } });
  });
});
