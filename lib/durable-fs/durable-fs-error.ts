import { AppError } from '../errors';

/** Closed codes of lib/durable-fs. System errors (ENOENT, ENOSPC, ...) are passed through as they are. */
export type DurableFsErrorCode =
  /** A name that would become a path component is empty, `.`/`..`, or holds `/`, `\` or NUL. */
  | 'ERR_FS_UNSAFE_NAME'
  /** Something other than the expected kind sits at a path (a symlink or directory where a file is expected, a file where a directory is). */
  | 'ERR_FS_UNEXPECTED_TYPE'
  /** An owner lock is held by another live process. */
  | 'ERR_FS_LOCKED';

/** Refusals of lib/durable-fs. Callers (dlq, keys) wrap them into their own module error. */
export class DurableFsError extends AppError<DurableFsErrorCode> {
  constructor(code: DurableFsErrorCode, message: string) {
    super(code, message, { status: 500, expose: false });
  }
}
