import { AppError } from '../errors';

export type IngestErrorCode =
  | 'ERR_INGEST_MALFORMED'
  | 'ERR_INGEST_TOO_LARGE'
  | 'ERR_INGEST_UNSUPPORTED_ENCODING'
  | 'ERR_INGEST_UNAUTHORIZED'
  | 'ERR_INGEST_QUEUE_FULL'
  | 'ERR_INGEST_UNAVAILABLE';

const STATUS: Record<IngestErrorCode, number> = {
  ERR_INGEST_MALFORMED: 400,
  ERR_INGEST_TOO_LARGE: 413,
  ERR_INGEST_UNSUPPORTED_ENCODING: 415,
  ERR_INGEST_UNAUTHORIZED: 401,
  ERR_INGEST_QUEUE_FULL: 429,
  ERR_INGEST_UNAVAILABLE: 503,
};

/**
 * An ingest request that cannot be accepted. The status follows SPEC §5, chosen for Logstash's
 * http output: 429/503 make it retry the whole batch later; 400/413/415 make it drop the batch, so
 * they are used only when retrying could never succeed.
 */
export class IngestError extends AppError<IngestErrorCode> {
  constructor(code: IngestErrorCode, message: string, cause?: unknown) {
    super(code, message, { status: STATUS[code], expose: true, cause });
  }
}
