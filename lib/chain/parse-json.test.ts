import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LosslessNumber } from './json-value';
import { parseJson, parseJsonBytes } from './parse-json';

describe('parseJson', () => {
  it('parses every JSON type, keeping numbers a double reproduces as numbers', () => {
    expect(parseJson(' {"a":[1,-2.5,0.1,true,false,null,"x"],"b":{}} ')).toEqual({ a: [1, -2.5, 0.1, true, false, null, 'x'], b: {} });
    expect(parseJson('[]')).toEqual([]);
    expect(parseJson('"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9"')).toBe('"\\/\b\f\n\r\té');
    expect(parseJson('"\\ud83d\\ude00 😀"')).toBe('😀 😀');
  });

  it('keeps numbers a double would change as LosslessNumber literals', () => {
    for (const lit of ['9007199254740993', '-12345678901234567890', '1.50', '1e3', '1E+21', '-0', '0.10000000000000000555', '1e400']) {
      const v = parseJson(`[${lit}]`) as unknown[];
      expect(v[0]).toBeInstanceOf(LosslessNumber);
      expect((v[0] as LosslessNumber).literal).toBe(lit);
      expect(String(v[0])).toBe(lit);
    }
    expect(parseJson('9007199254740991')).toBe(9007199254740991);
  });

  it('stores __proto__ as an own member, never as a prototype', () => {
    const v = parseJson('{"__proto__":{"polluted":true},"a":1}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['', 'unexpected end of input'],
    ['{', 'expected a string key'],
    ['{"a" 1}', "expected ':'"],
    ['{"a":1,}', 'expected a string key'],
    ['{"a":1 "b":2}', "expected ',' or '}'"],
    ['[1,]', 'unexpected character'],
    ['[1 2]', "expected ',' or ']'"],
    ['[1', "expected ',' or ']'"],
    ['01', 'invalid number'],
    ['1.', 'invalid number'],
    ['1e', 'invalid number'],
    ['-', 'invalid number'],
    ['.5', 'unexpected character'],
    ['+1', 'unexpected character'],
    ['NaN', 'unexpected character'],
    ['tru', 'invalid literal'],
    ['nul', 'invalid literal'],
    ["'a'", 'unexpected character'],
    ['"abc', 'unterminated string'],
    ['"a\u0001"', 'control character'],
    ['"\\x"', 'invalid escape'],
    ['"\\', 'invalid escape'],
    ['"\\u12g4"', 'invalid \\u escape'],
    ['"\\ud800"', 'lone surrogate escape'],
    ['"\\ud800\\u0041"', 'lone surrogate escape'],
    ['"\\udc00"', 'lone surrogate escape'],
    ['"\ud800"', 'lone surrogate in string'],
    ['"\udc00"', 'lone surrogate in string'],
    ['{"a":1,"a":2}', 'duplicate key "a"'],
    ['{} x', 'unexpected data'],
    ['/* c */ 1', 'unexpected character'],
  ])('rejects %j with SyntaxError (%s)', (text, message) => {
    expect(() => parseJson(text)).toThrow(SyntaxError);
    expect(() => parseJson(text)).toThrow(message);
  });

  it('limits nesting depth with RangeError', () => {
    expect(() => parseJson('['.repeat(129) + ']'.repeat(129))).toThrow(RangeError);
    expect(() => parseJson('{"a":'.repeat(129) + '1' + '}'.repeat(129))).toThrow(RangeError);
    expect(parseJson('['.repeat(128) + ']'.repeat(128))).toBeDefined();
    expect(() => parseJson('[[1]]', { maxDepth: 1 })).toThrow(RangeError);
  });

  it('rejects hostile arguments with TypeError/RangeError', () => {
    expect(() => parseJson(42 as unknown as string)).toThrow(TypeError);
    expect(() => parseJson('1', { maxDepth: 0 })).toThrow(RangeError);
    expect(() => parseJson('1', { maxDepth: 1.5 })).toThrow(RangeError);
  });

  it('agrees with JSON.parse on arbitrary JSON (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        const text = JSON.stringify(v);
        const ours = JSON.stringify(parseJson(text), (_k, x: unknown) => (x instanceof LosslessNumber ? Number(x.literal) : x));
        expect(ours).toBe(JSON.stringify(JSON.parse(text)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseJsonBytes', () => {
  it('decodes UTF-8 strictly', () => {
    expect(parseJsonBytes(new TextEncoder().encode('{"é":"😀"}'))).toEqual({ é: '😀' });
    expect(() => parseJsonBytes(new Uint8Array([0x22, 0xff, 0x22]))).toThrow(TypeError);
    expect(() => parseJsonBytes('x' as unknown as Uint8Array)).toThrow(TypeError);
    // A UTF-8 BOM is not JSON whitespace (RFC 8259 §8.1 lets parsers refuse it).
    expect(() => parseJsonBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x31]))).toThrow(SyntaxError);
  });
});
