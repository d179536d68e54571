import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalize } from './canonicalize';
import { isHash } from './chain-head';
import { decodeCorruptionId } from './corruption-id';
import { isPlainObject } from './json-value';
import { assertKey } from './key-material';

/**
 * An acknowledgement of a corruption (SPEC §8, reference §9), as stored in
 * `acknowledge-{module}-{customer}-{retention}-{tag}`. It records who acknowledged what, when and
 * why, and carries an HMAC so that it cannot be forged or edited without the chain's key.
 */
export interface Acknowledgement {
  corruption_id: string;
  from_iteration: number;
  to_iteration: number;
  previous_hash: string | null;
  next_hash?: string | null;
  acknowledge_blockchain_id: string;
  description: string;
  reason: string;
  acknowledged_by: string;
  acknowledged_at_ms: number;
  version: 1;
  hash: string;
}

export type AcknowledgementInput = Pick<Acknowledgement, 'corruption_id' | 'description' | 'reason' | 'acknowledged_by' | 'acknowledged_at_ms'>;

const ACK_DOMAIN = 'signet acknowledgement v1';
const MAX_TEXT = 4096;

/**
 * The acknowledgement key: `hex(HMAC-SHA256(key[from_iteration], "signet acknowledgement v1"))`.
 * Derived, not reused: each chain key signs exactly one log (SPEC §4), and the domain string
 * keeps acknowledgement MACs apart from log MACs. Only the holder of the iteration-0 key can
 * derive `key[from_iteration]` for past iterations, so only the auditor can acknowledge.
 */
export function acknowledgementKey(keyAtFrom: Uint8Array): Buffer {
  assertKey(keyAtFrom);
  return Buffer.from(createHmac('sha256', keyAtFrom).update(ACK_DOMAIN).digest('hex'), 'latin1');
}

/**
 * Builds a signed acknowledgement for a CorruptionId.
 * @param keyAtFrom the chain key of the corruption's `from_iteration` (derived from the iteration-0 key).
 * @throws {TypeError}/{RangeError} for an invalid CorruptionId, empty `acknowledged_by`, texts over 4096 characters or a bad timestamp.
 */
export function signAcknowledgement(input: AcknowledgementInput, keyAtFrom: Uint8Array): Acknowledgement {
  const c = decodeCorruptionId(input.corruption_id);
  for (const f of ['description', 'reason', 'acknowledged_by'] as const) {
    if (typeof input[f] !== 'string') throw new TypeError(`${f} must be a string`);
    if (input[f].length > MAX_TEXT) throw new RangeError(`${f} is longer than ${MAX_TEXT} characters`);
  }
  if (input.acknowledged_by.trim() === '') throw new RangeError('acknowledged_by must name who acknowledges');
  if (!Number.isSafeInteger(input.acknowledged_at_ms) || input.acknowledged_at_ms < 0) throw new RangeError('acknowledged_at_ms must be a non-negative integer');
  const body: Omit<Acknowledgement, 'hash'> = {
    corruption_id: input.corruption_id.trim(),
    from_iteration: c.from_iteration,
    to_iteration: c.to_iteration,
    previous_hash: c.previous_hash,
    ...(c.next_hash !== undefined ? { next_hash: c.next_hash } : {}),
    acknowledge_blockchain_id: c.acknowledge_blockchain_id,
    description: input.description,
    reason: input.reason,
    acknowledged_by: input.acknowledged_by,
    acknowledged_at_ms: input.acknowledged_at_ms,
    version: 1,
  };
  return { ...body, hash: ackMac(body, keyAtFrom).toString('hex') };
}

/**
 * Whether a stored acknowledgement's MAC is intact (constant-time compare). Any edited member —
 * including a CorruptionId moved to another range or chain — makes it false. Malformed input is
 * false, never an exception: stored acknowledgements are attacker-controlled.
 */
export function acknowledgementHashValid(doc: unknown, keyAtFrom: Uint8Array): boolean {
  if (!isPlainObject(doc) || !isHash(doc.hash)) return false;
  const { hash, ...body } = doc;
  let mac: Buffer;
  try {
    const c = decodeCorruptionId(body.corruption_id as string);
    // The decoded id must agree with the copied members that verification relies on.
    if (c.from_iteration !== body.from_iteration || c.to_iteration !== body.to_iteration || c.previous_hash !== body.previous_hash || c.acknowledge_blockchain_id !== body.acknowledge_blockchain_id) return false;
    mac = ackMac(body, keyAtFrom);
  } catch {
    return false;
  }
  return timingSafeEqual(mac, Buffer.from(hash as string, 'hex'));
}

function ackMac(body: object, keyAtFrom: Uint8Array): Buffer {
  return createHmac('sha256', acknowledgementKey(keyAtFrom)).update(canonicalize(body), 'utf8').digest();
}
