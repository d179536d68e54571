import { CliError } from './cli-error';

/** A non-negative integer flag (`--skip-iterations-before 0`), naming the flag on error. */
export function parseNonNegative(flag: string, max: number, exitCode = 1): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < 0 || n > max) {
      throw new CliError('ERR_CLI_USAGE', `${flag} must be an integer from 0 to ${max.toLocaleString('en-US')}, got "${value}"`, { exitCode });
    }
    return n;
  };
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 timestamp with an explicit offset (`2023-01-01T00:00:00+02:00`) as epoch ms. */
export function parseRfc3339(flag: string): (value: string) => number {
  return (value: string) => {
    const ms = RFC3339.test(value) ? Date.parse(value.replace(' ', 'T')) : NaN;
    if (!Number.isFinite(ms)) throw new CliError('ERR_CLI_USAGE', `${flag} must be an RFC 3339 timestamp such as 2023-01-01T00:00:00+02:00, got "${value}"`);
    return ms;
  };
}

/** A chain name component (`--tenant`, `--retention`, `--tag`): lowercase, digits, `_` and `.`. */
export function parseNameComponent(flag: string, exitCode = 1): (value: string) => string {
  return (value: string) => {
    if (!/^[a-z0-9_][a-z0-9_.]*$/.test(value) || value.length > 64 || value.includes('..')) {
      throw new CliError('ERR_CLI_USAGE', `${flag} may contain only lowercase letters, digits, "_" and "." (1–64 characters), got "${value}"`, { exitCode });
    }
    return value;
  };
}
