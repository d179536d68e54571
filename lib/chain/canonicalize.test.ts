import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalize, quote } from './canonicalize';
import { LosslessNumber } from './json-value';
import { parseJson } from './parse-json';
import { stringifyJson } from './stringify-json';

/** Hostile values every encoder must refuse (noble's TYPE_TEST idea). */
export const HOSTILE_VALUES: [string, unknown, ErrorConstructor][] = [
  ['undefined', undefined, TypeError],
  ['function', () => 1, TypeError],
  ['symbol', Symbol('x'), TypeError],
  ['bigint', 10n, TypeError],
  ['Date', new Date(0), TypeError],
  ['Map', new Map(), TypeError],
  ['class instance', new (class X {})(), TypeError],
  ['Uint8Array', new Uint8Array(2), TypeError],
  ['NaN', NaN, RangeError],
  ['Infinity', Infinity, RangeError],
  ['lone surrogate', 'a\ud800', TypeError],
  ['lone surrogate key', { ['\udc00']: 1 }, TypeError],
  ['nested undefined', { a: [1, undefined] }, TypeError],
  ['sparse array', [1, , 3], TypeError], // eslint-disable-line no-sparse-arrays
  ['too deep', JSON.parse('['.repeat(200) + ']'.repeat(200)), RangeError],
  ['huge lossless number', new LosslessNumber('1e999999'), RangeError],
];

describe('canonicalize', () => {
  it('sorts members by UTF-16 code units and writes no whitespace', () => {
    expect(canonicalize({ b: 1, a: { d: [3, 'x'], c: null }, A: true })).toBe('{"A":true,"a":{"c":null,"d":[3,"x"]},"b":1}');
    // U+FF5E sorts after U+1F600 in UTF-16 order (0xFF5E > 0xD83D) though not in code-point order.
    expect(canonicalize({ '\uff5e': 1, '\ud83d\ude00': 2, '\u0080': 3, z: 4, '\u20ac': 5 })).toBe('{"z":4,"\u0080":3,"\u20ac":5,"\ud83d\ude00":2,"\uff5e":1}');
    expect(canonicalize({ '10': 'a', '9': 'b', x: 'c', '': 'd' })).toBe('{"":"d","10":"a","9":"b","x":"c"}');
  });

  it('escapes strings exactly as RFC 8785 §3.2.2.2', () => {
    expect(canonicalize('\u0000\u0008\u0009\u000a\u000c\u000d\u001f"\\/\u007f\u2028é😀')).toBe('"\\u0000\\b\\t\\n\\f\\r\\u001f\\"\\\\/\u007f\u2028é😀"');
    expect(quote('plain')).toBe('"plain"');
  });

  it('writes numbers by the exact-value rule', () => {
    const v = parseJson('[1.50,1e3,-0,9007199254740993,0.000001,1e-7,1E+21,2.5e-320]');
    expect(canonicalize(v)).toBe(`[1.5,1000,0,9007199254740993,0.000001,0.0000001,1000000000000000000000,0.${'0'.repeat(319)}25]`);
    expect(canonicalize([1e21, -1e-7, 0.1, 2 ** 53])).toBe('[1000000000000000000000,-0.0000001,0.1,9007199254740992]');
  });

  it('keeps __proto__ members as data', () => {
    expect(canonicalize(parseJson('{"z":1,"__proto__":{"b":2,"a":1}}'))).toBe('{"__proto__":{"a":1,"b":2},"z":1}');
    expect(canonicalize(Object.assign(Object.create(null), { b: 1, a: 2 }))).toBe('{"a":2,"b":1}');
  });

  it.each(HOSTILE_VALUES)('rejects %s', (_name, value, type) => {
    expect(() => canonicalize(value)).toThrow(type);
  });

  it('equals a reference canonicalizer on arbitrary JSON and ignores member order (property)', () => {
    const reference = (v: unknown): string => {
      if (Array.isArray(v)) return `[${v.map(reference).join(',')}]`;
      if (v !== null && typeof v === 'object') {
        const keys = Object.keys(v).sort();
        return `{${keys.map((k) => `${JSON.stringify(k)}:${reference((v as Record<string, unknown>)[k])}`).join(',')}}`;
      }
      if (typeof v === 'number') return Object.is(v, -0) ? '0' : String(v);
      return JSON.stringify(v);
    };
    const shuffled = (v: unknown, seed: number): unknown => {
      if (Array.isArray(v)) return v.map((x, i) => shuffled(x, seed + i));
      if (v !== null && typeof v === 'object') {
        const entries = Object.entries(v);
        entries.sort((a, b) => ((a[0].length * 31 + seed) % 7) - ((b[0].length * 31 + seed) % 7));
        return Object.fromEntries(entries.map(([k, x], i) => [k, shuffled(x, seed + i)]));
      }
      return v;
    };
    // Numbers restricted to the range where String(n) has no exponent, so the reference applies.
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.string({ unit: 'grapheme' }),
        fc.integer(),
        fc.double({ min: -1e15, max: 1e15, noNaN: true }).filter((n) => n === 0 || Math.abs(n) >= 1e-6),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.string({ unit: 'grapheme', maxLength: 6 }), tie('value'), { maxKeys: 5 }),
      ),
    })).value;
    fc.assert(
      fc.property(json, fc.nat(), (v, seed) => {
        const c = canonicalize(v);
        expect(c).toBe(reference(v));
        expect(canonicalize(shuffled(v, seed))).toBe(c);
        expect(canonicalize(parseJson(c))).toBe(c);
      }),
      { numRuns: 400 },
    );
  });
});

