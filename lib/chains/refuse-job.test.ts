import { describe, expect, it } from 'vitest';
import { refuseJob } from './refuse-job';

describe('refuseJob', () => {
  it('admits a request that fits, up to the limit exactly', () => {
    expect(refuseJob('c', 0, 10, 10)).toBeNull();
    expect(refuseJob('c', 6, 4, 10)).toBeNull();
  });

  it('refuses a full queue with 429, naming the chain and what waits', () => {
    const err = refuseJob('elproxysigned-acme-6_months-0', 8, 4, 10);
    expect(err?.code).toBe('ERR_CHAINS_QUEUE_FULL');
    expect(err?.status).toBe(429);
    expect(err?.message).toContain('elproxysigned-acme-6_months-0');
    expect(err?.message).toContain('8 logs waiting');
  });

  it('says what to change when a request can never fit', () => {
    const err = refuseJob('c', 0, 11, 10);
    expect(err?.status).toBe(429);
    expect(err?.message).toMatch(/holds 11 logs .*raise message_queue_size or send smaller batches/);
  });
});
