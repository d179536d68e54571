import { AppError } from '../errors';

export type ChainsErrorCode = 'ERR_CHAINS_QUEUE_FULL' | 'ERR_CHAINS_UNAVAILABLE' | 'ERR_CHAINS_BLOCKED' | 'ERR_CHAINS_OUTBOX' | 'ERR_CHAINS_DLQ' | 'ERR_CHAINS_CLOSED';

const STATUS: Record<ChainsErrorCode, number> = {
  ERR_CHAINS_QUEUE_FULL: 429,
  ERR_CHAINS_UNAVAILABLE: 503,
  ERR_CHAINS_BLOCKED: 503,
  ERR_CHAINS_OUTBOX: 503,
  ERR_CHAINS_DLQ: 503,
  ERR_CHAINS_CLOSED: 503,
};

/** Why a chain could not take a batch now. All are retryable for the shipper (429/503). */
export class ChainsError extends AppError<ChainsErrorCode> {
  constructor(code: ChainsErrorCode, message: string, cause?: unknown) {
    super(code, message, { status: STATUS[code], expose: true, cause });
  }
}
