import { ConformanceError } from './conformance-error';
import { parseRequirement } from './parse-requirement';
import type { AssertionOp, DoStep, Requirement, Step } from './types';

const UNARY_ASSERTIONS = new Set<AssertionOp>(['is_true', 'is_false', 'exists']);
const KEYED_ASSERTIONS = new Set<AssertionOp>([
  'match', 'length', 'lt', 'gt', 'lte', 'gte', 'contains', 'close_to', 'is_after',
]);
const DO_OPTIONS = new Set([
  'catch', 'headers', 'warnings', 'warnings_regex', 'allowed_warnings', 'allowed_warnings_regex', 'node_selector',
]);

function fail(where: string, message: string): never {
  throw new ConformanceError('ERR_CONFORMANCE_PARSE', `${where}: ${message}`);
}

function asMapping(value: unknown, where: string, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(where, `${what} must be a mapping`);
  return value as Record<string, unknown>;
}

function optionalStrings(value: unknown, where: string, what: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const items = Array.isArray(value) ? value : [value];
  if (!items.every((item) => typeof item === 'string')) fail(where, `${what} must be a list of strings`);
  return items as string[];
}

function parseDo(value: unknown, where: string): DoStep {
  const body = asMapping(value, where, 'do');
  const apiKeys = Object.keys(body).filter((key) => !DO_OPTIONS.has(key));
  // Exactly one key names the API; anything else is an option this runner does not know.
  const api = apiKeys[0];
  if (api === undefined) fail(where, 'do has no API call');
  const params = body[api] ?? {};
  if (typeof params !== 'object' || Array.isArray(params)) fail(where, `parameters of ${api} must be a mapping`);
  const catchValue = body.catch;
  if (catchValue !== undefined && typeof catchValue !== 'string') fail(where, 'catch must be a string');
  const headers = body.headers === undefined ? undefined : asMapping(body.headers, where, 'headers');
  return {
    kind: 'do',
    api,
    params: params as Record<string, unknown>,
    catch: catchValue,
    headers,
    warnings: optionalStrings(body.warnings, where, 'warnings'),
    warningsRegex: optionalStrings(body.warnings_regex, where, 'warnings_regex'),
    allowedWarnings: optionalStrings(body.allowed_warnings, where, 'allowed_warnings'),
    allowedWarningsRegex: optionalStrings(body.allowed_warnings_regex, where, 'allowed_warnings_regex'),
    nodeSelector: body.node_selector,
    unknownKeys: apiKeys.slice(1),
  };
}

/**
 * Parses one list item of a section. A multi-entry assertion (`match: {a: 1, b: 2}`) becomes one
 * step per entry, so failures name the exact path.
 * @throws {ConformanceError} ERR_CONFORMANCE_PARSE on a malformed step.
 */
export function parseStep(item: unknown, where: string): Step[] | Requirement {
  const entry = asMapping(item, where, 'a step');
  const keys = Object.keys(entry);
  const op = keys[0];
  if (op === undefined || keys.length !== 1) fail(where, `a step must have exactly one operator, found [${keys.join(', ')}]`);
  const value = entry[op];
  if (op === 'requires' || op === 'skip') return parseRequirement(op, value, where);
  if (op === 'do') return [parseDo(value, where)];
  if (op === 'set') {
    return Object.entries(asMapping(value, where, 'set')).map(([path, variable]) => ({
      kind: 'set', path, variable: String(variable),
    }));
  }
  if (op === 'transform_and_set') {
    return Object.entries(asMapping(value, where, 'transform_and_set')).map(([variable, expression]) => ({
      kind: 'transform_and_set', variable, expression: String(expression),
    }));
  }
  if (UNARY_ASSERTIONS.has(op as AssertionOp)) {
    // `is_true: ''` (and a bare `is_true:`) address the whole response body.
    const path = value === null || value === undefined ? '' : String(value);
    return [{ kind: 'assert', op: op as AssertionOp, path }];
  }
  if (KEYED_ASSERTIONS.has(op as AssertionOp)) {
    return Object.entries(asMapping(value, where, op)).map(([path, expected]) => ({
      kind: 'assert', op: op as AssertionOp, path, expected,
    }));
  }
  return [{ kind: 'unknown', op }];
}
