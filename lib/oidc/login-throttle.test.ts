import { describe, expect, it } from 'vitest';
import { createLoginThrottle } from '.';

describe('login throttle', () => {
  it('locks a username after 5 failures for a doubling wait, and forgets it after a success', () => {
    let t = 0;
    const th = createLoginThrottle(() => t);
    for (let i = 0; i < 4; i++) th.record('alice', false);
    expect(th.allowed('alice')).toBe(true);
    th.record('alice', false);
    expect(th.allowed('alice')).toBe(false);
    expect(th.allowed('bob')).toBe(true);
    t = 30_000;
    expect(th.allowed('alice')).toBe(true);
    th.record('alice', false);
    t = 30_000 + 59_999;
    expect(th.allowed('alice')).toBe(false);
    t = 30_000 + 60_000;
    th.record('alice', true);
    th.record('alice', false);
    expect(th.allowed('alice')).toBe(true);
  });
});