describe('stringifyJson', () => {
  it('keeps member order and writes lossless numbers verbatim', () => {
    const text = '{"b":1.50,"a":[9007199254740993,-0,1e3,"é\\n"],"c":{"__proto__":true},"d":null,"e":false,"f":0.5,"g":1e21}';
    expect(stringifyJson(parseJson(text))).toBe('{"b":1.50,"a":[9007199254740993,-0,1e3,"é\\n"],"c":{"__proto__":true},"d":null,"e":false,"f":0.5,"g":1e21}');
    expect(stringifyJson([true, 'x', 1e21, -0])).toBe('[true,"x",1e+21,0]');
  });

  it.each(HOSTILE_VALUES.filter(([name]) => name !== 'huge lossless number'))('rejects %s', (_name, value, type) => {
    expect(() => stringifyJson(value)).toThrow(type);
  });

  it('round-trips arbitrary JSON text byte for byte after one parse (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (v) => {
        const once = stringifyJson(parseJson(JSON.stringify(v)));
        expect(stringifyJson(parseJson(once))).toBe(once);
      }),
      { numRuns: 300 },
    );
  });
});

describe('quote (short strings scanned in JS, long ones natively)', () => {
  it('equals JSON.stringify for well-formed strings of every length around the short path', () => {
    const specials = ['"', '\\', '\u0000', '\n', '\u001f', '\u007f', '\u2028', 'é', '\ud83d\ude00', ' '];
    for (const n of [0, 1, 63, 64, 65, 200]) {
      for (const c of specials) {
        for (const at of [0, Math.max(0, n - 1)]) {
          const s = 'x'.repeat(at) + c + 'x'.repeat(Math.max(0, n - at - 1));
          expect(quote(s), JSON.stringify(s)).toBe(JSON.stringify(s));
        }
      }
    }
  });

  it('refuses lone surrogates on the short and the long path', () => {
    for (const s of ['\ud800', 'a\udc00', 'x'.repeat(63) + '\ud800', 'x'.repeat(64) + '\udc00', '\ud800'.padEnd(100, 'y')]) {
      expect(() => quote(s), JSON.stringify(s)).toThrow(TypeError);
    }
  });

  it('equals JSON.stringify on arbitrary well-formed strings (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 130 }), (s) => {
        if (s.isWellFormed()) expect(quote(s)).toBe(JSON.stringify(s));
        else expect(() => quote(s)).toThrow(TypeError);
      }),
      { numRuns: 3000 },
    );
  });
});
