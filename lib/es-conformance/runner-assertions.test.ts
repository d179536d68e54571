// The runner must report failures, not only passes: assertions, catch and the stash.
import { describe, expect, it } from 'vitest';
import { HEADER, only, runYaml as runAt, useFakeEs } from './__fixtures__/run-yaml';
import type { ConnectOptions } from './open-run-context';
import type { FileResult } from './types';

const es = useFakeEs();
const runYaml = (yaml: string, options: Partial<ConnectOptions> = {}): Promise<FileResult> => runAt(es.current().url, yaml, options);

describe('match', () => {
  it('passes when the response equals the expectation', async () => {
    const result = await runYaml(`${HEADER}---
"get what was indexed":
  - do:
      index: { index: books, id: "1", body: { title: Dune, pages: 412 } }
  - match: { result: created }
  - do:
      get: { index: books, id: "1" }
  - match: { _source: { title: Dune, pages: 412 } }
  - match: { _source.pages: 412.0 }
`);
    expect(only(result)).toMatchObject({ status: 'passed' });
    expect(result).toMatchObject({ status: 'PASS', counts: { passed: 1, failed: 0, skipped: 0 } });
  });

  it('reports a failed test with step, expected and actual when a value differs', async () => {
    const result = await runYaml(`${HEADER}---
"wrong title":
  - do:
      index: { index: books, id: "1", body: { title: Dune } }
  - do:
      get: { index: books, id: "1" }
  - match: { _source.title: Emma }
`);
    const test = only(result);
    expect(test.status).toBe('failed');
    expect(test.failure).toMatchObject({ section: 'test', step: 3, description: 'match _source.title' });
    expect(test.failure?.message).toContain('"Emma"');
    expect(test.failure?.message).toContain('"Dune"');
    expect(result).toMatchObject({ status: 'FAIL', counts: { passed: 0, failed: 1, skipped: 0 } });
  });

  it('fails a deep match on an extra key and a missing path', async () => {
    const result = await runYaml(`${HEADER}---
"extra key":
  - do:
      index: { index: books, id: "1", body: { title: Dune, year: 1965 } }
  - do:
      get: { index: books, id: "1" }
  - match: { _source: { title: Dune } }
---
"missing path":
  - do:
      info: {}
  - match: { version.nope: 1 }
`);
    expect(result.tests.map((t) => t.status)).toEqual(['failed', 'failed']);
    expect(result.tests[0]!.failure?.message).toContain('unexpected key [year]');
  });

  it('treats /.../ as an x-flag regex: whitespace and # comments are ignored', async () => {
    const result = await runYaml(`${HEADER}---
"tagline":
  - do:
      info: {}
  - match:
      tagline: |
        /^ You \\s Know ,     # the first words
           \\s for \\s Search $/
  - match: { cluster_name: "/fake [-] cluster/" }
---
"tagline mismatch":
  - do:
      info: {}
  - match: { tagline: "/^ You \\\\s Know \\\\s nothing $/" }
`);
    expect(result.tests.map((t) => t.status)).toEqual(['passed', 'failed']);
    expect(result.tests[1]!.failure?.message).toContain('does not match');
  });
  it('compares a stashed value that looks like /regex/ literally', async () => {
    // Found against the embedded store: base64 scroll ids can start and end with a slash.
    es.current().route = (req) => (req.path === '/_search' ? { body: { _scroll_id: '/x+y/', hits: { hits: [] } } } : undefined);
    const result = await runYaml(`${HEADER}---
"slashy id":
  - do:
      search: {}
  - set: { _scroll_id: id }
  - match: { _scroll_id: $id }
---
"written regex still a regex":
  - do:
      search: {}
  - match: { _scroll_id: /x\\+y/ }
`);
    expect(result.tests.map((t) => t.status)).toEqual(['passed', 'passed']);
  });
});

