/**
 * Aggregations the console needs — terms, min, max, date_histogram — plus avg, sum,
 * value_count, cardinality, stats, histogram, filter, filters and missing, with sub-aggregations
 * and `typed_keys`. Response shapes follow Elasticsearch (`doc_count_error_upper_bound`,
 * `sum_other_doc_count`, `key_as_string` for dates, `value: null` on empty sets).
 */
import { esError } from '../errors/embedded-es-error';
import { searchPhaseFailure, xContentParse } from '../errors/es-errors';
import { formatDate } from '../mapping/dates';
import type { FieldInfo } from '../mapping/compile-mapping';
import { calendarFloor, calendarNext, calendarUnit, parseFixedInterval } from './date-histogram';
import { infoOf, valuesOf, type DocSet } from './doc-set';
import { userRegex } from '../json/user-regex';
import { evaluateQuery } from './evaluate-query';
import { parseQuery } from './parse-query';

type Json = Record<string, unknown>;

export interface AggContext {
  now: number;
  typedKeys: boolean;
}

const METRIC = new Set(['min', 'max', 'avg', 'sum', 'value_count', 'cardinality', 'stats']);
const TYPES = new Set([...METRIC, 'terms', 'date_histogram', 'histogram', 'filter', 'filters', 'missing']);

function obj(v: unknown): Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}

function subset(set: DocSet, idx: number[]): DocSet {
  return { views: set.views, view: idx.map((i) => set.view[i] as number), ord: idx.map((i) => set.ord[i] as number) };
}

function checkText(set: DocSet, field: string): void {
  for (const v of set.views) {
    const f = v.mapping.fields.get(field);
    if (f?.valueKind === 'text') {
      const inner = esError({
        status: 400,
        type: 'illegal_argument_exception',
        reason: `Fielddata is disabled on [${field}] in [${v.name}]. Text fields are not optimised for operations that require per-document field data like aggregations and sorting, so these operations are disabled by default. Please use a keyword field instead. Alternatively, set fielddata=true on [${field}] in order to load field data by uninverting the inverted index. Note that this can use significant memory.`,
      });
      throw searchPhaseFailure(inner, v.name);
    }
  }
}

function numbers(set: DocSet, field: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < set.view.length; i++) for (const v of valuesOf(set, i, field).values) if (typeof v === 'number') out.push(v);
  return out;
}

function asString(info: FieldInfo | undefined, v: number, format?: string): string | undefined {
  if (info?.valueKind === 'date') return formatDate(v, format ?? info.format);
  if (info?.valueKind === 'boolean') return v ? 'true' : 'false';
  return undefined;
}

function metric(type: string, cfg: Json, set: DocSet): Json {
  const field = String(cfg.field ?? '');
  checkText(set, field);
  const info = infoOf(set, field);
  const format = typeof cfg.format === 'string' ? cfg.format : undefined;
  if (type === 'value_count' || type === 'cardinality') {
    const distinct = new Set<string | number>();
    let count = 0;
    for (let i = 0; i < set.view.length; i++) {
      for (const v of valuesOf(set, i, field).values) {
        count++;
        distinct.add(v);
      }
    }
    return { value: type === 'value_count' ? count : distinct.size };
  }
  const vals = numbers(set, field);
  const withString = (out: Json, key: string, v: number | null): Json => {
    out[key] = v;
    const s = v === null ? undefined : asString(info, v, format);
    if (s !== undefined) out[`${key}_as_string`] = s;
    return out;
  };
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const v of vals) {
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  const n = vals.length;
  switch (type) {
    case 'min': return withString({}, 'value', n ? min : null);
    case 'max': return withString({}, 'value', n ? max : null);
    case 'avg': return withString({}, 'value', n ? sum / n : null);
    case 'sum': return withString({}, 'value', sum);
    default: {
      const out: Json = { count: n, min: n ? min : null, max: n ? max : null, avg: n ? sum / n : null, sum };
      if (n && info?.valueKind === 'date') {
        out.min_as_string = formatDate(min, format ?? info.format);
        out.max_as_string = formatDate(max, format ?? info.format);
        out.avg_as_string = formatDate(sum / n, format ?? info.format);
        out.sum_as_string = formatDate(sum, format ?? info.format);
      }
      return out;
    }
  }
}

function bucketKey(info: FieldInfo | undefined, key: string | number): Json {
  const out: Json = { key };
  if (typeof key === 'number') {
    const s = asString(info, key);
    if (s !== undefined) out.key_as_string = s;
  }
  return out;
}

