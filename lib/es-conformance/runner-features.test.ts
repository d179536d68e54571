// Skips by feature/version, warnings and how requests reach the client.
import { beforeEach, describe, expect, it } from 'vitest';
import { HEADER, only, runYaml as runAt, useFakeEs } from './__fixtures__/run-yaml';
import type { ConnectOptions } from './open-run-context';
import type { FileResult } from './types';

const es = useFakeEs();
const runYaml = (yaml: string, options: Partial<ConnectOptions> = {}): Promise<FileResult> => runAt(es.current().url, yaml, options);

describe('skips', () => {
  it('skips a test that needs an unsupported runner feature and names the feature', async () => {
    const result = await runYaml(`${HEADER}---
"yaml output":
  - requires:
      test_runner_features: [yaml]
  - do:
      indices.create: { index: never }
---
"node selector":
  - do:
      node_selector: { version: current }
      info: {}
---
"runs":
  - do:
      info: {}
`);
    expect(result.tests.map((t) => [t.status, t.skipReason])).toEqual([
      ['skipped', 'unsupported feature(s): yaml'],
      ['skipped', 'unsupported feature(s): node_selector'],
      ['passed', undefined],
    ]);
    expect(result).toMatchObject({ status: 'PASS', counts: { passed: 1, failed: 0, skipped: 2 } });
    expect(es.current().requests.some((r) => r.path === '/never')).toBe(false);
  });

  it('skips files that are not stack tests and honours version ranges and awaits_fix', async () => {
    const notStack = await runYaml('---\nrequires:\n  serverless: true\n  stack: false\n---\n"t":\n  - do:\n      info: {}\n');
    expect(only(notStack)).toMatchObject({ status: 'skipped', skipReason: 'not a stack test (requires.stack is not true)' });
    const ranged = await runYaml(`${HEADER}---
"old only":
  - skip:
      version: "8.0.0 - "
      reason: fixed in 7
  - do:
      info: {}
---
"new enough":
  - requires:
      cluster_features: [gte_v8.10.0]
      reason: needs 8.10
  - do:
      info: {}
---
"muted":
  - skip:
      awaits_fix: https://example.invalid/1
  - do:
      info: {}
`);
    expect(ranged.tests.map((t) => t.status)).toEqual(['skipped', 'passed', 'skipped']);
    expect(ranged.tests[0]!.skipReason).toContain('8.19.2');
  });
});

describe('warnings', () => {
  const WARN = '299 Elasticsearch-8.19.2-abc "Legacy index templates are deprecated" "Mon, 01 Jan 2024 00:00:00 GMT"';
  beforeEach(() => {
    es.current().route = (req) => (req.path === '/_template/t' ? { body: { acknowledged: true }, headers: { Warning: WARN } } : undefined);
  });
  const put = (options: string) => `${HEADER}---
"put":
  - do:
${options}      indices.put_template: { name: t, body: { index_patterns: [x] } }
`;
  it('passes a declared warning and fails when a declared warning is missing', async () => {
    expect(only(await runYaml(put('      warnings: [Legacy index templates are deprecated]\n'))).status).toBe('passed');
    const missing = only(await runYaml(put('      allowed_warnings: [x]\n      warnings: [something else]\n')));
    expect(missing.status).toBe('failed');
    expect(missing.failure?.message).toContain('something else');
  });
  it('reports undeclared warnings as notes, or as failures with strictWarnings', async () => {
    const lenient = only(await runYaml(put('')));
    expect(lenient.status).toBe('passed');
    expect(lenient.notes).toContain('warning from indices.put_template: Legacy index templates are deprecated');
    expect(only(await runYaml(put(''), { strictWarnings: true })).status).toBe('failed');
    expect(only(await runYaml(put('      allowed_warnings_regex: ["Legacy .* deprecated"]\n'), { strictWarnings: true })).status).toBe('passed');
  });
});

describe('requests', () => {
  it('sends bulk bodies as NDJSON and string bodies of JSON APIs as JSON', async () => {
    es.current().route = (req) => {
      if (req.path === '/_bulk') return { body: { errors: false, took: 1, items: [] } };
      if (req.path === '/_ilm/policy/p') return { body: { acknowledged: true } };
      return undefined;
    };
    const result = await runYaml(`${HEADER}---
"bodies":
  - do:
      bulk:
        refresh: true
        body:
          - index: { _index: b, _id: "1" }
          - { f: 1 }
  - do:
      ilm.put_lifecycle:
        policy: p
        body: |
          {"policy": {"phases": {}}}
`);
    expect(only(result)).toMatchObject({ status: 'passed' });
    const bulk = es.current().requests.find((r) => r.path === '/_bulk')!;
    expect(bulk.body).toBe('{"index":{"_index":"b","_id":"1"}}\n{"f":1}\n');
    expect(bulk.query.get('refresh')).toBe('true');
    const ilm = es.current().requests.find((r) => r.path === '/_ilm/policy/p')!;
    expect(ilm.headers['content-type']).toContain('json');
    expect(ilm.body).toBe('{"policy": {"phases": {}}}\n');
  });

  it('fails a step whose API the client does not know', async () => {
    const result = await runYaml(`${HEADER}---\n"bogus":\n  - do:\n      indices.frobnicate: {}\n`);
    expect(only(result).failure?.message).toContain('API [indices.frobnicate] is not known');
  });
});
