// The shared corpus (../../../shared/es-conformance/tests, Elastic's elasticsearch-clients-tests)
// must parse completely and need nothing the runner lacks: an unsupported feature or an API the
// client cannot call shows up here as a failing test, not as a silent SKIP in a later run.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeEs } from './__fixtures__/fake-es';
import type { FakeEs } from './__fixtures__/fake-es';
import { collectFileUsage } from './collect-features';
import { findTestFiles } from './find-test-files';
import { parseTestFile } from './parse-test-file';
import { resolveApi } from './resolve-api';
import { runSuite } from './run-suite';
import type { TestFile } from './types';
import { findCorpus } from './__fixtures__/find-corpus';

const CORPUS = findCorpus();

describe('the shared clients-tests corpus', () => {
  let files: string[] = [];
  let parsed: TestFile[] = [];
  beforeAll(async () => {
    expect(existsSync(CORPUS), `corpus not found at ${CORPUS}`).toBe(true);
    files = await findTestFiles(CORPUS);
    parsed = files.map((file) => parseTestFile(readFileSync(path.join(CORPUS, file), 'utf8'), file));
  });

  it('has 34 files that all parse, each with a stack header and at least one test', () => {
    expect(files).toHaveLength(34);
    for (const file of parsed) {
      expect(file.tests.length, file.file).toBeGreaterThan(0);
      expect(file.requirements.some((req) => req.stack === true), file.file).toBe(true);
    }
  });

  it('needs only supported features, and lists what each file uses', () => {
    const rows = parsed.map((file) => ({ file: file.file, ...collectFileUsage(file) }));
    console.info(rows.map((row) => `${row.file}: features=[${row.features.join(',')}] steps=[${row.operators.join(',')}]`).join('\n'));
    expect(rows.filter((row) => row.features.length > 0)).toEqual([]);
    const operators = new Set(rows.flatMap((row) => row.operators));
    // What the corpus exercises today; a new construct makes this fail so it gets a test first.
    expect([...operators].sort()).toEqual([
      'do', 'do+catch:forbidden', 'gte', 'is_false', 'is_true', 'length', 'match', 'set',
    ]);
  });

  it('calls only APIs the 8.x client has, each with readable path parts', () => {
    const client = new Client({ node: 'http://127.0.0.1:9' });
    const apis = [...new Set(parsed.flatMap((file) => collectFileUsage(file).apis))];
    expect(apis.length).toBeGreaterThan(50);
    for (const api of apis) {
      const resolved = resolveApi(client, api);
      expect(resolved, api).toBeDefined();
      expect(resolved?.pathParams, api).toBeDefined();
    }
  });
});

describe('a dry run of the corpus against a fake that accepts everything', () => {
  let fake: FakeEs;
  beforeAll(async () => {
    fake = await startFakeEs();
    fake.route = (req) => (req.path === '/' ? undefined : { body: { acknowledged: true } });
  });
  afterAll(async () => {
    await fake.close();
  });

  it('runs every test (none skipped) and sends well-formed requests', async () => {
    const result = await runSuite({ url: fake.url, dir: CORPUS, requestTimeoutMs: 2_000, testTimeoutMs: 10_000 });
    expect(result.files).toHaveLength(34);
    expect(result.totals.skipped).toBe(0);
    expect(result.totals.passed + result.totals.failed).toBe(34);
    // Assertions fail against `{acknowledged: true}`, so some tests must fail: proof the runner checks.
    expect(result.totals.failed).toBeGreaterThan(10);
    const calls = fake.requests.map((r) => `${r.method} ${r.path}${r.query.size > 0 ? `?${r.query}` : ''}`);
    expect(calls.filter((c) => c.includes('undefined'))).toEqual([]);
    expect(calls).toContain('PUT /_ilm/policy/my_lifecycle'); // REST-spec `policy` renamed to `name`
    expect(calls).toContain('GET /_cat/health?format=json');
    expect(calls).toContain('POST /_bulk?refresh=true');
    expect(calls).toContain('GET /indices_settings_test/_settings?flat_settings=false');
    expect(calls).toContain('PUT /test_mapping_index/_mapping');
    const bulk = fake.requests.find((r) => r.path === '/_bulk' && r.query.get('refresh') === 'true');
    expect(bulk?.body.split('\n')[0]).toBe('{"index":{"_index":"bulk_test","_id":"test_id"}}');
    const license = fake.requests.find((r) => r.path === '/_license' && r.method === 'PUT');
    expect(license?.headers['content-type']).toContain('json');
  });
});
