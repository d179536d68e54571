/**
 * `_cat` APIs (health, indices, aliases, templates, count, nodes, shards): text tables with
 * `v`/`h` like Elasticsearch, or JSON arrays of string values with `format=json`.
 */
import type { EsRequest, EsResponse } from '../http/es-request';
import type { ServerContext } from '../http/server-context';
import { globMatch } from '../json/glob';
import { resolveIndices } from '../state/resolve-indices';
import { CLUSTER_NAME, NODE_NAME } from './node-info';

type Row = Record<string, string>;

function render(req: EsRequest, columns: string[], rows: Row[], defaults = columns): EsResponse {
  const wanted = req.list('h') ?? defaults;
  const cols = wanted.flatMap((h) => (h.includes('*') ? columns.filter((c) => globMatch(h, c)) : [h])).filter((c) => columns.includes(c));
  const sortBy = req.list('s');
  if (sortBy) {
    rows.sort((a, b) => {
      for (const s of sortBy) {
        const [col, dir] = s.split(':');
        const x = a[col as string] ?? '';
        const y = b[col as string] ?? '';
        const c = !Number.isNaN(Number(x)) && !Number.isNaN(Number(y)) && x !== '' && y !== '' ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
        if (c !== 0) return dir === 'desc' ? -c : c;
      }
      return 0;
    });
  }
  if (req.str('format') === 'json') return { status: 200, body: rows.map((r) => Object.fromEntries(cols.map((c) => [c, r[c] ?? null]))) };
  const table: string[][] = rows.map((r) => cols.map((c) => r[c] ?? ''));
  if (req.bool('v')) table.unshift(cols);
  const widths = cols.map((_, i) => Math.max(0, ...table.map((r) => (r[i] as string).length)));
  const text = table.map((r) => r.map((v, i) => v.padEnd(widths[i] as number)).join(' ').trimEnd() + '\n').join('');
  return { status: 200, text };
}

function now(): { epoch: string; timestamp: string } {
  const d = new Date();
  return { epoch: String(Math.floor(d.getTime() / 1000)), timestamp: d.toISOString().slice(11, 19) };
}

export function catHealthHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const n = String(ctx.store.indices.size);
  const cols = ['epoch', 'timestamp', 'cluster', 'status', 'node.total', 'node.data', 'shards', 'pri', 'relo', 'init', 'unassign', 'unassign.pri', 'pending_tasks', 'max_task_wait_time', 'active_shards_percent'];
  return render(req, cols, [{ ...now(), cluster: CLUSTER_NAME, status: 'green', 'node.total': '1', 'node.data': '1', shards: n, pri: n, relo: '0', init: '0', unassign: '0', 'unassign.pri': '0', pending_tasks: '0', max_task_wait_time: '-', active_shards_percent: '100.0%' }]);
}

export function catIndicesHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const names = resolveIndices(ctx.store, req.params.index, { expandWildcards: req.str('expand_wildcards') ?? 'all' });
  const rows = names.map((name) => {
    const s = ctx.store.indices.get(name);
    let size = 0;
    if (s) for (const r of s.data.records()) size += r.source.length;
    return {
      health: 'green', status: 'open', index: name, uuid: s?.meta.uuid ?? '', pri: '1', rep: s?.meta.settings['index.number_of_replicas'] ?? '1',
      'docs.count': String(s?.data.live ?? 0), 'docs.deleted': '0', 'store.size': `${size}b`, 'pri.store.size': `${size}b`, 'dataset.size': `${size}b`,
    };
  });
  const cols = ['health', 'status', 'index', 'uuid', 'pri', 'rep', 'docs.count', 'docs.deleted', 'store.size', 'pri.store.size', 'dataset.size'];
  return render(req, cols, rows);
}

export function catAliasesHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const rows: Row[] = [];
  for (const [alias, members] of ctx.store.aliases) {
    if (req.params.name && !req.params.name.split(',').some((p) => globMatch(p, alias))) continue;
    for (const index of members) {
      const def = ctx.store.indices.get(index)?.meta.aliases[alias] ?? {};
      rows.push({ alias, index, filter: def.filter ? '*' : '-', 'routing.index': def.index_routing ?? def.routing ?? '-', 'routing.search': def.search_routing ?? def.routing ?? '-', is_write_index: def.is_write_index === undefined ? '-' : String(def.is_write_index) });
    }
  }
  return render(req, ['alias', 'index', 'filter', 'routing.index', 'routing.search', 'is_write_index'], rows);
}

export function catTemplatesHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const rows: Row[] = [];
  const pattern = req.params.name;
  for (const [kind, map] of [['index', ctx.store.templates.index], ['legacy', ctx.store.templates.legacy]] as const) {
    for (const [name, t] of map) {
      if (pattern && !pattern.split(',').some((p) => globMatch(p, name))) continue;
      const patterns = Array.isArray(t.index_patterns) ? t.index_patterns.join(', ') : '';
      rows.push({ name, index_patterns: `[${patterns}]`, order: kind === 'legacy' ? String(t.order ?? 0) : '', version: t.version === undefined ? '' : String(t.version), composed_of: kind === 'index' ? `[${(t.composed_of as string[] | undefined ?? []).join(', ')}]` : '' });
    }
  }
  return render(req, ['name', 'index_patterns', 'order', 'version', 'composed_of'], rows);
}

export function catCountHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const names = resolveIndices(ctx.store, req.params.index, {});
  const count = names.reduce((n, name) => n + (ctx.store.indices.get(name)?.data.live ?? 0), 0);
  return render(req, ['epoch', 'timestamp', 'count'], [{ ...now(), count: String(count) }]);
}

export function catNodesHandler(req: EsRequest): EsResponse {
  return render(req, ['ip', 'heap.percent', 'ram.percent', 'cpu', 'load_1m', 'load_5m', 'load_15m', 'node.role', 'master', 'name'],
    [{ ip: '127.0.0.1', 'heap.percent': '10', 'ram.percent': '10', cpu: '1', load_1m: '0.00', load_5m: '0.00', load_15m: '0.00', 'node.role': 'dim', master: '*', name: NODE_NAME }]);
}

export function catShardsHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const names = resolveIndices(ctx.store, req.params.index, { expandWildcards: 'all' });
  const rows = names.map((index) => ({ index, shard: '0', prirep: 'p', state: 'STARTED', docs: String(ctx.store.indices.get(index)?.data.live ?? 0), store: '0b', ip: '127.0.0.1', node: NODE_NAME }));
  return render(req, ['index', 'shard', 'prirep', 'state', 'docs', 'store', 'ip', 'node'], rows);
}
