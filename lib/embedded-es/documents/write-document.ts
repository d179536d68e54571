/**
 * Indexes one document (the `index` and `create` operations shared by `_bulk` and the single
 * document APIs): target resolution, ingest pipeline, mapping (dynamic or rejected exactly as
 * Elasticsearch does), version checks, then the store. Throws the item's Elasticsearch error;
 * nothing is changed unless the whole operation succeeds (auto-created indices excepted, as in
 * Elasticsearch).
 */
import { esError } from '../errors/embedded-es-error';
import { documentParsing, illegalArgument, versionConflict } from '../errors/es-errors';
import { IngestDocument } from '../ingest/ingest-document';
import { DropDocument } from '../ingest/processors';
import { runPipelineOn } from '../ingest/run-pipeline';
import { isJsonObject, type JsonObject } from '../json/json-node';
import { JsonSyntaxError, parseJson } from '../json/parse-json';
import { stringifyJson } from '../json/stringify-json';
import { documentEnd, indexDocument } from '../mapping/index-document';
import { newDocId } from '../state/ids';
import type { IndexState, Store } from '../state/store';
import { resolveWriteTarget } from './resolve-write-target';

export interface WriteRequest {
  op: 'index' | 'create';
  index: string;
  id: string | undefined;
  /** `_source` text as received. */
  source: string;
  /** The same bytes as received (logged as is). */
  bytes?: Buffer;
  routing?: string;
  pipeline?: string;
  requireAlias?: boolean;
  requireDataStream?: boolean;
  ifSeqNo?: number;
  ifPrimaryTerm?: number;
  version?: number;
  versionType?: string;
  now: number;
  /** Filled in as the write progresses, so a failed item can still report them. */
  resolvedIndex?: string;
  generatedId?: string;
}

export interface WriteResult {
  index: string;
  id: string;
  version: number;
  seqNo: number;
  primaryTerm: number;
  result: 'created' | 'updated' | 'noop' | 'deleted' | 'not_found';
  status: number;
}

/** Thrown when a pipeline dropped the document (Elasticsearch reports `noop`). */
export interface Dropped {
  dropped: true;
  index: string;
  id: string;
}

/** Parses a `_source` text; the root must be an object. */
export function parseSource(source: string): JsonObject {
  let tree;
  try {
    tree = parseJson(source);
  } catch (err) {
    if (err instanceof JsonSyntaxError) {
      throw documentParsing(`${err.located.slice(0, err.located.indexOf(']') + 1)} failed to parse: ${err.message}`, {
        type: 'x_content_parse_exception', reason: err.located,
      });
    }
    throw err;
  }
  if (!isJsonObject(tree)) {
    throw documentParsing('[1:1] failed to parse: Malformed content, must start with an object', {
      type: 'illegal_state_exception', reason: 'Malformed content, must start with an object',
    });
  }
  return tree;
}

/** Refuses writes on indices with a write block. */
export function checkWriteBlock(state: IndexState): void {
  const s = state.meta.settings;
  // The flood-stage disk watermark's block is a 429 in Elasticsearch 7.4+ (retry later), not a 403.
  if (s['index.blocks.read_only_allow_delete'] === 'true' && s['index.blocks.write'] !== 'true' && s['index.blocks.read_only'] !== 'true') {
    throw esError({ status: 429, type: 'cluster_block_exception', reason: `index [${state.meta.name}] blocked by: [TOO_MANY_REQUESTS/12/disk usage exceeded flood-stage watermark, index has read-only-allow-delete block];` });
  }
  if (s['index.blocks.write'] === 'true' || s['index.blocks.read_only'] === 'true' || s['index.blocks.read_only_allow_delete'] === 'true') {
    const block = s['index.blocks.write'] === 'true' ? 'FORBIDDEN/8/index write (api)' : 'FORBIDDEN/5/index read-only (api)';
    throw esError({ status: 403, type: 'cluster_block_exception', reason: `index [${state.meta.name}] blocked by: [${block}];` });
  }
}

function validateId(id: string | undefined): void {
  if (id === undefined) return;
  if (id === '') throw illegalArgument('if _id is specified it must not be empty');
  const bytes = Buffer.byteLength(id);
  if (bytes > 512) throw illegalArgument(`id [${id}] is too long, must be no longer than 512 bytes but was: ${bytes}`);
}

