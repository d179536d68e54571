/** Data stream endpoints and `_rollover` (data streams and write aliases). */
import { illegalArgument, indexNotFound } from '../errors/es-errors';
import { globMatch } from '../json/glob';
import { acknowledged, type EsRequest, type EsResponse } from '../http/es-request';
import type { ServerContext } from '../http/server-context';
import type { DataStreamMeta, Json } from '../state/metadata';
import type { Store } from '../state/store';
import { createIndex } from './create-index';
import { createDataStream, dataStreamView, rolloverDataStream } from './data-streams';

function matchStreams(store: Store, expr: string | undefined, expand: string | undefined): DataStreamMeta[] {
  const hidden = expand?.includes('all') || expand?.includes('hidden');
  const all = [...store.dataStreams.values()];
  if (expr === undefined || expr === '*' || expr === '_all') return all.filter((d) => hidden || !d.hidden);
  const out: DataStreamMeta[] = [];
  for (const part of expr.split(',')) {
    if (part.includes('*')) out.push(...all.filter((d) => globMatch(part, d.name) && (hidden || !d.hidden)));
    else {
      const ds = store.dataStreams.get(part);
      if (!ds) throw indexNotFound(part);
      out.push(ds);
    }
  }
  return [...new Set(out)];
}

export function putDataStreamHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  createDataStream(ctx.store, req.param('name'));
  return acknowledged();
}

export function getDataStreamHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const streams = matchStreams(ctx.store, req.params.name, req.str('expand_wildcards'));
  return { status: 200, body: { data_streams: streams.map((d) => dataStreamView(ctx.store, d)) } };
}

export function deleteDataStreamHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const streams = matchStreams(ctx.store, req.param('name'), req.str('expand_wildcards'));
  for (const ds of streams) {
    for (const index of ds.indices) ctx.store.apply({ o: 'index', name: index, meta: null });
    ctx.store.apply({ o: 'ds', name: ds.name, meta: null });
  }
  return acknowledged();
}

export function dataStreamStatsHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const streams = matchStreams(ctx.store, req.params.name, req.str('expand_wildcards'));
  let backing = 0;
  let bytes = 0;
  const data_streams = streams.map((ds) => {
    let size = 0;
    let maxTs = 0;
    for (const name of ds.indices) {
      const s = ctx.store.indices.get(name);
      if (!s) continue;
      for (const r of s.data.records()) size += r.source.length;
      const col = s.data.columns.get('@timestamp');
      if (col?.kind === 'num') for (const v of col.vals) if (v > maxTs) maxTs = v;
    }
    backing += ds.indices.length;
    bytes += size;
    return { data_stream: ds.name, backing_indices: ds.indices.length, store_size_bytes: size, maximum_timestamp: maxTs };
  });
  return {
    status: 200,
    body: { _shards: { total: backing * 2, successful: backing, failed: 0 }, data_stream_count: streams.length, backing_indices: backing, total_store_size_bytes: bytes, data_streams },
  };
}

function conditionsMet(store: Store, index: string, conditions: Json): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  const s = store.indices.get(index);
  const docs = s?.data.live ?? 0;
  for (const [k, v] of Object.entries(conditions)) {
    let met = false;
    if (k === 'max_docs' || k === 'max_primary_shard_docs') met = docs >= Number(v);
    else if (k === 'min_docs' || k === 'min_primary_shard_docs') met = docs >= Number(v);
    else if (k === 'max_age') {
      const m = /^(\d+)(ms|s|m|h|d)$/.exec(String(v));
      const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m?.[2] ?? 'd') as 'd'];
      met = m !== null && Date.now() - (s?.meta.creationDate ?? Date.now()) >= Number(m[1]) * unit;
    }
    out[`[${k}: ${String(v)}]`] = met;
  }
  return out;
}

function nextName(old: string): string {
  const m = /^(.*-)(\d+)$/.exec(old);
  if (!m) throw illegalArgument(`index name [${old}] does not match pattern '^.*-\\d+$'`);
  return `${m[1]}${String(Number(m[2]) + 1).padStart(6, '0')}`;
}

export function rolloverHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const target = req.param('alias');
  const body = req.jsonObject();
  const dryRun = req.bool('dry_run');
  const conditions = (body.conditions ?? {}) as Json;
  const store = ctx.store;
  const ds = store.dataStreams.get(target);
  let oldIndex: string;
  if (ds) oldIndex = ds.indices[ds.indices.length - 1] as string;
  else {
    const members = store.aliases.get(target);
    if (!members) throw illegalArgument(`rollover target [${target}] does not exist`);
    const write = [...members].find((m) => store.indices.get(m)?.meta.aliases[target]?.is_write_index === true);
    if (!write && members.size > 1) throw illegalArgument(`rollover target [${target}] does not point to a write index`);
    oldIndex = write ?? ([...members][0] as string);
  }
  const results = conditionsMet(store, oldIndex, conditions);
  const met = Object.keys(results).length === 0 || Object.values(results).some(Boolean);
  const newName = ds ? undefined : req.params.new_index ?? nextName(oldIndex);
  let newIndex = newName ?? '';
  if (!dryRun && met) {
    if (ds) newIndex = rolloverDataStream(store, ds)[1];
    else {
      const old = store.indices.get(oldIndex);
      const explicitWrite = old?.meta.aliases[target]?.is_write_index === true;
      createIndex(store, newIndex, { settings: body.settings, mappings: body.mappings, aliases: body.aliases });
      const created = store.indices.get(newIndex);
      if (old && created) {
        const oldAliases = { ...old.meta.aliases };
        const def = oldAliases[target] ?? {};
        if (explicitWrite) oldAliases[target] = { ...def, is_write_index: false };
        else delete oldAliases[target];
        store.setIndex({ ...old.meta, aliases: oldAliases });
        store.setIndex({ ...created.meta, aliases: { ...created.meta.aliases, [target]: explicitWrite ? { ...def, is_write_index: true } : { ...def } } });
      }
    }
  } else if (ds) {
    const d = new Date();
    newIndex = `.ds-${ds.name}-${d.getUTCFullYear()}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${String(d.getUTCDate()).padStart(2, '0')}-${String(ds.generation + 1).padStart(6, '0')}`;
  }
  return {
    status: 200,
    body: {
      acknowledged: !dryRun && met,
      shards_acknowledged: !dryRun && met,
      old_index: oldIndex,
      new_index: newIndex,
      rolled_over: !dryRun && met,
      dry_run: dryRun,
      lazy: false,
      conditions: results,
    },
  };
}
