/**
 * Executes a stored pipeline on a document, with `if`, `ignore_failure`, processor-level and
 * pipeline-level `on_failure` (exposing `_ingest.on_failure_*` like Elasticsearch).
 */
import { EmbeddedEsError, esError } from '../errors/embedded-es-error';
import { illegalArgument } from '../errors/es-errors';
import { testCondition } from './condition';
import type { IngestDocument } from './ingest-document';
import { DropDocument, runProcessor, type Json } from './processors';

const MAX_DEPTH = 100;

/** Stored pipeline definitions by id. */
export type Pipelines = ReadonlyMap<string, Json>;

function asError(err: unknown): EmbeddedEsError {
  if (err instanceof EmbeddedEsError) return err;
  return esError({ status: 500, type: 'exception', reason: err instanceof Error ? err.message : String(err) });
}

function runList(pipelines: Pipelines, pipelineId: string, list: unknown, doc: IngestDocument, depth: number): void {
  const processors = Array.isArray(list) ? list : [];
  for (const entry of processors) {
    const [type, rawCfg] = Object.entries(entry as Json)[0] ?? ['', {}];
    const cfg = (rawCfg ?? {}) as Json;
    if (typeof cfg.if === 'string' && !testCondition(cfg.if, doc)) continue;
    try {
      runProcessor(type, cfg, doc, { runPipeline: (id, d) => runPipelineOn(pipelines, id, d, depth + 1) });
    } catch (err) {
      if (err instanceof DropDocument) throw err;
      if (cfg.ignore_failure === true) continue;
      if (Array.isArray(cfg.on_failure)) {
        const e = asError(err);
        doc.ingest.set('on_failure_message', e.reason);
        doc.ingest.set('on_failure_processor_type', type);
        doc.ingest.set('on_failure_processor_tag', typeof cfg.tag === 'string' ? cfg.tag : null);
        doc.ingest.set('on_failure_pipeline', pipelineId);
        runList(pipelines, pipelineId, cfg.on_failure, doc, depth);
        continue;
      }
      throw err;
    }
  }
}

/** Runs pipeline `id` on `doc`. @throws the processor's error; `DropDocument` when dropped. */
export function runPipelineOn(pipelines: Pipelines, id: string, doc: IngestDocument, depth = 0): void {
  if (depth > MAX_DEPTH) throw illegalArgument(`Cycle detected for pipeline: ${id}`);
  const def = pipelines.get(id);
  if (!def) throw illegalArgument(`pipeline with id [${id}] does not exist`);
  try {
    runList(pipelines, id, def.processors, doc, depth);
  } catch (err) {
    if (err instanceof DropDocument) throw err;
    if (!Array.isArray(def.on_failure)) throw err;
    const e = asError(err);
    doc.ingest.set('on_failure_message', e.reason);
    doc.ingest.set('on_failure_pipeline', id);
    runList(pipelines, id, def.on_failure, doc, depth);
  }
}