function terms(cfg: Json, set: DocSet, sub: Json | undefined, ctx: AggContext): Json {
  const field = String(cfg.field ?? '');
  checkText(set, field);
  const info = infoOf(set, field);
  const groups = new Map<string | number, number[]>();
  const include = cfg.include;
  const exclude = cfg.exclude;
  const incRe = typeof include === 'string' ? userRegex(include) : undefined;
  const excRe = typeof exclude === 'string' ? userRegex(exclude) : undefined;
  const accept = (k: string | number): boolean =>
    (!incRe || incRe.test(String(k))) && (!Array.isArray(include) || include.map(String).includes(String(k))) &&
    (!excRe || !excRe.test(String(k))) && (!Array.isArray(exclude) || !exclude.map(String).includes(String(k)));
  for (let i = 0; i < set.view.length; i++) {
    let { values } = valuesOf(set, i, field);
    if (values.length === 0 && cfg.missing !== undefined) values = [cfg.missing as string | number];
    for (const v of new Set(values)) {
      if (!accept(v)) continue;
      let g = groups.get(v);
      if (!g) groups.set(v, (g = []));
      g.push(i);
    }
  }
  const minDocCount = Number(cfg.min_doc_count ?? 1);
  let entries = [...groups.entries()].filter(([, g]) => g.length >= minDocCount);
  const orders = (Array.isArray(cfg.order) ? cfg.order : cfg.order ? [cfg.order] : [{ _count: 'desc' }, { _key: 'asc' }]) as Json[];
  const subResults = new Map<string | number, Json>();
  const bucketsOf = (k: string | number, g: number[]): Json => {
    let r = subResults.get(k);
    if (!r) subResults.set(k, (r = sub ? runAggregations(sub, subset(set, g), ctx) : {}));
    return r;
  };
  entries.sort(([ka, ga], [kb, gb]) => {
    for (const o of [...orders, { _key: 'asc' }]) {
      const [key, dir] = Object.entries(o)[0] ?? ['_count', 'desc'];
      const sign = String(dir) === 'desc' ? -1 : 1;
      let c = 0;
      if (key === '_count') c = ga.length - gb.length;
      else if (key === '_key' || key === '_term') c = ka < kb ? -1 : ka > kb ? 1 : 0;
      else {
        const [aggName, prop] = key.split('.');
        const va = obj(bucketsOf(ka, ga)[aggName as string]);
        const vb = obj(bucketsOf(kb, gb)[aggName as string]);
        c = Number(va[prop ?? 'value'] ?? 0) - Number(vb[prop ?? 'value'] ?? 0);
      }
      if (c !== 0) return c * sign;
    }
    return 0;
  });
  const size = Number(cfg.size ?? 10);
  const total = entries.reduce((n, [, g]) => n + g.length, 0);
  entries = entries.slice(0, size);
  const shown = entries.reduce((n, [, g]) => n + g.length, 0);
  const numericKeys = info && info.valueKind !== 'keyword';
  return {
    doc_count_error_upper_bound: 0,
    sum_other_doc_count: total - shown,
    buckets: entries.map(([k, g]) => ({ ...bucketKey(info, numericKeys ? Number(k) : k), doc_count: g.length, ...bucketsOf(k, g) })),
  };
}

