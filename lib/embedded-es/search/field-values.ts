/**
 * Field lookup for queries, sorts and aggregations: mapped field info, its column in a view, and
 * conversion of query values into the field's indexed domain (numbers, epoch millis, strings).
 */
import { globMatch } from '../json/glob';
import type { FieldInfo } from '../mapping/compile-mapping';
import { parseDate } from '../mapping/dates';
import type { Column } from '../state/columns';
import type { SearchView } from './search-view';
import { textColumn } from './text-columns';

/** Mapped fields matching a name or pattern (`*` expands to every text/keyword field). */
export function matchingFields(view: SearchView, pattern: string): FieldInfo[] {
  if (!pattern.includes('*')) {
    const f = view.mapping.fields.get(pattern);
    return f ? [f] : [];
  }
  const out: FieldInfo[] = [];
  for (const f of view.mapping.fields.values()) {
    if (!globMatch(pattern, f.path)) continue;
    if (pattern === '*' && f.valueKind !== 'text' && f.valueKind !== 'keyword') continue;
    out.push(f);
  }
  return out;
}

/** The doc values of `field` (text fields are materialized from `_source` on first use). */
export function columnOf(view: SearchView, field: string): Column | undefined {
  const col = view.columns.get(field);
  if (col) return col;
  return view.mapping.fields.get(field)?.valueKind === 'text' ? textColumn(view, field) : undefined;
}

/** Paths that may hold values: indexed columns plus mapped text fields. */
export function valuePaths(view: SearchView): string[] {
  const out = new Set(view.columns.keys());
  for (const f of view.mapping.fields.values()) if (f.valueKind === 'text') out.add(f.path);
  return [...out];
}

/** Converts a query value to the indexed form of `f`; undefined when it cannot match. */
export function toIndexed(f: FieldInfo, v: unknown, format?: string): string | number | undefined {
  switch (f.valueKind) {
    case 'keyword': case 'text':
      return typeof v === 'string' ? v : v === null || v === undefined ? undefined : String(v);
    case 'long': case 'double': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      if (Number.isNaN(n)) return undefined;
      return f.valueKind === 'long' ? Math.trunc(n) : n;
    }
    case 'date': {
      if (typeof v === 'number') return v;
      if (typeof v !== 'string') return undefined;
      return parseDate(v, format ?? f.format) ?? parseDate(v);
    }
    case 'boolean':
      if (v === true || v === 'true') return 1;
      if (v === false || v === 'false') return 0;
      return undefined;
    default:
      return undefined;
  }
}
