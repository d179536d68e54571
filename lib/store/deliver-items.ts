import type { Client } from '@elastic/elasticsearch';
import type { BulkItem, DeliveryResult, ItemOutcome } from '../chains';
import { backoffDelay } from './backoff-delay';
import { classifyItem, type DocumentForm } from './classify-item';
import { confirmExisting } from './confirm-existing';
import type { EsErrorInfo } from './es-error-info';
import { reduceToSignedFields } from './reduce-to-signed-fields';
import { sendBulk } from './send-bulk';
import type { RequestResult, RetryReason, StoreMetrics } from './store-metrics';
import { withRemovePipelineTag } from './tag-removed-pipeline';

export interface DeliverContext {
  readonly client: Client;
  /** Retries of failed requests and of 429/5xx items, shared by the whole delivery. */
  readonly failureMaxRetries: number;
  /** Base of the exponential back-off between retries. */
  readonly failureSleepMsBetweenRetries: number;
  readonly metrics: StoreMetrics | null;
  readonly sleep: (ms: number) => Promise<void>;
  /** Monotonic milliseconds, for the response-time histogram. */
  readonly clock: () => number;
}

/** One document's progress through El Proxy's strategies. */
interface Slot {
  readonly item: BulkItem;
  form: DocumentForm;
  docText: string;
  pipeline: string | null;
  outcome: ItemOutcome | null;
  /** Why the last attempt for this document failed. */
  lastError: EsErrorInfo | null;
}

// Transformations go out first (they need no back-off), retries last (after sleeping).
const ORDER: readonly RetryReason[] = ['none', 'pipeline', 'malformed_logs', 'global'];

/**
 * Delivers signed documents with El Proxy's strategies (reference §7.1), one `_bulk` request per
 * step. The lifecycle of each document:
 *
 * 1. sent as signed (with its ingest pipeline, if any);
 * 2. a whole-request failure, or a 429/5xx item, is sent again after `base × 2^n` ms (capped at
 *    30 s) while the retry budget (`failureMaxRetries`, shared by the delivery) lasts;
 * 3. an item refused because its pipeline does not exist (the request's, or the index's
 *    `default_pipeline`) is sent again with pipeline `_none` and tagged `_ebp_remove_pipeline`;
 * 4. any other refusal (mapping conflict, pipeline failure, or step 3 refused) is sent again
 *    reduced to the signed fields (`reduceToSignedFields`); refused again → `failed` with
 *    Elasticsearch's `{type, reason}`.
 * A request refused as too large (413) is sent again in halves, down to single documents (a
 * single document that is still too large is `failed`).
 * 201 → `indexed`; 409 version conflict → `exists` (a replay: ids are chain + iteration).
 *
 * When the budget runs out with documents unresolved, the result says what may be stored:
 * `not_indexed` ONLY if nothing of this delivery can have been written (no document indexed or
 * found existing, and no request that failed in a way that may have written: timeout, reset,
 * dropped connection, 5xx other than 503) — the caller then rolls its chain head back and reuses
 * the iterations; `uncertain` if no document has a known outcome but some may be stored; else
 * `done`, the unresolved documents `failed` with the last error (the DLQ takes them, and a later
 * recovery finds them "already stored" if they were).
 */
