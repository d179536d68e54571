import type { Client } from '@elastic/elasticsearch';
import { checkEntries, decodeCorruptionId, deriveKey, signAcknowledgement, wipeKey, type Acknowledgement, type CorruptionIdData, type VerifyEntry } from '../chain';
import { chainExists, edgeIteration, logsAt } from './chain-queries';
import { writeAcknowledgements } from './acknowledgement-writes';
import { VerifyError } from './verify-error';

export interface AcknowledgeOptions {
  readonly client: Client;
  /** The iteration-0 key (not modified). */
  readonly key0: Uint8Array;
  readonly corruptionId: string;
  readonly description: string;
  readonly reason: string;
  /** Who acknowledges (OS user or `--actor`). */
  readonly actor: string;
  readonly nowMs: number;
}

/**
 * `signet acknowledge` (reference §6.3, §9): validates everything first — the CorruptionId, the
 * chain, that the key belongs to the chain and that the corruption's `previous_hash` is the
 * hash of the log before it — then writes ONE complete, signed acknowledgement to
 * `acknowledge-{chain}`. Nothing is written when any check fails.
 *
 * @throws VerifyError `ERR_VERIFY_INPUT` (bad CorruptionId, texts, or a CorruptionId that does not
 *   fit the chain), `ERR_VERIFY_UNKNOWN_CHAIN`, `ERR_VERIFY_WRONG_KEY`,
 *   `ERR_VERIFY_ALREADY_ACKNOWLEDGED`, `ERR_VERIFY_STORE`.
 */
export async function acknowledgeCorruption(o: AcknowledgeOptions): Promise<{ acknowledgement: Acknowledgement; index: string }> {
  let c: CorruptionIdData;
  try {
    c = decodeCorruptionId(o.corruptionId);
  } catch (err) {
    throw new VerifyError('ERR_VERIFY_INPUT', `invalid CorruptionId: ${(err as Error).message}`);
  }
  const index = c.acknowledge_blockchain_id;
  const chain = index.slice('acknowledge-'.length);
  const pattern = `*-*-${chain}`;
  if (!(await chainExists(o.client, pattern))) throw new VerifyError('ERR_VERIFY_UNKNOWN_CHAIN', `unknown chain ${chain}: no data stream matches ${pattern}`);
  await checkPlacement(o, c, pattern);
  const keyAtFrom = deriveKey(o.key0, c.from_iteration);
  let ack: Acknowledgement;
  try {
    ack = signAcknowledgement({ corruption_id: o.corruptionId, description: o.description, reason: o.reason, acknowledged_by: o.actor, acknowledged_at_ms: o.nowMs }, keyAtFrom);
  } catch (err) {
    throw new VerifyError('ERR_VERIFY_INPUT', (err as Error).message);
  } finally {
    wipeKey(keyAtFrom);
  }
  const w = await writeAcknowledgements(o.client, index, [ack]);
  if (w.alreadyAcknowledged.length > 0) throw new VerifyError('ERR_VERIFY_ALREADY_ACKNOWLEDGED', `this corruption is already acknowledged in ${index} (delete that acknowledgement first to replace it)`);
  const failed = w.failed[0];
  if (failed) throw new VerifyError('ERR_VERIFY_STORE', `writing the acknowledgement to ${index}: ${failed.reason}`);
  return { acknowledgement: ack, index };
}

/**
 * The key must verify a log next to the corruption (else it is another chain's key and the
 * acknowledgement would be reported as forged), and the log before the range must have the
 * CorruptionId's previous hash (else it would be reported as misplaced).
 */
async function checkPlacement(o: AcknowledgeOptions, c: CorruptionIdData, pattern: string): Promise<void> {
  const last = await edgeIteration(o.client, pattern, { order: 'desc' });
  // Also bounds the key derivation below: a forged from_iteration of 10^15 must not stall us.
  if (last === null || c.from_iteration > last + 1) {
    throw new VerifyError('ERR_VERIFY_INPUT', `the CorruptionId does not fit the chain: iteration ${c.from_iteration} is beyond its last log (${last ?? 'none'})`);
  }
  const probes = [...new Set([c.from_iteration - 1, c.from_iteration, c.to_iteration + 1].filter((i) => i >= 0 && Number.isSafeInteger(i)))];
  let found = 0;
  let verified = 0;
  for (const it of probes) {
    const logs = await logsAt(o.client, pattern, it);
    found += logs.length;
    const ok = okHashes(logs, o.key0, it);
    verified += ok.length;
    if (it === c.from_iteration - 1 && ok.length > 0 && c.previous_hash !== null && !ok.includes(c.previous_hash)) {
      throw new VerifyError('ERR_VERIFY_INPUT', `the CorruptionId does not fit the chain: its previous_hash is not the hash of log ${it}`);
    }
  }
  if (found > 0 && verified === 0) throw new VerifyError('ERR_VERIFY_WRONG_KEY', `no log next to the corruption verifies with this key: is it the key file of another chain?`);
}

function okHashes(logs: VerifyEntry[], key0: Uint8Array, iteration: number): string[] {
  if (logs.length === 0) return [];
  const key = deriveKey(key0, iteration);
  try {
    return checkEntries(logs, { key, iteration }).flatMap((c) => (c.status === 'ok' && c.storedHash !== null ? [c.storedHash] : []));
  } finally {
    wipeKey(key);
  }
}
