import type { Client } from '@elastic/elasticsearch';
import { acknowledgeBlockchainId, chainIndexPattern, chainName, deriveKey, encodeCorruptionId, signAcknowledgement, wipeKey, type Acknowledgement, type ChainIdentity, type LogError } from '../chain';
import { writeAcknowledgements, type WriteOutcome } from './acknowledgement-writes';
import { chainExists, edgeIteration } from './chain-queries';
import { createCheckPool } from './check-pool';
import { scanChain } from './scan-chain';
import { VerifyError } from './verify-error';

export interface AcknowledgeRangeOptions {
  /** Reads the chain. */
  readonly client: Client;
  /** Writes the acknowledgements (El Proxy: the Acknowledge credential); default `client`. */
  readonly writeClient?: Client;
  readonly chain: ChainIdentity;
  readonly key0: Uint8Array;
  /** Signing-time range: `fromMs` inclusive (with El Proxy's boundary rule), `toMs` exclusive. */
  readonly fromMs: number;
  readonly toMs: number;
  readonly description: string;
  readonly reason: string;
  readonly actor: string;
  readonly nowMs: number;
  readonly workerFile: string | null;
  readonly batchSize?: number;
  readonly concurrentBatches?: number;
  readonly onProgress?: (done: number) => void;
}

export interface AcknowledgeRangeResult {
  readonly chain: string;
  readonly index: string;
  /** Iterations verified (the anchor log before `from` included). */
  readonly fromIteration: number;
  readonly toIteration: number | null;
  readonly corruptions: number;
  readonly outcome: WriteOutcome;
}

/**
 * `signet acknowledge-range` (reference §6.4): verifies the logs signed in [from, to) and writes
 * one signed acknowledgement per corruption found. The range starts at the last log signed
 * before `from` ("the first log prior to that timestamp"), so a hole at the boundary is caught,
 * and reads up to the first log signed at or after `to`, so a hole just before `to` is too.
 * Every acknowledgement is built and signed before anything is written.
 *
 * @throws VerifyError `ERR_VERIFY_INPUT` (empty range, texts), `ERR_VERIFY_UNKNOWN_CHAIN`,
 *   `ERR_VERIFY_WRONG_KEY`, `ERR_VERIFY_STORE`.
 */
export async function acknowledgeRange(o: AcknowledgeRangeOptions): Promise<AcknowledgeRangeResult> {
  if (!(o.fromMs < o.toMs)) throw new VerifyError('ERR_VERIFY_INPUT', '--from must be earlier than --to');
  const name = chainName(o.chain);
  const pattern = chainIndexPattern(o.chain);
  const index = acknowledgeBlockchainId(o.chain);
  // Validate the texts now, with a throwaway key: nothing is read or written for bad input.
  try {
    const probe = encodeCorruptionId({ from_iteration: 0, to_iteration: 0, previous_hash: null, acknowledge_blockchain_id: index });
    signAcknowledgement({ corruption_id: probe, description: o.description, reason: o.reason, acknowledged_by: o.actor, acknowledged_at_ms: o.nowMs }, new Uint8Array(64).fill(0x61));
  } catch (err) {
    throw new VerifyError('ERR_VERIFY_INPUT', (err as Error).message);
  }
  if (!(await chainExists(o.client, pattern))) throw new VerifyError('ERR_VERIFY_UNKNOWN_CHAIN', `unknown chain ${name}: no data stream matches ${pattern}`);
  const anchor = await edgeIteration(o.client, pattern, { order: 'desc', timestampLt: o.fromMs });
  const firstIn = await edgeIteration(o.client, pattern, { order: 'asc', timestampGte: o.fromMs });
  const endLog = await edgeIteration(o.client, pattern, { order: 'asc', timestampGte: o.toMs });
  const start = anchor ?? 0;
  // Corruptions must touch the range: end after the anchor, start before the first log at/after `to`.
  const lo = anchor === null ? 0 : anchor + 1;
  const hi = endLog === null ? Number.MAX_SAFE_INTEGER : endLog - 1;
  if (firstIn === null && anchor === null) throw new VerifyError('ERR_VERIFY_INPUT', `chain ${name} has no logs`);
  const pool = createCheckPool({ workers: o.concurrentBatches ?? 2, workerFile: o.workerFile });
  let errors: LogError[];
  let toIteration: number | null;
  try {
    let done = 0;
    const scan = await scanChain({
      client: o.client,
      pattern,
      key0: o.key0,
      start: { iteration: start, previousHash: start === 0 ? null : undefined, acknowledgeBlockchainId: index },
      ...(endLog !== null ? { untilIteration: endLog } : {}),
      batchSize: o.batchSize ?? 500,
      concurrentBatches: o.concurrentBatches ?? 2,
      pool,
      watch: new Set(),
      onPage: (n) => o.onProgress?.((done += n)),
    });
    if (scan.sequence.checked > 0 && scan.okCount === 0) throw new VerifyError('ERR_VERIFY_WRONG_KEY', `not one log of ${pattern} in the range verifies with this key: is it the key file of another chain?`);
    errors = scan.sequence.errors.filter((e) => lastOf(e) >= lo && firstOf(e) <= hi);
    toIteration = scan.lastIteration;
  } finally {
    await pool.close();
  }
  const acks: Acknowledgement[] = [];
  const sorted = [...errors].sort((a, b) => firstOf(a) - firstOf(b));
  let key = deriveKey(o.key0, 0);
  let at = 0;
  try {
    for (const e of sorted) {
      const from = firstOf(e);
      if (from > at) {
        const next = deriveKey(key, from - at);
        wipeKey(key);
        key = next;
        at = from;
      }
      acks.push(signAcknowledgement({ corruption_id: e.corruptionId, description: o.description, reason: o.reason, acknowledged_by: o.actor, acknowledged_at_ms: o.nowMs }, key));
    }
  } finally {
    wipeKey(key);
  }
  const outcome = await writeAcknowledgements(o.writeClient ?? o.client, index, acks);
  return { chain: name, index, fromIteration: start, toIteration, corruptions: acks.length, outcome };
}

function firstOf(e: LogError): number {
  return e.code === 'Log Verification Bad Iteration' ? e.fromIteration : e.iteration;
}

function lastOf(e: LogError): number {
  return e.code === 'Log Verification Bad Iteration' ? e.toIteration : e.iteration;
}
