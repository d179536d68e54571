/**
 * Dynamic mapping decisions: dynamic templates, date detection, numeric detection and the
 * default types (text + keyword, long, float, boolean), plus merging new fields into the
 * mapping JSON.
 */
import { globMatch } from '../json/glob';
import { userRegex } from '../json/user-regex';
import type { CompiledMapping } from './compile-mapping';
import { parseDate } from './dates';

export type Json = Record<string, unknown>;

/** JSON type of a new value, in dynamic template terms. */
export type MatchType = 'string' | 'long' | 'double' | 'boolean' | 'object' | 'date';

/** The mapping a dynamic template gives a new field, if one matches. */
export function templateFor(mapping: CompiledMapping, path: string, name: string, matchType: MatchType): Json | undefined {
  for (const t of mapping.dynamicTemplates) {
    const test = (patterns: string[] | undefined, text: string): boolean =>
      patterns === undefined || patterns.some((p) => (t.matchPattern === 'regex' ? userRegex(p).test(text) : globMatch(p, text)));
    if (t.matchMappingType && !t.matchMappingType.includes('*') && !t.matchMappingType.includes(matchType)) continue;
    if (!test(t.match, name) || !test(t.pathMatch, path)) continue;
    if (t.unmatch && test(t.unmatch, name)) continue;
    if (t.pathUnmatch && test(t.pathUnmatch, path)) continue;
    const fill = (v: unknown): unknown => {
      if (typeof v === 'string') return v.replaceAll('{name}', name).replaceAll('{dynamic_type}', matchType);
      if (Array.isArray(v)) return v.map(fill);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v as Json).map(([k, x]) => [k, fill(x)]));
      return v;
    };
    const out = fill(t.mapping) as Json;
    if (out.type === undefined && matchType !== 'object') out.type = matchType === 'string' ? 'text' : matchType === 'double' ? 'float' : matchType;
    return out;
  }
  return undefined;
}

/**
 * Date detection for new string fields. Elasticsearch's defaults are `strict_date_optional_time`
 * and `yyyy/MM/dd HH:mm:ss||yyyy/MM/dd`; a full calendar date is required so that strings such as
 * "2024" stay text.
 */
export function detectDate(s: string, formats: readonly string[]): Json | undefined {
  for (const fmt of formats) {
    if (fmt === 'strict_date_optional_time') {
      if (/^\d{4}-\d{2}-\d{2}/.test(s) && parseDate(s, fmt) !== undefined) return { type: 'date' };
    } else if (fmt.startsWith('yyyy/MM/dd')) {
      if (/^\d{4}\/\d{2}\/\d{2}( \d{2}:\d{2}:\d{2})?$/.test(s)) return { type: 'date', format: 'yyyy/MM/dd HH:mm:ss||yyyy/MM/dd||epoch_millis' };
    } else if (parseDate(s, fmt) !== undefined) {
      return { type: 'date', format: fmt };
    }
  }
  return undefined;
}

/** The mapping of a new field holding a string. */
export function inferString(mapping: CompiledMapping, path: string, name: string, s: string): Json {
  let matchType: MatchType = 'string';
  let def: Json = { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } };
  if (mapping.dateDetection) {
    const detected = detectDate(s, mapping.dynamicDateFormats);
    if (detected) {
      matchType = 'date';
      def = detected;
    }
  }
  if (matchType === 'string' && mapping.numericDetection && /^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(s)) {
    matchType = /[.eE]/.test(s) ? 'double' : 'long';
    def = { type: matchType === 'double' ? 'float' : 'long' };
  }
  return templateFor(mapping, path, name, matchType) ?? def;
}

/** The mapping of a new field holding a number or a boolean. */
export function inferScalar(mapping: CompiledMapping, path: string, name: string, kind: 'long' | 'double' | 'boolean'): Json {
  const def: Json = { type: kind === 'double' ? 'float' : kind };
  return templateFor(mapping, path, name, kind) ?? def;
}

/** Adds new fields/objects (`[path parts, definition]`, `{}` = object) to a mapping JSON. */
export function applyUpdates(mapping: Json, updates: readonly [string[], Json][]): Json {
  const root = structuredClone(mapping);
  for (const [parts, def] of updates) {
    let obj = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const props = (obj.properties ??= {}) as Json;
      obj = (props[parts[i] as string] ??= {}) as Json;
    }
    const props = (obj.properties ??= {}) as Json;
    const last = parts[parts.length - 1] as string;
    if (Object.keys(def).length === 0) props[last] ??= {};
    else props[last] = def;
  }
  return root;
}
