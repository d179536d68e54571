/**
 * Search endpoints: `_search`, `_count`, `_msearch`, scroll (`_search/scroll`) and point in time
 * (`/{index}/_pit`, `DELETE /_pit`).
 */
import { EmbeddedEsError } from '../errors/embedded-es-error';
import { parseException, validationFailed, xContentParse } from '../errors/es-errors';
import type { EsRequest, EsResponse } from '../http/es-request';
import type { ServerContext } from '../http/server-context';
import { resolveIndices } from '../state/resolve-indices';
import type { IndexState } from '../state/store';
import { countMatches, executeSearch, scrollNext, type SearchTarget } from './execute-search';
import { readSearchInput, type SearchInput } from './search-request';
import { frozenView, liveView, type SearchView } from './search-view';
import { parseTimeValue } from './time-value';

type Json = Record<string, unknown>;

function resolveViews(ctx: ServerContext, expr: string | undefined, params: URLSearchParams, frozen: boolean): { views: SearchView[]; liveKey: string } {
  const bool = (name: string, dflt: boolean): boolean => {
    const v = params.get(name);
    return v === null ? dflt : v === '' || v === 'true';
  };
  const names = resolveIndices(ctx.store, expr, {
    expandWildcards: params.get('expand_wildcards') ?? undefined,
    ignoreUnavailable: bool('ignore_unavailable', false),
    allowNoIndices: bool('allow_no_indices', true),
  });
  const states = names.map((n) => ctx.store.indices.get(n)).filter((s): s is IndexState => s !== undefined);
  const views = states.map((s, i) => (frozen ? frozenView(s, i) : liveView(s, i)));
  const liveKey = states.map((s) => `${s.meta.name}:${s.meta.uuid}:${s.data.generation}`).join('|') + '#';
  return { views, liveKey };
}

function target(ctx: ServerContext, expr: string | undefined, params: URLSearchParams, input: SearchInput): SearchTarget {
  if (input.pit) {
    if (expr !== undefined) {
      throw validationFailed(['[indices] cannot be used with point in time. Do not specify any index with point in time.']);
    }
    const pit = ctx.contexts.pit(input.pit.id, input.pit.keepAliveMs);
    return { views: pit.views, pit };
  }
  const { views, liveKey } = resolveViews(ctx, expr, params, input.scrollMs !== undefined);
  return input.scrollMs !== undefined ? { views } : { views, liveKey };
}

export function searchHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const body = req.jsonObject();
  const input = readSearchInput(req, body);
  return { status: 200, body: executeSearch(ctx.contexts, input, target(ctx, req.params.index, req.query, input)) };
}

export function countHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const body = req.jsonObject();
  for (const k of Object.keys(body)) if (k !== 'query') throw xContentParse(`[1:2] request does not support [${k}]`);
  const input = readSearchInput(req, body);
  const { views } = resolveViews(ctx, req.params.index, req.query, false);
  return { status: 200, body: countMatches(views, input) };
}

export function msearchHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const start = performance.now();
  if (!req.hasBody) throw parseException('request body is required');
  const lines = req.bodyText().split('\n').map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length === 0) throw validationFailed(['no requests added']);
  const responses: Json[] = [];
  for (let i = 0; i < lines.length; i += 2) {
    let header: Json;
    let body: Json;
    try {
      header = JSON.parse(lines[i] as string) as Json;
      body = lines[i + 1] === undefined ? {} : (JSON.parse(lines[i + 1] as string) as Json);
    } catch (err) {
      throw xContentParse(`[1:1] ${(err as Error).message}`);
    }
    const isObj = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v);
    if (!isObj(header) || !isObj(body)) throw xContentParse(`[1:1] msearch line [${i + 1}] must be a JSON object`);
    const params = new URLSearchParams(req.query);
    for (const k of ['expand_wildcards', 'ignore_unavailable', 'allow_no_indices']) if (header[k] !== undefined) params.set(k, String(header[k]));
    const idx = header.index === undefined ? req.params.index : Array.isArray(header.index) ? header.index.join(',') : String(header.index);
    try {
      const input = readSearchInput(undefined, body, params);
      responses.push({ ...executeSearch(ctx.contexts, input, target(ctx, idx, params, input)), status: 200 });
    } catch (err) {
      if (!(err instanceof EmbeddedEsError)) throw err;
      responses.push({ error: (err.toBody() as { error: unknown }).error, status: err.status });
    }
  }
  return { status: 200, body: { took: Math.round(performance.now() - start), responses } };
}

function scrollParams(req: EsRequest): { id: string | undefined; keepAlive: number | undefined } {
  const body = req.hasBody ? req.jsonObject() : {};
  const id = req.params.scroll_id ?? req.str('scroll_id') ?? (typeof body.scroll_id === 'string' ? body.scroll_id : undefined);
  const scroll = req.str('scroll') ?? (typeof body.scroll === 'string' ? body.scroll : undefined);
  return { id, keepAlive: scroll === undefined ? undefined : parseTimeValue(scroll, 'scroll') };
}

export function scrollHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const { id, keepAlive } = scrollParams(req);
  if (!id) throw validationFailed(['scrollId is missing']);
  return { status: 200, body: scrollNext(ctx.contexts, id, keepAlive) };
}

export function clearScrollHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const body = req.hasBody ? req.jsonObject() : {};
  const fromBody = body.scroll_id;
  const ids = req.params.scroll_id?.split(',') ?? (Array.isArray(fromBody) ? fromBody.map(String) : typeof fromBody === 'string' ? [fromBody] : []);
  let freed = 0;
  if (ids.includes('_all')) freed = ctx.contexts.closeAllScrolls();
  else for (const id of ids) if (ctx.contexts.closeScroll(id)) freed++;
  return { status: freed > 0 || ids.length === 0 ? 200 : 404, body: { succeeded: true, num_freed: freed } };
}

export function openPitHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const keepAlive = req.str('keep_alive');
  if (keepAlive === undefined) throw validationFailed(['[keep_alive] is required']);
  const ms = parseTimeValue(keepAlive, 'keep_alive');
  const { views } = resolveViews(ctx, req.param('index'), req.query, true);
  const pit = ctx.contexts.openPit(views, ms);
  return { status: 200, body: { id: pit.id, _shards: { total: views.length, successful: views.length, skipped: 0, failed: 0 } } };
}

export function closePitHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const body = req.jsonObject(true);
  if (typeof body.id !== 'string') throw validationFailed(['point in time id must be specified']);
  const freed = ctx.contexts.closePit(body.id) ? 1 : 0;
  return { status: freed ? 200 : 404, body: { succeeded: true, num_freed: freed } };
}
