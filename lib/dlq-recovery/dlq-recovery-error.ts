import { AppError } from '../errors';

/** Closed codes of lib/dlq-recovery. */
export type DlqRecoveryErrorCode =
  /** A folder or option is unusable (missing DLQ folder, folders nested, bad batch size). Nothing was touched. */
  | 'ERR_DLQ_RECOVERY_INPUT'
  /** Elasticsearch does not answer (or refuses every write): nothing more can be recovered now. */
  | 'ERR_DLQ_RECOVERY_STORE_UNAVAILABLE'
  /** A recovery is already running in this process (409): wait for it, then start another. */
  | 'ERR_DLQ_RECOVERY_BUSY';

const STATUS: Record<DlqRecoveryErrorCode, number> = {
  ERR_DLQ_RECOVERY_INPUT: 400,
  ERR_DLQ_RECOVERY_STORE_UNAVAILABLE: 503,
  ERR_DLQ_RECOVERY_BUSY: 409,
};

/** The one error lib/dlq-recovery throws itself (lib/dlq's `DlqError` passes through unchanged). */
export class DlqRecoveryError extends AppError<DlqRecoveryErrorCode> {
  constructor(code: DlqRecoveryErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { status: STATUS[code], cause: options.cause });
  }
}
