// lib/fields-file's closed error codes and their HTTP statuses.
import { AppError } from '../errors';

/** Closed codes of lib/fields-file. */
export type FieldsFileErrorCode =
  /** The file changed on disk since the version the caller read (409): nothing was written. */
  | 'ERR_FIELDS_FILE_CHANGED'
  /** The new list is not a valid `include_fields` list (400): nothing was written. */
  | 'ERR_FIELDS_FILE_INVALID'
  /** The file on disk cannot be edited safely (a symlink, not TOML, other keys in the way) (409): fix it by hand. */
  | 'ERR_FIELDS_FILE_UNSUPPORTED'
  /** The disk refused the read or write (503). The old file is intact. */
  | 'ERR_FIELDS_FILE_IO';

const STATUS: Record<FieldsFileErrorCode, number> = {
  ERR_FIELDS_FILE_CHANGED: 409,
  ERR_FIELDS_FILE_INVALID: 400,
  ERR_FIELDS_FILE_UNSUPPORTED: 409,
  ERR_FIELDS_FILE_IO: 503,
};

/** The one error lib/fields-file throws; messages never contain the file's content. */
export class FieldsFileError extends AppError<FieldsFileErrorCode> {
  constructor(code: FieldsFileErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { status: STATUS[code], cause: options.cause });
  }
}
