/**
 * Sorting: parsing sort specs (body and `?sort=`), sorting the candidates once, `search_after`
 * by binary search in that order, and the per-hit `sort` values Elasticsearch returns
 * (epoch millis for dates, `9223372036854775807` for a missing long sorted ascending, ...).
 */
import { esError } from '../errors/embedded-es-error';
import { illegalArgument, parsingException, searchPhaseFailure } from '../errors/es-errors';
import { RawJson } from '../json/json-node';
import type { FieldInfo } from '../mapping/compile-mapping';
import { formatDate, parseDate } from '../mapping/dates';
import type { Candidates } from './candidates';
import { globalKey, type SearchView } from './search-view';

export interface SortField {
  kind: 'field' | 'score' | 'doc' | 'shard_doc';
  field: string;
  order: 'asc' | 'desc';
  missing: unknown;
  format?: string;
  unmappedType?: string;
  mode?: string;
}

type Json = Record<string, unknown>;

function one(name: string, opts: Json | string | undefined): SortField {
  const o: Json = typeof opts === 'string' ? { order: opts } : opts !== null && typeof opts === 'object' ? opts : {};
  const kind = name === '_score' ? 'score' : name === '_doc' ? 'doc' : name === '_shard_doc' ? 'shard_doc' : 'field';
  const order = String(o.order ?? (kind === 'score' ? 'desc' : 'asc')).toLowerCase();
  if (order !== 'asc' && order !== 'desc') throw illegalArgument(`Unknown SortOrder [${order}]`);
  const f: SortField = { kind, field: name, order, missing: o.missing ?? '_last' };
  if (typeof o.format === 'string') f.format = o.format;
  if (typeof o.unmapped_type === 'string') f.unmappedType = o.unmapped_type;
  if (typeof o.mode === 'string') f.mode = o.mode;
  return f;
}

/** Parses `sort` from the body or the `sort` query parameter; undefined when absent. */
export function parseSortSpec(body: unknown, query: string | undefined): SortField[] | undefined {
  if (query !== undefined && query !== '') {
    return query.split(',').map((s) => {
      const [name, order] = s.split(':');
      return one((name as string).trim(), order === undefined ? undefined : order.trim());
    });
  }
  if (body === undefined || body === null) return undefined;
  const items = Array.isArray(body) ? body : [body];
  return items.map((item) => {
    if (typeof item === 'string') return one(item, undefined);
    if (item === null || typeof item !== 'object' || Array.isArray(item)) throw parsingException(`[sort] malformed sort value [${String(item)}]`);
    const entries = Object.entries(item as Json);
    const [name, opts] = entries[0] ?? ['_score', undefined];
    return one(name, opts as Json | string | undefined);
  });
}

interface KeyColumn {
  field: SortField;
  numeric: boolean;
  nums?: Float64Array;
  strs?: (string | null)[];
  /** Per view: the field info (undefined when unmapped there). */
  infos: (FieldInfo | undefined)[];
}

const LONG_MAX = new RawJson('9223372036854775807');
const LONG_MIN = new RawJson('-9223372036854775808');

function fielddataError(field: string, index: string): Error {
  const inner = esError({
    status: 400,
    type: 'illegal_argument_exception',
    reason: `Fielddata is disabled on [${field}] in [${index}]. Text fields are not optimised for operations that require per-document field data like aggregations and sorting, so these operations are disabled by default. Please use a keyword field instead. Alternatively, set fielddata=true on [${field}] in order to load field data by uninverting the inverted index. Note that this can use significant memory.`,
  });
  return searchPhaseFailure(inner, index);
}

function pick(values: (number | string)[], field: SortField): number | string | undefined {
  if (values.length === 0) return undefined;
  if (values.length === 1) return values[0];
  const mode = field.mode ?? (field.order === 'asc' ? 'min' : 'max');
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (mode === 'max') return sorted[sorted.length - 1];
  if (mode === 'sum' || mode === 'avg') {
    const sum = (values as number[]).reduce((x, y) => x + y, 0);
    return mode === 'sum' ? sum : sum / values.length;
  }
  return sorted[0];
}

/** Above this, selecting the first hits costs more than sorting them all. */
const MAX_SELECT = 1000;

