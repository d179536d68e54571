import { describe, expect, it } from 'vitest';
import { firstExpectedDay, nextHistoryDays, planFromHistory, utcDay } from './plan-start';

const DAY = 86_400_000;
// Reference §8.3's worked example: today 2022-08-30, retention 3_months (90 days).
const today = Date.UTC(2022, 7, 30, 10);
const days = {
  '2022-05-30': { first_iteration: 15, last_iteration: 20 },
  '2022-06-01': { first_iteration: 21, last_iteration: 23 },
  '2022-06-02': { first_iteration: 24, last_iteration: 30 },
};

describe('the Blockchain State History plan (reference §8.3)', () => {
  it('reproduces El Proxy\'s worked example: first expected date 2022-06-01, start at iteration 21', () => {
    expect(firstExpectedDay(today, 90)).toBe('2022-06-01');
    expect(planFromHistory(days, today, 90)).toEqual({ kind: 'must', iteration: 21, day: '2022-06-01' });
  });

  it('moves forward day by day inside the window when the first expected day has no logs', () => {
    expect(planFromHistory({ '2022-05-30': days['2022-05-30'], '2022-06-02': days['2022-06-02'] }, today, 90)).toEqual({ kind: 'must', iteration: 24, day: '2022-06-02' });
  });

  it('scans backwards ("may exist") when no day is inside the window', () => {
    expect(planFromHistory(days, today + 10 * DAY, 90)).toEqual({ kind: 'may', iteration: 24, day: '2022-06-02' });
  });

  it('keeps everything for a retention that never deletes, and knows nothing without days', () => {
    expect(firstExpectedDay(today, null)).toBeNull();
    expect(planFromHistory(days, today, null)).toEqual({ kind: 'must', iteration: 15, day: '2022-05-30' });
    expect(planFromHistory({}, today, 90)).toEqual({ kind: 'none' });
  });

  it('merges days (an incremental run) and keeps only the window, or the latest day when none is in it', () => {
    const merged = nextHistoryDays(days, { '2022-06-02': { first_iteration: 24, last_iteration: 41 }, '2022-08-30': { first_iteration: 42, last_iteration: 50 } }, today, 90);
    expect(merged).toEqual({ '2022-06-01': days['2022-06-01'], '2022-06-02': { first_iteration: 24, last_iteration: 41 }, '2022-08-30': { first_iteration: 42, last_iteration: 50 } });
    expect(nextHistoryDays(days, {}, today + 400 * DAY, 90)).toEqual({ '2022-06-02': days['2022-06-02'] });
    expect(utcDay(Date.UTC(2022, 0, 1, 23, 59))).toBe('2022-01-01');
  });
});
