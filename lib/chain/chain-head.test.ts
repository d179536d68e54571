import { describe, expect, it } from 'vitest';
import { assertHead, cloneHead, genesisHead, headFromKeyFile, headToKeyFile, isHash } from './chain-head';
import { keyFromHex, keyToHex, wipeKey } from './key-material';

const K0 = '0123456789abcdef'.repeat(4);
const H = 'ab'.repeat(32);

describe('chain head', () => {
  it('round-trips the key file', () => {
    const head = headFromKeyFile({ key: K0, iteration: 7, previous_hash: H });
    expect(headToKeyFile(head)).toEqual({ key: K0, iteration: 7, previous_hash: H });
    expect(headToKeyFile(genesisHead(keyFromHex(K0)))).toEqual({ key: K0, iteration: 0, previous_hash: null });
    expect(headFromKeyFile({ key: K0, iteration: 0 }).previousHash).toBeNull();
  });

  it.each([
    ['not an object', 'x', TypeError],
    ['null', null, TypeError],
    ['array', [], TypeError],
    ['bad key', { key: 'x', iteration: 0, previous_hash: null }, RangeError],
    ['key not a string', { key: 1, iteration: 0, previous_hash: null }, TypeError],
    ['negative iteration', { key: K0, iteration: -1, previous_hash: null }, RangeError],
    ['fractional iteration', { key: K0, iteration: 1.5, previous_hash: H }, RangeError],
    ['hash at 0', { key: K0, iteration: 0, previous_hash: H }, RangeError],
    ['no hash after 0', { key: K0, iteration: 3, previous_hash: null }, RangeError],
    ['bad hash', { key: K0, iteration: 3, previous_hash: 'zz' }, RangeError],
  ])('rejects key file content: %s', (_n, content, type) => {
    expect(() => headFromKeyFile(content)).toThrow(type);
  });

  it('assertHead rejects a non-object', () => {
    expect(() => assertHead(null as never)).toThrow(TypeError);
  });

  it('clones with an independent key buffer', () => {
    const head = headFromKeyFile({ key: K0, iteration: 2, previous_hash: H });
    const copy = cloneHead(head);
    wipeKey(head.key);
    expect(keyToHex(copy.key)).toBe(K0);
    expect(copy).toMatchObject({ iteration: 2, previousHash: H });
  });

  it('isHash accepts only 64 lowercase hex characters', () => {
    expect(isHash(H)).toBe(true);
    expect(isHash(H.toUpperCase())).toBe(false);
    expect(isHash(null)).toBe(false);
  });
});
