import { AppError } from '../errors';

/** Closed codes of lib/verify. Tampering is never one of these: it is a verification result. */
export type VerifyErrorCode =
  /** The key file is missing, unreadable, or does not hold an iteration-0 key. */
  | 'ERR_VERIFY_KEY_FILE'
  /** The key does not verify any log of the chain (the key file of another chain?). */
  | 'ERR_VERIFY_WRONG_KEY'
  /** Nothing is known about the chain: no data stream and no state history. */
  | 'ERR_VERIFY_UNKNOWN_CHAIN'
  /** Bad input: chain identity, CorruptionId, time range, text options. */
  | 'ERR_VERIFY_INPUT'
  /** The store could not be reached or refused a request. */
  | 'ERR_VERIFY_STORE'
  /** The Blockchain State History or report directory cannot be read or written. */
  | 'ERR_VERIFY_IO'
  /** The corruption is already acknowledged (an acknowledgement document with its id exists). */
  | 'ERR_VERIFY_ALREADY_ACKNOWLEDGED'
  /** The run was cancelled (its AbortSignal fired): no verdict, nothing saved. */
  | 'ERR_VERIFY_CANCELLED'
  /** A verification of this chain is already running in this process (the console's runs). */
  | 'ERR_VERIFY_RUN_ACTIVE'
  /** No such verification run or report. */
  | 'ERR_VERIFY_NOT_FOUND';

const STATUS: Partial<Record<VerifyErrorCode, number>> = { ERR_VERIFY_STORE: 503, ERR_VERIFY_IO: 503, ERR_VERIFY_CANCELLED: 409, ERR_VERIFY_RUN_ACTIVE: 409, ERR_VERIFY_NOT_FOUND: 404 };

/** The one error lib/verify throws; messages name the problem and never contain key material. */
export class VerifyError extends AppError<VerifyErrorCode> {
  constructor(code: VerifyErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { status: STATUS[code] ?? 400, cause: options.cause });
  }
}

/** Throws `ERR_VERIFY_CANCELLED` once `signal` has fired (checked between steps of a run). */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new VerifyError('ERR_VERIFY_CANCELLED', 'the verification was cancelled');
}
