import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { acknowledgementHashValid, acknowledgementKey, signAcknowledgement, type AcknowledgementInput } from './acknowledgement';
import { canonicalize } from './canonicalize';
import { encodeCorruptionId } from './corruption-id';
import { deriveKey } from './key-material';
import { ACK_ID, key0 } from './__fixtures__/chain-fixture';

const H = 'ab'.repeat(32);
const corruptionId = encodeCorruptionId({ from_iteration: 5, to_iteration: 7, previous_hash: H, next_hash: 'cd'.repeat(32), acknowledge_blockchain_id: ACK_ID });
const input: AcknowledgementInput = { corruption_id: corruptionId, description: 'DLQ lost during disk failure', reason: 'unrecoverable', acknowledged_by: 'auditor@example.com', acknowledged_at_ms: 1700000000000 };
const k5 = () => deriveKey(key0(), 5);

describe('acknowledgements', () => {
  it('copies the corruption and signs every member with a key derived from key[from]', () => {
    const ack = signAcknowledgement(input, k5());
    expect(ack).toMatchObject({ from_iteration: 5, to_iteration: 7, previous_hash: H, next_hash: 'cd'.repeat(32), acknowledge_blockchain_id: ACK_ID, version: 1, acknowledged_by: 'auditor@example.com' });
    const { hash, ...body } = ack;
    const ackKey = createHmac('sha256', k5()).update('signet acknowledgement v1').digest('hex');
    expect(acknowledgementKey(k5()).toString()).toBe(ackKey);
    expect(hash).toBe(createHmac('sha256', ackKey).update(canonicalize(body)).digest('hex'));
    expect(acknowledgementHashValid(ack, k5())).toBe(true);
    const single = signAcknowledgement({ ...input, corruption_id: encodeCorruptionId({ from_iteration: 5, to_iteration: 5, previous_hash: H, acknowledge_blockchain_id: ACK_ID }) }, k5());
    expect(single).not.toHaveProperty('next_hash');
    expect(acknowledgementHashValid(single, k5())).toBe(true);
  });

  it('detects any edited member, a misplaced id and the wrong key', () => {
    const ack = signAcknowledgement(input, k5());
    const edits: Record<string, unknown>[] = [
      { description: 'x' },
      { reason: 'x' },
      { acknowledged_by: 'mallory' },
      { acknowledged_at_ms: 1 },
      { from_iteration: 6 },
      { to_iteration: 9 },
      { previous_hash: 'ef'.repeat(32) },
      { acknowledge_blockchain_id: 'acknowledge-elproxysigned-other-6_months-0' },
      { corruption_id: encodeCorruptionId({ from_iteration: 5, to_iteration: 8, previous_hash: H, acknowledge_blockchain_id: ACK_ID }) },
      { corruption_id: 'not base64!' },
      { hash: 'zz' },
      { hash: '00'.repeat(32) },
      { extra: 1 },
    ];
    for (const edit of edits) expect(acknowledgementHashValid({ ...ack, ...edit }, k5()), JSON.stringify(edit)).toBe(false);
    expect(acknowledgementHashValid(ack, deriveKey(key0(), 6))).toBe(false);
    expect(acknowledgementHashValid(null, k5())).toBe(false);
    expect(acknowledgementHashValid([ack], k5())).toBe(false);
  });

  it('validates its input', () => {
    expect(() => signAcknowledgement({ ...input, corruption_id: 'bad' }, k5())).toThrow(RangeError);
    expect(() => signAcknowledgement({ ...input, description: 5 as unknown as string }, k5())).toThrow(TypeError);
    expect(() => signAcknowledgement({ ...input, reason: 'x'.repeat(4097) }, k5())).toThrow(RangeError);
    expect(() => signAcknowledgement({ ...input, acknowledged_by: '  ' }, k5())).toThrow(RangeError);
    expect(() => signAcknowledgement({ ...input, acknowledged_at_ms: -5 }, k5())).toThrow(RangeError);
    expect(() => signAcknowledgement(input, new Uint8Array(64))).toThrow(RangeError);
  });
});
