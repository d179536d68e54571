/**
 * Date parsing and formatting for `date` fields: Elasticsearch's default
 * `strict_date_optional_time||epoch_millis`, `epoch_second`, and simple Java-style patterns
 * (`yyyy-MM-dd HH:mm:ss`, `yyyy/MM/dd`, ...). Values are epoch milliseconds (UTC).
 */

export const DEFAULT_DATE_FORMAT = 'strict_date_optional_time||epoch_millis';

const ISO = /^([+-]?\d{4,9})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/;

function digits(s: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** `yyyy-MM-ddTHH:mm:ss[.SSS]Z`, the form nearly every log carries, without a regex. */
function fastIso(s: string): number | undefined {
  const n = s.length;
  if ((n !== 20 && n !== 24) || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || s.charCodeAt(n - 1) !== 90) return undefined;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const sec = digits(s, 17, 2);
  const ms = n === 24 ? (s.charCodeAt(19) === 46 ? digits(s, 20, 3) : -1) : 0;
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 || ms < 0) return undefined;
  const t = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
  return new Date(t).getUTCDate() === d ? t : undefined;
}

/** Parses ISO-8601 (`strict_date_optional_time`); undefined when not a date. */
export function parseIsoDate(text: string, strict = true): number | undefined {
  const fast = fastIso(text);
  if (fast !== undefined) return fast;
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  if (strict && (y as string).replace(/^[+-]/, '').length !== 4) return undefined;
  // A time needs a full date before it.
  if (h !== undefined && d === undefined) return undefined;
  const year = Number(y);
  const month = mo === undefined ? 1 : Number(mo);
  const day = d === undefined ? 1 : Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = frac === undefined ? 0 : Number((frac + '00').slice(0, 3));
  let t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (year >= 0 && year < 100) t = new Date(t).setUTCFullYear(year);
  if (new Date(t).getUTCDate() !== day) return undefined; // 2023-02-30
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
    t -= sign * offset * 60_000;
  }
  return t;
}

const TOKEN = /(yyyy|uuuu|yy|MM|dd|HH|mm|ss|SSS|SS|S|XXX|XX|X|Z|'[^']*'|[^A-Za-z']+)/g;

/** Parses one Java-style pattern (subset); undefined when the text does not fit. */
function parsePattern(pattern: string, text: string): number | undefined {
  let re = '^';
  const fields: string[] = [];
  for (const tok of pattern.match(TOKEN) ?? []) {
    if (/^(yyyy|uuuu)$/.test(tok)) { re += '(\\d{4})'; fields.push('y'); }
    else if (tok === 'yy') { re += '(\\d{2})'; fields.push('yy'); }
    else if (tok === 'MM') { re += '(\\d{2})'; fields.push('M'); }
    else if (tok === 'dd') { re += '(\\d{2})'; fields.push('d'); }
    else if (tok === 'HH') { re += '(\\d{2})'; fields.push('H'); }
    else if (tok === 'mm') { re += '(\\d{2})'; fields.push('m'); }
    else if (tok === 'ss') { re += '(\\d{2})'; fields.push('s'); }
    else if (/^S+$/.test(tok)) { re += `(\\d{1,${Math.max(tok.length, 3)}})`; fields.push('S'); }
    else if (/^(X+|Z)$/.test(tok)) { re += '(Z|[+-]\\d{2}:?\\d{2}|[+-]\\d{2})'; fields.push('z'); }
    else if (tok.startsWith("'")) re += tok.slice(1, -1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else re += tok.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  if (/[A-Za-z]/.test(pattern.replace(TOKEN, ''))) return undefined; // unsupported letters (EEE, MMM, ...)
  const m = new RegExp(re + '$').exec(text);
  if (!m) return undefined;
  const v: Record<string, string> = {};
  fields.forEach((f, i) => { v[f] = m[i + 1] as string; });
  const year = v.y !== undefined ? Number(v.y) : v.yy !== undefined ? 2000 + Number(v.yy) : 1970;
  let t = Date.UTC(year, Number(v.M ?? 1) - 1, Number(v.d ?? 1), Number(v.H ?? 0), Number(v.m ?? 0), Number(v.s ?? 0),
    v.S !== undefined ? Number((v.S + '00').slice(0, 3)) : 0);
  const z = v.z;
  if (z && z !== 'Z') {
    const sign = z.startsWith('-') ? -1 : 1;
    const d = z.slice(1).replace(':', '');
    t -= sign * (Number(d.slice(0, 2)) * 60 + Number(d.slice(2, 4) || '0')) * 60_000;
  }
  return t;
}

/** Parses a value with a `||`-separated format list; undefined when no format accepts it. */
export function parseDate(value: string | number, format: string = DEFAULT_DATE_FORMAT): number | undefined {
  for (const f of format.split('||')) {
    const fmt = f.trim();
    if (fmt === 'epoch_millis') {
      if (typeof value === 'number') return Math.trunc(value);
      if (/^-?\d+(\.\d+)?$/.test(value)) return Math.trunc(Number(value));
    } else if (fmt === 'epoch_second') {
      if (typeof value === 'number') return Math.trunc(value * 1000);
      if (/^-?\d+(\.\d+)?$/.test(value)) return Math.trunc(Number(value) * 1000);
    } else if (typeof value === 'string') {
      const parsed =
        fmt === 'strict_date_optional_time' || fmt === 'strict_date_optional_time_nanos' || fmt === 'strict_date_time'
          ? parseIsoDate(value, true)
          : fmt === 'date_optional_time' || fmt === 'date_time'
            ? parseIsoDate(value, false)
            : fmt === 'strict_date' || fmt === 'date' || fmt === 'yyyy-MM-dd'
              ? /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseIsoDate(value) : undefined
              : parsePattern(fmt, value);
      if (parsed !== undefined) return parsed;
    } else if (typeof value === 'number' && fmt.startsWith('strict_date')) {
      continue;
    }
  }
  return undefined;
}

/** Formats epoch millis as Elasticsearch's default `strict_date_optional_time` output. */
export function formatDate(ms: number, format?: string): string {
  const first = format?.split('||')[0]?.trim();
  if (first === 'epoch_millis') return String(ms);
  if (first === 'epoch_second') return String(Math.trunc(ms / 1000));
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ms);
  if (first && !first.startsWith('strict_date') && !first.startsWith('date_') && first !== 'date') {
    const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
    return first.replace(/yyyy|uuuu|MM|dd|HH|mm|ss|SSS|'([^']*)'/g, (tok, lit: string | undefined) => {
      if (lit !== undefined) return lit;
      switch (tok) {
        case 'yyyy': case 'uuuu': return pad(d.getUTCFullYear(), 4);
        case 'MM': return pad(d.getUTCMonth() + 1);
        case 'dd': return pad(d.getUTCDate());
        case 'HH': return pad(d.getUTCHours());
        case 'mm': return pad(d.getUTCMinutes());
        case 'ss': return pad(d.getUTCSeconds());
        default: return pad(d.getUTCMilliseconds(), 3);
      }
    });
  }
  return d.toISOString();
}
