import { describe, expect, it } from 'vitest';
import { RawJson } from '../json/json-node';
import { stringifyJson } from '../json/stringify-json';
import { applyFilterPath } from './filter-path';

const bulk = {
  took: 3,
  errors: true,
  items: [
    { create: { _index: 'a', _id: '1', status: 201, result: 'created' } },
    { create: { _index: 'a', _id: '2', status: 409, error: { type: 'version_conflict_engine_exception', reason: 'r' } } },
  ],
};

describe('applyFilterPath', () => {
  it('keeps what Filebeat asks for on bulk responses', () => {
    expect(applyFilterPath(bulk, 'errors,items.*.error,items.*.status')).toEqual({
      errors: true,
      items: [{ create: { status: 201 } }, { create: { status: 409, error: { type: 'version_conflict_engine_exception', reason: 'r' } } }],
    });
  });

  it('supports ** and - exclusions', () => {
    expect(applyFilterPath(bulk, '**.reason')).toEqual({ items: [{ create: { error: { reason: 'r' } } }] });
    expect(applyFilterPath({ a: 1, b: { c: 2, d: 3 } }, '-b.c')).toEqual({ a: 1, b: { d: 3 } });
  });

  it('returns {} when nothing matches and reaches into stored sources exactly', () => {
    expect(applyFilterPath(bulk, 'nope')).toEqual({});
    const hits = { hits: { hits: [{ _id: '1', _source: new RawJson('{"n":9007199254740993,"x":1}') }] } };
    expect(stringifyJson(applyFilterPath(hits, 'hits.hits._source.n'))).toBe('{"hits":{"hits":[{"_source":{"n":9007199254740993}}]}}');
  });
});
