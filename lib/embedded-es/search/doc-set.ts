/** A set of documents across views (the docs an aggregation or bucket works on). */
import type { FieldInfo } from '../mapping/compile-mapping';
import { columnOf } from './field-values';
import type { SearchView } from './search-view';

export interface DocSet {
  readonly views: readonly SearchView[];
  readonly view: number[];
  readonly ord: number[];
}

/** Indexed values of `field` for document `i` of a set, with the field's info in that view. */
export function valuesOf(set: DocSet, i: number, field: string): { info: FieldInfo | undefined; values: (number | string)[] } {
  const view = set.views[set.view[i] as number] as SearchView;
  const info = view.mapping.fields.get(field);
  const col = columnOf(view, field);
  if (!col) return { info, values: [] };
  return { info, values: col.all(set.ord[i] as number) };
}

/** The first mapped info of `field` across the set's views. */
export function infoOf(set: DocSet, field: string): FieldInfo | undefined {
  for (const v of set.views) {
    const f = v.mapping.fields.get(field);
    if (f) return f;
  }
  return undefined;
}
