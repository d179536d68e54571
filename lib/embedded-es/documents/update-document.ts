/**
 * Partial updates (`_update` and the bulk `update` action): deep-merges `doc` into the stored
 * source (objects merged, everything else replaced), `upsert`/`doc_as_upsert`, simple scripts,
 * and `detect_noop` (an unchanged document keeps its version and reports `noop`).
 */
import { documentMissing, validationFailed, xContentParse } from '../errors/es-errors';
import { cloneNode, isJsonObject, nodesEqual, toPlain, type JsonNode, type JsonObject } from '../json/json-node';
import { parseJson } from '../json/parse-json';
import { stringifyJson } from '../json/stringify-json';
import type { DocRecord } from '../state/doc-record';
import type { Store } from '../state/store';
import { deleteDocument, resolveExistingTarget } from './delete-document';
import { runUpdateScript } from './update-script';
import { storeDocument, type WriteResult } from './write-document';

export interface UpdateRequest {
  index: string;
  id: string;
  body: JsonObject;
  ifSeqNo?: number;
  ifPrimaryTerm?: number;
  requireAlias?: boolean;
  routing?: string;
}

export interface UpdateResult extends WriteResult {
  /** The stored record after the update (for `_source` in the response's `get`). */
  record: DocRecord | undefined;
}

function merge(target: JsonObject, patch: JsonObject): void {
  for (const [k, v] of patch) {
    const cur = target.get(k);
    if (cur instanceof Map && v instanceof Map) merge(cur, v);
    else target.set(k, cloneNode(v));
  }
}

function obj(body: JsonObject, key: string): JsonObject | undefined {
  const v = body.get(key);
  if (v === undefined || v === null) return undefined;
  if (!isJsonObject(v)) throw xContentParse(`[1:2] [UpdateRequest] failed to parse field [${key}]`);
  return v;
}

/** Executes one update. */
export function updateDocument(store: Store, req: UpdateRequest): UpdateResult {
  const state = resolveExistingTarget(store, req.index);
  const existing = state.data.get(req.id);
  const doc = obj(req.body, 'doc');
  const upsert = obj(req.body, 'upsert');
  const script = req.body.get('script') as JsonNode | undefined;
  const docAsUpsert = req.body.get('doc_as_upsert') === true;
  const detectNoop = req.body.get('detect_noop') !== false;
  if (!doc && script === undefined) throw validationFailed(['script or doc is missing']);
  const name = state.meta.name;
  if (!existing) {
    const fresh = upsert ?? (docAsUpsert ? doc : undefined);
    if (!fresh) throw documentMissing(req.id, name, state.meta.uuid);
    const tree = cloneNode(fresh) as JsonObject;
    const source = stringifyJson(tree);
    const r = storeDocument(store, state, { op: 'create', id: req.id, source, routing: req.routing });
    return { ...r, record: state.data.get(req.id) };
  }
  if (req.ifSeqNo !== undefined && (existing.seqNo !== req.ifSeqNo || existing.primaryTerm !== (req.ifPrimaryTerm ?? 1))) {
    return { ...storeDocument(store, state, { op: 'index', id: req.id, source: '{}', ifSeqNo: req.ifSeqNo, ifPrimaryTerm: req.ifPrimaryTerm }), record: undefined };
  }
  const before = parseJson(existing.source.toString('utf8')) as JsonObject;
  const after = cloneNode(before) as JsonObject;
  if (script !== undefined) {
    const s = script instanceof Map ? script : new Map<string, JsonNode>([['source', script]]);
    const src = String(s.get('source') ?? s.get('inline') ?? '');
    const params = (toPlain(s.get('params') ?? null) ?? {}) as Record<string, unknown>;
    const outcome = runUpdateScript(src, params, after);
    if (outcome.op === 'delete') {
      const r = deleteDocument(store, { index: name, id: req.id });
      return { ...r, record: undefined };
    }
    if (outcome.op === 'noop') return noop(existing, name);
  } else if (doc) merge(after, doc);
  if (detectNoop && nodesEqual(before, after)) return noop(existing, name);
  const source = stringifyJson(after);
  const r = storeDocument(store, state, { op: 'index', id: req.id, source, routing: req.routing ?? existing.routing });
  return { ...r, record: state.data.get(req.id) };
}

function noop(existing: DocRecord, index: string): UpdateResult {
  return {
    index,
    id: existing.id,
    version: existing.version,
    seqNo: existing.seqNo,
    primaryTerm: existing.primaryTerm,
    result: 'noop',
    status: 200,
    record: existing,
  };
}
