import { hash } from 'node:crypto';

/**
 * Keys are 64 lowercase hex characters (SPEC §4). lib/chain holds them as the 64 ASCII bytes of
 * that text — exactly the bytes HMAC and the evolution step consume — in a Uint8Array that can be
 * wiped. (A JS string cannot be wiped; strings appear only at the edges, e.g. the key file.)
 */
export const KEY_LENGTH = 64;
const HEX_KEY = /^[0-9a-f]{64}$/;

/**
 * Parses a key's hex text into key bytes.
 * @throws {TypeError} when `hex` is not a string. @throws {RangeError} when it is not 64 lowercase hex characters.
 * @example keyFromHex('00'.repeat(32))
 */
export function keyFromHex(hex: string): Uint8Array {
  if (typeof hex !== 'string') throw new TypeError('key must be a string');
  if (!HEX_KEY.test(hex)) throw new RangeError('key must be 64 lowercase hexadecimal characters');
  return Buffer.from(hex, 'latin1');
}

/** The key's hex text (for the key file). @throws {RangeError} for a malformed or wiped key. */
export function keyToHex(key: Uint8Array): string {
  assertKey(key);
  return Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('latin1');
}

/**
 * Key evolution: `key[n+1] = hex(SHA-256(key[n]))` (SPEC §4, El Proxy's documented step).
 * Returns a new buffer; the caller wipes the old one when it is spent.
 * @example keyToHex(nextKey(keyFromHex(k0)))
 */
export function nextKey(key: Uint8Array): Uint8Array {
  assertKey(key);
  return stepUnchecked(key);
}

/** One evolution step without re-validating `key` (hot loops that already own valid keys). */
export function stepUnchecked(key: Uint8Array): Uint8Array {
  // One-shot crypto.hash (Node ≥ 20.12) costs half of createHash() for 64 bytes.
  return Buffer.from(hash('sha256', key, 'hex'), 'latin1');
}

/**
 * `key[start + steps]` from `key[start]`, wiping every intermediate key.
 * @throws {RangeError} when `steps` is not a non-negative safe integer.
 */
export function deriveKey(key: Uint8Array, steps: number): Uint8Array {
  assertKey(key);
  if (!Number.isSafeInteger(steps) || steps < 0) throw new RangeError('steps must be a non-negative integer');
  let k: Uint8Array = Buffer.from(key);
  for (let i = 0; i < steps; i++) {
    const n = stepUnchecked(k);
    k.fill(0);
    k = n;
  }
  return k;
}

/** Overwrites a spent key in memory (SPEC §4: a used key is never kept). */
export function wipeKey(key: Uint8Array): void {
  key.fill(0);
}

/** True when `key` has been wiped (a valid key never contains a zero byte). */
export function isWiped(key: Uint8Array): boolean {
  return key.length === KEY_LENGTH && key[0] === 0;
}

/**
 * Checks that `key` holds 64 lowercase hex ASCII bytes.
 * @throws {TypeError} when not a Uint8Array. @throws {RangeError} when malformed or wiped.
 */
export function assertKey(key: Uint8Array): void {
  if (!(key instanceof Uint8Array)) throw new TypeError('key must be a Uint8Array');
  if (key.length !== KEY_LENGTH) throw new RangeError('key must be 64 bytes of lowercase hex text');
  for (let i = 0; i < KEY_LENGTH; i++) {
    const c = key[i] as number;
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) {
      throw new RangeError(c === 0 ? 'key has been wiped (already spent)' : 'key must be 64 bytes of lowercase hex text');
    }
  }
}