/**
 * The first `limit` of `0..n-1` in `cmp` order, as a stable sort would put them: a sorted window
 * kept by binary insertion; a candidate not before the window's last is skipped at once.
 */
export function selectFirst(n: number, limit: number, cmp: (a: number, b: number) => number): number[] {
  const top: number[] = [];
  if (limit <= 0) return top;
  for (let i = 0; i < n; i++) {
    if (top.length === limit && cmp(i, top[limit - 1] as number) >= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(top[mid] as number, i) <= 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, i);
    if (top.length > limit) top.pop();
  }
  return top;
}

/** The sort order of a search's candidates, with `search_after` support. */
export class SortedHits {
  readonly order: Uint32Array;
  private readonly keys: KeyColumn[];

  /**
   * @param limit when set, only the first `limit` hits in order are needed (a plain search's
   *   `from + size`, no scroll, PIT or search_after): they are selected in one pass instead of
   *   sorting every candidate — `size: 1` sorted on a field of a million documents is one
   *   comparison per document. `order` then holds just those, in the same (stable) order.
   */
  constructor(
    readonly cands: Candidates,
    readonly fields: SortField[],
    readonly views: readonly SearchView[],
    limit?: number,
  ) {
    this.keys = fields.map((f) => this.keyColumn(f));
    const cmp = (a: number, b: number): number => this.compare(a, b);
    if (limit !== undefined && limit <= MAX_SELECT && limit < cands.length) {
      this.order = Uint32Array.from(selectFirst(cands.length, limit, cmp));
      return;
    }
    const order = new Uint32Array(cands.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    this.order = order.sort(cmp);
  }

  private keyColumn(field: SortField): KeyColumn {
    const c = this.cands;
    if (field.kind !== 'field') {
      const nums = new Float64Array(c.length);
      for (let i = 0; i < c.length; i++) {
        nums[i] = field.kind === 'score' ? (c.score[i] as number) : globalKey(this.views[c.view[i] as number]?.shard ?? 0, c.ord[i] as number);
      }
      return { field, numeric: true, nums, infos: [] };
    }
    const infos = this.views.map((v) => v.mapping.fields.get(field.field));
    const mapped = infos.filter((i): i is FieldInfo => i !== undefined);
    for (let vi = 0; vi < infos.length; vi++) {
      const info = infos[vi];
      if (info?.valueKind === 'text') throw fielddataError(field.field, this.views[vi]?.name ?? '');
    }
    if (mapped.length === 0 && field.unmappedType === undefined && this.views.length > 0) {
      const inner = esError({ status: 400, type: 'query_shard_exception', reason: `No mapping found for [${field.field}] in order to sort on`, metadata: { index_uuid: this.views[0]?.uuid, index: this.views[0]?.name } });
      throw searchPhaseFailure(inner, this.views[0]?.name ?? '');
    }
    const numeric = mapped.length > 0 ? mapped.every((m) => m.valueKind !== 'keyword') : !['keyword', 'text'].includes(field.unmappedType ?? 'keyword');
    const missingLast = field.missing === '_last' || field.missing === undefined;
    const ascending = field.order === 'asc';
    if (numeric) {
      const nums = new Float64Array(c.length);
      const missingValue = field.missing === '_first' ? (ascending ? -Infinity : Infinity) : missingLast ? (ascending ? Infinity : -Infinity) : Number(field.missing);
      for (let i = 0; i < c.length; i++) {
        const view = this.views[c.view[i] as number] as SearchView;
        const col = view.columns.get(field.field);
        const values = col && col.kind === 'num' ? col.all(c.ord[i] as number) : [];
        const v = pick(values, field);
        nums[i] = typeof v === 'number' ? v : missingValue;
      }
      return { field, numeric, nums, infos };
    }
    const strs: (string | null)[] = new Array<string | null>(c.length);
    for (let i = 0; i < c.length; i++) {
      const view = this.views[c.view[i] as number] as SearchView;
      const col = view.columns.get(field.field);
      const values = col && col.kind === 'str' ? col.all(c.ord[i] as number) : [];
      const v = pick(values, field);
      strs[i] = typeof v === 'string' ? v : missingLast || field.missing === '_first' ? null : String(field.missing);
    }
    return { field, numeric, strs, infos };
  }

  private compareKey(k: KeyColumn, a: number, b: number): number {
    const desc = k.field.order === 'desc';
    if (k.numeric) {
      const x = k.nums?.[a] as number;
      const y = k.nums?.[b] as number;
      if (x === y) return 0;
      return (x < y ? -1 : 1) * (desc ? -1 : 1);
    }
    const x = k.strs?.[a] ?? null;
    const y = k.strs?.[b] ?? null;
    if (x === y) return 0;
    const first = k.field.missing === '_first';
    if (x === null) return first ? -1 : 1;
    if (y === null) return first ? 1 : -1;
    return (x < y ? -1 : 1) * (desc ? -1 : 1);
  }

  compare(a: number, b: number): number {
    for (const k of this.keys) {
      const c = this.compareKey(k, a, b);
      if (c !== 0) return c;
    }
    const c = this.cands;
    const ga = globalKey(c.view[a] as number, c.ord[a] as number);
    const gb = globalKey(c.view[b] as number, c.ord[b] as number);
    return ga - gb;
  }

  /** Position in `order` of the first hit strictly after `after` (a `search_after` array). */
  startAfter(after: unknown[]): number {
    if (after.length !== this.keys.length) {
      throw illegalArgument(`search_after has ${after.length} value(s) but sort has ${this.keys.length}.`);
    }
    const target = this.keys.map((k, i) => this.afterValue(k, after[i]));
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compareToAfter(this.order[mid] as number, target) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private afterValue(k: KeyColumn, v: unknown): number | string | null {
    if (k.numeric) {
      if (v === null || v === undefined) return k.field.order === 'asc' ? Infinity : -Infinity;
      // The "missing" sort value is Long.MAX/MIN_VALUE; clients that parse JSON numbers as
      // doubles send it back as ±9223372036854775808, which must still mean "missing".
      if (typeof v === 'number') return v >= 2 ** 63 ? Infinity : v <= -(2 ** 63) ? -Infinity : v;
      const s = String(v);
      if (s === '9223372036854775807') return Infinity;
      if (s === '-9223372036854775808') return -Infinity;
      const n = Number(s);
      if (!Number.isNaN(n)) return n;
      const info = k.infos.find((i) => i !== undefined);
      const d = parseDate(s, k.field.format ?? info?.format);
      if (d !== undefined) return d;
      throw illegalArgument(`Failed to parse search_after value for field [${k.field.field}].`);
    }
    return v === null || v === undefined ? null : String(v);
  }

  private compareToAfter(idx: number, target: (number | string | null)[]): number {
    for (let i = 0; i < this.keys.length; i++) {
      const k = this.keys[i] as KeyColumn;
      const desc = k.field.order === 'desc';
      const t = target[i] as number | string | null;
      if (k.numeric) {
        const x = k.nums?.[idx] as number;
        const y = typeof t === 'number' ? t : Number(t);
        if (x !== y) return (x < y ? -1 : 1) * (desc ? -1 : 1);
      } else {
        const x = k.strs?.[idx] ?? null;
        if (x === t) continue;
        const first = k.field.missing === '_first';
        if (x === null) return first ? -1 : 1;
        if (t === null) return first ? 1 : -1;
        return (x < t ? -1 : 1) * (desc ? -1 : 1);
      }
    }
    return 0;
  }

  /** The `sort` array of candidate `idx`. */
  sortValues(idx: number): unknown[] {
    return this.keys.map((k) => {
      if (k.field.kind === 'score') return k.nums?.[idx];
      if (k.field.kind === 'doc' || k.field.kind === 'shard_doc') return k.nums?.[idx];
      const view = this.cands.view[idx] as number;
      const info = k.infos[view];
      if (!k.numeric) return k.strs?.[idx] ?? null;
      const v = k.nums?.[idx] as number;
      if (!Number.isFinite(v)) {
        const kind = info?.valueKind ?? 'long';
        if (kind === 'double') return v > 0 ? 'Infinity' : '-Infinity';
        return v > 0 ? LONG_MAX : LONG_MIN;
      }
      if (info?.valueKind === 'date' && k.field.format) return formatDate(v, k.field.format);
      return v;
    });
  }
}
