import { describe, expect, it } from 'vitest';
import { SIGNED_WINDOW_SECS } from './commit-types';
import { DeliveryStats } from './delivery-stats';

describe('DeliveryStats', () => {
  it('counts processed_logs by fate, the last delivery time, and the logs of the rate window', () => {
    const counted: [string, number][] = [];
    let now = 1_000_000;
    const stats = new DeliveryStats({ logsProcessed: (r, n) => void counted.push([r, n]) }, () => now);
    expect(stats.lastCommitMs).toBe(0);
    stats.record(['indexed', 'dlq', 'indexed']);
    expect(counted).toEqual([['indexed', 2], ['dlq', 1]]);
    expect(stats.lastCommitMs).toBe(1_000_000);
    now += 1000;
    stats.record(['indexed']);
    expect(counted.at(-1)).toEqual(['indexed', 1]); // no dlq series for a delivery without one
    expect(stats.signedLastWindow()).toBe(4);
    now += (SIGNED_WINDOW_SECS + 2) * 1000;
    expect(stats.signedLastWindow()).toBe(0);
  });
});
