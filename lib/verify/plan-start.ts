import type { HistoryDay } from './state-history';

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of a time (UTC: days of the state history are UTC days of the signing time). */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * First day still inside the retention window; null = kept forever. Reference §8.3 states the
 * formula as `current_date - retention_days + 1` but its worked example (2022-08-30, 90 days →
 * 2022-06-01) is `current_date - retention_days`; Signet follows the example, which matches El
 * Proxy's observable behaviour (and is the more lenient of the two by one day).
 */
export function firstExpectedDay(nowMs: number, retentionDays: number | null): string | null {
  return retentionDays === null ? null : utcDay(nowMs - retentionDays * DAY_MS);
}

/**
 * Where a full verification must start according to the state history (reference §8.3):
 * - `must`: the first iteration of the first history day inside the retention window (moving
 *   forward day by day): that log must still exist;
 * - `may`: no history day is inside the window; the latest earlier day's first iteration may
 *   still exist (ILM may lag), scanning backwards;
 * - `none`: the history has no days.
 */
export type HistoryStart = { kind: 'must' | 'may'; iteration: number; day: string } | { kind: 'none' };

export function planFromHistory(days: Readonly<Record<string, HistoryDay>>, nowMs: number, retentionDays: number | null): HistoryStart {
  const sorted = Object.keys(days).sort();
  if (sorted.length === 0) return { kind: 'none' };
  const first = firstExpectedDay(nowMs, retentionDays);
  const inWindow = first === null ? sorted[0] : sorted.find((d) => d >= first);
  if (inWindow !== undefined) return { kind: 'must', iteration: (days[inWindow] as HistoryDay).first_iteration, day: inWindow };
  const before = sorted[sorted.length - 1] as string;
  return { kind: 'may', iteration: (days[before] as HistoryDay).first_iteration, day: before };
}

/**
 * The history kept after a successful run: `fresh` days (this run's) merged over `previous`
 * (an incremental run keeps the days it did not re-read), limited to the retention window.
 * When no day is inside the window the latest one is kept, so the next run can still scan back.
 */
export function nextHistoryDays(previous: Readonly<Record<string, HistoryDay>>, fresh: Readonly<Record<string, HistoryDay>>, nowMs: number, retentionDays: number | null): Record<string, HistoryDay> {
  const merged: Record<string, HistoryDay> = {};
  for (const [d, e] of Object.entries(previous)) merged[d] = { ...e };
  for (const [d, e] of Object.entries(fresh)) {
    const old = merged[d];
    merged[d] = old ? { first_iteration: Math.min(old.first_iteration, e.first_iteration), last_iteration: Math.max(old.last_iteration, e.last_iteration) } : { ...e };
  }
  const first = firstExpectedDay(nowMs, retentionDays);
  const sorted = Object.keys(merged).sort();
  const keep = first === null ? sorted : sorted.filter((d) => d >= first);
  if (keep.length === 0 && sorted.length > 0) keep.push(sorted[sorted.length - 1] as string);
  const out: Record<string, HistoryDay> = {};
  for (const d of keep) out[d] = merged[d] as HistoryDay;
  return out;
}
