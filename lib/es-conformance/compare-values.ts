// Value comparison for `match`/`contains`: deep equality on parsed JSON, where every number is a
// double on both sides (YAML `1` and JSON `1.0` are equal) and strings never equal numbers.

const MAX_RENDER = 200;

/** A short, single-line rendering of a value for failure messages. */
export function renderValue(value: unknown): string {
  if (value === undefined) return '<missing>';
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_RENDER ? `${text.slice(0, MAX_RENDER)}…` : text;
}

function kind(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * The first place where `actual` differs from `expected`, as a path and a message, or undefined
 * when they are equal. A missing value equals an expected `null` (Java maps cannot tell them apart).
 */
export function findDifference(actual: unknown, expected: unknown, at = ''): string | undefined {
  const where = at === '' ? '' : ` at [${at}]`;
  if (kind(actual) !== kind(expected)) {
    return `expected ${renderValue(expected)} but was ${renderValue(actual)}${where}`;
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length !== expected.length) {
      return `expected a list of ${expected.length} but it has ${actual.length}${where}`;
    }
    for (let i = 0; i < expected.length; i += 1) {
      const diff = findDifference(actual[i], expected[i], at === '' ? String(i) : `${at}.${i}`);
      if (diff) return diff;
    }
    return undefined;
  }
  if (typeof actual === 'object' && actual !== null && typeof expected === 'object' && expected !== null) {
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    const extra = Object.keys(a).filter((key) => !(key in e));
    const missing = Object.keys(e).filter((key) => !(key in a) && e[key] !== null);
    if (missing.length > 0) return `missing key [${missing[0]}]${where}`;
    if (extra.length > 0) return `unexpected key [${extra[0]}]${where}`;
    for (const key of Object.keys(e)) {
      const diff = findDifference(a[key], e[key], at === '' ? key : `${at}.${key}`);
      if (diff) return diff;
    }
    return undefined;
  }
  if (actual === expected || (actual == null && expected == null)) return undefined;
  return `expected ${renderValue(expected)} but was ${renderValue(actual)}${where}`;
}

/** Deep equality as `findDifference` defines it. */
export function valuesEqual(actual: unknown, expected: unknown): boolean {
  return findDifference(actual, expected) === undefined;
}

/**
 * The truthiness of the format's `is_true`/`is_false`: false for a missing value, null, `false`,
 * `0`, the empty string and the string "false" (any case); everything else, including empty
 * lists and maps, is true (the reference runner compares the value's text form).
 */
export function isTruthy(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  const text = typeof value === 'object' ? 'object' : String(value);
  return !(text === '' || text === '0' || text.toLowerCase() === 'false');
}
