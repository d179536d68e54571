import { compileXRegex, isRegexLiteral, regexBody } from './compile-x-regex';
import { findDifference, isTruthy, renderValue, valuesEqual } from './compare-values';
import { evaluateSegments } from './resolve-path';
import type { Stash } from './stash';
import type { AssertStep } from './types';

/** The last response as assertions see it. */
export interface ResponseView {
  /** Parsed body (JSON value), `true`/`false` for HEAD requests, text for text responses. */
  readonly body: unknown;
}

export interface AssertionFailure {
  readonly message: string;
  readonly expected?: string;
  readonly actual?: string;
}

/** The raw text of the body, for `$body` compared against a string or regex (cat APIs). */
function bodyText(body: unknown): string {
  return typeof body === 'string' ? body : JSON.stringify(body) ?? '';
}

function actualValue(step: AssertStep, response: ResponseView, stash: Stash): unknown {
  if (step.path === '$body') {
    return step.op === 'match' && typeof step.expected === 'string' ? bodyText(response.body) : response.body;
  }
  // A whole `$var` path asserts on a stashed value rather than on the response.
  if (stash.isReference(step.path)) return stash.substituteString(step.path);
  return evaluateSegments(response.body, stash.substitutePath(step.path));
}

function compareOrdered(op: 'lt' | 'gt' | 'lte' | 'gte', actual: unknown, expected: unknown): AssertionFailure | undefined {
  const comparable = (typeof actual === 'number' && typeof expected === 'number')
    || (typeof actual === 'string' && typeof expected === 'string');
  if (!comparable) {
    return { message: `${op} needs two numbers (or two strings)`, expected: renderValue(expected), actual: renderValue(actual) };
  }
  const a = actual as number | string;
  const e = expected as number | string;
  const ok = op === 'lt' ? a < e : op === 'gt' ? a > e : op === 'lte' ? a <= e : a >= e;
  const symbol = { lt: '<', gt: '>', lte: '<=', gte: '>=' }[op];
  return ok ? undefined : { message: `expected ${symbol} ${renderValue(expected)} but was ${renderValue(actual)}`, expected: `${symbol} ${renderValue(expected)}`, actual: renderValue(actual) };
}

function checkMatch(actual: unknown, expected: unknown, asRegex: boolean): AssertionFailure | undefined {
  if (asRegex && typeof expected === 'string') {
    if (actual === undefined || actual === null) {
      return { message: 'no value to match the regex against', expected, actual: renderValue(actual) };
    }
    const text = typeof actual === 'object' ? JSON.stringify(actual) : String(actual);
    let pattern: RegExp;
    try {
      pattern = compileXRegex(regexBody(expected));
    } catch (err) {
      return { message: `invalid regex: ${(err as Error).message}`, expected };
    }
    return pattern.test(text) ? undefined : { message: 'value does not match the regex', expected, actual: renderValue(text) };
  }
  const diff = findDifference(actual, expected);
  return diff === undefined ? undefined : { message: diff, expected: renderValue(expected), actual: renderValue(actual) };
}

function checkContains(actual: unknown, expected: unknown): AssertionFailure | undefined {
  if (typeof actual === 'string' && typeof expected === 'string') {
    return actual.includes(expected) ? undefined : { message: 'string does not contain the expected text', expected: renderValue(expected), actual: renderValue(actual) };
  }
  if (!Array.isArray(actual)) return { message: 'contains needs a list (or a string)', actual: renderValue(actual) };
  const isMap = typeof expected === 'object' && expected !== null && !Array.isArray(expected);
  // A map expectation matches an element that has (at least) those entries.
  const found = actual.some((item) => (isMap
    ? typeof item === 'object' && item !== null && !Array.isArray(item)
      && Object.entries(expected as Record<string, unknown>).every(([key, value]) => valuesEqual((item as Record<string, unknown>)[key], value))
    : valuesEqual(item, expected)));
  return found ? undefined : { message: 'list does not contain the expected element', expected: renderValue(expected), actual: renderValue(actual) };
}

function checkCloseTo(actual: unknown, expected: unknown): AssertionFailure | undefined {
  const spec = (expected ?? {}) as { value?: unknown; error?: unknown };
  if (typeof spec.value !== 'number' || typeof spec.error !== 'number') {
    return { message: 'close_to needs {value: number, error: number}', expected: renderValue(expected) };
  }
  if (typeof actual !== 'number') return { message: 'close_to needs a number', actual: renderValue(actual) };
  return Math.abs(actual - spec.value) <= spec.error
    ? undefined
    : { message: `expected ${spec.value} ± ${spec.error}`, expected: `${spec.value} ± ${spec.error}`, actual: renderValue(actual) };
}

function checkIsAfter(actual: unknown, expected: unknown): AssertionFailure | undefined {
  const a = typeof actual === 'string' ? Date.parse(actual) : Number.NaN;
  const e = typeof expected === 'string' ? Date.parse(expected) : Number.NaN;
  if (Number.isNaN(a) || Number.isNaN(e)) {
    return { message: 'is_after needs two ISO-8601 instants', expected: renderValue(expected), actual: renderValue(actual) };
  }
  return a > e ? undefined : { message: 'instant is not after the expected one', expected: `after ${renderValue(expected)}`, actual: renderValue(actual) };
}

function checkLength(actual: unknown, expected: unknown): AssertionFailure | undefined {
  let length: number | undefined;
  if (typeof actual === 'string' || Array.isArray(actual)) length = actual.length;
  else if (typeof actual === 'object' && actual !== null) length = Object.keys(actual).length;
  if (length === undefined) return { message: 'length needs a list, map or string', expected: renderValue(expected), actual: renderValue(actual) };
  return length === expected ? undefined : { message: `expected length ${renderValue(expected)} but was ${length}`, expected: `length ${renderValue(expected)}`, actual: String(length) };
}

/**
 * Evaluates one assertion against the last response.
 * @returns undefined when it holds, otherwise what was expected and found.
 * @throws {StashLookupError} when the path or expectation names an unknown `$var`.
 */
export function evaluateAssertion(step: AssertStep, response: ResponseView, stash: Stash): AssertionFailure | undefined {
  const actual = actualValue(step, response, stash);
  // Only a `/.../` written in the test is a regex. A stashed value that happens to look like one
  // (a base64 scroll id such as `/X5O…S/`) is compared literally.
  const asRegex = isRegexLiteral(step.expected);
  const expected = asRegex ? step.expected : stash.substitute(step.expected);
  switch (step.op) {
    case 'match':
      return checkMatch(actual, expected, asRegex);
    case 'is_true':
      return isTruthy(actual) ? undefined : { message: 'expected a true value', expected: 'true', actual: renderValue(actual) };
    case 'is_false':
      return isTruthy(actual) ? { message: 'expected a false value or none', expected: 'false', actual: renderValue(actual) } : undefined;
    case 'exists':
      return actual === undefined || actual === null ? { message: 'expected the path to exist', actual: '<missing>' } : undefined;
    case 'length':
      return checkLength(actual, expected);
    case 'lt':
    case 'gt':
    case 'lte':
    case 'gte':
      return compareOrdered(step.op, actual, expected);
    case 'contains':
      return checkContains(actual, expected);
    case 'close_to':
      return checkCloseTo(actual, expected);
    case 'is_after':
      return checkIsAfter(actual, expected);
  }
}
