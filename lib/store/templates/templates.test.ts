import { describe, expect, it } from 'vitest';
import type { RetentionConfig } from '../../config';
import { hasCode } from '../../errors';
import { errorReply, mockClient, type RecordedRequest, type Reply } from '../__fixtures__/mock-client';
import { ensureTemplates } from './ensure-templates';
import { planTemplates } from './plan-templates';

function retention(policies: Record<string, number | null>, dflt: string): RetentionConfig {
  const p = Object.create(null) as Record<string, { name: string; days: number | null }>;
  for (const [name, days] of Object.entries(policies)) p[name] = { name, days };
  return { default: dflt, policies: p };
}

const RET = retention({ '6_months': 180, infinite: null, '2_years': 730 }, '2_years');

describe('planTemplates', () => {
  const plan = planTemplates('elproxysigned', RET);

  it('plans one ILM policy per retention plus default_retention, with rollover and delete phases', () => {
    expect(plan.ilmPolicies.map((p) => p.name)).toEqual(['2_years_retention', '6_months_retention', 'infinite_retention', 'default_retention']);
    const six = plan.ilmPolicies[1]!.body;
    expect(six.phases).toEqual({
      hot: { min_age: '0ms', actions: { rollover: { max_age: '14d', max_primary_shard_size: '50gb' } } },
      delete: { min_age: '180d', actions: { delete: {} } },
    });
    expect(Object.keys(plan.ilmPolicies[2]!.body.phases as object)).toEqual(['hot']);
    expect((plan.ilmPolicies[3]!.body.phases as { delete: unknown }).delete).toEqual({ min_age: '730d', actions: { delete: {} } });
  });

  it('plans the mappings and one ILM-setting component per retention', () => {
    expect(plan.componentTemplates.map((c) => c.name)).toEqual(['el-proxy-mappings', 'el-proxy-2_years-retention', 'el-proxy-6_months-retention', 'el-proxy-infinite-retention', 'el-proxy-default-retention']);
    expect(plan.componentTemplates[2]!.body.template).toEqual({ settings: { 'index.lifecycle.name': '6_months_retention' } });
    expect(plan.componentTemplates[4]!.body.template).toEqual({ settings: { 'index.lifecycle.name': 'default_retention' } });
    const props = (plan.componentTemplates[0]!.body as { template: { mappings: { properties: Record<string, { properties?: Record<string, unknown> }> } } }).template.mappings.properties;
    expect(props['@timestamp']).toEqual({ type: 'date' });
    expect(props.ES_BLOCKCHAIN!.properties).toMatchObject({
      fields: { type: 'object', enabled: false },
      hash: { type: 'keyword' },
      previous_hash: { type: 'keyword' },
      iteration: { type: 'long' },
      timestamp_ms: { type: 'long' },
      version: { type: 'integer' },
    });
    expect(props.EBP_METADATA!.properties).toMatchObject({ customer: { type: 'keyword' }, retention: { type: 'keyword' }, blockchain_tag: { type: 'keyword' } });
  });

  it('plans data-stream index templates per retention and a lower catch-all', () => {
    expect(plan.indexTemplates.map((t) => [t.name, t.body.index_patterns, t.body.composed_of, t.priorities.min])).toEqual([
      ['el-proxy-2_years-retention', ['*-*-elproxysigned-*-2_years-*'], ['el-proxy-mappings', 'el-proxy-2_years-retention'], 510],
      ['el-proxy-6_months-retention', ['*-*-elproxysigned-*-6_months-*'], ['el-proxy-mappings', 'el-proxy-6_months-retention'], 510],
      ['el-proxy-infinite-retention', ['*-*-elproxysigned-*-infinite-*'], ['el-proxy-mappings', 'el-proxy-infinite-retention'], 510],
      ['el-proxy-default-retention', ['*-*-elproxysigned-*'], ['el-proxy-mappings', 'el-proxy-default-retention'], 501],
    ]);
    for (const t of plan.indexTemplates) expect(t.body.data_stream).toEqual({});
  });

  it('refuses names that are not name components', () => {
    expect(() => planTemplates('El-Proxy', RET)).toThrow(RangeError);
    expect(() => planTemplates('elproxysigned', retention({ 'a-b': 1 }, 'a-b'))).toThrow(RangeError);
    expect(() => planTemplates('elproxysigned', retention({ a: 1 }, 'b'))).toThrow(RangeError);
  });
});

/** A cluster that holds `state` and answers the template APIs like Elasticsearch. */
function fakeCluster(state: { ilm: string[]; components: string[]; index: { name: string; priority: number }[] }, override?: (r: RecordedRequest) => Reply | undefined) {
  return mockClient((r) => {
    const o = override?.(r);
    if (o !== undefined) return o;
    if (r.method === 'GET' && r.path === '/_ilm/policy') return { status: 200, body: Object.fromEntries(state.ilm.map((n) => [n, { version: 1, policy: {} }])) };
    if (r.method === 'GET' && r.path.startsWith('/_component_template')) return { status: 200, body: { component_templates: state.components.map((name) => ({ name, component_template: { template: {} } })) } };
    if (r.method === 'GET' && r.path === '/_index_template') return { status: 200, body: { index_templates: state.index.map(({ name, priority }) => ({ name, index_template: { index_patterns: ['x'], composed_of: [], priority } })) } };
    if (r.method === 'PUT') return { status: 200, body: { acknowledged: true } };
    return errorReply(400, 'unexpected', `${r.method} ${r.path}`);
  });
}

