import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetentionConfig } from '../../config';
import { signedItems } from '../__fixtures__/signed-docs';
import { startTestStore, type TestStore } from '../__fixtures__/test-store';
import { createStore } from '../create-store';
import { ensureTemplates } from './ensure-templates';

function retention(policies: Record<string, number | null>, dflt: string): RetentionConfig {
  const p = Object.create(null) as Record<string, { name: string; days: number | null }>;
  for (const [name, days] of Object.entries(policies)) p[name] = { name, days };
  return { default: dflt, policies: p };
}

const RET = retention({ one_week: 7, '6_months': 180, '2_years': 730, infinite: null }, '2_years');

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
});
afterAll(() => t.close());

async function json(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await t.raw(method, path, body === undefined ? undefined : JSON.stringify(body));
  return JSON.parse(res.text) as Record<string, unknown>;
}

describe('ensureTemplates against the embedded store', () => {
  it('creates the policies and templates, then is a no-op', async () => {
    const first = await ensureTemplates(t.client, { module: 'elproxysigned', retention: RET });
    expect(first.kept).toEqual([]);
    expect(first.created).toHaveLength(5 + 6 + 5);
    const before = await json('GET', '/_index_template');
    const second = await ensureTemplates(t.client, { module: 'elproxysigned', retention: RET });
    expect(second.created).toEqual([]);
    expect(second.kept).toHaveLength(16);
    expect(await json('GET', '/_index_template')).toEqual(before);

    const templates = (before.index_templates as { name: string; index_template: { priority: number; index_patterns: string[] } }[]).map((x) => [x.name, x.index_template.index_patterns, x.index_template.priority]);
    expect(templates).toEqual(
      expect.arrayContaining([
        ['el-proxy-2_years-retention', ['*-*-elproxysigned-*-2_years-*'], 510],
        ['el-proxy-6_months-retention', ['*-*-elproxysigned-*-6_months-*'], 511],
        ['el-proxy-infinite-retention', ['*-*-elproxysigned-*-infinite-*'], 512],
        ['el-proxy-one_week-retention', ['*-*-elproxysigned-*-one_week-*'], 513],
        ['el-proxy-default-retention', ['*-*-elproxysigned-*'], 501],
      ]),
    );
  });

  it('leaves an operator-tuned policy alone', async () => {
    const tuned = { policy: { phases: { hot: { actions: { rollover: { max_age: '7d' } } }, delete: { min_age: '200d', actions: { delete: {} } } } } };
    await json('PUT', '/_ilm/policy/6_months_retention', tuned);
    const result = await ensureTemplates(t.client, { module: 'elproxysigned', retention: RET });
    expect(result.created).toEqual([]);
    const stored = (await json('GET', '/_ilm/policy/6_months_retention'))['6_months_retention'] as { policy: unknown };
    expect(stored.policy).toEqual(tuned.policy);
  });

  it('adds a new retention later without touching the others', async () => {
    const more = retention({ ...Object.fromEntries(Object.values(RET.policies).map((p) => [p.name, p.days])), '3_months': 90 }, '2_years');
    const result = await ensureTemplates(t.client, { module: 'elproxysigned', retention: more });
    expect(result.created.map((r) => `${r.kind}:${r.name}`)).toEqual(['ilm_policy:3_months_retention', 'component_template:el-proxy-3_months-retention', 'index_template:el-proxy-3_months-retention']);
    const tpl = (await json('GET', '/_index_template/el-proxy-3_months-retention')).index_templates as { index_template: { priority: number } }[];
    expect(tpl[0]!.index_template.priority).toBe(514);
  });

  it('makes a signed write create a data stream with the retention ILM policy and the mappings', async () => {
    const store = createStore(t.client, { failureMaxRetries: 0, failureSleepMsBetweenRetries: 0 });
    const [item] = signedItems(['{"@timestamp":"2024-05-01T10:00:00Z","message":"login","EBP_METADATA":{"customer":"acme","retention":"6_months","blockchain_tag":"0","agent":{"type":"auditbeat","version":"7.10.1"}}}']);
    expect(await store.deliver([item!])).toEqual({ outcome: 'done', items: [{ status: 'indexed' }] });

    const ds = (await json('GET', '/_data_stream/auditbeat-7.10.1-elproxysigned-acme-6_months-0')).data_streams as { template: string; indices: { index_name: string }[] }[];
    expect(ds[0]!.template).toBe('el-proxy-6_months-retention');
    const backing = ds[0]!.indices[0]!.index_name;
    expect(backing).toMatch(/^\.ds-auditbeat-7\.10\.1-elproxysigned-acme-6_months-0-\d{4}\.\d{2}\.\d{2}-000001$/);
    const settings = (await json('GET', `/${backing}/_settings?flat_settings=true`))[backing] as { settings: Record<string, string> };
    expect(settings.settings['index.lifecycle.name']).toBe('6_months_retention');
    const mapping = ((await json('GET', `/${backing}/_mapping`))[backing] as { mappings: { properties: Record<string, { properties?: Record<string, unknown> }> } }).mappings.properties;
    expect(mapping.ES_BLOCKCHAIN!.properties).toMatchObject({ fields: { type: 'object', enabled: false }, iteration: { type: 'long' }, hash: { type: 'keyword' } });
    expect(mapping.EBP_METADATA!.properties).toMatchObject({ customer: { type: 'keyword' } });
  });

  it('gives a retention without a template the default policy, and keeps acknowledgement indices ordinary', async () => {
    const store = createStore(t.client, { failureMaxRetries: 0, failureSleepMsBetweenRetries: 0 });
    const [item] = signedItems(['{"@timestamp":"2024-05-01T10:00:00Z","message":"m"}'], { index: 'filebeat-8.1.0-elproxysigned-acme-10_days-0', chain: { module: 'elproxysigned', customer: 'acme', retention: '10_days', tag: '0' } });
    expect((await store.deliver([item!])).outcome).toBe('done');
    const ds = (await json('GET', '/_data_stream/filebeat-8.1.0-elproxysigned-acme-10_days-0')).data_streams as { template: string; indices: { index_name: string }[] }[];
    expect(ds[0]!.template).toBe('el-proxy-default-retention');
    const backing = ds[0]!.indices[0]!.index_name;
    const settings = (await json('GET', `/${backing}/_settings?flat_settings=true`))[backing] as { settings: Record<string, string> };
    expect(settings.settings['index.lifecycle.name']).toBe('default_retention');

    const ack = await t.raw('PUT', '/acknowledge-elproxysigned-acme-6_months-0/_doc/c1', JSON.stringify({ corruption_id: 'x' }));
    expect(ack.status).toBe(201);
    expect((await t.raw('GET', '/_data_stream/acknowledge-elproxysigned-acme-6_months-0')).status).toBe(404);
  });
});
