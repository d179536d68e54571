import { describe, expect, it } from 'vitest';
import { takeBatch } from './take-batch';

describe('takeBatch', () => {
  it('takes from the front while the sizes fit, and leaves the rest in order', () => {
    const q = [2, 3, 4, 1];
    expect(takeBatch(q, (n) => n, 6)).toEqual([2, 3]);
    expect(q).toEqual([4, 1]);
  });

  it('always takes one entry, even one larger than the limit', () => {
    const q = [10, 1];
    expect(takeBatch(q, (n) => n, 5)).toEqual([10]);
    expect(q).toEqual([1]);
  });

  it('stops at the first entry that does not fit (never reorders)', () => {
    const q = [3, 5, 1];
    expect(takeBatch(q, (n) => n, 4)).toEqual([3]);
    expect(q).toEqual([5, 1]);
  });

  it('returns nothing from an empty queue', () => {
    expect(takeBatch([], (n: number) => n, 4)).toEqual([]);
  });
});
