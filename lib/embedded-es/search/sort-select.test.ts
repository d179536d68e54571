import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectFirst } from './sort';

// A plain search selects its first from + size hits instead of sorting all candidates: the
// selection must equal the head of a stable sort, ties and all.

describe('selectFirst', () => {
  it('equals the first `limit` of a stable sort, for any keys (many ties) and limits', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), fc.integer({ min: 0, max: 320 }), fc.boolean(), (keys, limit, desc) => {
        const cmp = (a: number, b: number) => (desc ? (keys[b] as number) - (keys[a] as number) : (keys[a] as number) - (keys[b] as number));
        const sorted = keys.map((_, i) => i).sort(cmp);
        expect(selectFirst(keys.length, limit, cmp)).toEqual(sorted.slice(0, limit));
      }),
      { numRuns: 300 },
    );
  });

  it('compares each candidate about once when it cannot enter the window', () => {
    let calls = 0;
    const n = 100_000;
    // Descending keys sorted ascending: every candidate is better than the window's last.
    const cmp = (a: number, b: number) => (calls++, b - a);
    expect(selectFirst(n, 1, cmp)).toEqual([n - 1]);
    expect(calls).toBeLessThan(3 * n);
    calls = 0;
    expect(selectFirst(n, 1, (a, b) => (calls++, a - b))).toEqual([0]);
    expect(calls).toBeLessThan(n + 1);
  });
});
