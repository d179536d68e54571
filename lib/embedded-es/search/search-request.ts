/**
 * Reads a search request (body and query parameters) into one normalized shape, rejecting
 * unknown body keys and invalid combinations the way Elasticsearch does.
 */
import { esError } from '../errors/embedded-es-error';
import { illegalArgument, parsingException, validationFailed } from '../errors/es-errors';
import type { EsRequest } from '../http/es-request';
import { parseSourceSpec, type SourceSpec } from '../json/filter-source';
import { parseQuery } from './parse-query';
import { parseQueryString } from './query-string';
import type { Query } from './query-types';
import { parseSortSpec, type SortField } from './sort';
import { parseTimeValue } from './time-value';

type Json = Record<string, unknown>;

export interface SearchInput {
  query: Query;
  queryKey: unknown;
  postFilter: Query | undefined;
  from: number;
  size: number;
  sort: SortField[] | undefined;
  searchAfter: unknown[] | undefined;
  source: SourceSpec;
  trackTotalHits: boolean | number;
  restTotalHitsAsInt: boolean;
  aggs: Json | undefined;
  seqNoPrimaryTerm: boolean;
  version: boolean;
  minScore: number | undefined;
  trackScores: boolean;
  fields: string[] | undefined;
  typedKeys: boolean;
  pit: { id: string; keepAliveMs: number | undefined } | undefined;
  scrollMs: number | undefined;
}

const BODY_KEYS = new Set(['query', 'from', 'size', 'sort', '_source', 'search_after', 'pit', 'aggs', 'aggregations', 'track_total_hits',
  'seq_no_primary_term', 'version', 'post_filter', 'min_score', 'track_scores', 'fields', 'docvalue_fields', 'stored_fields', 'highlight',
  'timeout', 'terminate_after', 'explain', 'indices_boost', 'runtime_mappings', 'profile', 'collapse', 'suggest', 'ext', 'stats', 'rescore',
  'script_fields', 'slice', 'knn', 'rank', 'retriever', 'sub_searches', '_source_includes', '_source_excludes']);

function tokenName(v: unknown): string {
  if (Array.isArray(v)) return 'START_ARRAY';
  if (v !== null && typeof v === 'object') return 'START_OBJECT';
  if (typeof v === 'string') return 'VALUE_STRING';
  if (typeof v === 'number') return 'VALUE_NUMBER';
  if (typeof v === 'boolean') return 'VALUE_BOOLEAN';
  return 'VALUE_NULL';
}

