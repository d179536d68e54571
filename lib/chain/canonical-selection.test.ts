import { describe, expect, it } from 'vitest';
import { SELECTION_LOG } from './__fixtures__/selection-log';
import fc from 'fast-check';
import { canonicalSelection } from './canonical-selection';
import { canonicalize } from './canonicalize';
import { LosslessNumber, type JsonObject, type JsonValue } from './json-value';
import { compileFieldSelector, selectFields } from './select-fields';

const sel = (...paths: string[]) => compileFieldSelector(paths);

/** The two steps canonicalSelection replaces: its text, or the error they throw. */
function twoSteps(log: JsonObject, paths: string[]): string | { error: string } {
  try {
    return canonicalize(selectFields(log, sel(...paths)));
  } catch (err) {
    return { error: `${(err as Error).name}: ${(err as Error).message}` };
  }
}
function onePass(log: JsonObject, paths: string[]): string | { error: string } {
  try {
    return canonicalSelection(log, sel(...paths));
  } catch (err) {
    return { error: `${(err as Error).name}: ${(err as Error).message}` };
  }
}

/** `levels` objects nested under `k`, with `leaf` at the bottom. */
function nest(levels: number, leaf: JsonObject): JsonObject {
  let v: JsonObject = leaf;
  for (let i = 0; i < levels; i++) v = { k: v };
  return v;
}

describe('canonicalSelection', () => {
  const log = SELECTION_LOG;

  it('writes the canonical text of the selected fields, sorted at every level', () => {
    expect(canonicalSelection(log, sel('message', 'host.os', 'host.name', 'n'))).toBe('{"host":{"name":"h","os":{"family":"debian","version":"12"}},"message":"m","n":null}');
    expect(canonicalSelection(log, sel('user.name', 'user.id', 'tags'))).toBe('{"tags":["a",{"k":1}],"user":{"id":7},"user.name":"dotted"}');
  });

  it('writes {} when nothing is selected, and leaves out objects nothing is selected from', () => {
    expect(canonicalSelection(log, sel('missing'))).toBe('{}');
    expect(canonicalSelection(log, sel('host.missing', 'event.category.deeper', 'tags.0', 'message.x'))).toBe('{}');
    expect(canonicalSelection({ a: { b: { c: {} } } }, sel('a.b.c.d', 'a.x'))).toBe('{}');
    expect(canonicalSelection({ a: { b: {} } }, sel('a.b'))).toBe('{"a":{"b":{}}}'); // a whole empty object is a value
  });

  it('matches dotted names segment by segment, whole or partial', () => {
    const dotted: JsonObject = { 'host.os': { family: 'debian', version: '12' }, 'a.b.c': 1, 'a.b': { c: 2, d: 3 } };
    expect(canonicalSelection(dotted, sel('host.os.family', 'a.b'))).toBe('{"a.b":{"c":2,"d":3},"a.b.c":1,"host.os":{"family":"debian"}}');
    expect(canonicalSelection(dotted, sel('host'))).toBe('{"host.os":{"family":"debian","version":"12"}}');
    expect(canonicalSelection(dotted, sel('host.os.missing', 'a.x'))).toBe('{}');
  });

  it('keeps __proto__ as data and never selects inherited members', () => {
    const withProto = JSON.parse('{"__proto__":{"x":1,"y":2},"z":3}') as JsonObject;
    expect(canonicalSelection(withProto, sel('__proto__.x'))).toBe('{"__proto__":{"x":1}}');
    const child = Object.create({ inherited: 'no' }) as JsonObject;
    child.own = 'yes';
    expect(canonicalSelection(child, sel('inherited', 'own'))).toBe('{"own":"yes"}');
  });

  it('throws what the two steps throw, for the same first problem in sorted order', () => {
    const cases: [JsonObject, string[]][] = [
      [{ b: NaN, a: new LosslessNumber('1e999999') }, ['a', 'b']],
      [{ b: NaN, a: new LosslessNumber('1e999999') }, ['b']],
      [{ a: { y: 'x\ud800', x: Infinity } }, ['a.x', 'a.y']],
      [{ a: { ['\udc00']: 1, x: NaN } }, ['a']],
      // A name with a lone surrogate (selected whole through a dotted name) is refused before its value.
      [{ ['a.\udc00']: NaN }, ['a']],
      [{ ['a.\udc00']: { q: 1 }, b: NaN }, ['a', 'b']],
      [{ c: { ['a.\udc00']: [NaN] } }, ['c.a']],
    ];
    for (const [value, paths] of cases) expect(onePass(value, paths), JSON.stringify(paths)).toEqual(twoSteps(value, paths));
    expect(onePass({ b: NaN, a: new LosslessNumber('1e999999') }, ['a', 'b'])).toEqual({ error: 'RangeError: canonicalNumberLiteral: number too long in plain form' });
    expect(onePass({ ['a.\udc00']: NaN }, ['a'])).toEqual({ error: 'TypeError: string contains a lone surrogate' });
  });

  it('refuses nesting at canonicalize’s limit only where something is selected', () => {
    const ks = (n: number) => Array.from({ length: n }, () => 'k').join('.');
    // The object holding `leaf` sits at depth 128: refused once something in it is selected.
    const deep = nest(128, { leaf: 1 });
    expect(onePass(deep, [`${ks(128)}.leaf`])).toEqual({ error: 'RangeError: nesting too deep' });
    expect(onePass(deep, [`${ks(128)}.leaf`])).toEqual(twoSteps(deep, [`${ks(128)}.leaf`]));
    expect(canonicalSelection(deep, sel(`${ks(128)}.missing`))).toBe('{}');
    const shallower = nest(127, { leaf: 1 });
    expect(canonicalSelection(shallower, sel(`${ks(127)}.leaf`))).toBe(`${'{"k":'.repeat(127)}{"leaf":1}${'}'.repeat(127)}`);
    expect(onePass(nest(127, { leaf: { x: 1 } }), [`${ks(127)}.leaf`])).toEqual({ error: 'RangeError: nesting too deep' });
  });

  it('equals canonicalize(selectFields()) on arbitrary logs and selections, errors included (property)', () => {
    const name = fc.constantFrom('a', 'b', 'c', 'a.b', 'b.c', '__proto__', 'é', '\ud83d\ude00', '\udc00', 'x.\ud800');
    const leaf = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: 'binary', maxLength: 8 }), // lone surrogates and control characters
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom(new LosslessNumber('1.50'), new LosslessNumber('1e999999'), new LosslessNumber('9007199254740993')),
    );
    const json = fc.letrec<{ value: JsonValue; obj: JsonObject }>((tie) => ({
      value: fc.oneof({ maxDepth: 4 }, leaf, fc.array(tie('value'), { maxLength: 3 }), tie('obj')),
      obj: fc.dictionary(name, tie('value'), { maxKeys: 5 }) as fc.Arbitrary<JsonObject>,
    }));
    const path = fc.array(fc.constantFrom('a', 'b', 'c', 'x', '__proto__', 'é', '\ud83d\ude00'), { minLength: 1, maxLength: 4 }).map((s) => s.join('.'));
    fc.assert(
      fc.property(json.obj, fc.uniqueArray(path, { minLength: 1, maxLength: 5 }), (value, paths) => {
        expect(onePass(value, paths)).toEqual(twoSteps(value, paths));
      }),
      { numRuns: 3000 },
    );
  });
});
