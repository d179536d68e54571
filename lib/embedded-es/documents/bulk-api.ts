/**
 * `POST /_bulk` and `/{index}/_bulk`: items run in request order, each succeeding or failing on
 * its own (HTTP 200 even when all fail), with Elasticsearch's item shapes and the `errors` flag.
 */
import { EmbeddedEsError } from '../errors/embedded-es-error';
import { defaultErrorType } from '../faults/fault-controller';
import { bulkItemFaults } from '../faults/bulk-item-faults';
import type { EsRequest, EsResponse } from '../http/es-request';
import type { ServerContext } from '../http/server-context';
import { parseSourceSpec, SourceFilter } from '../json/filter-source';
import { isJsonObject, RawJson, type JsonObject } from '../json/json-node';
import { renderSource } from './source-params';
import { validationFailed, xContentParse } from '../errors/es-errors';
import { JsonSyntaxError, parseJson } from '../json/parse-json';
import { deleteDocument } from './delete-document';
import { parseBulk, type BulkItem } from './parse-bulk';
import { updateDocument } from './update-document';
import { writeDocument, type WriteRequest } from './write-document';
import { bulkItemJson, SHARDS_NOOP, writeResultBody } from './write-response';

function num(v: unknown): number | undefined {
  return v === undefined || v === null ? undefined : Number(v);
}

function str(v: unknown): string | undefined {
  return v === undefined || v === null ? undefined : String(v);
}

function failure(action: string, index: string, id: string | null, err: unknown): Record<string, unknown> {
  const e = err instanceof EmbeddedEsError ? err : new EmbeddedEsError('ERR_EMBEDDED_ES_REQUEST', { status: 500, type: 'exception', reason: String(err) });
  return { [action]: { _index: index, _id: id, status: e.status, error: e.toCause() } };
}

function runItem(item: BulkItem, req: EsRequest, ctx: ServerContext, now: number): Record<string, unknown> | RawJson {
  const m = item.meta;
  const index = str(m._index) ?? req.params.index ?? '';
  const id = str(m._id);
  const routing = str(m.routing) ?? req.str('routing');
  if (item.action === 'delete') {
    try {
      const r = deleteDocument(ctx.store, {
        index, id: id ?? '', ifSeqNo: num(m.if_seq_no), ifPrimaryTerm: num(m.if_primary_term), version: num(m.version), versionType: str(m.version_type),
      });
      return { delete: { ...writeResultBody(r), status: r.status } };
    } catch (err) {
      return failure('delete', index, id ?? null, err);
    }
  }
  if (item.action === 'update') {
    try {
      let parsed;
      try {
        parsed = parseJson(item.source ?? '');
      } catch (err) {
        throw xContentParse(err instanceof JsonSyntaxError ? err.located : String(err));
      }
      if (!isJsonObject(parsed)) throw xContentParse('[1:1] [UpdateRequest] update body must be an object');
      const body: JsonObject = parsed;
      const r = updateDocument(ctx.store, { index, id: id ?? '', body, ifSeqNo: num(m.if_seq_no), ifPrimaryTerm: num(m.if_primary_term), routing });
      const out: Record<string, unknown> = { ...writeResultBody(r), status: r.status };
      const spec = parseSourceSpec(m._source ?? (req.has('_source') ? req.str('_source') === 'true' || req.str('_source') : undefined));
      if (m._source !== undefined && spec !== false && r.record) {
        out.get = { _seq_no: r.seqNo, _primary_term: r.primaryTerm, found: true, _source: renderSource(new SourceFilter(spec.includes, spec.excludes), r.record.source) };
      }
      if (r.result === 'noop') out._shards = SHARDS_NOOP;
      return { update: out };
    } catch (err) {
      return failure('update', index, id ?? null, err);
    }
  }
  const wr: WriteRequest = {
    op: item.action === 'create' || m.op_type === 'create' ? 'create' : 'index',
    index,
    id,
    source: item.source ?? '',
    bytes: item.bytes,
    routing,
    pipeline: str(m.pipeline) ?? req.str('pipeline'),
    requireAlias: m.require_alias === true || (m.require_alias === undefined && req.bool('require_alias')),
    requireDataStream: m.require_data_stream === true || (m.require_data_stream === undefined && req.bool('require_data_stream')),
    ifSeqNo: num(m.if_seq_no),
    ifPrimaryTerm: num(m.if_primary_term),
    version: num(m.version),
    versionType: str(m.version_type),
    now,
  };
  try {
    const r = writeDocument(ctx.store, wr);
    if ('dropped' in r) {
      return { [item.action]: { _index: r.index, _id: r.id, _version: -3, result: 'noop', _shards: SHARDS_NOOP, status: 200 } };
    }
    return new RawJson(bulkItemJson(item.action, r));
  } catch (err) {
    return failure(item.action, wr.resolvedIndex ?? index, id ?? wr.generatedId ?? null, err);
  }
}

export function bulkHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const start = performance.now();
  const items = parseBulk(req.body, req.compatVersion);
  const missing: string[] = [];
  items.forEach((item) => {
    if (item.meta._index === undefined && req.params.index === undefined) missing.push('index is missing');
  });
  if (missing.length > 0) throw validationFailed(missing);
  const injected = bulkItemFaults.get(req);
  const now = Date.now();
  const out: (Record<string, unknown> | RawJson)[] = [];
  let errors = false;
  items.forEach((item, i) => {
    const fault = injected?.[String(i)];
    let result: Record<string, unknown> | RawJson;
    if (fault) {
      const type = fault.type ?? defaultErrorType(fault.status);
      const index = str(item.meta._index) ?? req.params.index ?? '';
      result = { [item.action]: { _index: index, _id: str(item.meta._id) ?? null, status: fault.status, error: { type, reason: fault.reason ?? `injected fault: ${type}` } } };
    } else result = runItem(item, req, ctx, now);
    if (!(result instanceof RawJson) && (result[item.action] as Record<string, unknown>).error !== undefined) errors = true;
    out.push(result);
  });
  return { status: 200, body: { took: Math.round(performance.now() - start), errors, items: out } };
}
