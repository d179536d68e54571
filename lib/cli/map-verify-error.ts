import { VerifyError } from '../verify';
import { CliError } from './cli-error';

/**
 * Expected failures of lib/verify (and config/usage errors) as one-line CLI errors with the
 * command's exit code: 3 (UNKNOWN) for `verify`, whose exit code is read by monitoring, 1 for the
 * acknowledgement commands. Anything else is rethrown (a bug: printed as "unexpected error").
 */
export function mapVerifyError(err: unknown, exitCode: number): never {
  if (err instanceof VerifyError) throw new CliError(err.code === 'ERR_VERIFY_INPUT' ? 'ERR_CLI_INPUT' : 'ERR_CLI_FAILED', err.message, { exitCode, cause: err });
  if (err instanceof CliError) throw new CliError(err.code, err.message, { exitCode, cause: err.cause });
  if (err instanceof RangeError || err instanceof TypeError) throw new CliError('ERR_CLI_INPUT', err.message, { exitCode, cause: err });
  throw err;
}
