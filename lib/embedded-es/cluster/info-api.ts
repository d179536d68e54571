/** `GET /` and `HEAD /`, cluster health and settings, nodes info. */
import { acknowledged, type EsRequest, type EsResponse } from '../http/es-request';
import type { ServerContext } from '../http/server-context';
import type { Json } from '../state/metadata';
import { resolveIndices } from '../state/resolve-indices';
import { BUILD_DATE, BUILD_HASH, CLUSTER_NAME, ES_VERSION, LUCENE_VERSION, NODE_ID, NODE_NAME } from './node-info';

export function infoHandler(_req: EsRequest, ctx: ServerContext): EsResponse {
  return {
    status: 200,
    body: {
      name: NODE_NAME,
      cluster_name: CLUSTER_NAME,
      cluster_uuid: ctx.store.cluster.clusterUuid,
      version: {
        number: ES_VERSION,
        build_flavor: 'default',
        build_type: 'tar',
        build_hash: BUILD_HASH,
        build_date: BUILD_DATE,
        build_snapshot: false,
        lucene_version: LUCENE_VERSION,
        minimum_wire_compatibility_version: '7.17.0',
        minimum_index_compatibility_version: '7.0.0',
      },
      tagline: 'You Know, for Search',
    },
  };
}

export function healthHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  let n = ctx.store.indices.size;
  let status = 'green';
  let timedOut = false;
  if (req.params.index !== undefined) {
    try {
      n = resolveIndices(ctx.store, req.params.index, { expandWildcards: 'all', allowNoIndices: true }).length;
    } catch {
      status = 'red';
      timedOut = true;
      n = 0;
    }
  }
  const body: Json = {
    cluster_name: CLUSTER_NAME,
    status,
    timed_out: timedOut,
    number_of_nodes: 1,
    number_of_data_nodes: 1,
    active_primary_shards: n,
    active_shards: n,
    relocating_shards: 0,
    initializing_shards: 0,
    unassigned_shards: 0,
    unassigned_primary_shards: 0,
    delayed_unassigned_shards: 0,
    number_of_pending_tasks: 0,
    number_of_in_flight_fetch: 0,
    task_max_waiting_in_queue_millis: 0,
    active_shards_percent_as_number: 100.0,
  };
  return { status: timedOut ? 408 : 200, body };
}

export function getClusterSettingsHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const persistent = ctx.store.cluster.persistentSettings;
  const body: Json = { persistent, transient: {} };
  if (req.bool('include_defaults')) body.defaults = { 'action.destructive_requires_name': 'true', 'http.max_content_length': '100mb' };
  return { status: 200, body };
}

export function putClusterSettingsHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const body = req.jsonObject(true);
  const flat = (v: unknown, prefix = '', out: Json = {}): Json => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, x] of Object.entries(v as Json)) flat(x, prefix === '' ? k : `${prefix}.${k}`, out);
    } else out[prefix] = v === null ? null : String(v);
    return out;
  };
  const updates = { ...flat(body.persistent ?? {}), ...flat(body.transient ?? {}) };
  const persistent: Json = { ...ctx.store.cluster.persistentSettings };
  for (const [k, v] of Object.entries(updates)) {
    if (v === null) delete persistent[k];
    else persistent[k] = v;
  }
  ctx.store.apply({ o: 'cluster', meta: { ...ctx.store.cluster, persistentSettings: persistent } });
  return acknowledged({ persistent: flat(body.persistent ?? {}), transient: flat(body.transient ?? {}) });
}

export function nodesHandler(_req: EsRequest, ctx: ServerContext): EsResponse {
  const docs = [...ctx.store.indices.values()].reduce((n, s) => n + s.data.live, 0);
  const mem = process.memoryUsage();
  return {
    status: 200,
    body: {
      _nodes: { total: 1, successful: 1, failed: 0 },
      cluster_name: CLUSTER_NAME,
      nodes: {
        [NODE_ID]: {
          name: NODE_NAME,
          transport_address: '127.0.0.1:9300',
          host: '127.0.0.1',
          ip: '127.0.0.1',
          version: ES_VERSION,
          roles: ['data', 'ingest', 'master'],
          indices: { docs: { count: docs, deleted: 0 } },
          jvm: { mem: { heap_used_in_bytes: mem.heapUsed, heap_max_in_bytes: mem.heapTotal } },
          process: { open_file_descriptors: 0 },
        },
      },
    },
  };
}
