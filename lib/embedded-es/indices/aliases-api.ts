/**
 * Alias endpoints: add/remove one alias, `POST /_aliases` actions (applied atomically: all
 * validated first), get and exists. A missing alias in `GET _alias/{name}` is Elasticsearch's
 * odd flat body `{"error":"alias [x] missing","status":404}`.
 */
import { esError } from '../errors/embedded-es-error';
import { illegalArgument, indexNotFound, invalidIndexName } from '../errors/es-errors';
import { globMatch } from '../json/glob';
import { acknowledged, type EsRequest, type EsResponse } from '../http/es-request';
import type { ServerContext } from '../http/server-context';
import type { AliasMeta, IndexMeta, Json } from '../state/metadata';
import { resolveIndices } from '../state/resolve-indices';
import type { Store } from '../state/store';
import { resolveOpts } from './indices-api';

function aliasDef(body: Json): AliasMeta {
  const def: AliasMeta = {};
  if (body.filter !== undefined) def.filter = body.filter as Json;
  if (body.routing !== undefined) def.routing = String(body.routing);
  if (body.index_routing !== undefined) def.index_routing = String(body.index_routing);
  if (body.search_routing !== undefined) def.search_routing = String(body.search_routing);
  if (body.is_write_index !== undefined) def.is_write_index = body.is_write_index === true;
  if (body.is_hidden !== undefined) def.is_hidden = body.is_hidden === true;
  return def;
}

type Action = { kind: 'add'; index: string; alias: string; def: AliasMeta } | { kind: 'remove'; index: string; alias: string; mustExist: boolean } | { kind: 'remove_index'; index: string };

function applyActions(store: Store, actions: Action[]): void {
  const metas = new Map<string, IndexMeta>();
  const meta = (name: string): IndexMeta => {
    let m = metas.get(name);
    if (!m) {
      const s = store.indices.get(name);
      if (!s) throw indexNotFound(name);
      m = { ...s.meta, aliases: { ...s.meta.aliases } };
      metas.set(name, m);
    }
    return m;
  };
  const removed = new Set<string>();
  for (const a of actions) {
    if (a.kind === 'remove_index') {
      removed.add(a.index);
      continue;
    }
    if (a.kind === 'add') {
      if (a.alias.startsWith('_') || a.alias.includes('*')) throw invalidIndexName(a.alias, "must not start with '_', '-', or '+'");
      if (store.indices.has(a.alias)) throw illegalArgument(`an index or data stream exists with the same name as the alias`);
      const m = meta(a.index);
      m.aliases[a.alias] = a.def;
      if (a.def.is_write_index === true) {
        for (const other of store.aliases.get(a.alias) ?? []) {
          if (other !== a.index && meta(other).aliases[a.alias]?.is_write_index === true) {
            throw illegalArgument(`alias [${a.alias}] has more than one write index [${a.index},${other}]`);
          }
        }
      }
    } else {
      const m = meta(a.index);
      if (!(a.alias in m.aliases)) {
        if (a.mustExist) throw aliasesMissing(a.alias);
        continue;
      }
      delete m.aliases[a.alias];
    }
  }
  for (const m of metas.values()) if (!removed.has(m.name)) store.setIndex(m);
  for (const name of removed) store.apply({ o: 'index', name, meta: null });
}

/** 404 `aliases_not_found_exception`. */
function aliasesMissing(alias: string): Error {
  return esError({
    status: 404,
    type: 'aliases_not_found_exception',
    reason: `aliases [${alias}] missing`,
    metadata: { 'resource.type': 'aliases', 'resource.id': alias },
  });
}

function expandAliasNames(store: Store, indices: string[], pattern: string): string[] {
  const out = new Set<string>();
  for (const i of indices) for (const a of Object.keys(store.indices.get(i)?.meta.aliases ?? {})) if (pattern.split(',').some((p) => p === '_all' || globMatch(p, a))) out.add(a);
  return [...out];
}

