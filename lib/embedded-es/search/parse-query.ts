/**
 * Parses the query DSL subset (match_all, match_none, term, terms, range, exists, ids, prefix,
 * wildcard, regexp, match, match_phrase, multi_match, bool, constant_score, nested,
 * query_string, simple_query_string) into the AST. Unknown queries are a 400
 * `parsing_exception` (`unknown query [x]`), as in Elasticsearch.
 */
import { parsingException } from '../errors/es-errors';
import { parseQueryString } from './query-string';
import type { Query } from './query-types';

type Json = Record<string, unknown>;

function obj(v: unknown, what: string): Json {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw parsingException(`[${what}] query malformed, no start_object after query name`);
  return v as Json;
}

function single(body: Json, what: string): [string, unknown] {
  const entries = Object.entries(body).filter(([k]) => k !== 'boost' && k !== '_name');
  if (entries.length !== 1) throw parsingException(`[${what}] query doesn't support multiple fields, found [${entries.map(([k]) => k).join('] and [')}]`);
  return entries[0] as [string, unknown];
}

function list(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function boostOf(o: Json): number {
  return typeof o.boost === 'number' ? o.boost : 1;
}

function fieldsParam(o: Json): string[] | undefined {
  if (Array.isArray(o.fields)) return o.fields.map((f) => String(f).replace(/\^[\d.]+$/, ''));
  if (typeof o.default_field === 'string') return [o.default_field];
  return undefined;
}

/** Parses one query object. */
export function parseQuery(input: unknown, defaultFields: string[] = ['*']): Query {
  if (input === undefined || input === null) return { kind: 'match_all', boost: 1 };
  const q = obj(input, 'query');
  const keys = Object.keys(q);
  if (keys.length !== 1) {
    if (keys.length === 0) return { kind: 'match_all', boost: 1 };
    throw parsingException(`[${keys[0]}] malformed query, expected [END_OBJECT] but found [FIELD_NAME]`);
  }
  const kind = keys[0] as string;
  const body = q[kind];
  switch (kind) {
    case 'match_all': return { kind, boost: boostOf(obj(body ?? {}, kind)) };
    case 'match_none': return { kind };
    case 'term': {
      const [field, v] = single(obj(body, kind), kind);
      const o = v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : { value: v };
      if (o.value === undefined || o.value === null) throw parsingException('[term] query does not support [null] values');
      return { kind, field, value: o.value, boost: boostOf(o), caseInsensitive: o.case_insensitive === true };
    }
    case 'terms': {
      const o = obj(body, kind);
      const [field, v] = single(o, kind);
      if (!Array.isArray(v)) throw parsingException(`[terms] query does not support [${field}]`);
      return { kind, field, values: v, boost: boostOf(o) };
    }
    case 'range': {
      const [field, v] = single(obj(body, kind), kind);
      const o = obj(v, kind);
      const r: Query = { kind: 'range', field, boost: boostOf(o) };
      if (typeof o.format === 'string') r.format = o.format;
      if (o.gt !== undefined && o.gt !== null) r.gt = o.gt;
      if (o.gte !== undefined && o.gte !== null) r.gte = o.gte;
      if (o.lt !== undefined && o.lt !== null) r.lt = o.lt;
      if (o.lte !== undefined && o.lte !== null) r.lte = o.lte;
      if (o.from !== undefined && o.from !== null) r[o.include_lower === false ? 'gt' : 'gte'] = o.from;
      if (o.to !== undefined && o.to !== null) r[o.include_upper === false ? 'lt' : 'lte'] = o.to;
      return r;
    }
    case 'exists': {
      const o = obj(body, kind);
      if (typeof o.field !== 'string') throw parsingException('[exists] must be provided with a [field]');
      return { kind, field: o.field, boost: boostOf(o) };
    }
    case 'ids': {
      const o = obj(body, kind);
      return { kind, values: list(o.values).map(String), boost: boostOf(o) };
    }
    case 'prefix': case 'wildcard': case 'regexp': {
      const [field, v] = single(obj(body, kind), kind);
      const o = v !== null && typeof v === 'object' ? (v as Json) : { value: v };
      const value = String(o.value ?? o.wildcard ?? o.prefix ?? '');
      if (kind === 'regexp') return { kind, field, value, boost: boostOf(o) };
      return { kind, field, value, boost: boostOf(o), caseInsensitive: o.case_insensitive === true };
    }
    case 'match': case 'match_phrase': case 'match_phrase_prefix': case 'match_bool_prefix': {
      const [field, v] = single(obj(body, kind), kind);
      const o = v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : { query: v };
      if (o.query === undefined) throw parsingException(`[${kind}] requires query value`);
      return {
        kind: 'match', field, query: o.query, operator: String(o.operator ?? 'or').toLowerCase() === 'and' ? 'and' : 'or',
        minimumShouldMatch: o.minimum_should_match === undefined ? undefined : String(o.minimum_should_match),
        boost: boostOf(o), phrase: kind === 'match_phrase' || kind === 'match_phrase_prefix', zeroTermsAll: o.zero_terms_query === 'all',
      };
    }
    case 'multi_match': {
      const o = obj(body, kind);
      return {
        kind, fields: fieldsParam(o) ?? defaultFields, query: o.query, operator: String(o.operator ?? 'or').toLowerCase() === 'and' ? 'and' : 'or',
        boost: boostOf(o), phrase: o.type === 'phrase' || o.type === 'phrase_prefix',
      };
    }
    case 'bool': {
      const o = obj(body, kind);
      for (const k of Object.keys(o)) {
        if (!['must', 'filter', 'should', 'must_not', 'minimum_should_match', 'boost', '_name', 'adjust_pure_negative'].includes(k)) {
          throw parsingException(`[bool] query does not support [${k}]`);
        }
      }
      const sub = (v: unknown): Query[] => list(v).map((x) => parseQuery(x, defaultFields));
      return {
        kind, must: sub(o.must), filter: sub(o.filter), should: sub(o.should), mustNot: sub(o.must_not),
        minimumShouldMatch: o.minimum_should_match === undefined ? undefined : String(o.minimum_should_match), boost: boostOf(o),
      };
    }
    case 'constant_score': {
      const o = obj(body, kind);
      return { kind, filter: parseQuery(o.filter, defaultFields), boost: boostOf(o) };
    }
    case 'nested': {
      const o = obj(body, kind);
      return parseQuery(o.query, defaultFields);
    }
    case 'query_string': case 'simple_query_string': {
      const o = obj(body, kind);
      const op = String(o.default_operator ?? 'or').toLowerCase() === 'and' ? 'and' : 'or';
      return parseQueryString(String(o.query ?? ''), fieldsParam(o) ?? defaultFields, op);
    }
    default:
      throw parsingException(`unknown query [${kind}]`);
  }
}
