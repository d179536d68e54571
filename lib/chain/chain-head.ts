import { ChainError } from './errors';
import { assertKey, isWiped, keyFromHex, keyToHex } from './key-material';

const HEX_HASH = /^[0-9a-f]{64}$/;

/**
 * The state needed to sign the next log of a chain — the content of El Proxy's key file
 * `{"key", "iteration", "previous_hash"}`: `key` is the key for `iteration`, `previousHash` the
 * hash of log `iteration - 1` (null only at iteration 0).
 */
export interface ChainHead {
  readonly key: Uint8Array;
  readonly iteration: number;
  readonly previousHash: string | null;
}

/** The key file's JSON shape (SPEC §7). */
export interface KeyFileContent {
  key: string;
  iteration: number;
  previous_hash: string | null;
}

/** True when `h` is 64 lowercase hex characters (a stored `hash`/`previous_hash`). */
export function isHash(h: unknown): h is string {
  return typeof h === 'string' && HEX_HASH.test(h);
}

/**
 * Checks a head's invariants.
 * @throws {ChainError} `ERR_CHAIN_STATE` for a spent head (its key was wiped after use).
 * @throws {TypeError}/{RangeError} naming any other broken invariant.
 */
export function assertHead(head: ChainHead): void {
  if (typeof head !== 'object' || head === null) throw new TypeError('head must be an object');
  if (head.key instanceof Uint8Array && isWiped(head.key)) throw new ChainError('ERR_CHAIN_STATE', 'this chain head is spent: its key was wiped after use');
  assertKey(head.key);
  if (!Number.isSafeInteger(head.iteration) || head.iteration < 0) throw new RangeError('head.iteration must be a non-negative integer');
  if (head.iteration === 0 ? head.previousHash !== null : !isHash(head.previousHash)) {
    throw new RangeError('head.previousHash must be null at iteration 0 and a 64-hex hash after');
  }
}

/** The head of a brand-new chain from a fresh iteration-0 key (the key itself comes from a CSPRNG outside lib/chain). */
export function genesisHead(key0: Uint8Array): ChainHead {
  const head = { key: key0, iteration: 0, previousHash: null };
  assertHead(head);
  return head;
}

/** Parses and checks key-file content. @throws {TypeError}/{RangeError} on any malformed member. */
export function headFromKeyFile(content: unknown): ChainHead {
  if (typeof content !== 'object' || content === null || Array.isArray(content)) throw new TypeError('key file must hold a JSON object');
  const c = content as Record<string, unknown>;
  const head = { key: keyFromHex(c.key as string), iteration: c.iteration as number, previousHash: (c.previous_hash ?? null) as string | null };
  assertHead(head);
  return head;
}

/** The key-file JSON for a head. */
export function headToKeyFile(head: ChainHead): KeyFileContent {
  assertHead(head);
  return { key: keyToHex(head.key), iteration: head.iteration, previous_hash: head.previousHash };
}

/** A copy with its own key buffer, so the original can be wiped independently (rollback snapshots). */
export function cloneHead(head: ChainHead): ChainHead {
  assertHead(head);
  return { key: Uint8Array.from(head.key), iteration: head.iteration, previousHash: head.previousHash };
}
