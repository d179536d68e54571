// setup → steps → teardown → wipe, and robustness against broken or silent servers.
import { describe, expect, it } from 'vitest';
import { HEADER, only, runYaml as runAt, useFakeEs } from './__fixtures__/run-yaml';
import type { ConnectOptions } from './open-run-context';
import type { FileResult } from './types';

const es = useFakeEs();
const runYaml = (yaml: string, options: Partial<ConnectOptions> = {}): Promise<FileResult> => runAt(es.current().url, yaml, options);

describe('lifecycle', () => {
  it('runs setup, test and teardown in order, then wipes what the test left', async () => {
    es.current().indexTemplates.set('mine', {});
    es.current().indexTemplates.set('.system-like', {});
    es.current().indexTemplates.set('logs', {});
    es.current().indexTemplates.set('managed-one', { _meta: { managed: true } });
    const result = await runYaml(`${HEADER}---
setup:
  - do:
      indices.create: { index: from_setup }
---
teardown:
  - do:
      indices.delete: { index: from_test }
---
"first":
  - do:
      indices.create: { index: from_test }
  - do:
      indices.create: { index: .hidden_system }
---
"second sees a clean cluster":
  - do:
      indices.exists: { index: from_test }
  - is_false: ''
  - do:
      indices.create: { index: from_test }
`);
    expect(result.tests.map((t) => t.status)).toEqual(['passed', 'passed']);
    const calls = es.current().requests.map((r) => `${r.method} ${r.path}`);
    const firstTeardown = calls.indexOf('DELETE /from_test');
    expect(calls.indexOf('PUT /from_setup')).toBeLessThan(calls.indexOf('PUT /from_test'));
    expect(firstTeardown).toBeGreaterThan(calls.indexOf('PUT /from_test'));
    // The wipe after the first test removes the setup index (left by no teardown) …
    expect(calls.indexOf('DELETE /from_setup')).toBeGreaterThan(firstTeardown);
    expect(calls.filter((c) => c === 'DELETE /from_setup')).toHaveLength(2);
    // … and user templates, but never dot-prefixed, built-in or managed resources.
    expect(calls).toContain('DELETE /_index_template/mine');
    expect(calls.some((c) => c.includes('.system-like') || c.includes('/logs') || c.includes('managed-one'))).toBe(false);
    expect(calls).not.toContain('DELETE /.hidden_system');
  });

  it('fails a test whose teardown fails', async () => {
    const result = await runYaml(`${HEADER}---
teardown:
  - do:
      indices.delete: { index: never_created }
---
"ok steps":
  - do:
      info: {}
`);
    expect(only(result).failure).toMatchObject({ section: 'teardown', step: 1, description: 'do indices.delete' });
  });

  it('fails the test when setup fails and does not run its steps', async () => {
    const result = await runYaml(`${HEADER}---
setup:
  - do:
      catch: missing
      info: {}
---
"never reached":
  - do:
      indices.create: { index: never }
`);
    expect(only(result).failure).toMatchObject({ section: 'setup', step: 1 });
    expect(es.current().requests.some((r) => r.path === '/never')).toBe(false);
  });
});

describe('robustness', () => {
  it('fails a test on a hanging request (timeout) and still runs the next one', async () => {
    es.current().route = (req) => (req.path === '/slow' ? { hang: true } : undefined);
    const result = await runYaml(`${HEADER}---
"hangs":
  - do:
      indices.create: { index: slow }
---
"next":
  - do:
      info: {}
`, { requestTimeoutMs: 300 });
    expect(result.tests.map((t) => t.status)).toEqual(['failed', 'passed']);
    expect(result.tests[0]!.failure?.message).toMatch(/Timeout|timed out/i);
  });

  it('fails on the test deadline even when requests would wait longer', async () => {
    es.current().route = (req) => (req.path === '/slow' ? { hang: true } : undefined);
    const started = Date.now();
    const result = await runYaml(`${HEADER}---\n"hangs":\n  - do:\n      indices.create: { index: slow }\n`, { requestTimeoutMs: 20_000, testTimeoutMs: 300 });
    expect(only(result).failure?.message).toContain('timed out after 300 ms');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('fails every test with the connection error when nothing listens', async () => {
    const url = es.current().url;
    await es.current().close(); // closing again in afterEach is harmless
    const result = await runAt(url, `${HEADER}---\n"a":\n  - do:\n      info: {}\n---\n"b":\n  - do:\n      ping: {}\n`, { requestTimeoutMs: 1_000 });
    expect(result.tests.map((t) => t.status)).toEqual(['failed', 'failed']);
    expect(result.tests[0]!.failure?.message).toContain('ConnectionError');
    expect(result.tests[0]!.notes).toEqual([expect.stringContaining('wipe stopped, cluster unreachable')]);
  });

  it('fails (does not skip) a response without the product header', async () => {
    es.current().route = (req) => (req.path === '/plain' ? { body: { acknowledged: true }, headers: { 'X-Elastic-Product': 'Other' } } : undefined);
    const result = await runYaml(`${HEADER}---\n"t":\n  - do:\n      indices.create: { index: plain }\n`);
    expect(only(result).failure?.message).toContain('ProductNotSupportedError');
  });
});
