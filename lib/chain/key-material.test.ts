import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { assertHead, headFromKeyFile } from './chain-head';
import { ChainError } from './errors';
import { assertKey, deriveKey, isWiped, keyFromHex, keyToHex, nextKey, stepUnchecked, wipeKey } from './key-material';

const K0 = '0123456789abcdef'.repeat(4);

describe('key material', () => {
  it("reproduces El Proxy's documented evolution step (reference §3.1)", () => {
    // El Proxy's example key is not hex; the step itself is the same function.
    expect(Buffer.from(stepUnchecked(Buffer.from('abcdefghilmno'))).toString()).toBe('d1bf0c925ec44e073f18df0d70857be56578f43f6c150f119e931e85a3ae5cb4');
  });

  it('key[n+1] = hex(sha256(key[n])) and deriveKey equals repeated steps', () => {
    const k1 = keyToHex(nextKey(keyFromHex(K0)));
    expect(k1).toBe(createHash('sha256').update(K0).digest('hex'));
    let k = keyFromHex(K0);
    for (let i = 0; i < 5; i++) k = nextKey(k);
    expect(keyToHex(deriveKey(keyFromHex(K0), 5))).toBe(keyToHex(k));
    expect(keyToHex(deriveKey(keyFromHex(K0), 0))).toBe(K0);
  });

  it('deriveKey leaves its input intact', () => {
    const k = keyFromHex(K0);
    deriveKey(k, 3);
    expect(keyToHex(k)).toBe(K0);
  });

  it('wipes keys and refuses wiped keys', () => {
    const k = keyFromHex(K0);
    expect(isWiped(k)).toBe(false);
    wipeKey(k);
    expect(isWiped(k)).toBe(true);
    expect(() => assertKey(k)).toThrow(/wiped/);
    expect(() => nextKey(k)).toThrow(RangeError);
    expect(isWiped(new Uint8Array(3))).toBe(false);
    expect(() => headFromKeyFile({ key: K0, iteration: 0, previous_hash: null }) && assertHead({ key: k, iteration: 0, previousHash: null })).toThrow(ChainError);
  });

  it.each([
    ['short', 'ab', RangeError],
    ['upper case', K0.toUpperCase(), RangeError],
    ['non-hex', 'g'.repeat(64), RangeError],
    ['65 chars', K0 + '0', RangeError],
    ['number', 5, TypeError],
  ])('keyFromHex rejects %s', (_n, v, type) => {
    expect(() => keyFromHex(v as string)).toThrow(type);
  });

  it.each([
    ['not bytes', 'x'.repeat(64), TypeError],
    ['wrong length', new Uint8Array(32), RangeError],
    ['non-hex byte', Buffer.from('G'.repeat(64)), RangeError],
  ])('assertKey rejects %s', (_n, v, type) => {
    expect(() => assertKey(v as Uint8Array)).toThrow(type);
    expect(() => keyToHex(v as Uint8Array)).toThrow(type);
  });

  it('deriveKey rejects bad step counts', () => {
    expect(() => deriveKey(keyFromHex(K0), -1)).toThrow(RangeError);
    expect(() => deriveKey(keyFromHex(K0), 1.5)).toThrow(RangeError);
  });
});
