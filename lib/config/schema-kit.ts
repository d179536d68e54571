import path from 'node:path';
import { z } from 'zod';
import { describeValue } from './describe-value';
import { Secret } from './secret';

// Small zod builders shared by the section schemas, so every key of the same kind is validated,
// and worded, the same way. Messages name what was expected and what was found; the key and the
// source (file or env var) are added by the loader.

/** What section schemas need to know about the load: relative paths resolve against baseDir. */
export interface SchemaContext {
  readonly baseDir: string;
}

/** Message `expected <what>, got <value>` for any issue raised on a value. */
function expected(what: string): (issue: { input?: unknown }) => string {
  return (issue) => (issue.input === undefined ? 'is required' : `expected ${what}, got ${describeValue(issue.input)}`);
}

/** An integer in [min, max]; `what` describes it for messages ("a positive integer"). */
export function intSchema(min: number, max: number, what?: string) {
  const error = expected(what ?? `an integer between ${min} and ${max}`);
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

/** A non-empty string. */
export function stringSchema() {
  return z.string({ error: expected('a string') }).min(1, { error: 'must not be empty' });
}

/** A non-empty string that `check` accepts; `check` returns an error message or null. */
export function checkedString(check: (value: string) => string | null) {
  return stringSchema().superRefine((value, ctx) => {
    if (value === '') return; // already reported as empty
    const message = check(value);
    if (message !== null) ctx.addIssue({ code: 'custom', message });
  });
}

/** One of `values`, case-sensitive as in El Proxy's TOML ("None", not "none"). */
export function enumSchema<const T extends readonly [string, ...string[]]>(values: T) {
  const list = values.map((v) => JSON.stringify(v)).join(', ');
  return z.enum(values, { error: expected(`one of ${list}`) });
}

/** A filesystem path; relative paths resolve against `ctx.baseDir`. Output is absolute. */
export function pathSchema(ctx: SchemaContext) {
  return stringSchema()
    .refine((value) => !value.includes('\0'), { error: 'must not contain a NUL character' })
    .transform((value) => path.resolve(ctx.baseDir, value));
}

/**
 * An inline secret. Messages never echo the value: a mistyped password must not end up in a
 * start-up log.
 */
export function secretSchema() {
  return z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'expected a string (value not shown)') })
    .min(1, { error: 'must not be empty' })
    .transform((value) => new Secret(value));
}

/** Reports one cross-field problem: `key` and `blame` are relative to the object being checked. */
export type ReportRule = (key: readonly string[], message: string, blame?: readonly string[]) => void;

/**
 * Adds cross-field rules to an object schema. Unlike a plain superRefine they run even when a
 * sibling key failed its own validation (zod skips refinements then), because the loader's
 * contract is to list every problem at once. Rules must therefore be defensive: they get the
 * partially validated object, in which any value may still have the wrong type.
 *
 * `blame` names the key whose source (file or env var) is charged with the problem, e.g. the
 * `type` that makes `certificate_path` required; it defaults to `key`.
 */
export function withRules<T extends z.ZodType>(schema: T, rules: (value: Readonly<Record<string, unknown>>, report: ReportRule) => void): T {
  return schema.superRefine(
    (value: unknown, ctx) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
      rules(value as Record<string, unknown>, (key, message, blame) => {
        ctx.addIssue({ code: 'custom', path: [...key], message, params: { blame: [...(blame ?? key)], depth: key.length } });
      });
    },
    { when: () => true },
  ) as unknown as T;
}

/**
 * Zod's fallback wording for issues our builders do not word themselves (mostly a section that
 * is not a table, e.g. `web_server = 5`).
 */
export function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return 'is required';
    const kind = issue.expected === 'object' ? 'a table' : issue.expected === 'array' ? 'an array' : `a ${issue.expected}`;
    return `expected ${kind}, got ${describeValue(issue.input)}`;
  }
  return undefined;
}

/** True for a TOML table (smol-toml tables have a null prototype; dates are objects too). */
export function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
