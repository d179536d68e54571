import { ErrorCode, type LogError } from '../chain';
import type { AcknowledgementVerdict } from './check-acknowledgements';
import type { RunPlan } from './plan-run';
import type { ReportAcknowledged, ReportError } from './report';

/** Turns log errors and the acknowledgement verdict into report entries (acknowledged ones set apart). */
export function toReportEntries(o: { plan: RunPlan; logErrors: readonly LogError[]; verdict: AcknowledgementVerdict }): { errors: ReportError[]; acknowledged: ReportAcknowledged[] } {
  const errors: ReportError[] = [];
  const acknowledged: ReportAcknowledged[] = [];
  if (o.plan.kind === 'empty' && o.plan.corruption) {
    errors.push({ code: ErrorCode.EmptyBlockchainCorruption, type: 'Empty Blockchain', corruption_id: null, detail: 'The state history expects logs within the retention, but the blockchain has none: all logs were deleted (or the state history is corrupted).' });
  }
  for (const e of o.logErrors) {
    const entry = logEntry(e);
    const ack = o.verdict.valid.get(e.corruptionId);
    if (ack) {
      acknowledged.push({
        ...entry,
        acknowledgement: { id: ack.acknowledgementId, acknowledged_by: ack.acknowledgedBy, acknowledged_at: ack.acknowledgedAt, description: ack.description, reason: ack.reason },
      });
    } else errors.push(entry);
  }
  for (const a of o.verdict.errors) {
    errors.push({
      code: a.code,
      type: a.code === ErrorCode.AckWrongHash ? 'Wrong Acknowledgement Hash' : 'Wrong Acknowledgement Previous Hash',
      corruption_id: a.corruptionId,
      acknowledgement_id: a.acknowledgementId,
      detail: a.detail,
    });
  }
  return { errors, acknowledged };
}

function logEntry(e: LogError): ReportError {
  switch (e.code) {
    case ErrorCode.LogBadIteration:
      return { code: e.code, type: 'Missing logs', corruption_id: e.corruptionId, from_iteration: e.fromIteration, to_iteration: e.toIteration };
    case ErrorCode.LogWrongHash:
      return { code: e.code, type: 'Wrong Log Hash', corruption_id: e.corruptionId, iteration: e.iteration, expected_hash: e.expectedHash, found_hash: e.foundHash };
    case ErrorCode.LogWrongPreviousHash:
      return { code: e.code, type: 'Wrong Previous Hash', corruption_id: e.corruptionId, iteration: e.iteration, expected_previous_hash: e.expectedPreviousHash, found_previous_hash: e.foundPreviousHash };
  }
}
