/**
 * Executes a search over views: evaluate the query per index, collect candidates, sort them once
 * (cached per point in time, or per index generation for live searches), page with from/size or
 * `search_after`, render hits and aggregations, and shape the response like Elasticsearch
 * (`pit_id`/`_scroll_id`, `_shards`, `hits.total` with `track_total_hits`, `max_score`).
 */
import { illegalArgument, searchPhaseFailure } from '../errors/es-errors';
import type { SearchContexts, PitContext } from './search-contexts';
import { runAggregations } from './aggregations';
import { Candidates } from './candidates';
import type { DocSet } from './doc-set';
import { evaluateQuery } from './evaluate-query';
import { renderHits, type RenderOptions } from './render-hits';
import type { SearchInput } from './search-request';
import type { SearchView } from './search-view';
import { SortedHits, type SortField } from './sort';

type Json = Record<string, unknown>;

interface Computed {
  all: Candidates;
  sorted: SortedHits;
  maxScore: number | null;
}

interface ScrollState {
  views: SearchView[];
  computed: Computed;
  position: number;
  size: number;
  render: RenderOptions;
  total: number;
  input: SearchInput;
}

export interface SearchTarget {
  views: SearchView[];
  pit?: PitContext;
  /** Cache key prefix for live searches (index names and generations); undefined = no caching. */
  liveKey?: string;
}

const liveCache = new Map<string, Computed>();
const LIVE_CACHE_SIZE = 4;

function filterCandidates(views: SearchView[], cands: Candidates, input: SearchInput, now: number): Candidates {
  if (!input.postFilter) return cands;
  const pf = input.postFilter;
  const scores = views.map((v) => evaluateQuery(pf, v, now));
  const out = new Candidates(Math.max(16, cands.length));
  for (let i = 0; i < cands.length; i++) {
    const v = cands.view[i] as number;
    const ord = cands.ord[i] as number;
    if (!Number.isNaN(scores[v]?.[ord] as number)) out.push(v, ord, cands.score[i] as number);
  }
  return out;
}

function sortFieldsFor(input: SearchInput, pit: boolean): { fields: SortField[]; explicit: boolean } {
  let fields = input.sort;
  const explicit = fields !== undefined || pit;
  if (!fields || fields.length === 0) fields = [{ kind: 'score', field: '_score', order: 'desc', missing: '_last' }];
  if (pit && !fields.some((f) => f.kind === 'shard_doc')) fields = [...fields, { kind: 'shard_doc', field: '_shard_doc', order: 'asc', missing: '_last' }];
  return { fields, explicit };
}

function compute(views: SearchView[], input: SearchInput, fields: SortField[], now: number, limit: number | undefined): Computed {
  const all = new Candidates(1024);
  let maxScore = -Infinity;
  views.forEach((view, vi) => {
    let scores: Float64Array;
    try {
      scores = evaluateQuery(input.query, view, now);
    } catch (err) {
      if (err instanceof Error && 'esType' in err && (err as { esType: string }).esType !== 'search_phase_execution_exception') {
        throw searchPhaseFailure(err as Parameters<typeof searchPhaseFailure>[0], view.name);
      }
      throw err;
    }
    for (let ord = 0; ord < scores.length; ord++) {
      const s = scores[ord] as number;
      if (Number.isNaN(s) || (input.minScore !== undefined && s < input.minScore)) continue;
      all.push(vi, ord, s);
      if (s > maxScore) maxScore = s;
    }
  });
  const cands = filterCandidates(views, all, input, now);
  const sorted = new SortedHits(cands, fields, views, limit);
  return { all, sorted, maxScore: all.length === 0 ? null : maxScore };
}

function totalOf(count: number, input: SearchInput): unknown {
  if (input.restTotalHitsAsInt) return count;
  if (input.trackTotalHits === false) return undefined;
  if (input.trackTotalHits === true) return { value: count, relation: 'eq' };
  const limit = input.trackTotalHits;
  return count > limit ? { value: limit, relation: 'gte' } : { value: count, relation: 'eq' };
}

function shards(n: number): Json {
  return { total: n, successful: n, skipped: 0, failed: 0 };
}

