import type { DlqContext } from './dlq-context';
import { wrapIo } from './dlq-error';
import { assertDlqNames, signedFileName, utcDate } from './dlq-names';
import { appendLines } from './append-to-file';
import { formatDlqLine, type DlqAppendEntry } from './format-lines';

/**
 * Appends signed logs that Elasticsearch would not take to
 * `{dlqDir}/{customer}/{dataStream}-{YYYY-MM-DD}.ndjson` (UTC date of `now()`), one line each in
 * El Proxy's format. Durable when the promise resolves (one fdatasync for the whole call).
 * Names and entries are all validated before anything touches the disk.
 * @throws {DlqError} `ERR_DLQ_INVALID_NAME`, `ERR_DLQ_INVALID_ENTRY` (nothing written), `ERR_DLQ_IO` (nothing half-written).
 */
export async function appendEntries(ctx: DlqContext, customer: string, dataStream: string, entries: readonly DlqAppendEntry[]): Promise<void> {
  assertDlqNames(customer, dataStream);
  if (!Array.isArray(entries)) throw new TypeError('entries must be an array');
  const text = entries.map((e, i) => formatDlqLine(e, i)).join('');
  if (text === '') return;
  const name = signedFileName(dataStream, utcDate(ctx.now()));
  try {
    await appendLines(ctx.fs, ctx.dlqDir, [customer], name, text);
  } catch (err) {
    throw wrapIo(err, `cannot append to dead letter queue file ${customer}/${name}`);
  }
}
