import path from 'node:path';
import { nodeFs, type DurableFs } from '../durable-fs';
import { appendEntries } from './append-entries';
import { appendRejected } from './append-rejected';
import { archiveFile } from './archive-file';
import type { DlqContext } from './dlq-context';
import { DlqError } from './dlq-error';
import { dlqStatus, type DlqStatus } from './dlq-status';
import { backoffDelay } from '../store/backoff-delay';
import type { DlqAppendEntry, RejectedAppendEntry } from './format-lines';
import { listFiles, type DlqListing, type StatsCache } from './list-files';
import { readFile, type DlqReadOptions, type DlqReadResult } from './read-file';
import { settleFile, type SettleOutcome, type SettleResult } from './settle-file';

export interface CreateDlqOptions {
  /** El Proxy's `dlq_dir`. */
  dlqDir: string;
  /** El Proxy's `dlq_recovered_dir`. */
  dlqRecoveredDir: string;
  /** Clock for the date in file names (UTC). */
  now?: () => Date;
  /** File-system seam (tests inject faults). */
  fs?: DurableFs;
  /**
   * El Proxy's `failure_max_retries` "for writing DLQ files": an append that fails on the disk
   * (ERR_DLQ_IO) is tried again up to `max` times, `sleepMs × 2^n` apart (as the store's retries).
   * A failed attempt leaves nothing half-written, so a retry never duplicates a line. Default: none.
   */
  retries?: { readonly max: number; readonly sleepMs: number; readonly sleep?: (ms: number) => Promise<void> };
}

/** The dead letter queue over one `dlq_dir` / `dlq_recovered_dir` pair. See the module header (index.ts). */
export interface Dlq {
  /** Appends signed logs for one customer and data stream; durable when resolved. */
  append(customer: string, dataStream: string, entries: readonly DlqAppendEntry[]): Promise<void>;
  /** Keeps unsignable logs in the rejected area; durable when resolved. */
  appendRejected(entries: readonly RejectedAppendEntry[]): Promise<void>;
  /** Cheap summary (no file content read) for the status and health endpoints. */
  status(): Promise<DlqStatus>;
  /** Every DLQ file with entry counts, plus what does not belong. */
  list(): Promise<DlqListing>;
  /** One page of a file's lines. */
  read(relPath: string, options?: DlqReadOptions): Promise<DlqReadResult>;
  /** Applies a recovery run's outcome to a signed DLQ file. */
  settle(relPath: string, outcome: SettleOutcome): Promise<SettleResult>;
  /** Moves a file into `archive_dlq` (El Proxy's manual-archive convention); `expectedVersion` refuses a file that changed. */
  archive(relPath: string, expectedVersion?: string): Promise<{ relPath: string }>;
}

/**
 * @throws {TypeError} when a folder option is not a non-empty string or the two folders nest
 * (a recovered folder inside the DLQ folder would be listed as a customer, and vice versa).
 * @example const dlq = createDlq({ dlqDir: '/var/lib/signet/dlq', dlqRecoveredDir: '/var/lib/signet/dlq_recovered' })
 */
export function createDlq(options: CreateDlqOptions): Dlq {
  for (const key of ['dlqDir', 'dlqRecoveredDir'] as const) {
    if (typeof options[key] !== 'string' || options[key] === '') throw new TypeError(`${key} must be a non-empty path`);
  }
  const dlqDir = path.resolve(options.dlqDir);
  const dlqRecoveredDir = path.resolve(options.dlqRecoveredDir);
  if (nests(dlqDir, dlqRecoveredDir)) throw new TypeError('dlqDir and dlqRecoveredDir must not be the same folder or inside one another');
  const ctx: DlqContext = { dlqDir, dlqRecoveredDir, now: options.now ?? (() => new Date()), fs: options.fs ?? nodeFs };
  const cache: StatsCache = new Map();
  return {
    append: (customer, dataStream, entries) => withRetries(() => appendEntries(ctx, customer, dataStream, entries), options.retries),
    appendRejected: (entries) => withRetries(() => appendRejected(ctx, entries), options.retries),
    status: () => dlqStatus(ctx),
    list: () => listFiles(ctx, cache),
    read: (relPath, readOptions) => readFile(ctx, relPath, readOptions),
    settle: (relPath, outcome) => settleFile(ctx, relPath, outcome),
    archive: (relPath, expectedVersion) => archiveFile(ctx, relPath, expectedVersion),
  };
}

/** Runs `op`, again after a disk failure (ERR_DLQ_IO) while retries are left; invalid input is never retried. */
async function withRetries(op: () => Promise<void>, retries: CreateDlqOptions['retries']): Promise<void> {
  const sleep = retries?.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 0; ; attempt++) {
    try {
      return await op();
    } catch (err) {
      if (retries === undefined || attempt >= retries.max || !(err instanceof DlqError) || err.code !== 'ERR_DLQ_IO') throw err;
      await sleep(backoffDelay(retries.sleepMs, attempt));
    }
  }
}

function nests(a: string, b: string): boolean {
  const inside = (child: string, parent: string) => child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);
  return inside(a, b) || inside(b, a);
}
