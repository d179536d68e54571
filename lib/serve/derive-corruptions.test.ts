import { describe, expect, it } from 'vitest';
import { encodeCorruptionId, ErrorCode } from '../chain';
import type { ReportError } from '../verify';
import { deriveCorruptions, type LatestReport, type StoredAck } from './derive-corruptions';

const CHAIN = 'elproxysigned-acme-6_months-0';
const cid = (from: number, to = from) => encodeCorruptionId({ from_iteration: from, to_iteration: to, previous_hash: 'a'.repeat(64), acknowledge_blockchain_id: `acknowledge-${CHAIN}` });

const wrongHash = (it: number): ReportError => ({ code: ErrorCode.LogWrongHash, type: 'Wrong Log Hash', corruption_id: cid(it), iteration: it, expected_hash: 'e'.repeat(64), found_hash: 'f'.repeat(64) });

function report(errors: ReportError[], acknowledged: LatestReport['acknowledged'] = []): LatestReport {
  return { report_id: 'r1', chain: CHAIN, identity: { module: 'elproxysigned', customer: 'acme', retention: '6_months', tag: '0' }, finished_at: '2026-12-06T10:00:00.000Z', status: errors.length > 0 ? 'critical' : 'ok', errors_total: errors.length, errors, acknowledged };
}

const doc = (corruptionId: string, o: Partial<StoredAck> = {}): StoredAck => ({ documentId: `doc-${corruptionId.slice(0, 6)}`, chain: CHAIN, corruptionId, fromIteration: 7, toIteration: 7, by: 'alice', atMs: Date.UTC(2026, 11, 6, 11), description: 'desc', reason: 'why', ...o });

describe('deriveCorruptions', () => {
  it('an error without an acknowledgement is open and acknowledgeable, with its facts', () => {
    const o = deriveCorruptions([report([wrongHash(5)])], []);
    expect(o.totals).toEqual({ open: 1, acknowledged: 0, chains: 1 });
    expect(o.corruptions[0]).toMatchObject({ chain: CHAIN, corruptionId: cid(5), code: ErrorCode.LogWrongHash, fromIteration: 5, toIteration: 5, status: 'open', acknowledgeable: true, reportId: 'r1', reportedAt: '2026-12-06T10:00:00.000Z' });
    expect(o.corruptions[0]!.facts).toMatchObject({ 'Found hash': 'f'.repeat(64), 'Previous hash (CorruptionId)': 'a'.repeat(64), 'Acknowledgement index': `acknowledge-${CHAIN}` });
  });

  it('an acknowledgement document written after the report marks the error acknowledged, not yet verified', () => {
    const o = deriveCorruptions([report([wrongHash(5)])], [doc(cid(5))]);
    expect(o.corruptions).toEqual([expect.objectContaining({ status: 'acknowledged', acknowledgeable: false, acknowledgement: { by: 'alice', at: '2026-12-06T11:00:00.000Z', description: 'desc', reason: 'why', documentId: `doc-${cid(5).slice(0, 6)}`, verified: false } })]);
    expect(o.totals).toEqual({ open: 0, acknowledged: 1, chains: 1 });
  });

  it('an acknowledgement the report judged invalid acknowledges nothing and blocks a new one', () => {
    const ackError: ReportError = { code: ErrorCode.AckWrongHash, type: 'Wrong Acknowledgement Hash', corruption_id: cid(5), acknowledgement_id: 'doc' };
    const o = deriveCorruptions([report([wrongHash(5), ackError])], [doc(cid(5))]);
    expect(o.corruptions.map((c) => [c.code, c.status, c.acknowledgeable])).toEqual([
      [ErrorCode.LogWrongHash, 'open', false],
      [ErrorCode.AckWrongHash, 'open', false],
    ]);
    expect(o.totals.open).toBe(2);
  });

  it('the report\'s acknowledged entries are verified; documents no report mentions are listed as acknowledged', () => {
    const acknowledged = [{ ...wrongHash(5), acknowledgement: { id: 'd5', acknowledged_by: 'bob', acknowledged_at: '2026-12-05T00:00:00.000Z', description: 'x', reason: 'y' } }];
    const o = deriveCorruptions([report([], acknowledged)], [doc(cid(5)), doc(cid(9, 11), { fromIteration: 9, toIteration: 11 })]);
    expect(o.corruptions).toEqual([
      expect.objectContaining({ corruptionId: cid(5), status: 'acknowledged', acknowledgement: expect.objectContaining({ by: 'bob', verified: true }) }),
      expect.objectContaining({ corruptionId: cid(9, 11), code: null, fromIteration: 9, toIteration: 11, reportId: null, status: 'acknowledged', acknowledgement: expect.objectContaining({ verified: false }) }),
    ]);
  });

  it('"Empty Blockchain Corruption" has no CorruptionId: open, not acknowledgeable; truncated reports are flagged', () => {
    const r = { ...report([{ code: ErrorCode.EmptyBlockchainCorruption, type: 'Empty blockchain', corruption_id: null }]), errors_total: 1500 };
    const o = deriveCorruptions([r], []);
    expect(o.corruptions[0]).toMatchObject({ corruptionId: null, status: 'open', acknowledgeable: false, fromIteration: null });
    expect(o.chains[0]).toMatchObject({ errorsTotal: 1500, truncated: true });
  });
});
