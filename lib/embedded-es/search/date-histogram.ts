/**
 * Bucketing for `date_histogram` (calendar and fixed intervals, time zones, offset) and
 * `histogram`.
 */
import { illegalArgument } from '../errors/es-errors';

const FIXED_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const CALENDAR: Record<string, string> = {
  minute: 'm', '1m': 'm', hour: 'h', '1h': 'h', day: 'd', '1d': 'd', week: 'w', '1w': 'w',
  month: 'M', '1M': 'M', quarter: 'q', '1q': 'q', year: 'y', '1y': 'y',
};

/** Parses `30s`, `5m`, `2h`, `1d`, `100ms` into milliseconds. */
export function parseFixedInterval(text: string): number {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(text.trim());
  if (!m) throw illegalArgument(`failed to parse setting [date_histogram.fixedInterval] with value [${text}] as a time value: unit is missing or unrecognized`);
  return Number(m[1]) * (FIXED_UNITS[m[2] as string] as number);
}

export function calendarUnit(text: string): string {
  const u = CALENDAR[text.trim()];
  if (!u) throw illegalArgument(`The supplied interval [${text}] could not be parsed as a calendar interval.`);
  return u;
}

/** Offset of `tz` (UTC, Z, +01:00, or an IANA name) at instant `ms`, in milliseconds. */
export function zoneOffset(ms: number, tz: string | undefined): number {
  if (!tz || tz === 'UTC' || tz === 'Z' || tz === 'GMT' || tz === 'Etc/UTC') return 0;
  const fixed = /^([+-])(\d{2}):?(\d{2})?$/.exec(tz);
  if (fixed) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0)) * 60_000;
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(ms));
    const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? 0);
    const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    return local - Math.floor(ms / 1000) * 1000;
  } catch {
    throw illegalArgument(`Unknown time-zone ID: ${tz}`);
  }
}

/** Start of the calendar bucket holding `ms`. */
export function calendarFloor(ms: number, unit: string, tz: string | undefined): number {
  const off = zoneOffset(ms, tz);
  const d = new Date(ms + off);
  switch (unit) {
    case 'm': d.setUTCSeconds(0, 0); break;
    case 'h': d.setUTCMinutes(0, 0, 0); break;
    case 'd': d.setUTCHours(0, 0, 0, 0); break;
    case 'w': d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7)); d.setUTCHours(0, 0, 0, 0); break;
    case 'M': d.setUTCDate(1); d.setUTCHours(0, 0, 0, 0); break;
    case 'q': d.setUTCMonth(Math.floor(d.getUTCMonth() / 3) * 3, 1); d.setUTCHours(0, 0, 0, 0); break;
    default: d.setUTCMonth(0, 1); d.setUTCHours(0, 0, 0, 0);
  }
  const local = d.getTime();
  return local - zoneOffset(local - off, tz);
}

/** Start of the calendar bucket after the one starting at `start`. */
export function calendarNext(start: number, unit: string, tz: string | undefined): number {
  const off = zoneOffset(start, tz);
  const d = new Date(start + off);
  switch (unit) {
    case 'm': d.setUTCMinutes(d.getUTCMinutes() + 1); break;
    case 'h': d.setUTCHours(d.getUTCHours() + 1); break;
    case 'd': d.setUTCDate(d.getUTCDate() + 1); break;
    case 'w': d.setUTCDate(d.getUTCDate() + 7); break;
    case 'M': d.setUTCMonth(d.getUTCMonth() + 1); break;
    case 'q': d.setUTCMonth(d.getUTCMonth() + 3); break;
    default: d.setUTCFullYear(d.getUTCFullYear() + 1);
  }
  const local = d.getTime();
  return calendarFloor(local - zoneOffset(local - off, tz) + 1, unit, tz);
}