/** Executes one index/create operation. */
export function writeDocument(store: Store, req: WriteRequest): WriteResult | Dropped {
  validateId(req.id);
  let target = resolveWriteTarget(store, req.index, { autoCreate: true, requireAlias: req.requireAlias, requireDataStream: req.requireDataStream, now: req.now });
  req.resolvedIndex = target.state.meta.name;
  let op = req.op;
  if (req.id === undefined) op = 'create';
  let source = req.source;
  let bytes = req.bytes;
  let id = req.id;
  let routing = req.routing;

  const defaultPipeline = target.state.meta.settings['index.default_pipeline'];
  const pipeline = req.pipeline ?? defaultPipeline;
  if (pipeline !== undefined && pipeline !== '_none') {
    if (!store.pipelines.has(pipeline)) throw illegalArgument(`pipeline with id [${pipeline}] does not exist`);
    const doc = new IngestDocument(parseSource(source), { index: req.index, id, routing }, req.now);
    try {
      runPipelineOn(store.pipelines, pipeline, doc);
    } catch (err) {
      if (err instanceof DropDocument) return { dropped: true, index: target.state.meta.name, id: id ?? '' };
      throw err;
    }
    source = stringifyJson(doc.source);
    bytes = undefined;
    const newIndex = doc.meta.get('_index');
    const newId = doc.meta.get('_id');
    const newRouting = doc.meta.get('_routing');
    if (typeof newId === 'string') id = newId;
    if (typeof newRouting === 'string') routing = newRouting;
    if (typeof newIndex === 'string' && newIndex !== req.index) {
      target = resolveWriteTarget(store, newIndex, { autoCreate: true, now: req.now });
    }
  }
  const state = target.state;
  req.resolvedIndex = state.meta.name;
  if (id === undefined) id = req.generatedId = newDocId(req.now);
  if (target.dataStream && op !== 'create') {
    throw illegalArgument('only write ops with an op_type of create are allowed in data streams');
  }
  if (!target.dataStream && state.meta.dataStream && op === 'index' && req.ifSeqNo === undefined) {
    throw illegalArgument(`index request with op_type=index and no if_primary_term and if_seq_no set targeting backing indices is disallowed, target corresponding data stream [${state.meta.dataStream}] instead`);
  }
  return storeDocument(store, state, {
    op, id, source, bytes, routing,
    ifSeqNo: req.ifSeqNo, ifPrimaryTerm: req.ifPrimaryTerm, version: req.version, versionType: req.versionType,
  });
}

export interface StoreRequest {
  op: 'index' | 'create';
  id: string;
  source: string;
  bytes?: Buffer | undefined;
  routing?: string | undefined;
  ifSeqNo?: number | undefined;
  ifPrimaryTerm?: number | undefined;
  version?: number | undefined;
  versionType?: string | undefined;
}

/** Stores a parsed document into a resolved index (mapping, version checks, log). */
export function storeDocument(store: Store, state: IndexState, req: StoreRequest): WriteResult {
  const { op, source } = req;
  const docId = req.id;
  checkWriteBlock(state);
  const parsed = indexDocument(source, docId, state.mapping, true, req.bytes);
  if (state.mapping.json._data_stream_timestamp !== undefined) {
    let count = 0;
    for (const p of parsed.paths) if (p === '@timestamp') count++;
    if (count !== 1) {
      const what = count === 0 ? 'is missing' : 'encountered multiple values';
      throw documentParsing(`${documentEnd(source)} failed to parse: data stream timestamp field [@timestamp] ${what}`, {
        type: 'illegal_argument_exception', reason: `data stream timestamp field [@timestamp] ${what}`,
      });
    }
  }
  const name = state.meta.name;
  const existingOrd = state.data.ordOf(docId);
  const existing = existingOrd === undefined ? undefined : state.data.docs[existingOrd];
  if (op === 'create' && existing) {
    throw versionConflict(docId, `document already exists (current version [${existing.version}])`, name, state.meta.uuid);
  }
  if (req.ifSeqNo !== undefined || req.ifPrimaryTerm !== undefined) {
    const s = req.ifSeqNo ?? -2;
    const p = req.ifPrimaryTerm ?? 0;
    if (!existing) throw versionConflict(docId, `required seqNo [${s}], primary term [${p}] but no document was found`, name, state.meta.uuid);
    if (existing.seqNo !== s || existing.primaryTerm !== p) {
      throw versionConflict(docId, `required seqNo [${s}], primary term [${p}]. current document has seqNo [${existing.seqNo}] and primary term [${existing.primaryTerm}]`, name, state.meta.uuid);
    }
  }
  let version = existing ? existing.version + 1 : (state.data.tombstones.get(docId) ?? 0) + 1;
  if (req.versionType === 'external' || req.versionType === 'external_gte') {
    const given = req.version ?? 0;
    const cur = existing?.version;
    if (cur !== undefined && (req.versionType === 'external' ? cur >= given : cur > given)) {
      throw versionConflict(docId, `current version [${cur}] is higher or equal to the one provided [${given}]`, name, state.meta.uuid);
    }
    version = given;
  } else if (req.version !== undefined && existing && existing.version !== req.version) {
    throw versionConflict(docId, `current version [${existing.version}] is different than the one provided [${req.version}]`, name, state.meta.uuid);
  }
  if (parsed.newMapping) store.setIndex({ ...state.meta, mappings: parsed.newMapping });
  const seqNo = state.data.maxSeqNo + 1;
  store.putDoc(state, { id: docId, source: req.bytes ?? Buffer.from(source), version, seqNo, primaryTerm: 1, routing: req.routing }, parsed, existingOrd ?? null);
  return {
    index: name,
    id: docId,
    version,
    seqNo,
    primaryTerm: 1,
    result: existing ? 'updated' : 'created',
    status: existing ? 200 : 201,
  };
}
