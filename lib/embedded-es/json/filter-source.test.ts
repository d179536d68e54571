import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globCanExtend, globMatch } from './glob';
import { parseSourceSpec, SourceFilter } from './filter-source';

const doc = '{"@timestamp":"2024-01-01T00:00:00Z","host":{"name":"web-1","ip":"10.0.0.1"},"n":9007199254740993,"d":1.50,' +
  '"tags":[{"k":"a","v":1},{"k":"b","v":2}],"ES_BLOCKCHAIN":{"hash":"ab","iteration":7,"fields":{"x":1}},"esc":"q\\"uote"}';

function filter(includes: string[], excludes: string[] = []): string {
  return new SourceFilter(includes, excludes).apply(doc);
}

describe('SourceFilter', () => {
  it('copies included values byte for byte (big integers, decimals, escapes)', () => {
    expect(filter(['n', 'd', 'esc'])).toBe('{"n":9007199254740993,"d":1.50,"esc":"q\\"uote"}');
  });

  it('includes whole subtrees and dotted paths, keeps document order', () => {
    expect(filter(['ES_BLOCKCHAIN.iteration', 'host'])).toBe('{"host":{"name":"web-1","ip":"10.0.0.1"},"ES_BLOCKCHAIN":{"iteration":7}}');
  });

  it('lets * match across dots and excludes win over includes', () => {
    expect(filter(['ES_*'], ['ES_BLOCKCHAIN.fields'])).toBe('{"ES_BLOCKCHAIN":{"hash":"ab","iteration":7}}');
    expect(filter(['host.*'])).toBe('{"host":{"name":"web-1","ip":"10.0.0.1"}}');
  });

  it('filters objects inside arrays and drops what becomes empty', () => {
    expect(filter(['tags.k'])).toBe('{"tags":[{"k":"a"},{"k":"b"}]}');
    expect(filter(['nothing'])).toBe('{}');
    expect(filter([], ['tags', 'host', 'ES_BLOCKCHAIN', 'esc', 'n'])).toBe('{"@timestamp":"2024-01-01T00:00:00Z","d":1.50}');
  });

  it('is a no-op without includes or excludes', () => {
    expect(new SourceFilter([], []).isNoop).toBe(true);
    expect(filter([])).toBe(doc);
  });

  it('always yields valid JSON whose values equal the original ones', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('a', 'b', 'c', 'a.b'), fc.jsonValue()), fc.subarray(['a', 'b', 'a.b', 'c.*', 'b*']), (obj, includes) => {
        const text = JSON.stringify(obj);
        const out = JSON.parse(new SourceFilter(includes, []).apply(text)) as Record<string, unknown>;
        for (const key of Object.keys(out)) expect(obj).toHaveProperty([key]);
      }),
      { numRuns: 200 },
    );
  });

  it('parses the _source option forms', () => {
    expect(parseSourceSpec(false)).toBe(false);
    expect(parseSourceSpec('a')).toEqual({ includes: ['a'], excludes: [] });
    expect(parseSourceSpec({ includes: ['a'], exclude: 'b' })).toEqual({ includes: ['a'], excludes: ['b'] });
  });
});

describe('glob', () => {
  it('matches Elasticsearch simple-match wildcards', () => {
    expect(globMatch('*-*-elproxysigned-acme-6_months-0', 'generic-1-elproxysigned-acme-6_months-0')).toBe(true);
    expect(globMatch('logs-*', 'metrics-x')).toBe(false);
    expect(globCanExtend('a.b*', 'a.')).toBe(true);
    expect(globCanExtend('a.b', 'c.')).toBe(false);
  });
});
