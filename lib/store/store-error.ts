import { AppError } from '../errors';

/** Closed codes of lib/store. */
export type StoreErrorCode =
  /** Elasticsearch could not be reached or is overloaded (connection refused, timeout, 429, 5xx). HTTP 503: retry later. */
  | 'ERR_STORE_UNAVAILABLE'
  /** Elasticsearch answered and refused the request (4xx: bad request, missing privilege, conflict). */
  | 'ERR_STORE_REJECTED'
  /** Elasticsearch answered something that is not what the API promises (e.g. a non-integer iteration). */
  | 'ERR_STORE_INVALID_RESPONSE'
  /** The client cannot be built from the configuration (no URL, unreadable CA, certificate or secret file). */
  | 'ERR_STORE_CONFIG';

const STATUS: Record<StoreErrorCode, number> = {
  ERR_STORE_UNAVAILABLE: 503,
  ERR_STORE_REJECTED: 502,
  ERR_STORE_INVALID_RESPONSE: 502,
  ERR_STORE_CONFIG: 500,
};

/**
 * The one error lib/store throws. Messages say what failed and Elasticsearch's error type and
 * reason; they never contain a credential (the client's own errors are kept as `cause`, whose
 * request metadata the client redacts by default).
 */
export class StoreError extends AppError<StoreErrorCode> {
  /** HTTP status Elasticsearch answered with, when it answered. */
  readonly esStatus: number | null;

  constructor(code: StoreErrorCode, message: string, options: { cause?: unknown; esStatus?: number | null } = {}) {
    super(code, message, { status: STATUS[code], expose: false, cause: options.cause });
    this.esStatus = options.esStatus ?? null;
  }
}