describe('ensureTemplates', () => {
  const small = retention({ '6_months': 180, '1_year': 365 }, '1_year');

  it('creates everything on an empty cluster, with create=true and free priorities', async () => {
    const { client, requests } = fakeCluster({ ilm: [], components: [], index: [{ name: 'logs', priority: 100 }, { name: 'netEye-beat', priority: 510 }] });
    const result = await ensureTemplates(client, { module: 'elproxysigned', retention: small });
    expect(result.kept).toEqual([]);
    expect(result.created.map((r) => `${r.kind}:${r.name}`)).toEqual([
      'ilm_policy:1_year_retention',
      'ilm_policy:6_months_retention',
      'ilm_policy:default_retention',
      'component_template:el-proxy-mappings',
      'component_template:el-proxy-1_year-retention',
      'component_template:el-proxy-6_months-retention',
      'component_template:el-proxy-default-retention',
      'index_template:el-proxy-1_year-retention',
      'index_template:el-proxy-6_months-retention',
      'index_template:el-proxy-default-retention',
    ]);
    const puts = requests.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => r.path)).toEqual([
      '/_ilm/policy/1_year_retention',
      '/_ilm/policy/6_months_retention',
      '/_ilm/policy/default_retention',
      '/_component_template/el-proxy-mappings',
      '/_component_template/el-proxy-1_year-retention',
      '/_component_template/el-proxy-6_months-retention',
      '/_component_template/el-proxy-default-retention',
      '/_index_template/el-proxy-1_year-retention',
      '/_index_template/el-proxy-6_months-retention',
      '/_index_template/el-proxy-default-retention',
    ]);
    expect(puts.slice(3).every((r) => r.querystring === 'create=true')).toBe(true);
    expect(puts[0]!.querystring).toBe('');
    expect(JSON.parse(puts[0]!.body)).toMatchObject({ policy: { phases: { delete: { min_age: '365d' } } } });
    // 510 is taken by another template: the retention templates take 511 and 512.
    expect(puts.slice(7).map((r) => (JSON.parse(r.body) as { priority: number }).priority)).toEqual([511, 512, 501]);
  });

  it('leaves what exists alone and creates only what is missing', async () => {
    const { client, requests } = fakeCluster({
      ilm: ['1_year_retention', '6_months_retention', 'default_retention'],
      components: ['el-proxy-mappings', 'el-proxy-1_year-retention', 'el-proxy-6_months-retention', 'el-proxy-default-retention'],
      index: [{ name: 'el-proxy-1_year-retention', priority: 510 }, { name: 'el-proxy-default-retention', priority: 501 }],
    });
    const result = await ensureTemplates(client, { module: 'elproxysigned', retention: small });
    expect(result.created).toEqual([{ kind: 'index_template', name: 'el-proxy-6_months-retention' }]);
    expect(result.kept).toHaveLength(9);
    const puts = requests.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => [r.path, (JSON.parse(r.body) as { priority: number }).priority])).toEqual([['/_index_template/el-proxy-6_months-retention', 511]]);
  });

  it('treats "already exists" from a concurrent instance as kept, and a 404 listing as empty', async () => {
    const { client } = fakeCluster({ ilm: [], components: [], index: [] }, (r) => {
      if (r.method === 'GET' && r.path.startsWith('/_component_template')) return errorReply(404, 'resource_not_found_exception', 'component template matching [el-proxy-*] not found');
      if (r.method === 'PUT' && r.path === '/_index_template/el-proxy-6_months-retention') return errorReply(400, 'illegal_argument_exception', 'index template [el-proxy-6_months-retention] already exists');
      return undefined;
    });
    const result = await ensureTemplates(client, { module: 'elproxysigned', retention: small });
    expect(result.kept).toEqual([{ kind: 'index_template', name: 'el-proxy-6_months-retention' }]);
    expect(result.created).toHaveLength(9);
  });

  it('throws a StoreError for other failures', async () => {
    const { client } = fakeCluster({ ilm: [], components: [], index: [] }, (r) => (r.method === 'PUT' ? errorReply(403, 'security_exception', 'action [cluster:admin/ilm/put] is unauthorized') : undefined));
    const err = await ensureTemplates(client, { module: 'elproxysigned', retention: small }).catch((e: unknown) => e);
    expect(hasCode(err, 'ERR_STORE_REJECTED')).toBe(true);
    expect((err as Error).message).toContain('creating ILM policy 1_year_retention');
  });

  it('throws ERR_STORE_CONFIG when a priority range is full', async () => {
    const index = Array.from({ length: 9 }, (_, i) => ({ name: `t${i}`, priority: 501 + i }));
    const { client } = fakeCluster({ ilm: [], components: [], index });
    const err = await ensureTemplates(client, { module: 'elproxysigned', retention: small }).catch((e: unknown) => e);
    expect(hasCode(err, 'ERR_STORE_CONFIG')).toBe(true);
  });
});
