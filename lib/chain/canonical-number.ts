import { NUMBER_LITERAL } from './json-value';

/**
 * Longest canonical number accepted. A literal like `1e1000000000` has a short spelling but a
 * billion-digit plain form; refusing it bounds the work an attacker can cause per number.
 */
export const MAX_CANONICAL_NUMBER_LENGTH = 1100;

/**
 * The signing format's number rule (README §Numbers): the shortest plain decimal (no exponent)
 * equal to the exact value of the literal. `1.50` → `1.5`, `1e3` → `1000`, `-0` → `0`,
 * `9007199254740993` stays as written. Works on the text, never through an IEEE double.
 *
 * @throws {TypeError} when `literal` is not a string holding a JSON number literal.
 * @throws {RangeError} when the plain form would exceed {@link MAX_CANONICAL_NUMBER_LENGTH}.
 * @example canonicalNumberLiteral('12.340e1') // '123.4'
 */
export function canonicalNumberLiteral(literal: string): string {
  if (typeof literal !== 'string' || !NUMBER_LITERAL.test(literal)) {
    throw new TypeError('canonicalNumberLiteral: not a JSON number literal');
  }
  const negative = literal.charCodeAt(0) === 0x2d;
  const body = negative ? literal.slice(1) : literal;
  const ePos = body.search(/[eE]/);
  const mantissa = ePos < 0 ? body : body.slice(0, ePos);
  const dot = mantissa.indexOf('.');
  const intPart = dot < 0 ? mantissa : mantissa.slice(0, dot);
  const fracPart = dot < 0 ? '' : mantissa.slice(dot + 1);

  // value = digits × 10^exponent, with digits free of leading and trailing zeros.
  let digits = (intPart + fracPart).replace(/^0+/, '');
  if (digits === '') return '0';
  const stripped = digits.replace(/0+$/, '');
  const expText = ePos < 0 ? '0' : body.slice(ePos + 1);
  // Bound the exponent before doing arithmetic with it (it may have thousands of digits).
  const expDigits = expText.replace(/^[+-]/, '').replace(/^0+/, '');
  if (expDigits.length > 7) throw new RangeError('canonicalNumberLiteral: exponent out of range');
  const exponent = Number(expText) - fracPart.length + (digits.length - stripped.length);
  digits = stripped;

  let out: string;
  if (exponent >= 0) {
    if (digits.length + exponent > MAX_CANONICAL_NUMBER_LENGTH) throw new RangeError('canonicalNumberLiteral: number too long in plain form');
    out = digits + '0'.repeat(exponent);
  } else {
    const point = digits.length + exponent; // digits before the decimal point
    if (point > 0) out = `${digits.slice(0, point)}.${digits.slice(point)}`;
    else {
      if (2 - point + digits.length > MAX_CANONICAL_NUMBER_LENGTH) throw new RangeError('canonicalNumberLiteral: number too long in plain form');
      out = `0.${'0'.repeat(-point)}${digits}`;
    }
  }
  return negative ? `-${out}` : out;
}

/**
 * The number rule for a JS number: its shortest round-trip spelling (`String(n)`) written as a
 * plain decimal. Integers and ordinary decimals take the fast path.
 *
 * @throws {RangeError} for NaN and ±Infinity (not JSON).
 * @example canonicalNumber(1e21) // '1000000000000000000000'
 */
export function canonicalNumber(n: number): string {
  if (Number.isSafeInteger(n)) return String(n); // String(-0) is '0'
  if (!Number.isFinite(n)) throw new RangeError('canonicalNumber: NaN and Infinity are not JSON numbers');
  const s = String(n);
  return s.includes('e') ? canonicalNumberLiteral(s.replace('e+', 'e')) : s;
}
