import { canonicalize } from './canonicalize';
import { createHmac } from 'node:crypto';

import { SIGNING_FORMAT_VERSION } from '../shared/signing-format';

/** The signing-format version written to `ES_BLOCKCHAIN.version` and into every MAC input. */
export const FORMAT_VERSION = SIGNING_FORMAT_VERSION;

/** What the MAC of one log covers (SPEC §4). */
export interface SigningInput {
  readonly fields: unknown;
  readonly iteration: number;
  readonly previousHash: string | null;
  readonly timestampMs: number;
}

/**
 * The exact MAC input: `JCS({"fields", "iteration", "previous_hash", "timestamp_ms", "version": 1})`.
 * The five member names are already in JCS order, so the envelope is written directly and only
 * `fields` goes through the general canonicalizer.
 * @throws {TypeError}/{RangeError} when `fields` is not canonicalizable (see `canonicalize`).
 */
export function signingMessage(input: SigningInput): string {
  return envelope(canonicalize(input.fields), input.iteration, input.previousHash, input.timestampMs);
}

/**
 * The MAC input around already-canonical `fields` text. Callers guarantee iteration and
 * timestamp are non-negative safe integers and previousHash is null or 64 hex characters, so
 * each is its own canonical form.
 */
export function envelope(canonicalFields: string, iteration: number, previousHash: string | null, timestampMs: number): string {
  const prev = previousHash === null ? 'null' : '"' + previousHash + '"';
  return '{"fields":' + canonicalFields + ',"iteration":' + iteration + ',"previous_hash":' + prev + ',"timestamp_ms":' + timestampMs + ',"version":' + FORMAT_VERSION + '}';
}

/** HMAC-SHA256 keyed with the key's 64 ASCII bytes over the UTF-8 message, as 32 raw bytes. */
export function macBytes(key: Uint8Array, message: string): Buffer {
  return createHmac('sha256', key).update(message, 'utf8').digest();
}

/** {@link macBytes} as 64 lowercase hex characters (the stored `hash`). */
export function macHex(key: Uint8Array, message: string): string {
  return createHmac('sha256', key).update(message, 'utf8').digest('hex');
}