describe('catch', () => {
  it('accepts catch: missing on a 404 and fails when no error happens', async () => {
    const result = await runYaml(`${HEADER}---
"missing doc":
  - do:
      catch: missing
      get: { index: books, id: nope }
  - match: { found: false }
---
"error expected but none":
  - do:
      index: { index: books, id: "1", body: { a: 1 } }
  - do:
      catch: missing
      get: { index: books, id: "1" }
`);
    expect(result.tests.map((t) => t.status)).toEqual(['passed', 'failed']);
    expect(result.tests[1]!.failure?.message).toContain('expected missing (404) but got status 200');
  });

  it('fails an unexpected error status and checks bad_request, request and /regex/', async () => {
    es.current().route = (req) => (req.path === '/teapot' ? { status: 418, body: { error: { type: 'teapot_exception', reason: 'short and stout' }, status: 418 } } : undefined);
    const result = await runYaml(`${HEADER}---
"unexpected 400":
  - do:
      indices.create: { index: dup }
  - do:
      indices.create: { index: dup }
---
"named, request and regex":
  - do:
      indices.create: { index: dup }
  - do:
      catch: bad_request
      indices.create: { index: dup }
  - match: { error.type: resource_already_exists_exception }
  - do:
      catch: /already \\s exists/
      indices.create: { index: dup }
  - do:
      catch: request
      indices.create: { index: teapot }
---
"request does not cover named statuses":
  - do:
      indices.create: { index: dup }
  - do:
      catch: request
      indices.create: { index: dup }
`);
    expect(result.tests.map((t) => t.status)).toEqual(['failed', 'passed', 'failed']);
    expect(result.tests[0]!.failure?.message).toContain('failed with status 400');
    expect(result.tests[0]!.failure?.message).toContain('resource_already_exists_exception');
  });

  it('reads HEAD 404 as false without failing, and honours ignore', async () => {
    const result = await runYaml(`${HEADER}---
"exists":
  - do:
      indices.exists: { index: nope }
  - is_false: ''
  - do:
      indices.create: { index: there }
  - do:
      indices.exists: { index: there }
  - is_true: ''
  - do:
      catch: missing
      indices.exists: { index: nope }
  - do:
      indices.delete: { index: nope, ignore: 404 }
  - match: { error.type: index_not_found_exception }
`);
    expect(only(result)).toMatchObject({ status: 'passed' });
    const deletes = es.current().requests.filter((r) => r.method === 'DELETE' && r.path === '/nope');
    expect(deletes).toHaveLength(1);
    expect(deletes[0]!.query.has('ignore')).toBe(false);
  });
});

describe('set and $var', () => {
  it('substitutes a stashed id into a later path, body and embedded string', async () => {
    const result = await runYaml(`${HEADER}---
"stash":
  - do:
      index: { index: books, body: { title: Dune } }
  - set: { _id: id }
  - do:
      get: { index: books, id: $id }
  - match: { _id: $id }
  - do:
      index: { index: refs, id: "r1", body: { ref: $id, label: "doc-\${id}" } }
`);
    expect(only(result)).toMatchObject({ status: 'passed' });
    const created = es.current().requests.find((r) => r.method === 'POST' && r.path === '/books/_doc');
    expect(created).toBeDefined();
    const id = [...es.current().requests].reverse().find((r) => r.method === 'GET' && r.path.startsWith('/books/_doc/'))?.path.split('/').at(-1);
    expect(id).toMatch(/^gen-/);
    const refBody = JSON.parse(es.current().requests.find((r) => r.path === '/refs/_doc/r1')!.body) as Record<string, unknown>;
    expect(refBody).toEqual({ ref: id, label: `doc-${id}` });
  });

  it('fails the step that uses a variable nobody set', async () => {
    const result = await runYaml(`${HEADER}---
"unset":
  - do:
      get: { index: books, id: $nope }
`);
    expect(only(result).failure?.message).toContain('stashed value [nope] not found');
    expect(es.current().requests.some((r) => r.path.startsWith('/books'))).toBe(false);
  });
});

describe('length, comparisons and truthiness', () => {
  const yaml = (assertion: string) => `${HEADER}---
"check":
  - do:
      info: {}
  - ${assertion}
`;
  it.each([
    ['length: { version: 1 }', 'passed'],
    ['length: { tagline: 20 }', 'passed'],
    ['length: { tagline: 3 }', 'failed'],
    ['gt: { version.major: 7 }', 'failed'], // missing path: not comparable
    ['lt: { tagline: "Z" }', 'passed'],
    ['is_true: tagline', 'passed'],
    ['is_true: nothing_here', 'failed'],
    ['is_false: nothing_here', 'passed'],
    ['is_false: tagline', 'failed'],
    ['exists: version.number', 'passed'],
    ['exists: version.nope', 'failed'],
  ])('%s → %s', async (assertion, status) => {
    const result = await runYaml(yaml(assertion));
    expect(only(result).status).toBe(status);
  });

  it('compares numbers with gt/lt/gte/lte', async () => {
    es.current().route = (req) => (req.path === '/_count' ? { body: { count: 5, _shards: { total: 1, successful: 1 } } } : undefined);
    const result = await runYaml(`${HEADER}---
"numbers":
  - do:
      count: {}
  - gt: { count: 4 }
  - lt: { count: 6 }
  - gte: { count: 5 }
  - lte: { count: 5 }
---
"too small":
  - do:
      count: {}
  - gt: { count: 5 }
`);
    expect(result.tests.map((t) => t.status)).toEqual(['passed', 'failed']);
    expect(result.tests[1]!.failure).toMatchObject({ description: 'gt count', actual: '5' });
  });
});
