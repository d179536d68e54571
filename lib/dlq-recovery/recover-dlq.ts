import type { Client } from '@elastic/elasticsearch';
import type { StorePort } from '../chains';
import type { Dlq } from '../dlq';
import { DlqRecoveryError } from './dlq-recovery-error';
import { READ_PAGE, recoverFile, type FileRecoveryReport } from './recover-file';

export interface RecoverDlqOptions {
  readonly dlq: Dlq;
  /** For the `_id` lookups across the chain's data streams. */
  readonly client: Client;
  /** Bulk delivery with El Proxy's strategies (lib/store `createStore`), and the reachability ping. */
  readonly store: Pick<StorePort, 'deliver' | 'ping'>;
  /** Logs per bulk request (El Proxy's `--batch-size`, default 500). */
  readonly batchSize?: number;
  /** Only these files (relPaths as `list` gives them); default: every signed file. */
  readonly files?: readonly string[];
  /** Lines per DLQ read page (tuning and tests; default 10,000, at most 10,000). */
  readonly readPage?: number;
  readonly onProgress?: (p: { relPath: string; done: number; total: number }) => void;
}

export interface DlqRecoveryReport {
  readonly files: FileRecoveryReport[];
  readonly totals: {
    readonly recovered: number;
    readonly alreadyStored: number;
    readonly failed: number;
    readonly badLines: number;
    readonly tornFiles: number;
    /** Complete signed entries still in the DLQ afterwards. */
    readonly remainingEntries: number;
  };
  /** The rejected area (unsigned logs): counted for the report, never touched. */
  readonly rejected: { readonly files: number; readonly entries: number };
  /** Set when Elasticsearch stopped answering: later files were not attempted. */
  readonly stoppedBy: string | null;
  /** Files not attempted because of `stoppedBy`. */
  readonly notAttempted: string[];
  /** True when nothing is left to do: every signed entry recovered, no bad or torn line left. */
  readonly complete: boolean;
}

export const DEFAULT_BATCH_SIZE = 500;
export const MAX_BATCH_SIZE = 10_000;

/**
 * Recovers the signed logs of the DLQ (El Proxy's `dlq recover`): each file's entries are
 * re-indexed unchanged (tag `_ebp_dlq_recovered`) into their data stream with the signing
 * service's `_id`, so the chain's gap closes and verification passes; recovered files move to
 * `dlq_recovered_dir/{customer}/`. Anything that cannot be recovered stays, and is reported.
 * @throws {DlqRecoveryError} `ERR_DLQ_RECOVERY_INPUT` for a bad batch size or file selection;
 * `ERR_DLQ_RECOVERY_STORE_UNAVAILABLE` when Elasticsearch does not answer at the start (nothing
 * touched). A store failure later in the run is reported in `stoppedBy`, after settling what was
 * recovered. @throws {DlqError} for disk failures.
 * @example const report = await recoverDlq({ dlq, client, store, batchSize: 500 });
 */
export async function recoverDlq(options: RecoverDlqOptions): Promise<DlqRecoveryReport> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    throw new DlqRecoveryError('ERR_DLQ_RECOVERY_INPUT', `batch size must be an integer from 1 to ${MAX_BATCH_SIZE}`);
  }
  if (!(await options.store.ping())) {
    throw new DlqRecoveryError('ERR_DLQ_RECOVERY_STORE_UNAVAILABLE', 'Elasticsearch is not reachable; nothing was recovered');
  }
  const listing = await options.dlq.list();
  let signed = listing.files.filter((f) => f.kind === 'signed');
  if (options.files !== undefined) {
    const wanted = new Set(options.files);
    const unknown = [...wanted].filter((rel) => !signed.some((f) => f.relPath === rel));
    if (unknown.length > 0) throw new DlqRecoveryError('ERR_DLQ_RECOVERY_INPUT', `not a signed dead letter queue file: ${unknown.slice(0, 3).join(', ')}`);
    signed = signed.filter((f) => wanted.has(f.relPath));
  }
  const rejectedFiles = listing.files.filter((f) => f.kind === 'rejected');
  if (options.readPage !== undefined && (!Number.isSafeInteger(options.readPage) || options.readPage < 1 || options.readPage > READ_PAGE)) {
    throw new DlqRecoveryError('ERR_DLQ_RECOVERY_INPUT', `read page must be an integer from 1 to ${READ_PAGE}`);
  }
  const deps = {
    dlq: options.dlq,
    client: options.client,
    store: options.store,
    batchSize,
    ...(options.readPage === undefined ? {} : { readPage: options.readPage }),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };

  const files: FileRecoveryReport[] = [];
  let stoppedBy: string | null = null;
  const notAttempted: string[] = [];
  for (const file of signed) {
    if (stoppedBy !== null) {
      notAttempted.push(file.relPath);
      continue;
    }
    const { report, stopped } = await recoverFile(deps, file);
    files.push(report);
    if (stopped !== null) stoppedBy = stopped.message;
  }
  const sum = (pick: (f: FileRecoveryReport) => number): number => files.reduce((n, f) => n + pick(f), 0);
  const totals = {
    recovered: sum((f) => f.recovered),
    alreadyStored: sum((f) => f.alreadyStored),
    failed: sum((f) => f.failedCount),
    badLines: sum((f) => f.badLines),
    tornFiles: files.filter((f) => f.tornTail).length,
    remainingEntries: sum((f) => f.remainingEntries),
  };
  const complete = stoppedBy === null && totals.remainingEntries === 0 && totals.badLines === 0 && totals.tornFiles === 0 && files.every((f) => f.action !== 'skipped' && f.action !== 'changed');
  return {
    files,
    totals,
    rejected: { files: rejectedFiles.length, entries: rejectedFiles.reduce((n, f) => n + f.entries, 0) },
    stoppedBy,
    notAttempted,
    complete,
  };
}
