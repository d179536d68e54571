import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonNumber } from './json-node';
import { JsonSyntaxError, parseJson } from './parse-json';
import { locate } from './locate-value';
import { stringifyJson } from './stringify-json';

describe('parseJson', () => {
  it('keeps number lexemes that a double would change', () => {
    const text = '{"big":9007199254740993,"dec":1.50,"exp":1e3,"neg":-0,"small":42}';
    const tree = parseJson(text) as Map<string, unknown>;
    expect(tree.get('big')).toBeInstanceOf(JsonNumber);
    expect((tree.get('big') as JsonNumber).text).toBe('9007199254740993');
    expect((tree.get('dec') as JsonNumber).text).toBe('1.50');
    expect(tree.get('small')).toBe(42);
    expect(stringifyJson(tree)).toBe(text);
  });

  it('keeps key order, including integer-like keys', () => {
    const text = '{"b":1,"10":2,"a":3,"2":4,"__proto__":5}';
    expect(stringifyJson(parseJson(text))).toBe(text);
  });

  it('rejects duplicate keys like Elasticsearch strict duplicate detection', () => {
    expect(() => parseJson('{"a":1,"a":2}')).toThrow(/Duplicate field 'a'/);
  });

  it('reports Jackson-style locations with UTF-8 byte columns', () => {
    try {
      parseJson('{"é":1,x}');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(JsonSyntaxError);
      const e = err as JsonSyntaxError;
      // "{"é":1," is 8 bytes (é takes two), so x is at byte column 9 (character column 8).
      expect(e.located).toBe("[1:9] Unexpected character ('x' (code 120)): was expecting double-quote to start field name");
    }
    expect(locate('{\n  "a": x', 9)).toEqual({ line: 2, column: 8 });
  });

  it('rejects malformed input with the expected messages', () => {
    expect(() => parseJson('{"a":01}')).toThrow(/Leading zeroes/);
    expect(() => parseJson('{"a":tru}')).toThrow(/Unrecognized token 'tru'/);
    expect(() => parseJson('{"a":1')).toThrow(/end-of-input/);
    expect(() => parseJson('{"a":"x\ny"}')).toThrow(/Illegal unquoted character/);
    expect(() => parseJson('{} {}')).toThrow(/expected end-of-input/);
  });

  it('bounds nesting depth instead of overflowing the stack', () => {
    expect(() => parseJson('['.repeat(5000) + ']'.repeat(5000))).toThrow(/nesting depth/);
  });

  it('round-trips any JSON value byte for byte (compact input)', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const compact = JSON.stringify(JSON.parse(text));
        expect(stringifyJson(parseJson(compact))).toBe(compact);
      }),
      { numRuns: 300 },
    );
  });

  it('decodes escapes exactly as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (s) => {
        const text = JSON.stringify({ s });
        expect((parseJson(text) as Map<string, unknown>).get('s')).toBe(s);
      }),
      { numRuns: 100 },
    );
  });
});
