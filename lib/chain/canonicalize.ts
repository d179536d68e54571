import { canonicalNumber, canonicalNumberLiteral } from './canonical-number';
import { LosslessNumber, isPlainObject } from './json-value';

/** Default nesting limit for values given to the canonicalizer (matches the parser's). */
export const MAX_CANONICAL_DEPTH = 128;

/**
 * RFC 8785 (JCS) canonical JSON with the signing format's number rule (README §Canonical form):
 * object members sorted by UTF-16 code units, no whitespace, strings escaped as ECMAScript's
 * JSON.stringify does (which is what RFC 8785 §3.2.2.2 prescribes), numbers written as the
 * shortest plain decimal equal to their exact value.
 *
 * Written directly in one pass (no sorted intermediate objects): on typical logs this costs
 * about as much as a plain JSON.stringify. The value is attacker-influenced (log content): it is
 * checked, not trusted.
 *
 * @throws {TypeError} for values outside the JSON model (undefined, functions, symbols, bigint,
 *   class instances, strings with lone surrogates).
 * @throws {RangeError} for NaN/Infinity, oversized numbers or nesting beyond 128 levels.
 * @example canonicalize({ b: 1.5, a: [true, null] }) // '{"a":[true,null],"b":1.5}'
 */
export function canonicalize(value: unknown): string {
  return writeJson(value, 0, true);
}

/**
 * The one JSON writer behind {@link canonicalize} (`canonical`: sorted members, exact-value
 * numbers) and `stringifyJson` (member order kept, numbers as written: a LosslessNumber's literal,
 * a double's shortest spelling). Both check the value against the JSON model the same way.
 */
export function writeJson(v: unknown, depth: number, canonical: boolean): string {
  switch (typeof v) {
    case 'string':
      return quote(v);
    case 'number':
      if (Number.isSafeInteger(v)) return '' + v;
      return canonical || !Number.isFinite(v) ? canonicalNumber(v) : String(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object':
      break;
    default:
      throw new TypeError(`${typeof v} is not a JSON value`);
  }
  if (v === null) return 'null';
  if (depth >= MAX_CANONICAL_DEPTH) throw new RangeError('nesting too deep');
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i === 0 ? '' : ',') + writeJson(v[i], depth + 1, canonical);
    return out + ']';
  }
  if (v instanceof LosslessNumber) return canonical ? canonicalNumberLiteral(v.literal) : v.literal;
  if (!isPlainObject(v)) throw new TypeError('only plain objects, arrays and primitives are JSON values');
  const keys = Object.keys(v);
  if (canonical) sortKeys(keys);
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    out += (i === 0 ? '' : ',') + quote(k) + ':' + writeJson(v[k], depth + 1, canonical);
  }
  return out + '}';
}

/**
 * Sorts member names by UTF-16 code units (JS `<` on strings). Insertion sort: objects in logs
 * have few members, often already sorted, where it beats Array#sort's comparator calls.
 */
function sortKeys(keys: string[]): void {
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > k) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = k;
  }
}

/**
 * Insertion sort of three-slot entries `m[base, end)` by their first slot, a member name (UTF-16
 * code units, as {@link canonicalize} sorts names): the one-pass writers of selected members
 * (canonical-selection.ts, scan-log-array.ts) keep name, value and what to do with it side by side.
 */
export function sortNameTriples(m: unknown[], base = 0, end = m.length): void {
  for (let i = base + 3; i < end; i += 3) {
    const a = m[i] as string;
    const b = m[i + 1];
    const c = m[i + 2];
    let j = i - 3;
    while (j >= base && (m[j] as string) > a) {
      m[j + 3] = m[j];
      m[j + 4] = m[j + 1];
      m[j + 5] = m[j + 2];
      j -= 3;
    }
    m[j + 3] = a;
    m[j + 4] = b;
    m[j + 5] = c;
  }
}

// Control characters must be escaped. A one-range class scans about twice as fast as a class that
// also lists '"', '\\' and surrogates; those are found by indexOf/isWellFormed (near free on
// one-byte strings, which V8 knows hold no surrogates).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f]/;

/**
 * JSON string escaping of RFC 8785 §3.2.2.2 (as ECMAScript JSON.stringify). Most strings need no
 * escaping and are quoted without a copy; lone surrogates have no UTF-8 form and are refused.
 * @throws {TypeError} for a string with a lone surrogate.
 */
export function quote(s: string): string {
  const n = s.length;
  // Names and most values are short: one pass in JS costs half of the native calls below, each
  // of which has a fixed cost (53 against 106 ns per string; from about 64 characters the
  // native scans win: 4.4 ns per character here in JS, about 1 in the regular expression).
  if (n <= SHORT) {
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return quoteLong(s);
    }
    return '"' + s + '"';
  }
  return quoteLong(s);
}

const SHORT = 64;

function quoteLong(s: string): string {
  if (!s.isWellFormed()) throw new TypeError('string contains a lone surrogate');
  if (s.indexOf('"') < 0 && s.indexOf('\\') < 0 && !CONTROL.test(s)) return '"' + s + '"';
  return JSON.stringify(s);
}
