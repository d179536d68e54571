import { createHash } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import type { Acknowledgement } from '../chain';
import { storeError } from './search-raw';

/**
 * The `_id` of a corruption's acknowledgement: SHA-256 of the CorruptionId, so that one
 * corruption has at most one acknowledgement (a second `create` is a 409) and re-running
 * `acknowledge-range` never duplicates.
 */
export function acknowledgementDocId(corruptionId: string): string {
  return createHash('sha256').update(corruptionId.trim(), 'utf8').digest('hex');
}

export interface WriteOutcome {
  readonly created: string[];
  readonly alreadyAcknowledged: string[];
  readonly failed: { corruptionId: string; reason: string }[];
}

/**
 * Writes complete, signed acknowledgements with `create` (never overwriting one that exists) and
 * refreshes, so a verification started next sees them.
 * @throws VerifyError `ERR_VERIFY_STORE` when the store cannot be reached at all.
 */
export async function writeAcknowledgements(client: Client, index: string, acks: readonly Acknowledgement[]): Promise<WriteOutcome> {
  const out: WriteOutcome = { created: [], alreadyAcknowledged: [], failed: [] };
  if (acks.length === 0) return out;
  let res;
  try {
    res = await client.bulk({ refresh: true, operations: acks.flatMap((a) => [{ create: { _index: index, _id: acknowledgementDocId(a.corruption_id) } }, a]) });
  } catch (err) {
    throw storeError(`writing acknowledgements to ${index}`, err);
  }
  res.items.forEach((item, i) => {
    const a = acks[i] as Acknowledgement;
    const r = item.create;
    if (r && r.status >= 200 && r.status < 300) out.created.push(a.corruption_id);
    else if (r?.status === 409) out.alreadyAcknowledged.push(a.corruption_id);
    else out.failed.push({ corruptionId: a.corruption_id, reason: r?.error ? `${r.error.type}: ${r.error.reason ?? ''}` : `status ${r?.status ?? '?'}` });
  });
  return out;
}
