import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * A chain key kept in the state history so that an incremental run does not re-derive
 * `key[L] = SHA-256^L(key[0])` (about 1 µs per log: a second per million logs already verified).
 * It is sealed with AES-256-GCM under `HMAC-SHA256(key[0], "signet state history checkpoint v1")`
 * and bound to the chain and iteration (associated data): only the holder of key[0] can open it,
 * and key[0] already yields every key[L], so the file discloses nothing new. A damaged or
 * swapped checkpoint fails to open, and an opened key is still checked against the boundary
 * log's MAC before use.
 */
export interface KeyCheckpoint {
  iteration: number;
  nonce: string;
  ciphertext: string;
  tag: string;
}

const DOMAIN = 'signet state history checkpoint v1';

function sealingKey(key0: Uint8Array): Buffer {
  return createHmac('sha256', key0).update(DOMAIN).digest();
}

export function sealKey(key0: Uint8Array, key: Uint8Array, chain: string, iteration: number): KeyCheckpoint {
  const k = sealingKey(key0);
  try {
    const nonce = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', k, nonce);
    c.setAAD(Buffer.from(`${chain}:${iteration}`, 'utf8'));
    const ciphertext = Buffer.concat([c.update(key), c.final()]);
    return { iteration, nonce: nonce.toString('hex'), ciphertext: ciphertext.toString('hex'), tag: c.getAuthTag().toString('hex') };
  } finally {
    k.fill(0);
  }
}

/** The sealed key, or null when the checkpoint does not open (damaged, another chain or key). */
export function openKey(key0: Uint8Array, cp: KeyCheckpoint, chain: string): Uint8Array | null {
  const k = sealingKey(key0);
  try {
    const d = createDecipheriv('aes-256-gcm', k, Buffer.from(cp.nonce, 'hex'));
    d.setAAD(Buffer.from(`${chain}:${cp.iteration}`, 'utf8'));
    d.setAuthTag(Buffer.from(cp.tag, 'hex'));
    const out = Buffer.concat([d.update(Buffer.from(cp.ciphertext, 'hex')), d.final()]);
    return out.length === 64 ? Uint8Array.from(out) : null;
  } catch {
    return null;
  } finally {
    k.fill(0);
  }
}
