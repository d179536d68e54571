import { assertHead, type ChainHead } from './chain-head';
import { ChainError } from './errors';
import { isPlainObject, type JsonObject } from './json-value';
import { stepUnchecked, wipeKey } from './key-material';
import { BLOCKCHAIN_FIELD, selectFields, type FieldSelector } from './select-fields';
import { canonicalize } from './canonicalize';
import { FORMAT_VERSION, envelope, macHex } from './signing-message';

/** `ES_BLOCKCHAIN` as stored with each log (El Proxy's names plus `version`). */
export interface EsBlockchain {
  fields: JsonObject;
  hash: string;
  previous_hash: string | null;
  iteration: number;
  timestamp_ms: number;
  version: typeof FORMAT_VERSION;
}

/**
 * One signed log. `document` (the received log plus `ES_BLOCKCHAIN`) is built on first access:
 * the ingest path writes the received bytes with `ES_BLOCKCHAIN` spliced in and never needs it.
 */
export class SignedLog {
  constructor(
    /** The log as received (not modified). */
    readonly log: JsonObject,
    readonly blockchain: EsBlockchain,
    /** `JCS(blockchain.fields)`: the exact bytes the MAC covers; also valid JSON for storing `fields`. */
    readonly canonicalFields: string,
  ) {}

  /** The received log with `ES_BLOCKCHAIN` added (a shallow copy; nested values are shared). */
  get document(): JsonObject {
    return { ...this.log, [BLOCKCHAIN_FIELD]: this.blockchain as unknown as JsonObject };
  }
}

export interface SignBatchOptions {
  readonly selector: FieldSelector;
  /** Signature time written to `timestamp_ms` (a parameter: lib/chain reads no clock). */
  readonly timestampMs: number;
}

/**
 * Why `log` cannot be signed, or null. Ingest uses it to route such a log to the DLQ's rejected
 * area instead of failing the whole batch; {@link signBatch} refuses such logs outright.
 */
export function unsignableReason(log: unknown): string | null {
  if (!isPlainObject(log)) return 'a log must be a JSON object';
  if (Object.prototype.hasOwnProperty.call(log, BLOCKCHAIN_FIELD)) return `the log already contains ${BLOCKCHAIN_FIELD}`;
  return null;
}

/**
 * Signs `logs` in order, starting at `head` (SPEC §4): log k gets iteration `head.iteration + k`,
 * `hash = HMAC(key[iteration], JCS({fields, iteration, previous_hash, timestamp_ms, version}))`,
 * and links to the previous log's hash. Returns the signed documents and the new head.
 *
 * `head` itself is left intact (the caller keeps it to roll back if the batch cannot be made
 * durable, and wipes it once the new head is persisted); every intermediate key is wiped here.
 *
 * @throws {ChainError} `ERR_CHAIN_STATE` for a spent head or an exhausted chain.
 * @throws {TypeError}/{RangeError} for a malformed head or options, a log that is not a plain
 *   object or already has `ES_BLOCKCHAIN`, or selected fields outside the JSON model. Nothing is
 *   returned partially: on a throw no signed log escapes.
 * @example const { signed, head: next } = signBatch(head, [{ message: 'hi' }], { selector, timestampMs: 1700000000000 })
 */
export function signBatch(head: ChainHead, logs: readonly JsonObject[], options: SignBatchOptions): { signed: SignedLog[]; head: ChainHead } {
  assertHead(head);
  if (!Array.isArray(logs)) throw new TypeError('logs must be an array');
  const { selector, timestampMs } = options;
  if (!Number.isSafeInteger(timestampMs) || timestampMs < 0) throw new RangeError('timestampMs must be a non-negative integer');
  if (!Number.isSafeInteger(head.iteration + logs.length)) throw new ChainError('ERR_CHAIN_STATE', 'the chain is exhausted: iteration would exceed 2^53 - 1');

  const signed: SignedLog[] = new Array(logs.length);
  let key = head.key;
  let previousHash = head.previousHash;
  let iteration = head.iteration;
  try {
    for (let i = 0; i < logs.length; i++) {
      const log = logs[i] as JsonObject;
      const reason = unsignableReason(log);
      if (reason !== null) throw new TypeError(`log ${i}: ${reason}`);
      const fields = selectFields(log, selector);
      const canonicalFields = canonicalize(fields);
      // Reading a character flattens the rope V8 built while writing it (in place). It is kept
      // with the signed log; unflattened, its many string nodes survive young-generation GC.
      canonicalFields.charCodeAt(0);
      const hash = macHex(key, envelope(canonicalFields, iteration, previousHash, timestampMs));
      const blockchain: EsBlockchain = { fields, hash, previous_hash: previousHash, iteration, timestamp_ms: timestampMs, version: FORMAT_VERSION };
      signed[i] = new SignedLog(log, blockchain, canonicalFields);
      const next = stepUnchecked(key);
      if (key !== head.key) wipeKey(key);
      key = next;
      previousHash = hash;
      iteration++;
    }
  } catch (err) {
    if (key !== head.key) wipeKey(key);
    throw err;
  }
  // An empty batch returns an independent copy so that wiping one head never wipes the other.
  return { signed, head: { key: key === head.key ? Uint8Array.from(key) : key, iteration, previousHash } };
}
