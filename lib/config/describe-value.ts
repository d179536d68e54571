const MAX_SHOWN = 60;

/**
 * How a rejected value is shown in a problem message: strings quoted (and shortened), tables and
 * arrays by kind only. Never call it on a secret (secret schemas use fixed messages instead).
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  // smol-toml returns dates/times as Date subclasses.
  if (value instanceof Date) return `a date/time (${String(value)})`;
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'a table';
  return typeof value;
}
