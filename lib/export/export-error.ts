import { AppError } from '../errors';

/** Closed codes of lib/export. */
export type ExportErrorCode =
  /** A bad option: a name outside the naming rules, a date that is not RFC 3339, an empty range, a bad output path. Nothing was written. */
  | 'ERR_EXPORT_INPUT'
  /** No data stream holds the blockchain. Nothing was written. */
  | 'ERR_EXPORT_NOT_FOUND'
  /** Elasticsearch is unreachable or answered an error. Nothing was written. */
  | 'ERR_EXPORT_STORE'
  /** The output file could not be written (the previous file, if any, is unchanged). */
  | 'ERR_EXPORT_IO';

const STATUS: Record<ExportErrorCode, number> = {
  ERR_EXPORT_INPUT: 400,
  ERR_EXPORT_NOT_FOUND: 404,
  ERR_EXPORT_STORE: 503,
  ERR_EXPORT_IO: 500,
};

/** The one error lib/export throws; the client's or the file system's error is kept as `cause`. */
export class ExportError extends AppError<ExportErrorCode> {
  constructor(code: ExportErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { status: STATUS[code], cause: options.cause });
  }
}
