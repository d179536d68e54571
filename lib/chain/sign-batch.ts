import { assertHead, type ChainHead } from './chain-head';
import { ChainError } from './errors';
import { isPlainObject, type JsonObject } from './json-value';
import { stepUnchecked, wipeKey } from './key-material';
import { BLOCKCHAIN_FIELD, selectFields, type FieldSelector } from './select-fields';
import { canonicalSelection } from './canonical-selection';
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

/** `ES_BLOCKCHAIN` without `fields`: what signing adds to a log whose canonical fields are known. */
export type ChainLink = Omit<EsBlockchain, 'fields'>;

/**
 * `JCS(selectFields(log, selector))`: the exact text a log's MAC covers. Ingest computes it when
 * a log arrives (possibly on a worker thread) so that signing on the chain's thread is only the
 * key chain and the MACs ({@link signCanonical}).
 * @throws {TypeError} when `log` cannot be signed ({@link unsignableReason}) or a selected field is
 *   outside the JSON model; {RangeError} for a number with no canonical form or nesting too deep.
 * @example canonicalFieldsOf({ message: 'hi', other: 1 }, compileFieldSelector(['message'])) // '{"message":"hi"}'
 */
export function canonicalFieldsOf(log: unknown, selector: FieldSelector): string {
  const reason = unsignableReason(log);
  if (reason !== null) throw new TypeError(reason);
  return flattened(canonicalSelection(log as JsonObject, selector));
}

function canonicalText(fields: JsonObject): string {
  return flattened(canonicalize(fields));
}

function flattened(text: string): string {
  // Reading a character flattens the rope V8 built while writing it (in place). It is kept
  // with the signed log; unflattened, its many string nodes survive young-generation GC.
  text.charCodeAt(0);
  return text;
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
  if (!Array.isArray(logs)) throw new TypeError('logs must be an array');
  checkSigning(head, logs.length, options.timestampMs);
  const { selector } = options;
  const texts: string[] = new Array(logs.length);
  const fields: JsonObject[] = new Array(logs.length);
  for (let i = 0; i < logs.length; i++) {
    const log = logs[i] as JsonObject;
    const reason = unsignableReason(log);
    if (reason !== null) throw new TypeError(`log ${i}: ${reason}`);
    const selected = selectFields(log, selector);
    fields[i] = selected;
    texts[i] = canonicalText(selected);
  }
  const r = chainLinks(head, texts, options.timestampMs);
  const signed = r.links.map((link, i) => new SignedLog(logs[i] as JsonObject, { fields: fields[i] as JsonObject, ...link }, texts[i] as string));
  return { signed, head: r.head };
}

/**
 * {@link signBatch} for logs whose canonical fields were computed already
 * ({@link canonicalFieldsOf}, with the selector the caller signs with): link k covers
 * `canonicalFields[k]`. The texts are trusted to be canonical JSON objects (they are covered by
 * the MACs exactly as given and stored as `ES_BLOCKCHAIN.fields`).
 * @throws like {@link signBatch} for the head and options; {TypeError} for a text that is not a
 *   string holding a JSON object's text. On a throw nothing is signed and `head` is intact.
 * @example signCanonical(head, ['{"message":"hi"}'], { timestampMs: 1700000000000 }).links[0].iteration // head.iteration
 */
export function signCanonical(head: ChainHead, canonicalFields: readonly string[], options: { readonly timestampMs: number }): { links: ChainLink[]; head: ChainHead } {
  if (!Array.isArray(canonicalFields)) throw new TypeError('canonicalFields must be an array');
  checkSigning(head, canonicalFields.length, options.timestampMs);
  canonicalFields.forEach((t, i) => {
    if (typeof t !== 'string' || t.charCodeAt(0) !== 0x7b || t.charCodeAt(t.length - 1) !== 0x7d) throw new TypeError(`canonicalFields ${i}: not the text of a JSON object`);
  });
  return chainLinks(head, canonicalFields, options.timestampMs);
}

function checkSigning(head: ChainHead, count: number, timestampMs: number): void {
  assertHead(head);
  if (!Number.isSafeInteger(timestampMs) || timestampMs < 0) throw new RangeError('timestampMs must be a non-negative integer');
  if (!Number.isSafeInteger(head.iteration + count)) throw new ChainError('ERR_CHAIN_STATE', 'the chain is exhausted: iteration would exceed 2^53 - 1');
}

/** The key chain and the MACs (inputs checked by the callers). Wipes every intermediate key. */
function chainLinks(head: ChainHead, texts: readonly string[], timestampMs: number): { links: ChainLink[]; head: ChainHead } {
  const links: ChainLink[] = new Array(texts.length);
  let key = head.key;
  let previousHash = head.previousHash;
  let iteration = head.iteration;
  for (let i = 0; i < texts.length; i++) {
    const hash = macHex(key, envelope(texts[i] as string, iteration, previousHash, timestampMs));
    links[i] = { hash, previous_hash: previousHash, iteration, timestamp_ms: timestampMs, version: FORMAT_VERSION };
    const next = stepUnchecked(key);
    if (key !== head.key) wipeKey(key);
    key = next;
    previousHash = hash;
    iteration++;
  }
  // An empty batch returns an independent copy so that wiping one head never wipes the other.
  return { links, head: { key: key === head.key ? Uint8Array.from(key) : key, iteration, previousHash } };
}
