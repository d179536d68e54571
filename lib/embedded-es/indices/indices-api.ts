/**
 * Index endpoints: create, exists, get, delete, mappings, settings, refresh/flush, stats and
 * `_reload_search_analyzers`.
 */
import { esError } from '../errors/embedded-es-error';
import { illegalArgument, indexNotFound } from '../errors/es-errors';
import { acknowledged, type EsRequest, type EsResponse } from '../http/es-request';
import type { ServerContext } from '../http/server-context';
import type { Json } from '../state/metadata';
import { resolveIndices, type ResolveOptions } from '../state/resolve-indices';
import type { IndexState } from '../state/store';
import { createIndex } from './create-index';
import { mergeMappings, normalizeMapping } from './mappings';
import { normalizeSettings, renderSettings } from './settings';

export function resolveOpts(req: EsRequest, allowNoIndices = true): ResolveOptions {
  return {
    expandWildcards: req.str('expand_wildcards'),
    ignoreUnavailable: req.bool('ignore_unavailable'),
    allowNoIndices: req.bool('allow_no_indices', allowNoIndices),
  };
}

function states(ctx: ServerContext, names: string[]): IndexState[] {
  return names.map((n) => ctx.store.indices.get(n)).filter((s): s is IndexState => s !== undefined);
}

export function createIndexHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const body = req.jsonObject();
  const unknown = Object.keys(body).filter((k) => !['settings', 'mappings', 'aliases'].includes(k));
  if (unknown.length > 0) {
    throw esError({ status: 400, type: 'parse_exception', reason: `unknown key [${unknown[0]}] for create index` });
  }
  const name = req.param('index');
  createIndex(ctx.store, name, body);
  return { status: 200, body: { acknowledged: true, shards_acknowledged: true, index: name } };
}

export function indexExistsHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  try {
    const names = resolveIndices(ctx.store, req.param('index'), { ...resolveOpts(req), allowNoIndices: req.bool('allow_no_indices', false) });
    return { status: names.length > 0 ? 200 : 404 };
  } catch {
    return { status: 404 };
  }
}

export function indexView(state: IndexState, flat: boolean): Json {
  const view: Json = { aliases: state.meta.aliases, mappings: state.meta.mappings, settings: renderSettings(state.meta.settings, flat) };
  if (state.meta.dataStream) view.data_stream = state.meta.dataStream;
  return view;
}

export function getIndexHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const names = resolveIndices(ctx.store, req.param('index'), resolveOpts(req));
  const out: Json = {};
  for (const s of states(ctx, names)) out[s.meta.name] = indexView(s, req.bool('flat_settings'));
  return { status: 200, body: out };
}

export function deleteIndexHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const expr = req.param('index');
  const parts = expr.split(',');
  const destructive = ctx.store.cluster.persistentSettings['action.destructive_requires_name'];
  if (destructive !== false && destructive !== 'false' && parts.some((p) => p.includes('*') || p === '_all')) {
    throw illegalArgument('Wildcard expressions or all indices are not allowed');
  }
  for (const p of parts) {
    if (ctx.store.dataStreams.has(p)) {
      throw illegalArgument(`The provided expression [${p}] matches a data stream, specify the corresponding concrete indices instead.`);
    }
    if (ctx.store.aliases.has(p) && !ctx.store.indices.has(p)) throw indexNotFound(p);
  }
  const names = resolveIndices(ctx.store, expr, resolveOpts(req));
  for (const name of names) {
    const s = ctx.store.indices.get(name);
    const ds = s?.meta.dataStream ? ctx.store.dataStreams.get(s.meta.dataStream) : undefined;
    if (ds && ds.indices[ds.indices.length - 1] === name) {
      throw illegalArgument(`index [${name}] is the write index for data stream [${ds.name}] and cannot be deleted`);
    }
  }
  for (const name of names) {
    const s = ctx.store.indices.get(name);
    const ds = s?.meta.dataStream ? ctx.store.dataStreams.get(s.meta.dataStream) : undefined;
    if (ds) ctx.store.apply({ o: 'ds', name: ds.name, meta: { ...ds, indices: ds.indices.filter((i) => i !== name) } });
    ctx.store.apply({ o: 'index', name, meta: null });
  }
  return acknowledged();
}

export function getMappingHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const names = resolveIndices(ctx.store, req.params.index, resolveOpts(req));
  const out: Json = {};
  for (const s of states(ctx, names)) out[s.meta.name] = { mappings: s.meta.mappings };
  return { status: 200, body: out };
}