/** Runs a search. */
export function executeSearch(contexts: SearchContexts, input: SearchInput, target: SearchTarget, now = Date.now()): Json {
  const start = performance.now();
  const { views } = target;
  const { fields, explicit } = sortFieldsFor(input, target.pit !== undefined);
  const maxWindow = views.length === 0 ? 10_000 : Math.min(...views.map((v) => v.maxResultWindow));
  if (input.scrollMs === undefined && input.searchAfter === undefined && input.from + input.size > maxWindow) {
    const inner = illegalArgument(`Result window is too large, from + size must be less than or equal to: [${maxWindow}] but was [${input.from + input.size}]. See the scroll api for a more efficient way to request large data sets. This limit can be set by changing the [index.max_result_window] index level setting.`);
    throw searchPhaseFailure(inner, views[0]?.name ?? '');
  }
  if (input.searchAfter !== undefined && input.sort === undefined && !target.pit) {
    throw illegalArgument('Sort must contain at least one field.');
  }
  // A plain search needs only its first from + size hits in order (PIT, scroll and search_after
  // page through the whole order, which is computed once and kept).
  const limit = target.pit === undefined && input.scrollMs === undefined && input.searchAfter === undefined ? input.from + input.size : undefined;
  const key = JSON.stringify([input.queryKey, input.postFilter ?? null, input.minScore ?? null, fields, limit ?? null]);
  let computed: Computed | undefined;
  if (target.pit) computed = target.pit.cache.get(key)?.value as Computed | undefined;
  else if (target.liveKey !== undefined) computed = liveCache.get(target.liveKey + key);
  if (!computed) {
    computed = compute(views, input, fields, now, limit);
    if (target.pit) contexts.remember(target.pit, key, computed);
    else if (target.liveKey !== undefined) {
      if (liveCache.size >= LIVE_CACHE_SIZE) liveCache.delete(liveCache.keys().next().value as string);
      liveCache.set(target.liveKey + key, computed);
    }
  }
  const { sorted } = computed;
  const total = sorted.cands.length;
  const from = input.searchAfter !== undefined ? sorted.startAfter(input.searchAfter) : input.from;
  const end = Math.min(total, from + input.size);
  const scoreSorted = !explicit || fields.some((f) => f.kind === 'score');
  const render: RenderOptions = {
    source: input.source,
    seqNoPrimaryTerm: input.seqNoPrimaryTerm,
    version: input.version,
    fields: input.fields,
    emitSort: explicit,
    emitScore: scoreSorted || input.trackScores,
  };
  const hits = renderHits(views, sorted, from, end, render);
  const body: Json = {};
  if (target.pit) body.pit_id = target.pit.id;
  if (input.scrollMs !== undefined) {
    const state: ScrollState = { views, computed, position: end, size: input.size, render, total, input };
    body._scroll_id = contexts.openScroll(state, input.scrollMs, now).id;
  }
  body.took = Math.round(performance.now() - start);
  body.timed_out = false;
  body._shards = shards(views.length);
  body.hits = { total: totalOf(total, input), max_score: render.emitScore && hits.length > 0 ? computed.maxScore : null, hits };
  if (input.aggs) {
    const set: DocSet = { views, view: Array.from(computed.all.view.subarray(0, computed.all.length)), ord: Array.from(computed.all.ord.subarray(0, computed.all.length)) };
    body.aggregations = runAggregations(input.aggs, set, { now, typedKeys: input.typedKeys });
  }
  return body;
}

/** Returns the next page of a scroll. */
export function scrollNext(contexts: SearchContexts, id: string, keepAliveMs: number | undefined, now = Date.now()): Json {
  const start = performance.now();
  const ctx = contexts.scroll(id, keepAliveMs, now);
  const state = ctx.state as ScrollState;
  const end = Math.min(state.total, state.position + state.size);
  const hits = renderHits(state.views, state.computed.sorted, state.position, end, state.render);
  state.position = end;
  return {
    _scroll_id: id,
    took: Math.round(performance.now() - start),
    timed_out: false,
    _shards: shards(state.views.length),
    hits: { total: totalOf(state.total, state.input), max_score: state.render.emitScore && hits.length > 0 ? state.computed.maxScore : null, hits },
  };
}

/** Counts matches. */
export function countMatches(views: SearchView[], input: SearchInput, now = Date.now()): Json {
  let count = 0;
  for (const view of views) {
    const scores = evaluateQuery(input.query, view, now);
    for (let i = 0; i < scores.length; i++) if (!Number.isNaN(scores[i] as number)) count++;
  }
  return { count, _shards: shards(views.length) };
}
