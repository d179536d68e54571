import { describe, expect, it } from 'vitest';
import { ConformanceError } from './conformance-error';
import { parseTestFile } from './parse-test-file';
import { parseWarningHeader } from './parse-warning-header';
import { checkCatch } from './check-catch';

describe('parseTestFile', () => {
  it('reads headers, setup, teardown, tests, requirements and multi-entry assertions', () => {
    const file = parseTestFile(`---
requires:
  serverless: false
  stack: true
---
setup:
  - skip:
      features: [headers]
  - do:
      indices.create: { index: a }
---
teardown:
  - do:
      indices.delete: { index: a, ignore: 404 }
---
"one":
  - requires:
      cluster_features: gte_v8.1.0
      reason: because
  - do:
      catch: missing
      headers: { X-Test: "1" }
      get: { index: a, id: "1" }
  - match: { a: 1, b.c: /x/ }
  - set: { _id: id }
  - is_true: ''
  - frobnicate: {}
`, 'f.yml');
    expect(file.requirements[0]).toMatchObject({ kind: 'requires', stack: true, serverless: false });
    expect(file.setup?.requirements[0]).toMatchObject({ kind: 'skip', testRunnerFeatures: ['headers'] });
    expect(file.teardown?.steps[0]).toMatchObject({ kind: 'do', api: 'indices.delete', params: { index: 'a', ignore: 404 } });
    const test = file.tests[0]!;
    expect(test.name).toBe('one');
    expect(test.section.requirements[0]).toMatchObject({ clusterFeatures: ['gte_v8.1.0'], reason: 'because' });
    expect(test.section.steps.map((s) => s.kind)).toEqual(['do', 'assert', 'assert', 'set', 'assert', 'unknown']);
    expect(test.section.steps[0]).toMatchObject({ catch: 'missing', headers: { 'X-Test': '1' } });
    expect(test.section.steps[2]).toMatchObject({ op: 'match', path: 'b.c', expected: '/x/' });
    expect(test.section.steps[4]).toMatchObject({ op: 'is_true', path: '' });
  });

  it.each([
    ['invalid YAML', '"t":\n  - do: {a: [}\n'],
    ['a section that is not a list', '"t": {do: {}}\n'],
    ['a step with two operators', '"t":\n  - do: {info: {}}\n    match: {a: 1}\n'],
    ['a do without an API', '"t":\n  - do: {catch: missing}\n'],
    ['duplicate setup', 'setup: []\n---\nsetup: []\n'],
  ])('rejects %s with ERR_CONFORMANCE_PARSE', (_name, source) => {
    expect(() => parseTestFile(source, 'bad.yml')).toThrow(ConformanceError);
    try {
      parseTestFile(source, 'bad.yml');
    } catch (err) {
      expect((err as ConformanceError).code).toBe('ERR_CONFORMANCE_PARSE');
    }
  });

  it('accepts an empty file', () => {
    expect(parseTestFile('', 'empty.yml').tests).toEqual([]);
  });
});

describe('parseWarningHeader', () => {
  it('extracts warn-text from one or several warnings, unescaping quotes', () => {
    expect(parseWarningHeader('299 Elasticsearch-8.19.2-abc "a \\"quoted\\" word" "Mon, 01 Jan 2024 00:00:00 GMT"')).toEqual(['a "quoted" word']);
    expect(parseWarningHeader('299 Elasticsearch-8 "one, two", 299 Elasticsearch-8 "three"')).toEqual(['one, two', 'three']);
    expect(parseWarningHeader(['299 Elasticsearch-8 "x"', '299 Elasticsearch-8 "y"'])).toEqual(['x', 'y']);
    expect(parseWarningHeader(undefined)).toEqual([]);
  });
});

describe('checkCatch', () => {
  it.each([
    ['missing', 404, undefined],
    ['missing', 200, 'expected missing (404) but got status 200'],
    ['conflict', 409, undefined],
    ['unavailable', 503, undefined],
    ['request', 500, undefined],
    ['request', 503, undefined],
    ['request', 404, 'expected a request error'],
    ['request', 200, 'expected a request error'],
    ['/not \\s found/', 404, undefined],
    ['/other/', 404, 'error does not match'],
    ['/not/', 200, 'expected an error matching'],
    ['teapot', 418, 'unknown catch value [teapot]'],
  ])('catch %s on %d', (value, status, problem) => {
    const result = checkCatch(value, status, { error: { type: 'x', reason: 'not found' } });
    if (problem === undefined) expect(result).toBeUndefined();
    else expect(result).toContain(problem);
  });
});
