import { errorInfoOf, type EsErrorInfo } from './es-error-info';

/** How a document is being sent: as signed, without its ingest pipeline, reduced to the signed fields. */
export type DocumentForm = 'original' | 'no_pipeline' | 'reduced';

/** What to do with one bulk item after Elasticsearch answered it (reference §7.1). */
export type ItemAction =
  | { readonly action: 'indexed' }
  | { readonly action: 'exists' }
  /** 429/5xx other than an ingest failure (or an unreadable item): send the same form again, within the retry budget. */
  | { readonly action: 'retry'; readonly error: EsErrorInfo }
  /**
   * An ingest pipeline does not exist — the one the request named, or the index's
   * `index.default_pipeline`: send again with pipeline `_none`, tagged `_ebp_remove_pipeline`.
   */
  | { readonly action: 'drop_pipeline'; readonly error: EsErrorInfo }
  /** Any other refusal (mapping conflict, pipeline failure, even as a 500): send again reduced to the signed fields. */
  | { readonly action: 'reduce'; readonly error: EsErrorInfo }
  /** Refused in its last form: give up with Elasticsearch's error (the caller's DLQ takes it). */
  | { readonly action: 'fail'; readonly error: EsErrorInfo };

// Elasticsearch 8: `illegal_argument_exception` "pipeline with id [x] does not exist".
const MISSING_PIPELINE = /pipeline with id \[[^\]]*\] does not exist/;

// Ingest failures that Elasticsearch reports with a 5xx although they are about the document:
// the `fail` processor's exception has no status of its own, so it surfaces as 500
// (elastic/elasticsearch#48803, #48810). Retrying the same document cannot help.
const PROCESSING_FAILURE = /(?:^|_)processor_exception$/;

/**
 * Classifies one bulk item result. `form` is how the document was sent.
 *
 * A missing pipeline is recognised whether or not the request named one: a template's
 * `index.default_pipeline` naming a pipeline that was never created (or was deleted) refuses
 * every document of the data stream the same way, and only `pipeline: _none` gets past it.
 */
export function classifyItem(status: unknown, error: unknown, form: DocumentForm): ItemAction {
  if (typeof status !== 'number' || !Number.isInteger(status)) {
    return { action: 'retry', error: { type: 'invalid_response', reason: 'bulk item without a status' } };
  }
  if (status >= 200 && status < 300) return { action: 'indexed' };
  const info = errorInfoOf(error, `http_${status}`);
  // A create on an existing _id: the same signed log (ids are chain + iteration) is already stored.
  if (status === 409 && info.type === 'version_conflict_engine_exception') return { action: 'exists' };
  if (status === 429 || (status >= 500 && !PROCESSING_FAILURE.test(info.type)) || status < 400) return { action: 'retry', error: info };
  if (form === 'original' && MISSING_PIPELINE.test(info.reason)) return { action: 'drop_pipeline', error: info };
  if (form !== 'reduced') return { action: 'reduce', error: info };
  return { action: 'fail', error: info };
}
