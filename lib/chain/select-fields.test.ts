import { describe, expect, it } from 'vitest';
import { SELECTION_LOG } from './__fixtures__/selection-log';
import { compileFieldSelector, fieldPathProblem, selectFields } from './select-fields';
import { parseJson } from './parse-json';
import type { JsonObject } from './json-value';

const sel = (...paths: string[]) => compileFieldSelector(paths);

describe('selectFields', () => {
  const log = SELECTION_LOG;

  it('selects nested paths and leaves missing fields absent', () => {
    expect(selectFields(log, sel('message', 'host.name', 'host.os.family', 'missing', 'host.missing', 'event.category.deeper'))).toEqual({
      message: 'm',
      host: { name: 'h', os: { family: 'debian' } },
    });
  });

  it('selects whole subtrees, arrays and nulls; overlapping paths merge', () => {
    expect(selectFields(log, sel('host.name', 'host', 'tags', 'n'))).toEqual({ host: log.host, tags: log.tags, n: null });
    expect(selectFields(log, sel('host', 'host.name'))).toEqual({ host: log.host });
  });

  it('matches keys that contain dots, keeping the log spelling', () => {
    expect(selectFields(log, sel('user.name'))).toEqual({ 'user.name': 'dotted' });
    expect(selectFields(log, sel('user'))).toEqual({ 'user.name': 'dotted', user: { id: 7 } });
    expect(selectFields({ 'a.b': { c: 1, d: 2 } }, sel('a.b.c'))).toEqual({ 'a.b': { c: 1 } });
    expect(selectFields({ 'a.b': { c: 1 }, 'a.x': 2 }, sel('a.b.c.d'))).toEqual({});
    // Dot expansion puts "a..b" under "a"; ".a" starts with an empty segment and is under nothing.
    expect(selectFields({ 'a..b': 1, '.a': 2 }, sel('a'))).toEqual({ 'a..b': 1 });
  });

  it('never selects inherited members (prototype pollution)', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.polluted = 'x';
    try {
      expect(selectFields({ message: 'm' }, sel('polluted', 'message'))).toEqual({ message: 'm' });
      expect(Object.keys(selectFields({ message: 'm' }, sel('polluted', 'message')))).toEqual(['message']);
    } finally {
      delete proto.polluted;
    }
  });

  it('does not descend into arrays', () => {
    expect(selectFields(log, sel('tags.k'))).toEqual({});
  });

  it('selects __proto__ as data', () => {
    const v = parseJson('{"__proto__":{"x":1},"y":2}') as JsonObject;
    const out = selectFields(v, sel('__proto__.x'));
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(selectFields(v, sel('__proto__'))['__proto__']).toEqual({ x: 1 });
  });
});

describe('compileFieldSelector / fieldPathProblem', () => {
  it.each([
    ['', 'must not be empty'],
    ['.a', 'empty segment'],
    ['a.', 'empty segment'],
    ['a..b', 'empty segment'],
    ['a. .b', 'empty segment'],
    ['ES_BLOCKCHAIN', 'must not select ES_BLOCKCHAIN'],
    ['ES_BLOCKCHAIN.hash', 'must not select ES_BLOCKCHAIN'],
    ['x'.repeat(1025), 'longer than 1024'],
    ['a\ud800', 'lone surrogate'],
  ])('rejects %j (%s)', (path, message) => {
    expect(fieldPathProblem(path)).toContain(message);
    expect(() => compileFieldSelector([path])).toThrow(RangeError);
  });

  it('accepts dot paths and rejects duplicates and non-strings', () => {
    expect(fieldPathProblem('host.name')).toBeNull();
    expect(fieldPathProblem('@timestamp')).toBeNull();
    expect(fieldPathProblem('ES_BLOCKCHAINX')).toBeNull();
    expect(fieldPathProblem(5)).toBe('must be a string');
    expect(() => compileFieldSelector(['a', 'a'])).toThrow(/listed twice/);
    expect(() => compileFieldSelector([5 as unknown as string])).toThrow(TypeError);
    expect(() => compileFieldSelector('a' as unknown as string[])).toThrow(TypeError);
    expect(compileFieldSelector(['b', 'a']).paths).toEqual(['b', 'a']);
  });
});
