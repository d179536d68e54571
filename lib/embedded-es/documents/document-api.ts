/**
 * Single-document endpoints: index (`PUT|POST /{index}/_doc[/{id}]`), create (`/_create/{id}`),
 * get/exists/`_source`, delete and update. They share the bulk code paths; errors become
 * top-level Elasticsearch error bodies.
 */
import { esError } from '../errors/embedded-es-error';
import { illegalArgument, indexNotFound, parseException } from '../errors/es-errors';
import type { EsRequest, EsResponse } from '../http/es-request';
import type { ServerContext } from '../http/server-context';
import { isJsonObject } from '../json/json-node';
import type { IndexState, Store } from '../state/store';
import { deleteDocument } from './delete-document';
import { compileSource, renderSource, sourceSpec } from './source-params';
import { updateDocument } from './update-document';
import { writeDocument } from './write-document';
import { writeResultBody } from './write-response';

function forced(req: EsRequest): boolean {
  const r = req.str('refresh');
  return r === 'true' || r === '';
}

function indexOp(req: EsRequest, ctx: ServerContext, op: 'index' | 'create', id: string | undefined): EsResponse {
  if (!req.hasBody) throw parseException('request body is required');
  const opType = req.str('op_type');
  if (opType !== undefined && opType !== 'index' && opType !== 'create') {
    throw illegalArgument(`opType must be 'create' or 'index', found: [${opType}]`);
  }
  const r = writeDocument(ctx.store, {
    op: opType === 'create' ? 'create' : op,
    index: req.param('index'),
    id,
    source: req.bodyText(),
    bytes: req.body,
    routing: req.str('routing'),
    pipeline: req.str('pipeline'),
    requireAlias: req.bool('require_alias'),
    requireDataStream: req.bool('require_data_stream'),
    ifSeqNo: req.int('if_seq_no'),
    ifPrimaryTerm: req.int('if_primary_term'),
    version: req.int('version'),
    versionType: req.str('version_type'),
    now: Date.now(),
  });
  if ('dropped' in r) return { status: 200, body: { _index: r.index, _id: r.id, _version: -3, result: 'noop', _shards: { total: 0, successful: 0, failed: 0 } } };
  return { status: r.status, body: writeResultBody(r, forced(req)) };
}

export function indexWithId(req: EsRequest, ctx: ServerContext): EsResponse {
  return indexOp(req, ctx, 'index', req.param('id'));
}

export function indexAutoId(req: EsRequest, ctx: ServerContext): EsResponse {
  return indexOp(req, ctx, 'create', undefined);
}

export function createWithId(req: EsRequest, ctx: ServerContext): EsResponse {
  return indexOp(req, ctx, 'create', req.param('id'));
}

/** The single index a read addresses (index or single-index alias). */
export function readTarget(store: Store, name: string): IndexState {
  const state = store.indices.get(name);
  if (state) return state;
  const alias = store.aliases.get(name);
  if (alias) {
    if (alias.size > 1) {
      throw illegalArgument(`alias [${name}] has more than one index associated with it [${[...alias].join(', ')}], can't execute a single index op`);
    }
    return store.indices.get([...alias][0] as string) as IndexState;
  }
  if (store.dataStreams.has(name)) {
    throw illegalArgument(`The provided expression [${name}] matches a data stream, specify the corresponding concrete indices instead.`);
  }
  throw indexNotFound(name);
}

export function getDocument(req: EsRequest, ctx: ServerContext): EsResponse {
  const state = readTarget(ctx.store, req.param('index'));
  const id = req.param('id');
  const rec = state.data.get(id);
  const name = state.meta.name;
  if (!rec) return { status: 404, body: { _index: name, _id: id, found: false } };
  const version = req.int('version');
  if (version !== undefined && version !== rec.version) {
    throw esError({ status: 409, type: 'version_conflict_engine_exception', reason: `[${id}]: version conflict, current version [${rec.version}] is different than the one provided [${version}]`, metadata: { index_uuid: state.meta.uuid, shard: '0', index: name } });
  }
  const body: Record<string, unknown> = { _index: name, _id: id, _version: rec.version, _seq_no: rec.seqNo, _primary_term: rec.primaryTerm };
  if (rec.routing !== undefined) body._routing = rec.routing;
  body.found = true;
  const filter = compileSource(sourceSpec(req));
  if (filter) body._source = renderSource(filter, rec.source);
  return { status: 200, body };
}

export function getSource(req: EsRequest, ctx: ServerContext): EsResponse {
  const state = readTarget(ctx.store, req.param('index'));
  const id = req.param('id');
  const rec = state.data.get(id);
  if (!rec) {
    throw esError({ status: 404, type: 'resource_not_found_exception', reason: `Document not found [${state.meta.name}]/[${id}]` });
  }
  const filter = compileSource(sourceSpec(req)) ?? compileSource({ includes: [], excludes: [] });
  return { status: 200, body: renderSource(filter as NonNullable<typeof filter>, rec.source) };
}

export function deleteDoc(req: EsRequest, ctx: ServerContext): EsResponse {
  const r = deleteDocument(ctx.store, {
    index: req.param('index'),
    id: req.param('id'),
    ifSeqNo: req.int('if_seq_no'),
    ifPrimaryTerm: req.int('if_primary_term'),
    version: req.int('version'),
    versionType: req.str('version_type'),
  });
  return { status: r.status, body: writeResultBody(r, forced(req)) };
}

export function updateDoc(req: EsRequest, ctx: ServerContext): EsResponse {
  if (!req.hasBody) throw parseException('request body is required');
  const body = req.exactJson();
  if (!isJsonObject(body)) throw parseException('request body must be an object');
  const r = updateDocument(ctx.store, {
    index: req.param('index'),
    id: req.param('id'),
    body,
    ifSeqNo: req.int('if_seq_no'),
    ifPrimaryTerm: req.int('if_primary_term'),
    routing: req.str('routing'),
  });
  const out = writeResultBody(r, forced(req));
  const spec = sourceSpec(req, body.has('_source') ? JSON.parse(JSON.stringify(body.get('_source') ?? true)) : false);
  const filter = compileSource(spec);
  if (filter && r.record) {
    out.get = { _seq_no: r.seqNo, _primary_term: r.primaryTerm, found: true, _source: renderSource(filter, r.record.source) };
  }
  return { status: r.status, body: out };
}