export function putAliasHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const body = req.hasBody ? req.jsonObject() : {};
  const indices = resolveIndices(ctx.store, req.param('index'), resolveOpts(req, false));
  const alias = req.param('name');
  applyActions(ctx.store, indices.map((index) => ({ kind: 'add', index, alias, def: aliasDef(body) })));
  return acknowledged();
}

export function deleteAliasHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const indices = resolveIndices(ctx.store, req.param('index'), resolveOpts(req, false));
  const names = expandAliasNames(ctx.store, indices, req.param('name'));
  if (names.length === 0) throw aliasesMissing(req.param('name'));
  const actions: Action[] = [];
  for (const index of indices) for (const alias of names) actions.push({ kind: 'remove', index, alias, mustExist: false });
  applyActions(ctx.store, actions);
  return acknowledged();
}

export function updateAliasesHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const body = req.jsonObject(true);
  if (!Array.isArray(body.actions)) throw illegalArgument('No action specified');
  const actions: Action[] = [];
  for (const entry of body.actions as unknown[]) {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw illegalArgument('No action specified');
    const [kind, raw] = Object.entries(entry as Json)[0] ?? [];
    const a = (raw ?? {}) as Json;
    const indexExpr = [a.index, ...(Array.isArray(a.indices) ? a.indices : [])].filter((x) => x !== undefined).map(String).join(',');
    const aliasNames = [a.alias, ...(Array.isArray(a.aliases) ? a.aliases : [])].filter((x) => x !== undefined).map(String);
    if (kind === 'remove_index') {
      for (const index of resolveIndices(ctx.store, indexExpr, { allowNoIndices: false })) actions.push({ kind: 'remove_index', index });
      continue;
    }
    if (kind !== 'add' && kind !== 'remove') throw illegalArgument(`Unsupported action [${String(kind)}]`);
    if (indexExpr === '') throw illegalArgument('One of [index] or [indices] is required');
    if (aliasNames.length === 0) throw illegalArgument('One of [alias] or [aliases] is required');
    const indices = resolveIndices(ctx.store, indexExpr, { allowNoIndices: false });
    for (const index of indices) {
      for (const alias of aliasNames) {
        if (kind === 'add') actions.push({ kind, index, alias, def: aliasDef(a) });
        else {
          const names = alias.includes('*') ? expandAliasNames(ctx.store, [index], alias) : [alias];
          for (const n of names) actions.push({ kind: 'remove', index, alias: n, mustExist: a.must_exist === true });
        }
      }
    }
  }
  applyActions(ctx.store, actions);
  return acknowledged();
}

export function getAliasHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const pattern = req.params.name;
  const indices = resolveIndices(ctx.store, req.params.index, { ...resolveOpts(req), expandWildcards: req.str('expand_wildcards') ?? 'all' });
  const out: Json = {};
  const found = new Set<string>();
  for (const index of indices) {
    const meta = ctx.store.indices.get(index)?.meta;
    if (!meta) continue;
    const aliases: Json = {};
    for (const [a, def] of Object.entries(meta.aliases)) {
      if (pattern === undefined || pattern.split(',').some((p) => p === '_all' || globMatch(p, a))) {
        aliases[a] = def;
        found.add(a);
      }
    }
    if (pattern === undefined || Object.keys(aliases).length > 0) out[index] = { aliases };
  }
  if (pattern !== undefined) {
    const missing = pattern.split(',').filter((p) => !p.includes('*') && p !== '_all' && !found.has(p));
    if (missing.length > 0) return { status: 404, body: { error: `alias [${missing.join(',')}] missing`, status: 404, ...out } };
  }
  return { status: 200, body: out };
}

export function aliasExistsHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const res = getAliasHandler(req, ctx);
  return { status: res.status === 200 && Object.keys(res.body as Json).length > 0 ? 200 : 404 };
}
