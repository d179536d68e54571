import { AppError } from '../errors';
import { DurableFsError, errnoCode } from '../durable-fs';

/** Closed codes of lib/dlq. */
export type DlqErrorCode =
  /** The disk refused a read or write (ENOSPC, EIO, EACCES, a file where a folder must be...). HTTP 503: retry later. */
  | 'ERR_DLQ_IO'
  /** A customer, data stream or relPath does not follow the DLQ naming rules (nothing was touched). */
  | 'ERR_DLQ_INVALID_NAME'
  /** An entry to append is malformed (document not a JSON object, bad error shape), or a settle outcome names lines that are not entries. */
  | 'ERR_DLQ_INVALID_ENTRY'
  /** The DLQ file does not exist. */
  | 'ERR_DLQ_NOT_FOUND'
  /** The file's size differs from the one the caller read: someone appended or settled meanwhile. Nothing was changed. */
  | 'ERR_DLQ_CHANGED'
  /** Something other than a regular file sits where a DLQ file is expected (a symlink, a folder). */
  | 'ERR_DLQ_CORRUPT_SEGMENT';

const STATUS: Record<DlqErrorCode, number> = {
  ERR_DLQ_IO: 503,
  ERR_DLQ_INVALID_NAME: 400,
  ERR_DLQ_INVALID_ENTRY: 400,
  ERR_DLQ_NOT_FOUND: 404,
  ERR_DLQ_CHANGED: 409,
  ERR_DLQ_CORRUPT_SEGMENT: 500,
};

/**
 * The one error lib/dlq throws. Messages name the file (relative to the DLQ folder) and the
 * errno code; they never contain document content. The system error is kept as `cause`.
 */
export class DlqError extends AppError<DlqErrorCode> {
  constructor(code: DlqErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { status: STATUS[code], cause: options.cause });
  }
}

/**
 * Wraps any failure of a disk operation; DlqErrors pass through. A symlink or folder where a
 * DLQ file is expected is `ERR_DLQ_CORRUPT_SEGMENT` when operating on an existing file
 * (`existing`), but `ERR_DLQ_IO` on the ingest write path, where it means "cannot write now"
 * (503, the shipper retries) like any other disk refusal.
 */
export function wrapIo(err: unknown, what: string, target: 'ingest' | 'existing' = 'ingest'): DlqError {
  if (err instanceof DlqError) return err;
  if (err instanceof DurableFsError) {
    const code = err.code === 'ERR_FS_UNSAFE_NAME' ? 'ERR_DLQ_INVALID_NAME' : target === 'existing' ? 'ERR_DLQ_CORRUPT_SEGMENT' : 'ERR_DLQ_IO';
    return new DlqError(code, `${what}: ${err.message}`, { cause: err });
  }
  const code = errnoCode(err);
  return new DlqError('ERR_DLQ_IO', `${what}${code === undefined ? '' : ` (${code})`}`, { cause: err });
}
