import { AppError } from '../errors';

export type ConformanceErrorCode =
  | 'ERR_CONFORMANCE_PARSE'
  | 'ERR_CONFORMANCE_USAGE'
  | 'ERR_CONFORMANCE_IO';

/**
 * A misuse of the runner (bad flags, unreadable directory) or a test file it cannot parse.
 * Test failures are never thrown this way: they are results (`TestResult.failure`).
 */
export class ConformanceError extends AppError<ConformanceErrorCode> {
  constructor(code: ConformanceErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { status: 400, cause: options.cause });
  }
}
