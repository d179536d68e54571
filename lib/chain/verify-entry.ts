import { timingSafeEqual } from 'node:crypto';
import { isHash } from './chain-head';
import { isPlainObject } from './json-value';
import { assertKey, stepUnchecked, wipeKey } from './key-material';
import { BLOCKCHAIN_FIELD } from './select-fields';
import { FORMAT_VERSION, macBytes, signingMessage } from './signing-message';

/**
 * One stored log's `ES_BLOCKCHAIN`, as read back from Elasticsearch. Everything except the
 * iteration (needed to order entries) is kept as found: stored records are attacker-controlled
 * and are judged by {@link checkEntries}, not trusted.
 */
export interface VerifyEntry {
  readonly iteration: number;
  readonly hash: unknown;
  readonly previousHash: unknown;
  readonly timestampMs: unknown;
  readonly fields: unknown;
  readonly version: unknown;
}

/**
 * Extracts a {@link VerifyEntry} from a stored document, or explains why it cannot be placed in
 * the chain (no `ES_BLOCKCHAIN`, or an iteration that is not a non-negative integer). Such a
 * document is absent from the sequence, so its iteration shows up as missing.
 */
export function entryFromDocument(doc: unknown): { entry: VerifyEntry } | { problem: string } {
  if (!isPlainObject(doc)) return { problem: 'document is not an object' };
  const bc = doc[BLOCKCHAIN_FIELD];
  if (!isPlainObject(bc)) return { problem: `document has no ${BLOCKCHAIN_FIELD} object` };
  const iteration = bc.iteration;
  if (typeof iteration !== 'number' || !Number.isSafeInteger(iteration) || iteration < 0) {
    return { problem: `${BLOCKCHAIN_FIELD}.iteration is not a non-negative integer` };
  }
  return { entry: { iteration, hash: bc.hash, previousHash: bc.previous_hash, timestampMs: bc.timestamp_ms, fields: bc.fields, version: bc.version } };
}

/** The MAC verdict for one entry. `ok`: the stored hash is the MAC of the stored content. */
export interface EntryCheck {
  readonly iteration: number;
  readonly status: 'ok' | 'mismatch' | 'unverifiable';
  /** The stored hash when it is well-formed, else null. */
  readonly storedHash: string | null;
  /** The stored hash as text for reports (malformed values included, truncated). */
  readonly foundHash: string;
  /** The recomputed hash, or null when the content cannot be canonicalized or the key is out of reach. */
  readonly expectedHash: string | null;
  /** The claimed previous hash when well-formed (or null at iteration 0 / when malformed). */
  readonly previousHash: string | null;
  readonly previousHashValid: boolean;
}

export interface CheckOptions {
  /** The key for `iteration` (usually the first entry's iteration). Not modified. */
  readonly key: Uint8Array;
  readonly iteration: number;
  /**
   * Most key steps taken between two consecutive entries (default 10,000,000). A tampered
   * iteration such as 10^15 would otherwise make the verifier hash for years; entries beyond
   * the limit are reported `unverifiable` instead.
   */
  readonly maxGap?: number;
}

/**
 * Recomputes the MAC of each entry (entries sorted by iteration, duplicates adjacent), stepping
 * the key forward from `options.key`. Pure and self-contained so that worker threads can run
 * it on independent pages; linking entries to each other is {@link createSequenceVerifier}'s job.
 *
 * @throws {TypeError}/{RangeError} for a malformed key or options, or entries out of order.
 */
export function checkEntries(entries: readonly VerifyEntry[], options: CheckOptions): EntryCheck[] {
  assertKey(options.key);
  if (!Number.isSafeInteger(options.iteration) || options.iteration < 0) throw new RangeError('iteration must be a non-negative integer');
  const maxGap = options.maxGap ?? 10_000_000;
  if (!(maxGap >= 0)) throw new RangeError('maxGap must be non-negative');
  const out: EntryCheck[] = new Array(entries.length);
  let key = options.key;
  let at = options.iteration;
  try {
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i] as VerifyEntry;
      if (!Number.isSafeInteger(e.iteration) || e.iteration < at) throw new RangeError(`entry ${i}: iteration ${String(e.iteration)} is out of order`);
      if (e.iteration - at > maxGap) {
        // Beyond maxGap means iteration > 0, where a previous hash must be a hash.
        out[i] = verdict(e, 'unverifiable', null, isHash(e.previousHash));
        continue;
      }
      while (at < e.iteration) {
        const next = stepUnchecked(key);
        if (key !== options.key) wipeKey(key);
        key = next;
        at++;
      }
      out[i] = checkOne(e, key);
    }
  } finally {
    if (key !== options.key) wipeKey(key);
  }
  return out;
}

function checkOne(e: VerifyEntry, key: Uint8Array): EntryCheck {
  const prevOk = e.iteration === 0 ? e.previousHash === null : isHash(e.previousHash);
  const tsOk = typeof e.timestampMs === 'number' && Number.isSafeInteger(e.timestampMs) && e.timestampMs >= 0;
  if (!prevOk || !tsOk || !isPlainObject(e.fields) || e.version !== FORMAT_VERSION) return verdict(e, 'mismatch', null, prevOk);
  let mac: Buffer;
  try {
    mac = macBytes(key, signingMessage({ fields: e.fields, iteration: e.iteration, previousHash: e.previousHash as string | null, timestampMs: e.timestampMs as number }));
  } catch {
    return verdict(e, 'mismatch', null, prevOk); // stored fields outside the JSON model cannot have been signed
  }
  const ok = isHash(e.hash) && timingSafeEqual(mac, Buffer.from(e.hash, 'hex'));
  // On a match the recomputed hash is the stored one: no need to hex-encode it again.
  return verdict(e, ok ? 'ok' : 'mismatch', ok ? (e.hash as string) : mac.toString('hex'), prevOk);
}

function verdict(e: VerifyEntry, status: EntryCheck['status'], expectedHash: string | null, previousHashValid: boolean): EntryCheck {
  const storedHash = status === 'ok' ? (e.hash as string) : isHash(e.hash) ? e.hash : null;
  return {
    iteration: e.iteration,
    status,
    storedHash,
    foundHash: typeof e.hash === 'string' ? e.hash.slice(0, 128) : `<${e.hash === null ? 'null' : typeof e.hash}>`,
    expectedHash,
    previousHash: previousHashValid ? (e.previousHash as string | null) : null,
    previousHashValid,
  };
}
