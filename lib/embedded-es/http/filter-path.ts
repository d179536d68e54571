/**
 * `filter_path`: keeps (or, with a leading `-`, removes) response fields by dotted path, with `*`
 * inside a segment and `**` for any depth; arrays are transparent. Stored sources reached by a
 * pattern are parsed exactly, so filtered `_source` values keep their bytes.
 */
import { globMatch } from '../json/glob';
import { RawJson, RawParts } from '../json/json-node';
import { parseJson } from '../json/parse-json';

type Pattern = readonly string[];

function entries(v: unknown): [string, unknown][] | undefined {
  if (v instanceof Map) return [...(v as Map<string, unknown>).entries()];
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return Object.entries(v as Record<string, unknown>);
  return undefined;
}

function expand(v: unknown): unknown {
  if (v instanceof RawJson || v instanceof RawParts) {
    try {
      return parseJson(v.toText());
    } catch {
      return v;
    }
  }
  return v;
}

/** Patterns to apply to the value under `key`; `full` when some pattern ends there. */
function advance(patterns: readonly Pattern[], key: string): { next: Pattern[]; full: boolean } {
  const next: Pattern[] = [];
  let full = false;
  for (const p of patterns) {
    const [seg, ...rest] = p;
    if (seg === undefined) continue;
    if (seg === '**') {
      next.push(p); // ** can swallow this key and keep going
      if (rest.length === 0) full = true;
      else {
        const r = advance([rest], key);
        next.push(...r.next);
        full ||= r.full;
      }
      continue;
    }
    if (globMatch(seg, key)) {
      if (rest.length === 0) full = true;
      else next.push(rest);
    }
  }
  return { next, full };
}

function include(v: unknown, patterns: readonly Pattern[]): unknown {
  v = expand(v);
  if (Array.isArray(v)) {
    const out = v.map((x) => include(x, patterns)).filter((x) => x !== undefined);
    return out.length === 0 ? undefined : out;
  }
  const es = entries(v);
  if (!es) return undefined;
  const out: Record<string, unknown> = {};
  let any = false;
  for (const [k, x] of es) {
    const { next, full } = advance(patterns, k);
    if (full) {
      out[k] = x;
      any = true;
    } else if (next.length > 0) {
      const sub = include(x, next);
      if (sub !== undefined) {
        out[k] = sub;
        any = true;
      }
    }
  }
  return any ? out : undefined;
}

function exclude(v: unknown, patterns: readonly Pattern[]): unknown {
  if (Array.isArray(v)) return v.map((x) => exclude(x, patterns));
  const raw = v instanceof RawJson || v instanceof RawParts;
  const es = entries(expand(v));
  if (!es) return v;
  const out: Record<string, unknown> = {};
  let changed = false;
  for (const [k, x] of es) {
    const { next, full } = advance(patterns, k);
    if (full) {
      changed = true;
      continue;
    }
    out[k] = next.length > 0 ? exclude(x, next) : x;
    if (out[k] !== x) changed = true;
  }
  return raw && !changed ? v : out;
}

/** Applies a `filter_path` expression to a response body. */
export function applyFilterPath(body: unknown, filterPath: string): unknown {
  const all = filterPath.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const split = (s: string): Pattern => s.split('.');
  const includes = all.filter((s) => !s.startsWith('-')).map(split);
  const excludes = all.filter((s) => s.startsWith('-')).map((s) => split(s.slice(1)));
  let out = body;
  if (includes.length > 0) out = include(out, includes) ?? {};
  if (excludes.length > 0) out = exclude(out, excludes);
  return out;
}