export function getFieldMappingHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const names = resolveIndices(ctx.store, req.params.index, resolveOpts(req));
  const fields = req.param('fields').split(',');
  const out: Json = {};
  for (const s of states(ctx, names)) {
    const mappings: Json = {};
    for (const f of fields) {
      let node: unknown = s.meta.mappings;
      const parts = f.split('.');
      for (const p of parts) node = ((node as Json | undefined)?.properties as Json | undefined)?.[p];
      if (node !== undefined) mappings[f] = { full_name: f, mapping: { [parts[parts.length - 1] as string]: node } };
    }
    out[s.meta.name] = { mappings };
  }
  return { status: 200, body: out };
}

export function putMappingHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const body = normalizeMapping(req.jsonObject(true));
  const names = resolveIndices(ctx.store, req.params.index, resolveOpts(req));
  if (names.length === 0) throw indexNotFound(req.params.index ?? '_all');
  const updated = states(ctx, names).map((s) => ({ s, mappings: mergeMappings(s.meta.mappings, body, 'error') }));
  for (const { s, mappings } of updated) ctx.store.setIndex({ ...s.meta, mappings });
  return acknowledged();
}

export function getSettingsHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const names = resolveIndices(ctx.store, req.params.index, resolveOpts(req));
  const filter = req.params.name?.split(',');
  const flat = req.bool('flat_settings');
  const out: Json = {};
  for (const s of states(ctx, names)) {
    let settings = s.meta.settings;
    if (filter) {
      settings = Object.fromEntries(Object.entries(settings).filter(([k]) => filter.some((f) => k === f || k.startsWith(`${f}.`) || (f.endsWith('*') && k.startsWith(f.slice(0, -1))))));
    }
    out[s.meta.name] = { settings: renderSettings(settings, flat) };
  }
  return { status: 200, body: out };
}

const FINAL_SETTINGS = new Set(['index.number_of_shards', 'index.uuid', 'index.creation_date', 'index.provided_name', 'index.version.created']);

export function putSettingsHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const body = req.jsonObject(true);
  const raw = body.settings ?? body;
  const update = normalizeSettings(raw);
  for (const k of Object.keys(update)) {
    if (FINAL_SETTINGS.has(k)) {
      throw illegalArgument(`Can't update non dynamic settings [[${k}]] for open indices [[${req.params.index ?? '_all'}]]`);
    }
  }
  const names = resolveIndices(ctx.store, req.params.index, resolveOpts(req));
  const preserve = req.bool('preserve_existing');
  for (const s of states(ctx, names)) {
    const settings = { ...s.meta.settings };
    for (const [k, v] of Object.entries(update)) {
      if (preserve && settings[k] !== undefined) continue;
      settings[k] = v;
    }
    for (const [k, v] of Object.entries(flatNulls(raw))) if (v === null) delete settings[k.startsWith('index.') ? k : `index.${k}`];
    ctx.store.setIndex({ ...s.meta, settings });
  }
  return acknowledged();
}

function flatNulls(v: unknown, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return out;
  for (const [k, x] of Object.entries(v as Json)) {
    const key = prefix === '' ? k : `${prefix}.${k}`;
    if (x === null) out[key] = null;
    else if (typeof x === 'object' && !Array.isArray(x)) Object.assign(out, flatNulls(x, key));
  }
  return out;
}

export function refreshHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const names = resolveIndices(ctx.store, req.params.index, resolveOpts(req));
  return { status: 200, body: { _shards: { total: names.length * 2, successful: names.length, failed: 0 } } };
}

export function statsHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const names = resolveIndices(ctx.store, req.params.index, resolveOpts(req));
  const indices: Json = {};
  let docs = 0;
  let bytes = 0;
  for (const s of states(ctx, names)) {
    let size = 0;
    for (const r of s.data.records()) size += r.source.length;
    docs += s.data.live;
    bytes += size;
    const stats = { docs: { count: s.data.live, deleted: 0 }, store: { size_in_bytes: size }, indexing: { index_total: s.data.maxSeqNo + 1 } };
    indices[s.meta.name] = { uuid: s.meta.uuid, health: 'green', status: 'open', primaries: stats, total: stats };
  }
  const all = { docs: { count: docs, deleted: 0 }, store: { size_in_bytes: bytes } };
  return { status: 200, body: { _shards: { total: names.length, successful: names.length, failed: 0 }, _all: { primaries: all, total: all }, indices } };
}

export function reloadAnalyzersHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const names = resolveIndices(ctx.store, req.param('index'), resolveOpts(req));
  return {
    status: 200,
    body: {
      _shards: { total: names.length, successful: names.length, failed: 0 },
      reload_details: names.map((index) => ({ index, reloaded_analyzers: [], reloaded_node_ids: ['signet-embedded-node'] })),
    },
  };
}
