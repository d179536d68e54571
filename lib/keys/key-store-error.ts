import { AppError } from '../errors';

/** Closed codes of lib/keys. */
export type KeyStoreErrorCode =
  /** The disk refused a read or write (EIO, ENOSPC, EACCES...). HTTP 503. */
  | 'ERR_KEYS_IO'
  /** A key file exists but is not a valid `{"key","iteration","previous_hash"}` (or is not a regular file). */
  | 'ERR_KEYS_CORRUPT'
  /** A key file is a symlink, sits in a symlinked folder, or is readable/writable by group or others. An operator must fix it. */
  | 'ERR_KEYS_INSECURE'
  /** `create` for a chain that already has a key file: a chain's key is never replaced by creating it again. */
  | 'ERR_KEYS_EXISTS'
  /** `save` would move a chain head backwards (key reuse) without `allowRollback`. */
  | 'ERR_KEYS_STALE'
  /** `save` for a chain that has no key file (create it first). */
  | 'ERR_KEYS_NOT_FOUND'
  /** The chain identity has an invalid component (it would become a path). */
  | 'ERR_KEYS_INVALID_ID';

const STATUS: Record<KeyStoreErrorCode, number> = {
  ERR_KEYS_IO: 503,
  ERR_KEYS_CORRUPT: 500,
  ERR_KEYS_INSECURE: 500,
  ERR_KEYS_EXISTS: 409,
  ERR_KEYS_STALE: 409,
  ERR_KEYS_NOT_FOUND: 404,
  ERR_KEYS_INVALID_ID: 400,
};

/**
 * The one error lib/keys throws. Messages name the file and the problem, NEVER key material:
 * content problems carry no `cause` (a parser error could quote the text it choked on); only
 * system errors (which never contain file content) are kept as `cause`.
 */
export class KeyStoreError extends AppError<KeyStoreErrorCode> {
  constructor(code: KeyStoreErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { status: STATUS[code], expose: false, cause: options.cause });
  }
}
