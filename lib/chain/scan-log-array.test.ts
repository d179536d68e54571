import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isPlainObject, type JsonValue } from './json-value';
import { parseJsonArrayElements } from './parse-json';
import { scanLogArray } from './scan-log-array';
import { canonicalFieldsOf } from './sign-batch';
import { BLOCKCHAIN_FIELD, compileFieldSelector, type FieldSelector } from './select-fields';

const sel = (...paths: string[]) => compileFieldSelector(paths);

/**
 * Checks scanLogArray against the reference path on one text: null exactly when the reference
 * parser refuses the text; otherwise the same spans, and per log either canonicalFieldsOf's text
 * and EBP_METADATA's value, or null for a log the reference must decide.
 */
function expectLikeReference(text: string, selector: FieldSelector, maxDepth = 100): void {
  const scanned = scanLogArray(text, selector, maxDepth);
  let ref: { values: JsonValue[]; spans: [number, number][] } | null;
  try {
    ref = parseJsonArrayElements(text, { maxDepth });
  } catch {
    ref = null;
  }
  if (ref === null) {
    expect(scanned, text).toBeNull();
    return;
  }
  expect(scanned, text).not.toBeNull();
  const logs = scanned as NonNullable<typeof scanned>;
  expect(logs.map((l) => [l.start, l.end])).toEqual(ref.spans);
  logs.forEach((l, i) => {
    const v = ref.values[i] as JsonValue;
    let canonical: string | null;
    try {
      canonical = canonicalFieldsOf(v, selector);
    } catch {
      canonical = null;
    }
    if (l.canonical !== null) {
      expect(l.canonical, text).toBe(canonical);
      expect(l.meta, text).toEqual((v as Record<string, JsonValue>).EBP_METADATA);
      return;
    }
    // Left to the reference path only for the documented reasons.
    const obj = isPlainObject(v) ? v : null;
    const metaSelected = obj !== null && Object.prototype.hasOwnProperty.call(obj, 'EBP_METADATA') && selector.paths.some((p) => p === 'EBP_METADATA' || p.startsWith('EBP_METADATA.'));
    expect(obj === null || Object.prototype.hasOwnProperty.call(obj, BLOCKCHAIN_FIELD) || canonical === null || metaSelected, text).toBe(true);
    expect(l.meta).toBeUndefined();
  });
}

