import { AppError } from '../errors';

/** Closed codes of lib/chain's state errors (argument misuse throws TypeError/RangeError). */
export type ChainErrorCode = 'ERR_CHAIN_STATE';

/** Raised when a chain head is used in a way the format forbids (a disposed or exhausted head). */
export class ChainError extends AppError<ChainErrorCode> {
  constructor(code: ChainErrorCode, message: string) {
    super(code, message, { status: 500, expose: false });
  }
}
