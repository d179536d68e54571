import { ExportError } from './export-error';

/** RFC 3339 §5.6 `date-time`: full date, `T` (or `t`/space, §5.6 NOTE), time with optional fraction, `Z` or an offset. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

/**
 * Parses an RFC 3339 timestamp (El Proxy's `--from`/`--to`, offsets such as `+02:00` allowed).
 * Dates that do not exist (`2023-02-30`) and out-of-range fields are refused rather than rolled
 * over, so a typo never silently moves the range.
 * @returns the instant (millisecond precision, as Elasticsearch's `date` type).
 * @throws {ExportError} `ERR_EXPORT_INPUT` naming `flag` and the value.
 * @example parseRfc3339('2023-01-01T00:00:00+02:00', '--from') // Date 2022-12-31T22:00:00.000Z
 */
export function parseRfc3339(value: string, flag: string): Date {
  const m = DATE_TIME.exec(value);
  const bad = (): ExportError => new ExportError('ERR_EXPORT_INPUT', `${flag} must be an RFC 3339 date-time such as 2023-01-01T00:00:00Z or 2023-01-01T00:00:00+02:00, got ${JSON.stringify(value.slice(0, 60))}`);
  if (m === null) throw bad();
  const [, y, mo, d, h, mi, s, , , oh, om] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) throw bad();
  if (oh !== undefined && (Number(oh) > 23 || Number(om) > 59)) throw bad();
  const t = Date.parse(value.replace(' ', 'T').toUpperCase());
  if (Number.isNaN(t)) throw bad();
  return new Date(t);
}