describe('scanLogArray', () => {
  it('gives each log its span, EBP_METADATA and canonical signed fields', () => {
    const text = ' [ {"m":"x", "EBP_METADATA":{"k":1}} ,\n{"z":[1, {"b":2,"a":1}],"m":"y","n":0.5} ] ';
    expect(scanLogArray(text, sel('m', 'z'), 100)).toEqual([
      { start: 3, end: 36, canonical: '{"m":"x"}', meta: { k: 1 } },
      { start: 39, end: 79, canonical: '{"m":"y","z":[1,{"a":1,"b":2}]}', meta: undefined },
    ]);
    expect(scanLogArray('[]', sel('m'), 100)).toEqual([]);
    expect(scanLogArray('[{}]', sel('m'), 100)).toEqual([{ start: 1, end: 3, canonical: '{}', meta: undefined }]);
  });

  it('builds one EBP_METADATA value per spelling, shared by the logs that spell it alike', () => {
    const m = '{"customer":"c","tags":[1,{"x":2}]}';
    const logs = scanLogArray(`[{"EBP_METADATA":${m}},{"EBP_METADATA":${m}},{"EBP_METADATA":${m.replace(':', ': ')}}]`, sel('m'), 100);
    expect(logs?.map((l) => l.meta)).toEqual([JSON.parse(m), JSON.parse(m), JSON.parse(m)]);
    expect(logs?.[1]?.meta).toBe(logs?.[0]?.meta);
    expect(logs?.[2]?.meta).not.toBe(logs?.[0]?.meta); // spelled differently (a space)
  });

  it('writes escaped strings and names, numbers and literals in canonical form', () => {
    const text = String.raw`[{"\u006d":"a\u0041\/\n","b":{"\"q":true,"e":{},"f":[],"g":null,"h":false},"n":[1.50,1e3,-0,12.340e1,9007199254740993,0.1,1e21]}]`;
    expect(scanLogArray(text, sel('m', 'b', 'n'), 100)?.[0]?.canonical).toBe(String.raw`{"b":{"\"q":true,"e":{},"f":[],"g":null,"h":false},"m":"aA/\n","n":[1.5,1000,0,123.4,9007199254740993,0.1,1000000000000000000000]}`);
    expectLikeReference(text, sel('m', 'b', 'n'));
  });

  it('selects partially, through dotted names, and never into arrays or scalars', () => {
    const text = '[{"host":{"name":"h","ip":"1","os":{"v":1}},"a.b":{"c":1,"d":2},"x.y":5,"arr":[{"k":1}],"s":"t","e":{"q":{}}}]';
    const logs = scanLogArray(text, sel('host.name', 'host.os.v', 'a.b.c', 'x', 'arr.k', 's.t', 'e.q.r'), 100);
    expect(logs?.[0]?.canonical).toBe('{"a.b":{"c":1},"host":{"name":"h","os":{"v":1}},"x.y":5}');
    expectLikeReference(text, sel('host.name', 'host.os.v', 'a.b.c', 'x', 'arr.k', 's.t', 'e.q.r'));
    expectLikeReference(text, sel('a.b.z', 'host.os.v.w', 'x.y.z'));
  });

  it('leaves to the reference path what it must decide', () => {
    const logs = scanLogArray('[1, "s", [], null, {"ES_BLOCKCHAIN":{}}, {"EBP_METADATA":{"a":1},"m":1}, {"m":1e999999}, {"m":1}]', sel('m', 'EBP_METADATA.a'), 100);
    expect(logs?.map((l) => l.canonical)).toEqual([null, null, null, null, null, null, null, '{"m":1}']);
    // A number without a canonical form matters only where it is signed.
    expect(scanLogArray('[{"m":1e999999,"o":1}]', sel('o'), 100)?.[0]?.canonical).toBe('{"o":1}');
  });

  it('refuses what the reference parser refuses', () => {
    const bad = [
      '', '{}', '[', '[1,]', '[1 2]', '[{"a":1,"a":2}]', '[{"a":{"b":1,"b":2}}]', String.raw`[{"a":1,"\u0061":2}]`, '[{"a":1}] x',
      '[{"a" 1}]', '[{"a":1 "b":2}]', '[{a:1}]', '[{"a":01}]', '[{"a":1.}]', '[{"a":tru}]', '[{"a":"\u0001"}]', String.raw`[{"a":"\ud800"}]`,
      '[{"a":[1 2]}]', '[{"a":[1,]}]', '[{"m":[1 2]}]', '[{"m":{"x":1,"x":2}}]', '[{"m":{"x" 1}}]', '[{"s":[[1],[2 3]]}]', '[{"s":{"t":1,"t":2}}]',
      `[{${Array.from({ length: 20 }, (_, i) => `"k${i}":1`).join(',')},"k3":2}]`, '[{"m":"x"}',
    ];
    for (const text of bad) {
      expect(scanLogArray(text, sel('m'), 100), text).toBeNull();
      expectLikeReference(text, sel('m'));
    }
    expect(scanLogArray(`[{${Array.from({ length: 20 }, (_, i) => `"k${i}":1`).join(',')}}]`, sel('k19'), 100)?.[0]?.canonical).toBe('{"k19":1}');
  });

  it('applies the nesting limit as the reference parser does, selected or not', () => {
    for (const [text, paths] of [
      ['[{"a":{"b":{"c":1}}}]', ['a']],
      ['[{"a":{"b":{"c":1}}}]', ['x']],
      ['[{"a":[[1]]}]', ['a']],
      ['[{"a":[[1]]}]', ['x']],
      ['[{"a":{"b":[1]}}]', ['a.b']],
      ['[[[1]]]', ['a']],
    ] as [string, string[]][]) {
      for (const maxDepth of [1, 2, 3, 4]) expectLikeReference(text, sel(...paths), maxDepth);
    }
    expect(scanLogArray('[{"a":{"b":{"c":1}}}]', sel('a'), 3)).toBeNull();
    expect(scanLogArray('[{"a":{"b":{"c":1}}}]', sel('a'), 4)?.[0]?.canonical).toBe('{"a":{"b":{"c":1}}}');
  });

  it('checks its arguments', () => {
    expect(() => scanLogArray(1 as unknown as string, sel('m'), 100)).toThrow(TypeError);
    for (const d of [0, 129, 1.5]) expect(() => scanLogArray('[]', sel('m'), d)).toThrow(RangeError);
  });

  it('agrees with the reference path on arbitrary and damaged texts (property)', () => {
    const ws = fc.constantFrom('', '', '', ' ', '\n', '\t ', '\r\n');
    const rawString = fc.oneof(fc.constantFrom('m', 'a', 'b', 'a.b', 'x', 'EBP_METADATA', 'ES_BLOCKCHAIN', '__proto__', 'é', '😀', 'q"', 'b\\s', 'l\nf'), fc.string({ maxLength: 6 }));
    // A string literal as JSON.stringify writes it, or with some characters as \u escapes.
    const literal = fc.tuple(rawString, fc.nat(3)).map(([s, style]) => {
      if (style > 0) return JSON.stringify(s);
      return `"${[...s].map((ch, i) => (i % 2 === 0 ? [...ch].map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join('') : JSON.stringify(ch).slice(1, -1))).join('')}"`;
    });
    const number = fc.oneof(fc.constantFrom('0', '-0', '1.50', '1e3', '12.340e1', '9007199254740993', '1e999999', '0.1', '-1E-7', '123456789012345678901234567890'), fc.integer().map(String), fc.double({ noNaN: true, noDefaultInfinity: true }).map(String));
    const text = fc.letrec<{ value: string; obj: string }>((tie) => ({
      value: fc.oneof({ maxDepth: 4 }, literal, number, fc.constantFrom('true', 'false', 'null'), tie('obj'), fc.tuple(fc.array(tie('value'), { maxLength: 3 }), ws).map(([xs, w]) => `[${w}${xs.join(`${w},`)}${w}]`)),
      obj: fc.tuple(fc.array(fc.tuple(literal, tie('value')), { maxLength: 5 }), ws).map(([ms, w]) => `{${w}${ms.map(([k, v]) => `${k}${w}:${w}${v}`).join(`,${w}`)}${w}}`),
    }));
    const body = fc.tuple(fc.array(fc.oneof({ weight: 4, arbitrary: text.obj }, { weight: 1, arbitrary: text.value }), { maxLength: 4 }), ws).map(([xs, w]) => `${w}[${w}${xs.join(`,${w}`)}${w}]${w}`);
    // Damage: drop, insert or replace one character (mostly giving malformed texts).
    const damaged = fc.tuple(body, fc.nat(), fc.constantFrom('', ',', ':', '{', '}', '[', ']', '"', '\\', ' ', '0', 'e', '.', '-')).map(([t, at, ch]) => {
      const i = t.length === 0 ? 0 : at % t.length;
      return t.slice(0, i) + ch + t.slice(i + (at % 2));
    });
    const paths = fc.uniqueArray(fc.constantFrom('m', 'a', 'a.b', 'b', 'x', 'x.y', 'EBP_METADATA', 'EBP_METADATA.a', '__proto__', 'é', 'q"', 'm.a.b'), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(fc.oneof(body, damaged), paths, fc.constantFrom(2, 3, 4, 100), (t, ps, maxDepth) => {
        expectLikeReference(t, sel(...ps), maxDepth);
      }),
      { numRuns: 4000 },
    );
  });
});
