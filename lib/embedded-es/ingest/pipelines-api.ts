/** `_ingest/pipeline` CRUD and `_simulate`. */
import { EmbeddedEsError } from '../errors/embedded-es-error';
import { parseException, resourceNotFound } from '../errors/es-errors';
import { acknowledged, type EsRequest, type EsResponse } from '../http/es-request';
import type { ServerContext } from '../http/server-context';
import { globMatch } from '../json/glob';
import { fromPlain, isJsonObject, RawJson, type JsonObject } from '../json/json-node';
import { stringifyJson } from '../json/stringify-json';
import type { Json } from '../state/metadata';
import { compileCondition } from './condition';
import { IngestDocument } from './ingest-document';
import { DropDocument, validateProcessor } from './processors';
import { runPipelineOn, type Pipelines } from './run-pipeline';

function validateList(list: unknown, where: string): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) throw parseException(`[${where}] must be a list`);
  for (const entry of list) {
    const entries = entry !== null && typeof entry === 'object' ? Object.entries(entry as Json) : [];
    if (entries.length !== 1) throw parseException(`[${where}] processors must be objects with exactly one key`);
    const [type, cfg] = entries[0] as [string, unknown];
    const err = validateProcessor(type, cfg);
    if (err) throw err;
    const c = cfg as Json;
    if (typeof c.if === 'string') compileCondition(c.if);
    validateList(c.on_failure, 'on_failure');
  }
}

/** Validates a pipeline definition. @throws parse_exception / script_exception */
export function validatePipeline(body: Json): void {
  if (body.processors === undefined) throw parseException('[processors] required property is missing');
  validateList(body.processors, 'processors');
  validateList(body.on_failure, 'on_failure');
}

export function putPipelineHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const body = req.jsonObject(true);
  validatePipeline(body);
  ctx.store.apply({ o: 'pipeline', id: req.param('id'), body });
  return acknowledged();
}

export function getPipelineHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const pattern = req.params.id;
  const out: Json = {};
  for (const [id, def] of ctx.store.pipelines) {
    if (pattern === undefined || pattern.split(',').some((p) => p === '_all' || globMatch(p, id))) out[id] = def;
  }
  // Elasticsearch answers an empty result with 404 and `{}`.
  return { status: Object.keys(out).length > 0 ? 200 : 404, body: out };
}

export function deletePipelineHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const pattern = req.param('id');
  const ids = [...ctx.store.pipelines.keys()].filter((id) => pattern.split(',').some((p) => globMatch(p, id)));
  if (ids.length === 0) throw resourceNotFound(`pipeline [${pattern}] is missing`);
  for (const id of ids) ctx.store.apply({ o: 'pipeline', id, body: null });
  return acknowledged();
}

function simulateOne(pipelines: Pipelines, pipelineId: string, doc: Json): Json {
  const source = fromPlain(doc._source ?? {});
  const tree: JsonObject = isJsonObject(source) ? source : new Map();
  const ingest = new IngestDocument(tree, { index: String(doc._index ?? '_index'), id: String(doc._id ?? '_id'), routing: doc._routing === undefined ? undefined : String(doc._routing) }, Date.now());
  try {
    runPipelineOn(pipelines, pipelineId, ingest);
  } catch (err) {
    if (err instanceof DropDocument) return { doc: null };
    if (err instanceof EmbeddedEsError) return { error: { root_cause: [err.toCause()], ...err.toCause() } };
    throw err;
  }
  const meta: Json = {};
  for (const [k, v] of ingest.meta) meta[k] = v;
  return {
    doc: {
      ...meta,
      _version: '-3',
      _source: new RawJson(stringifyJson(ingest.source)),
      _ingest: { timestamp: ingest.ingest.get('timestamp') },
    },
  };
}

export function simulateHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const body = req.jsonObject(true);
  const docs = Array.isArray(body.docs) ? (body.docs as unknown[]) : [];
  if (docs.some((d) => d === null || typeof d !== 'object' || Array.isArray(d))) throw parseException('[docs] must be a list of objects');
  let id = req.params.id;
  let pipelines: Pipelines = ctx.store.pipelines;
  if (id === undefined) {
    const def = body.pipeline as Json | undefined;
    if (!def) throw parseException('[pipeline] required property is missing');
    validatePipeline(def);
    // An inline pipeline runs next to the stored ones (it may call them).
    pipelines = new Map([...ctx.store.pipelines, ['_simulate_pipeline', def]]);
    id = '_simulate_pipeline';
  } else if (!pipelines.has(id)) throw resourceNotFound(`pipeline [${id}] does not exist`);
  return { status: 200, body: { docs: docs.map((d) => simulateOne(pipelines, id as string, d as Json)) } };
}
