import { describe, expect, it } from 'vitest';
import { evaluateSegments, splitPath } from './resolve-path';
import { Stash, StashLookupError } from './stash';

describe('dot paths', () => {
  const body = { hits: { hits: [{ _id: 'a' }, { _id: 'b' }] }, 'index.number_of_shards': '1', nodes: { n1: { name: 'x' } } };
  it('splits on unescaped dots only', () => {
    expect(splitPath('')).toEqual([]);
    expect(splitPath('hits.hits.0._id')).toEqual(['hits', 'hits', '0', '_id']);
    expect(splitPath('settings.index\\.number_of_shards')).toEqual(['settings', 'index.number_of_shards']);
  });
  it('walks maps and lists and yields undefined for a missing level', () => {
    expect(evaluateSegments(body, splitPath('hits.hits.1._id'))).toBe('b');
    expect(evaluateSegments(body, splitPath('index\\.number_of_shards'))).toBe('1');
    expect(evaluateSegments(body, splitPath('hits.hits.5._id'))).toBeUndefined();
    expect(evaluateSegments(body, splitPath('hits.hits.x'))).toBeUndefined();
    expect(evaluateSegments(body, splitPath('hits.nope.deeper'))).toBeUndefined();
    expect(evaluateSegments(body, [])).toBe(body);
    expect(evaluateSegments(body, splitPath('nodes._arbitrary_key_'))).toBe('n1');
    expect(evaluateSegments(body, splitPath('constructor'))).toBeUndefined();
  });
});

describe('Stash', () => {
  const stash = new Stash();
  stash.set('id', 'abc');
  stash.set('n', 3);
  stash.set('obj', { a: { b: 1 } });
  it('replaces whole references keeping the type, and embedded ${var} as text', () => {
    expect(stash.substitute('$n')).toBe(3);
    expect(stash.substitute('${n}')).toBe(3);
    expect(stash.substitute('$obj.a.b')).toBe(1);
    expect(stash.substitute('id-${id}-${n}')).toBe('id-abc-3');
    expect(stash.substitute({ ref: '$id', list: ['$n', 'plain'], $id: 'key' })).toEqual({ ref: 'abc', list: [3, 'plain'], abc: 'key' });
    expect(stash.substitute('costs $5')).toBe('costs $5');
    expect(stash.substitutePath('nodes.$id.name')).toEqual(['nodes', 'abc', 'name']);
  });
  it('throws StashLookupError for an unknown variable', () => {
    expect(() => stash.substitute('$missing')).toThrow(StashLookupError);
    expect(() => stash.substitute('x${missing}')).toThrow('stashed value [missing] not found');
  });
});
