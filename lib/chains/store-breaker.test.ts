import { describe, expect, it } from 'vitest';
import { BREAKER_MS, StoreBreaker } from './store-breaker';
import type { StorePort } from './ports';

function storeAnswering(up: () => boolean | Error): StorePort & { pings: number } {
  const s = {
    pings: 0,
    deliver: async () => ({ outcome: 'done' as const, items: [] }),
    maxIteration: async () => null,
    ping: async () => {
      s.pings++;
      const a = up();
      if (a instanceof Error) throw a;
      return a;
    },
  };
  return s;
}

describe('StoreBreaker', () => {
  it('allows without a ping while closed', async () => {
    const store = storeAnswering(() => false);
    const b = new StoreBreaker(store, () => 1000);
    expect(await b.allows()).toBe(true);
    expect(store.pings).toBe(0);
  });

  it('after a trip, pings for BREAKER_MS and follows the answer (a ping that throws is "down")', async () => {
    let now = 1000;
    let up: boolean | Error = false;
    const store = storeAnswering(() => up);
    const b = new StoreBreaker(store, () => now);
    b.trip();
    expect(await b.allows()).toBe(false);
    up = new Error('ECONNREFUSED');
    expect(await b.allows()).toBe(false);
    up = true;
    expect(await b.allows()).toBe(true);
    expect(store.pings).toBe(3);
    up = false;
    now += BREAKER_MS;
    expect(await b.allows()).toBe(true); // window over: the next delivery decides
    expect(store.pings).toBe(3);
  });

  it('reset closes it at once', async () => {
    const store = storeAnswering(() => false);
    const b = new StoreBreaker(store, () => 5);
    b.trip();
    b.reset();
    expect(await b.allows()).toBe(true);
    expect(store.pings).toBe(0);
  });
});
