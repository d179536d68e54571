import { describe, expect, it } from 'vitest';
import { deriveKey, keyFromHex, keyToHex } from '../chain';
import { openKey, sealKey } from './seal-key';

const key0 = keyFromHex('1f'.repeat(32));

describe('the sealed key checkpoint of the state history', () => {
  it('opens only with the same key[0], chain and iteration, and never shows the key', () => {
    const k = deriveKey(key0, 42);
    const cp = sealKey(key0, k, 'elproxysigned-acme-6_months-0', 42);
    expect(JSON.stringify(cp)).not.toContain(keyToHex(k));
    expect(keyToHex(openKey(key0, cp, 'elproxysigned-acme-6_months-0')!)).toBe(keyToHex(k));
    expect(openKey(keyFromHex('2e'.repeat(32)), cp, 'elproxysigned-acme-6_months-0')).toBeNull();
    expect(openKey(key0, cp, 'elproxysigned-other-6_months-0')).toBeNull();
    expect(openKey(key0, { ...cp, iteration: 43 }, 'elproxysigned-acme-6_months-0')).toBeNull();
    const flipped = (cp.ciphertext[0] === '0' ? '1' : '0') + cp.ciphertext.slice(1);
    expect(openKey(key0, { ...cp, ciphertext: flipped }, 'elproxysigned-acme-6_months-0')).toBeNull();
    expect(openKey(key0, { ...cp, tag: 'zz' }, 'elproxysigned-acme-6_months-0')).toBeNull();
  });
});
