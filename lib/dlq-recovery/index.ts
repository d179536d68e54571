/**
 * lib/dlq-recovery — recovery of the dead letter queue's signed logs into Elasticsearch (El
 * Proxy's `dlq recover`, reference §6.5, §7.2; SPEC §6) and the DLQ overview `signet dlq list`
 * and the console show.
 *
 * Contract:
 * - I/O: reads and settles DLQ files through lib/dlq only, writes to Elasticsearch through
 *   lib/store's delivery (El Proxy's strategies) and the official client only.
 * - Re-indexes signed logs UNCHANGED except the `_ebp_dlq_recovered` tag (spliced into the text:
 *   no number re-spelled), with bulk `create` and the signing service's `_id`
 *   `{module}-{customer}-{retention}-{tag}-{iteration}`, derived from the file's data stream
 *   name, never from the document body. A log Elasticsearch already holds (same `_id` and hash
 *   anywhere in the chain's data streams, or 409) counts as stored; it is never written twice.
 * - NEVER signs anything: the `rejected` area (logs that could not be signed) is listed and
 *   counted, never recovered, moved or changed.
 * - Never drops a line: torn and invalid lines, and entries Elasticsearch refuses, stay in the
 *   DLQ file byte for byte and are reported; only recovered lines leave it.
 * - Never logs, never reads the environment. Errors: `DlqRecoveryError` (closed codes) and
 *   lib/dlq's `DlqError`.
 */
export { openDlq } from './open-dlq';
export { describeDlq, type DlqOverview } from './describe-dlq';
export { recoverDlq, DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE, type DlqRecoveryReport, type RecoverDlqOptions } from './recover-dlq';
export { type FileRecoveryReport } from './recover-file';
export { MAX_LISTED_FAILURES, type EntryFailure } from './recover-batch';
export { DLQ_RECOVERED_TAG, withRecoveredTag } from './tag-recovered';
export { chainOfDataStream } from './chain-of-data-stream';
export { DlqRecoveryError, type DlqRecoveryErrorCode } from './dlq-recovery-error';
