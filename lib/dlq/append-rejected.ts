import type { DlqContext } from './dlq-context';
import { wrapIo } from './dlq-error';
import { REJECTED_DIR, rejectedFileName, utcDate } from './dlq-names';
import { appendLines } from './append-to-file';
import { formatRejectedLine, type RejectedAppendEntry } from './format-lines';

/**
 * Keeps logs that could not be signed (not an object, bad EBP_METADATA, ...) in
 * `{dlqDir}/.rejected/rejected-{YYYY-MM-DD}.ndjson`, unsigned, with the reason. They are never
 * signed or recovered by Signet: an operator inspects them and re-sends or deletes them.
 * @throws {DlqError} `ERR_DLQ_INVALID_ENTRY` (nothing written), `ERR_DLQ_IO` (nothing half-written).
 */
export async function appendRejected(ctx: DlqContext, entries: readonly RejectedAppendEntry[]): Promise<void> {
  if (!Array.isArray(entries)) throw new TypeError('entries must be an array');
  const text = entries.map((e, i) => formatRejectedLine(e, i)).join('');
  if (text === '') return;
  const name = rejectedFileName(utcDate(ctx.now()));
  try {
    await appendLines(ctx.fs, ctx.dlqDir, [REJECTED_DIR], name, text);
  } catch (err) {
    throw wrapIo(err, `cannot append to rejected-log file ${REJECTED_DIR}/${name}`);
  }
}
