import { CliError } from './cli-error';

/** Parses a positive number flag (integer unless `fractional`), naming the flag on error. */
export function parseCount(flag: string, max: number, fractional = false): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    const ok = value.trim() !== '' && Number.isFinite(n) && n > 0 && n <= max && (fractional || Number.isInteger(n));
    if (!ok) throw new CliError('ERR_CLI_USAGE', `${flag} must be a positive ${fractional ? 'number' : 'integer'} up to ${max.toLocaleString('en-US')}, got "${value}"`);
    return n;
  };
}