function histogram(type: string, cfg: Json, set: DocSet, sub: Json | undefined, ctx: AggContext): Json {
  const field = String(cfg.field ?? '');
  const info = infoOf(set, field);
  const tz = typeof cfg.time_zone === 'string' ? cfg.time_zone : undefined;
  const format = typeof cfg.format === 'string' ? cfg.format : undefined;
  let floor: (v: number) => number;
  let next: (k: number) => number;
  if (type === 'date_histogram') {
    if (cfg.interval !== undefined) throw xContentParse('[1:1] [date_histogram] unknown field [interval]');
    const offset = typeof cfg.offset === 'string' ? (cfg.offset.startsWith('-') ? -1 : 1) * parseFixedInterval(cfg.offset.replace(/^[+-]/, '')) : Number(cfg.offset ?? 0);
    if (cfg.calendar_interval !== undefined) {
      const unit = calendarUnit(String(cfg.calendar_interval));
      floor = (v) => calendarFloor(v - offset, unit, tz) + offset;
      next = (k) => calendarNext(k - offset, unit, tz) + offset;
    } else if (cfg.fixed_interval !== undefined) {
      const ms = parseFixedInterval(String(cfg.fixed_interval));
      floor = (v) => Math.floor((v - offset) / ms) * ms + offset;
      next = (k) => k + ms;
    } else {
      throw esError({ status: 400, type: 'illegal_argument_exception', reason: 'Required one of fields [fixed_interval, calendar_interval], but none were specified.' });
    }
  } else {
    const interval = Number(cfg.interval);
    const offset = Number(cfg.offset ?? 0);
    if (!(interval > 0)) throw esError({ status: 400, type: 'illegal_argument_exception', reason: '[interval] must be >0 for histogram aggregation [histogram]' });
    floor = (v) => Math.floor((v - offset) / interval) * interval + offset;
    next = (k) => k + interval;
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < set.view.length; i++) {
    for (const v of new Set(valuesOf(set, i, field).values)) {
      if (typeof v !== 'number') continue;
      const k = floor(v);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = []));
      g.push(i);
    }
  }
  const minDocCount = Number(cfg.min_doc_count ?? 0);
  let keys = [...groups.keys()].sort((a, b) => a - b);
  const bounds = obj(cfg.extended_bounds);
  if (minDocCount === 0 && (keys.length > 0 || bounds.min !== undefined)) {
    const toNum = (v: unknown): number | undefined => (v === undefined ? undefined : typeof v === 'number' ? v : Date.parse(String(v)));
    const lo = Math.min(...[keys[0], toNum(bounds.min)].filter((x): x is number => x !== undefined && !Number.isNaN(x)).map(floor));
    const hi = Math.max(...[keys[keys.length - 1], toNum(bounds.max)].filter((x): x is number => x !== undefined && !Number.isNaN(x)));
    const all: number[] = [];
    for (let k = lo; k <= hi && all.length < 65_536; k = next(k)) all.push(k);
    keys = all;
  }
  const hard = obj(cfg.hard_bounds);
  keys = keys.filter((k) => (groups.get(k)?.length ?? 0) >= minDocCount && (hard.min === undefined || k >= Number(hard.min)) && (hard.max === undefined || k <= Number(hard.max)));
  if (obj(cfg.order)._key === 'desc' || obj(cfg.order)._count !== undefined) {
    const o = obj(cfg.order);
    keys.sort((a, b) => (o._key === 'desc' ? b - a : ((groups.get(a)?.length ?? 0) - (groups.get(b)?.length ?? 0)) * (o._count === 'desc' ? -1 : 1) || a - b));
  }
  const buckets = keys.map((k) => {
    const g = groups.get(k) ?? [];
    const b: Json = type === 'date_histogram' ? { key_as_string: formatDate(k, format ?? info?.format), key: k } : { key: k };
    b.doc_count = g.length;
    return sub ? { ...b, ...runAggregations(sub, subset(set, g), ctx) } : b;
  });
  if (cfg.keyed === true) return { buckets: Object.fromEntries(buckets.map((b) => [String(b.key_as_string ?? b.key), b])) };
  return { buckets };
}

function filterMatches(set: DocSet, query: unknown, now: number): number[] {
  const q = parseQuery(query);
  const scores = set.views.map((v) => evaluateQuery(q, v, now));
  const out: number[] = [];
  for (let i = 0; i < set.view.length; i++) if (!Number.isNaN(scores[set.view[i] as number]?.[set.ord[i] as number] as number)) out.push(i);
  return out;
}

/** Runs an `aggs` object over a document set. */
export function runAggregations(aggs: Json, set: DocSet, ctx: AggContext): Json {
  const out: Json = {};
  for (const [name, rawDef] of Object.entries(aggs)) {
    const def = obj(rawDef);
    const sub = (def.aggs ?? def.aggregations) as Json | undefined;
    const type = Object.keys(def).find((k) => k !== 'aggs' && k !== 'aggregations' && k !== 'meta');
    if (type === undefined || !TYPES.has(type)) {
      throw xContentParse(`[1:1] Unknown aggregation type [${type ?? ''}]`);
    }
    const cfg = obj(def[type]);
    let result: Json;
    if (METRIC.has(type)) result = metric(type, cfg, set);
    else if (type === 'terms') result = terms(cfg, set, sub, ctx);
    else if (type === 'date_histogram' || type === 'histogram') result = histogram(type, cfg, set, sub, ctx);
    else if (type === 'filter') {
      const idx = filterMatches(set, def[type], ctx.now);
      result = { doc_count: idx.length, ...(sub ? runAggregations(sub, subset(set, idx), ctx) : {}) };
    } else if (type === 'filters') {
      const filters = obj(cfg.filters);
      const buckets: Json = {};
      for (const [fname, fq] of Object.entries(filters)) {
        const idx = filterMatches(set, fq, ctx.now);
        buckets[fname] = { doc_count: idx.length, ...(sub ? runAggregations(sub, subset(set, idx), ctx) : {}) };
      }
      result = { buckets };
    } else {
      const field = String(cfg.field ?? '');
      const idx: number[] = [];
      for (let i = 0; i < set.view.length; i++) if (valuesOf(set, i, field).values.length === 0) idx.push(i);
      result = { doc_count: idx.length, ...(sub ? runAggregations(sub, subset(set, idx), ctx) : {}) };
    }
    if (def.meta !== undefined) result = { meta: def.meta, ...result };
    const typedName = type === 'terms' ? (infoOf(set, String(cfg.field ?? ''))?.valueKind === 'keyword' || !infoOf(set, String(cfg.field ?? '')) ? 'sterms' : infoOf(set, String(cfg.field ?? ''))?.valueKind === 'double' ? 'dterms' : 'lterms') : type;
    out[ctx.typedKeys ? `${typedName}#${name}` : name] = result;
  }
  return out;
}
