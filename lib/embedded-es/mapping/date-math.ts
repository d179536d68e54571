/**
 * Elasticsearch date math for range queries: `now-1d/d`, `2024-01-01||+1M/M`.
 * Units: y M w d h H m s; rounding `/unit` rounds down (or up for `lte`/`gt` bounds, as ES does).
 */
import { parseDate } from './dates';

const UNIT = /^([+-])(\d+)([yMwdhHms])/;

function roundTo(t: number, unit: string, up: boolean): number {
  const d = new Date(t);
  switch (unit) {
    case 'y': d.setUTCMonth(0, 1); d.setUTCHours(0, 0, 0, 0); break;
    case 'M': d.setUTCDate(1); d.setUTCHours(0, 0, 0, 0); break;
    case 'w': {
      const day = (d.getUTCDay() + 6) % 7; // ISO weeks start on Monday
      d.setUTCDate(d.getUTCDate() - day);
      d.setUTCHours(0, 0, 0, 0);
      break;
    }
    case 'd': d.setUTCHours(0, 0, 0, 0); break;
    case 'h': case 'H': d.setUTCMinutes(0, 0, 0); break;
    case 'm': d.setUTCMinutes(d.getUTCMinutes(), 0, 0); break;
    case 's': d.setUTCSeconds(d.getUTCSeconds(), 0); break;
    default: return t;
  }
  const down = d.getTime();
  if (!up) return down;
  return add(down, unit, 1) - 1;
}

function add(t: number, unit: string, n: number): number {
  const d = new Date(t);
  switch (unit) {
    case 'y': d.setUTCFullYear(d.getUTCFullYear() + n); return d.getTime();
    case 'M': d.setUTCMonth(d.getUTCMonth() + n); return d.getTime();
    case 'w': return t + n * 7 * 86_400_000;
    case 'd': return t + n * 86_400_000;
    case 'h': case 'H': return t + n * 3_600_000;
    case 'm': return t + n * 60_000;
    case 's': return t + n * 1000;
    default: return t;
  }
}

/**
 * Resolves a date-math expression to epoch millis; undefined when it cannot be parsed.
 * @param roundUp rounding direction for `/unit` (true for `lte` and `gt` bounds).
 */
export function resolveDateMath(expr: string | number, format: string | undefined, now: number, roundUp = false): number | undefined {
  if (typeof expr === 'number') return parseDate(expr, format);
  let base: number | undefined;
  let rest: string;
  if (expr.startsWith('now')) {
    base = now;
    rest = expr.slice(3);
  } else {
    const sep = expr.indexOf('||');
    if (sep === -1) return parseDate(expr, format);
    base = parseDate(expr.slice(0, sep), format);
    rest = expr.slice(sep + 2);
  }
  if (base === undefined) return undefined;
  let t = base;
  while (rest.length > 0) {
    const m = UNIT.exec(rest);
    if (m) {
      t = add(t, m[3] as string, (m[1] === '-' ? -1 : 1) * Number(m[2]));
      rest = rest.slice(m[0].length);
      continue;
    }
    const r = /^\/([yMwdhHms])/.exec(rest);
    if (r) {
      t = roundTo(t, r[1] as string, roundUp);
      rest = rest.slice(r[0].length);
      continue;
    }
    return undefined;
  }
  return t;
}
