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
  | 'ERR_VERIFY_ALREADY_ACKNOWLEDGED';

/** The one error lib/verify throws; messages name the problem and never contain key material. */
export class VerifyError extends AppError<VerifyErrorCode> {
  constructor(code: VerifyErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { status: code === 'ERR_VERIFY_STORE' || code === 'ERR_VERIFY_IO' ? 503 : 400, cause: options.cause });
  }
}
