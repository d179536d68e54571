import { acknowledgementHashValid, decodeCorruptionId, deriveKey, ErrorCode, wipeKey, type CorruptionIdData } from '../chain';
import type { StoredAcknowledgement } from './read-acknowledgements';

/** An acknowledgement that failed verification (reference §8.5). */
export interface AcknowledgementError {
  readonly code: typeof ErrorCode.AckWrongHash | typeof ErrorCode.AckWrongPreviousHash;
  /** The acknowledgement document's `_id`. */
  readonly acknowledgementId: string;
  /** The CorruptionId it claims to acknowledge (as stored; may be malformed). */
  readonly corruptionId: string | null;
  readonly detail: string;
}

/** Who acknowledged a corruption, when and why (shown with acknowledged errors). */
export interface AcknowledgementInfo {
  readonly acknowledgementId: string;
  readonly acknowledgedBy: string;
  readonly acknowledgedAt: string;
  readonly description: string;
  readonly reason: string;
}

export interface AcknowledgementVerdict {
  /** Valid acknowledgements by CorruptionId. */
  readonly valid: ReadonlyMap<string, AcknowledgementInfo>;
  readonly errors: AcknowledgementError[];
  /** Acknowledgements outside the verified range (not judged this run). */
  readonly notEvaluated: number;
}

export interface CheckAcknowledgementsOptions {
  readonly acks: readonly StoredAcknowledgement[];
  readonly key0: Uint8Array;
  readonly acknowledgeBlockchainId: string;
  /** The iterations this run verified: [from, to]; acknowledgements outside are not judged. */
  readonly verifiedFrom: number;
  readonly verifiedTo: number | null;
  /** Hash of the log before each acknowledged range, as found by this run. */
  readonly hashBefore: ReadonlyMap<number, string>;
}

/**
 * Judges the stored acknowledgements (reference §9): an acknowledgement whose MAC does not verify
 * with the key of its `from_iteration` — edited, forged, or copied from another chain — is
 * "Acknowledgement Verification Wrong Hash"; one whose `previous_hash` is not the hash of the
 * log before its range — placed on a range it was not made for — is "…Wrong Previous Hash".
 * Only valid ones acknowledge errors. Keys are derived once, in increasing order.
 */
export function checkAcknowledgements(o: CheckAcknowledgementsOptions): AcknowledgementVerdict {
  const valid = new Map<string, AcknowledgementInfo>();
  const errors: AcknowledgementError[] = [];
  let notEvaluated = 0;
  const decoded: { ack: StoredAcknowledgement; c: CorruptionIdData; id: string }[] = [];
  for (const ack of o.acks) {
    const raw = ack.source.corruption_id;
    const id = typeof raw === 'string' ? raw.trim() : null;
    let c: CorruptionIdData;
    try {
      c = decodeCorruptionId(id ?? '');
    } catch {
      errors.push({ code: ErrorCode.AckWrongHash, acknowledgementId: ack.id, corruptionId: id, detail: 'its corruption_id is not a valid CorruptionId' });
      continue;
    }
    if (c.acknowledge_blockchain_id !== o.acknowledgeBlockchainId) {
      errors.push({ code: ErrorCode.AckWrongHash, acknowledgementId: ack.id, corruptionId: id, detail: `it acknowledges a corruption of ${c.acknowledge_blockchain_id}` });
      continue;
    }
    const beyond = o.verifiedTo === null ? c.from_iteration > o.verifiedFrom : c.from_iteration > o.verifiedTo + 1;
    if (c.to_iteration < o.verifiedFrom || beyond) {
      notEvaluated++;
      continue;
    }
    decoded.push({ ack, c, id: id as string });
  }
  decoded.sort((a, b) => a.c.from_iteration - b.c.from_iteration);
  let key = deriveKey(o.key0, 0);
  let at = 0;
  try {
    for (const { ack, c, id } of decoded) {
      if (c.from_iteration - at > 10_000_000) {
        // Same bound as the log checks: never hash towards a forged, far-away iteration.
        errors.push({ code: ErrorCode.AckWrongHash, acknowledgementId: ack.id, corruptionId: id, detail: 'its range is too far beyond the previous one to verify' });
        continue;
      }
      if (c.from_iteration > at) {
        const next = deriveKey(key, c.from_iteration - at);
        wipeKey(key);
        key = next;
        at = c.from_iteration;
      }
      if (!acknowledgementHashValid(ack.source, key)) {
        errors.push({ code: ErrorCode.AckWrongHash, acknowledgementId: ack.id, corruptionId: id, detail: 'its hash does not match its content' });
        continue;
      }
      if (c.from_iteration > o.verifiedFrom) {
        const actual = o.hashBefore.get(c.from_iteration - 1) ?? null;
        if (actual !== c.previous_hash) {
          errors.push({
            code: ErrorCode.AckWrongPreviousHash,
            acknowledgementId: ack.id,
            corruptionId: id,
            detail: `its previous hash ${c.previous_hash ?? 'null'} is not the hash of log ${c.from_iteration - 1} (${actual ?? 'missing'})`,
          });
          continue;
        }
      }
      const s = ack.source;
      valid.set(id, {
        acknowledgementId: ack.id,
        acknowledgedBy: String(s.acknowledged_by),
        acknowledgedAt: typeof s.acknowledged_at_ms === 'number' ? new Date(s.acknowledged_at_ms).toISOString() : 'unknown',
        description: String(s.description),
        reason: String(s.reason),
      });
    }
  } finally {
    wipeKey(key);
  }
  return { valid, errors, notEvaluated };
}
