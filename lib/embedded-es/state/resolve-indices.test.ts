import { describe, expect, it } from 'vitest';
import { createIndex } from '../indices/create-index';
import { createDataStream } from '../indices/data-streams';
import { resolveIndices } from './resolve-indices';
import { Store } from './store';

function setup(): Store {
  const store = new Store();
  store.apply({ o: 'tpl', kind: 'index', name: 'signed', body: { index_patterns: ['*-*-elproxysigned-*'], data_stream: {}, composed_of: [] } });
  createDataStream(store, 'generic-1-elproxysigned-acme-6_months-0', Date.UTC(2024, 0, 31));
  createIndex(store, 'plain', { aliases: { everything: {} } });
  createIndex(store, 'other', {});
  return store;
}

describe('resolveIndices', () => {
  it('expands data stream patterns to backing indices once, never the hidden .ds- names twice', () => {
    const store = setup();
    expect(resolveIndices(store, '*-*-elproxysigned-acme-6_months-0')).toEqual(['.ds-generic-1-elproxysigned-acme-6_months-0-2024.01.31-000001']);
    expect(resolveIndices(store, '*').sort()).toEqual(['.ds-generic-1-elproxysigned-acme-6_months-0-2024.01.31-000001', 'other', 'plain']);
    expect(resolveIndices(store, '.ds-*')).toHaveLength(1);
  });

  it('handles aliases, exclusions and missing names', () => {
    const store = setup();
    expect(resolveIndices(store, 'everything')).toEqual(['plain']);
    expect(resolveIndices(store, 'p*,o*,-other')).toEqual(['plain']);
    expect(() => resolveIndices(store, 'missing')).toThrow(/no such index \[missing\]/);
    expect(resolveIndices(store, 'missing,plain', { ignoreUnavailable: true })).toEqual(['plain']);
    expect(() => resolveIndices(store, 'nomatch-*', { allowNoIndices: false })).toThrow(/no such index/);
  });
});
