import { describe, expect, it } from 'vitest';
import { RecentCounter } from './recent-counter';

describe('RecentCounter', () => {
  it('sums what was added within the window and forgets older seconds', () => {
    const c = new RecentCounter(60);
    const t0 = 1_700_000_000_000;
    c.add(100, t0);
    c.add(50, t0 + 500);
    c.add(25, t0 + 30_000);
    expect(c.total(t0 + 30_000)).toBe(175);
    expect(c.total(t0 + 59_999)).toBe(175);
    expect(c.total(t0 + 60_000)).toBe(25); // the first second left the window
    c.add(10, t0 + 120_000); // same ring slot as t0: reset, not added to
    expect(c.total(t0 + 120_000)).toBe(10);
    expect(c.total(t0 + 200_000)).toBe(0);
  });

  it('refuses a window that is not a positive whole number of seconds', () => {
    expect(() => new RecentCounter(0)).toThrow(RangeError);
    expect(() => new RecentCounter(1.5)).toThrow(RangeError);
  });
});