export async function deliverItems(ctx: DeliverContext, items: readonly BulkItem[], body?: Buffer): Promise<DeliveryResult> {
  const slots: Slot[] = items.map((item) => ({ item, form: 'original', docText: item.docText, pipeline: item.pipeline, outcome: null, lastError: null }));
  const queues: Record<RetryReason, Slot[]> = { none: [...slots], global: [], pipeline: [], malformed_logs: [] };
  let retries = 0;
  let maybeWritten = false;
  let lastError: EsErrorInfo | null = null;

  // Halves of a request refused as too large (413), sent before anything else, in order.
  const parts: { reason: RetryReason; batch: Slot[] }[] = [];

  for (;;) {
    const part = parts.shift();
    let reason: RetryReason;
    let batch: Slot[];
    if (part !== undefined) {
      ({ reason, batch } = part);
    } else {
      const next = ORDER.find((r) => queues[r].length > 0);
      if (next === undefined) break;
      reason = next;
      batch = queues[reason];
      queues[reason] = [];
      if (reason === 'global') {
        if (retries >= ctx.failureMaxRetries) break; // budget spent: `batch` stays unresolved
        await ctx.sleep(backoffDelay(ctx.failureSleepMsBetweenRetries, retries));
        retries++;
      }
    }

    const started = ctx.clock();
    // The first request carries every item as signed: the caller's encoded body, when given.
    const whole = part === undefined && reason === 'none';
    const answer = await sendBulk(ctx.client, batch.map((s) => ({ index: s.item.index, id: s.item.id, pipeline: s.pipeline, docText: s.docText })), whole ? body : undefined);
    ctx.metrics?.esResponseTime.observe((ctx.clock() - started) / 1000);

    if (!answer.ok) {
      ctx.metrics?.esRequests.inc({ result: 'failure', retry_reason: reason });
      const { kind, error } = answer.failure;
      lastError = error;
      if (kind === 'rejected' && answer.failure.status === 413 && batch.length > 1) {
        // Too large for the store's http.max_content_length (nothing was read): the documents
        // are not at fault, so the same step is sent again in two halves (no retry consumed).
        const half = Math.ceil(batch.length / 2);
        parts.unshift({ reason, batch: batch.slice(0, half) }, { reason, batch: batch.slice(half) });
        continue;
      }
      if (kind === 'uncertain') maybeWritten = true;
      for (const s of batch) {
        // Elasticsearch refused these bytes before executing anything; the same bytes again cannot help.
        if (kind === 'rejected') s.outcome = { status: 'failed', error };
        else s.lastError = error;
      }
      if (kind !== 'rejected') queues.global.push(...batch);
      continue;
    }

    let result: RequestResult = 'success';
    answer.items.forEach((r, i) => {
      const s = batch[i] as Slot;
      const a = classifyItem(r.status, r.error, s.form);
      if (a.action === 'indexed' || a.action === 'exists') {
        s.outcome = { status: a.action };
        return;
      }
      result = 'partial_failure';
      s.lastError = a.error;
      lastError = a.error;
      if (a.action === 'retry') {
        // An item without a status may have been executed: a retry will tell (409 = stored).
        if (a.error.type === 'invalid_response') maybeWritten = true;
        queues.global.push(s);
      } else if (a.action === 'drop_pipeline' && toForm(s, 'no_pipeline')) {
        queues.pipeline.push(s);
      } else if (a.action !== 'fail' && toForm(s, 'reduced')) {
        queues.malformed_logs.push(s);
      } else {
        s.outcome = { status: 'failed', error: a.error };
      }
    });
    ctx.metrics?.esRequests.inc({ result, retry_reason: reason });
  }

  const unresolved = slots.filter((s) => s.outcome === null);
  if (unresolved.length > 0) {
    const error = lastError ?? { type: 'unknown_error', reason: 'no result' };
    const written = maybeWritten || slots.some((s) => s.outcome !== null && s.outcome.status !== 'failed');
    if (!written) return { outcome: 'not_indexed', error };
    if (unresolved.length === slots.length) return { outcome: 'uncertain', error };
    for (const s of unresolved) s.outcome = { status: 'failed', error: s.lastError ?? error };
  }
  // A 409 is "already stored" only if the stored log is this one (see confirmExisting).
  const existing = slots.filter((s) => s.outcome?.status === 'exists');
  const verdicts = await confirmExisting(ctx.client, existing.map((s) => s.item));
  existing.forEach((s, i) => {
    const error = verdicts[i];
    if (error) s.outcome = { status: 'failed', error };
  });
  return { outcome: 'done', items: slots.map((s) => s.outcome as ItemOutcome) };
}

/**
 * Elasticsearch's "no pipeline at all": skips the index's `default_pipeline` too, which a request
 * without a `pipeline` would run again (and be refused again, when that pipeline is missing).
 */
export const NO_PIPELINE = '_none';

/** Moves a slot to the next strategy's form; false when the document cannot take that form. */
function toForm(s: Slot, form: 'no_pipeline' | 'reduced'): boolean {
  // Both transformations start from the signed document as given, never from an earlier one.
  const text = form === 'no_pipeline' ? withRemovePipelineTag(s.item.docText) : reduceToSignedFields(s.item.docText);
  if (text === null) return false;
  // Once a pipeline is known to be missing, no later form may name it (or fall back to it).
  const pipelineMissing = form === 'no_pipeline' || s.form === 'no_pipeline';
  s.form = form;
  s.docText = text;
  s.pipeline = pipelineMissing ? NO_PIPELINE : null;
  return true;
}