/** Builds the search input from `body` and the request's query parameters. */
export function readSearchInput(req: EsRequest | undefined, body: Json, params: URLSearchParams = req?.query ?? new URLSearchParams()): SearchInput {
  for (const [k, v] of Object.entries(body)) {
    if (!BODY_KEYS.has(k)) throw parsingException(`Unknown key for a ${tokenName(v)} in [${k}].`);
  }
  const get = (name: string): string | undefined => params.get(name) ?? undefined;
  const q = get('q');
  const df = get('df');
  const defaultOp = (get('default_operator') ?? 'or').toLowerCase() === 'and' ? 'and' : 'or';
  let query: Query;
  let queryKey: unknown = body.query ?? null;
  if (q !== undefined) {
    query = parseQueryString(q, [df ?? '*'], defaultOp);
    queryKey = { q, df, defaultOp };
  } else query = parseQuery(body.query);
  const int = (name: string, bodyValue: unknown, dflt: number): number => {
    const raw = get(name) ?? bodyValue;
    if (raw === undefined || raw === null) return dflt;
    const n = Number(raw);
    if (!Number.isInteger(n)) throw illegalArgument(`Failed to parse int parameter [${name}] with value [${String(raw)}]`);
    return n;
  };
  const from = int('from', body.from, 0);
  const size = int('size', body.size, 10);
  if (from < 0) throw illegalArgument(`[from] parameter cannot be negative but was [${from}]`);
  if (size < 0) throw illegalArgument(`[size] parameter cannot be negative, found [${size}]`);
  let source = parseSourceSpec(body._source);
  const srcParam = get('_source');
  if (srcParam !== undefined) source = srcParam === 'false' ? false : srcParam === 'true' || srcParam === '' ? { includes: [], excludes: [] } : { includes: srcParam.split(','), excludes: [] };
  const inc = get('_source_includes') ?? get('_source_include');
  const exc = get('_source_excludes') ?? get('_source_exclude');
  if (inc !== undefined || exc !== undefined) {
    const base = source === false ? { includes: [], excludes: [] } : source;
    source = { includes: inc?.split(',') ?? base.includes, excludes: exc?.split(',') ?? base.excludes };
  }
  if (body.stored_fields === '_none_') source = false;
  const tth = get('track_total_hits') ?? body.track_total_hits;
  let trackTotalHits: boolean | number = 10_000;
  if (tth === true || tth === 'true') trackTotalHits = true;
  else if (tth === false || tth === 'false') trackTotalHits = false;
  else if (tth !== undefined) trackTotalHits = Number(tth);
  const restTotalHitsAsInt = get('rest_total_hits_as_int') === 'true' || get('rest_total_hits_as_int') === '';
  if (restTotalHitsAsInt) trackTotalHits = true;
  const searchAfter = body.search_after;
  if (searchAfter !== undefined && !Array.isArray(searchAfter)) throw parsingException('[search_after] must be an array');
  let pit: SearchInput['pit'];
  if (body.pit !== undefined) {
    const p = body.pit as Json | null;
    if (p === null || typeof p !== 'object' || typeof p.id !== 'string') throw parsingException('[pit] requires [id]');
    pit = { id: p.id, keepAliveMs: typeof p.keep_alive === 'string' ? parseTimeValue(p.keep_alive, 'keep_alive') : undefined };
  }
  const scroll = get('scroll');
  if (searchAfter !== undefined && from > 0) throw illegalArgument('`from` parameter must be set to 0 when `search_after` is used.');
  if (scroll !== undefined && searchAfter !== undefined) {
    throw validationFailed(['`search_after` cannot be used in a scroll context.']);
  }
  if (scroll !== undefined && pit !== undefined) throw validationFailed(['using [point in time] is not allowed in a scroll context']);
  const aggs = (body.aggs ?? body.aggregations) as Json | undefined;
  if (aggs !== undefined && (aggs === null || typeof aggs !== 'object')) throw parsingException('Expected [START_OBJECT] under [aggs]');
  const fieldsSpec = body.fields ?? body.docvalue_fields;
  const fields = Array.isArray(fieldsSpec)
    ? fieldsSpec.map((f) => (typeof f === 'string' ? f : String((f as Json).field)))
    : get('docvalue_fields')?.split(',');
  const minScore = body.min_score ?? get('min_score');
  if (body.post_filter !== undefined && (body.post_filter === null || typeof body.post_filter !== 'object')) {
    throw esError({ status: 400, type: 'parsing_exception', reason: '[post_filter] must be an object' });
  }
  return {
    query,
    queryKey,
    postFilter: body.post_filter === undefined ? undefined : parseQuery(body.post_filter),
    from,
    size,
    sort: parseSortSpec(body.sort, get('sort')),
    searchAfter: searchAfter as unknown[] | undefined,
    source,
    trackTotalHits,
    restTotalHitsAsInt,
    aggs,
    seqNoPrimaryTerm: body.seq_no_primary_term === true || get('seq_no_primary_term') === 'true',
    version: body.version === true || get('version') === 'true',
    minScore: minScore === undefined ? undefined : Number(minScore),
    trackScores: body.track_scores === true || get('track_scores') === 'true',
    fields,
    typedKeys: get('typed_keys') === 'true' || get('typed_keys') === '',
    pit,
    scrollMs: scroll === undefined ? undefined : parseTimeValue(scroll, 'scroll'),
  };
}
