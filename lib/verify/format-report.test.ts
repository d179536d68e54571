import { describe, expect, it } from 'vitest';
import { ErrorCode, WarningCode } from '../chain';
import { formatReport } from './format-report';
import type { VerificationReport } from './report';

const base: VerificationReport = {
  report_version: 1, report_id: 'r1', chain: 'elproxysigned-acme-6_months-0', identity: { module: 'elproxysigned', customer: 'acme', retention: '6_months', tag: '0' },
  started_at: '2026-01-01T00:00:00.000Z', finished_at: '2026-01-01T00:00:01.000Z', duration_ms: 1000, mode: 'full', incremental_fallback: null, verified_from: 0, verified_to: 99,
  logs_checked: 98, last_full_verification_at: null, status: 'critical', exit_status: 2, warnings: [], errors: [], errors_total: 0, acknowledged: [], acknowledgements_not_evaluated: 0,
  unplaced_documents: [], unplaced_total: 0, state_history_updated: false, timings_ms: { read_and_check: 1, acknowledgements: 0 },
};

describe('formatReport (reference §8.6)', () => {
  it('prints El Proxy\'s error blocks in its order and wording', () => {
    const text = formatReport({
      ...base,
      errors_total: 2,
      errors: [
        { code: ErrorCode.LogBadIteration, type: 'Missing logs', corruption_id: 'ID0', from_iteration: 0, to_iteration: 1 },
        { code: ErrorCode.LogWrongHash, type: 'Wrong Log Hash', corruption_id: 'ID1', iteration: 16, expected_hash: 'e'.repeat(64), found_hash: 'f'.repeat(64) },
      ],
    });
    expect(text.startsWith([
      '-'.repeat(56), '-'.repeat(56), 'Verify command execution completed.', 'Blockchain verification process completed with 2 errors.', '-'.repeat(56), 'Errors detail:', '-'.repeat(56),
      'Log verification error 0 details:', ' - Error code: Log Verification Bad Iteration', ' - Error type: Missing logs', ' - Missing logs from iteration 0 (inclusive) to iteration 1 (inclusive)', ' - CorruptionId: ID0', '-'.repeat(56),
      'Log verification error 1 details:', ' - Error code: Log Verification Wrong Hash', ' - Error type: Wrong Log Hash', ' - Failed iteration_id: 16', ` - Expected hash: ${'e'.repeat(64)}`, ` - Found hash   : ${'f'.repeat(64)}`, ' - CorruptionId: ID1', '-'.repeat(56),
    ].join('\n'))).toBe(true);
    expect(text.endsWith(`${'-'.repeat(56)}\n${'-'.repeat(56)}\n`)).toBe(true);
  });

  it('prints warnings, acknowledged corruptions (one line each text) and the incremental summary', () => {
    const text = formatReport({
      ...base, status: 'warning', exit_status: 1, mode: 'incremental', verified_from: 100, verified_to: 120, last_full_verification_at: '2025-12-31T00:00:00.000Z',
      warnings: [{ code: WarningCode.DuplicateLogFound, message: 'The blockchain contains duplicate logs, on iterations: [5]', iterations: [5] }],
      acknowledged: [{ code: ErrorCode.LogBadIteration, type: 'Missing logs', corruption_id: 'ID', from_iteration: 3, to_iteration: 3, acknowledgement: { id: 'a', acknowledged_by: 'dpo', acknowledged_at: '2026-01-01T00:00:00.000Z', description: 'two\nlines', reason: 'r' } }],
    });
    expect(text).toContain('Blockchain verification process completed with 1 warning.');
    expect(text).toContain(' - Warning code: Duplicate Log Found\n - The blockchain contains duplicate logs, on iterations: [5]');
    expect(text).toContain('Acknowledged Log verification error 0 details:');
    expect(text).toContain(' - Acknowledged by dpo at 2026-01-01T00:00:00.000Z\n - Reason: r\n - Description: two lines');
    expect(text).toContain('History before iteration 100 last fully verified at: 2025-12-31T00:00:00.000Z');
  });
});
