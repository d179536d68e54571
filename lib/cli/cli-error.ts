import { AppError } from '../errors';

export type CliErrorCode = 'ERR_CLI_USAGE' | 'ERR_CLI_INPUT' | 'ERR_CLI_FAILED';

/** An expected CLI failure: printed as one line, exits with `exitCode`. */
export class CliError extends AppError<CliErrorCode> {
  readonly exitCode: number;
  constructor(code: CliErrorCode, message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super(code, message, { status: 400, cause: options.cause });
    this.exitCode = options.exitCode ?? 1;
  }
}
