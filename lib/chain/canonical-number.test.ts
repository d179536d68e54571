import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalNumber, canonicalNumberLiteral, MAX_CANONICAL_NUMBER_LENGTH } from './canonical-number';

describe('canonicalNumberLiteral', () => {
  it.each([
    ['0', '0'],
    ['-0', '0'],
    ['0.000', '0'],
    ['-0e10', '0'],
    ['1', '1'],
    ['1.50', '1.5'],
    ['1e3', '1000'],
    ['1E+3', '1000'],
    ['12.340e1', '123.4'],
    ['123.456e-2', '1.23456'],
    ['-0.0012', '-0.0012'],
    ['1e-7', '0.0000001'],
    ['0.5e-3', '0.0005'],
    ['100', '100'],
    ['1.0000', '1'],
    ['00.5'.slice(1), '0.5'],
    ['9007199254740993', '9007199254740993'],
    ['-12345678901234567890', '-12345678901234567890'],
    ['0.10000000000000000555', '0.10000000000000000555'],
    ['1E+21', '1000000000000000000000'],
    ['2.5e-0', '2.5'],
    ['120e-1', '12'],
  ])('%s → %s', (lit, out) => {
    expect(canonicalNumberLiteral(lit)).toBe(out);
  });

  it('rejects non-literals with TypeError', () => {
    for (const bad of ['', '01', '1.', '.5', '+1', 'NaN', '1e', '0x10', ' 1']) expect(() => canonicalNumberLiteral(bad)).toThrow(TypeError);
    expect(() => canonicalNumberLiteral(1 as unknown as string)).toThrow(TypeError);
  });

  it('bounds the plain form with RangeError', () => {
    expect(() => canonicalNumberLiteral('1e1000000000')).toThrow(RangeError);
    expect(() => canonicalNumberLiteral('1e-1000000000')).toThrow(RangeError);
    expect(() => canonicalNumberLiteral(`1e${MAX_CANONICAL_NUMBER_LENGTH}`)).toThrow(RangeError);
    expect(() => canonicalNumberLiteral(`1e-${MAX_CANONICAL_NUMBER_LENGTH}`)).toThrow(RangeError);
    expect(canonicalNumberLiteral(`1e${MAX_CANONICAL_NUMBER_LENGTH - 1}`)).toHaveLength(MAX_CANONICAL_NUMBER_LENGTH);
    expect(canonicalNumberLiteral('1e0000000000000003')).toBe('1000');
  });

  it('is idempotent and value-preserving (property, checked with BigInt arithmetic)', () => {
    const literal = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.nat({ max: 25 }), fc.integer({ min: -40, max: 40 }), fc.nat({ max: 5 }))
      .map(([neg, digits, fracLen, exp, trailingZeros]) => {
        let s = digits.toString().padStart(fracLen + 1, '0');
        const intPart = s.slice(0, s.length - fracLen).replace(/^0+(?=\d)/, '');
        const frac = s.slice(s.length - fracLen) + '0'.repeat(fracLen ? trailingZeros : 0);
        s = (neg ? '-' : '') + intPart + (frac ? '.' + frac : '') + (exp ? `e${exp}` : '');
        return s;
      });
    fc.assert(
      fc.property(literal, (lit) => {
        const c = canonicalNumberLiteral(lit);
        expect(canonicalNumberLiteral(c)).toBe(c);
        expect(c).not.toMatch(/[eE]/);
        expect(scaled(c)).toBe(scaled(lit));
      }),
      { numRuns: 500 },
    );
  });
});

/** The exact value times 10^60, as a BigInt (test oracle independent of the implementation). */
function scaled(lit: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(lit)!;
  const digits = BigInt(m[2]! + (m[3] ?? ''));
  const exp = Number(m[4] ?? 0) - (m[3] ?? '').length + 60;
  const v = exp >= 0 ? digits * 10n ** BigInt(exp) : digits / 10n ** BigInt(-exp);
  return m[1] ? -v : v;
}

describe('canonicalNumber', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [1.5, '1.5'],
    [-42, '-42'],
    // A double's canonical form is its shortest round-trip spelling (the text "1152921504606846976"
    // arriving in JSON is kept as a LosslessNumber instead, see parse-json.test.ts).
    [2 ** 60, '1152921504606847000'],
    [1e21, '1000000000000000000000'],
    [1.5e-7, '0.00000015'],
    [-1e-7, '-0.0000001'],
    [0.1, '0.1'],
    [123456.789, '123456.789'],
  ])('%s → %s', (n, out) => {
    expect(canonicalNumber(n)).toBe(out);
  });

  it('rejects NaN and Infinity with RangeError', () => {
    for (const bad of [NaN, Infinity, -Infinity]) expect(() => canonicalNumber(bad)).toThrow(RangeError);
  });

  it('round-trips every finite double (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const c = canonicalNumber(n);
        expect(c).not.toMatch(/[eE]/);
        expect(Number(c)).toBe(n === 0 ? 0 : n);
      }),
      { numRuns: 1000 },
    );
  });
});
