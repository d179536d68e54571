import { isHash } from './chain-head';
import { isPlainObject } from './json-value';
import { parseJson } from './parse-json';

/**
 * What a CorruptionId identifies (reference §8.7). Member order matters for byte compatibility
 * with El Proxy's published ids: from_iteration, to_iteration, previous_hash, [next_hash],
 * acknowledge_blockchain_id. `next_hash` is present for missing-log ranges (null when nothing
 * follows the gap) and absent for a single bad log.
 */
export interface CorruptionIdData {
  from_iteration: number;
  to_iteration: number;
  previous_hash: string | null;
  next_hash?: string | null;
  acknowledge_blockchain_id: string;
}

const ACK_ID = /^acknowledge-[a-z0-9_.]+(?:-[a-z0-9_.]+){3}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const MAX_ID_LENGTH = 4096;

/**
 * Encodes as El Proxy does: standard base64 (with padding) of compact JSON.
 * @throws {TypeError}/{RangeError} when `data` is not a valid corruption description.
 * @example encodeCorruptionId({ from_iteration: 16, to_iteration: 16, previous_hash: '05…', acknowledge_blockchain_id: 'acknowledge-elproxysigned-neteye-one_week-0' })
 */
export function encodeCorruptionId(data: CorruptionIdData): string {
  const problem = corruptionProblem(data);
  if (problem !== null) throw new RangeError(`invalid corruption: ${problem}`);
  const ordered: Record<string, unknown> = {
    from_iteration: data.from_iteration,
    to_iteration: data.to_iteration,
    previous_hash: data.previous_hash,
  };
  if (data.next_hash !== undefined) ordered.next_hash = data.next_hash;
  ordered.acknowledge_blockchain_id = data.acknowledge_blockchain_id;
  return Buffer.from(JSON.stringify(ordered), 'utf8').toString('base64');
}

/**
 * Decodes and validates a CorruptionId (user input: every member is checked).
 * @throws {TypeError} when `id` is not a string.
 * @throws {RangeError} with a message naming what is wrong (not base64, not JSON, a bad member).
 */
export function decodeCorruptionId(id: string): CorruptionIdData {
  if (typeof id !== 'string') throw new TypeError('CorruptionId must be a string');
  const trimmed = id.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_ID_LENGTH || !BASE64.test(trimmed)) {
    throw new RangeError('CorruptionId is not standard base64');
  }
  let value: unknown;
  try {
    value = parseJson(Buffer.from(trimmed, 'base64').toString('utf8'), { maxDepth: 2 });
  } catch {
    throw new RangeError('CorruptionId does not decode to JSON');
  }
  if (!isPlainObject(value)) throw new RangeError('CorruptionId does not decode to a JSON object');
  const known = new Set(['from_iteration', 'to_iteration', 'previous_hash', 'next_hash', 'acknowledge_blockchain_id']);
  const extra = Object.keys(value).find((k) => !known.has(k));
  if (extra !== undefined) throw new RangeError(`CorruptionId has an unknown member "${extra}"`);
  const data = value as unknown as CorruptionIdData;
  const problem = corruptionProblem(data);
  if (problem !== null) throw new RangeError(`CorruptionId ${problem}`);
  return data;
}

function corruptionProblem(d: CorruptionIdData): string | null {
  if (!isPlainObject(d)) return 'must be an object';
  if (!Number.isSafeInteger(d.from_iteration) || d.from_iteration < 0) return 'from_iteration must be a non-negative integer';
  if (!Number.isSafeInteger(d.to_iteration) || d.to_iteration < d.from_iteration) return 'to_iteration must be an integer ≥ from_iteration';
  if (d.previous_hash !== null && !isHash(d.previous_hash)) return 'previous_hash must be null or a 64-hex hash';
  if (d.from_iteration === 0 && d.previous_hash !== null) return 'previous_hash must be null when the range starts at iteration 0';
  if (d.next_hash !== undefined && d.next_hash !== null && !isHash(d.next_hash)) return 'next_hash must be null or a 64-hex hash';
  if (typeof d.acknowledge_blockchain_id !== 'string' || !ACK_ID.test(d.acknowledge_blockchain_id)) {
    return 'acknowledge_blockchain_id must look like acknowledge-{module}-{customer}-{retention}-{tag}';
  }
  return null;
}
