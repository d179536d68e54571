import { ErrorCode } from '../chain';
import type { ReportError, VerificationReport } from './report';

const RULE = '--------------------------------------------------------';

/**
 * The console report in El Proxy's layout (reference §8.6): the completion lines, then one block
 * per error with its code, type, details and CorruptionId. Signet adds (after El Proxy's part)
 * the warnings, the acknowledged corruptions and a summary of what was verified.
 */
export function formatReport(r: VerificationReport): string {
  const out: string[] = [RULE, RULE, 'Verify command execution completed.'];
  const n = r.errors_total;
  if (n > 0) out.push(`Blockchain verification process completed with ${n} error${n === 1 ? '' : 's'}.`);
  else if (r.warnings.length > 0) out.push(`Blockchain verification process completed with ${r.warnings.length} warning${r.warnings.length === 1 ? '' : 's'}.`);
  else out.push('Blockchain verification process completed successfully.');
  if (n > 0) {
    out.push(RULE, 'Errors detail:', RULE);
    r.errors.forEach((e, i) => out.push(...errorBlock(e, i), RULE));
    if (r.errors.length < n) out.push(`(${n - r.errors.length} more errors in the JSON report)`, RULE);
  }
  if (r.warnings.length > 0) {
    out.push(RULE, 'Warnings detail:', RULE);
    r.warnings.forEach((w, i) => out.push(`Warning ${i} details:`, ` - Warning code: ${w.code}`, ` - ${w.message}`, RULE));
  }
  if (r.acknowledged.length > 0) {
    out.push(RULE, 'Acknowledged corruptions (not counted as errors):', RULE);
    r.acknowledged.forEach((e, i) => {
      const a = e.acknowledgement;
      out.push(...errorBlock(e, i, 'Acknowledged'), ` - Acknowledged by ${a.acknowledged_by} at ${a.acknowledged_at}`, ` - Reason: ${oneLine(a.reason)}`, ` - Description: ${oneLine(a.description)}`, RULE);
    });
  }
  out.push(RULE, ...summary(r), RULE, RULE);
  return out.join('\n') + '\n';
}

function errorBlock(e: ReportError, i: number, prefix = ''): string[] {
  const ack = e.code === ErrorCode.AckWrongHash || e.code === ErrorCode.AckWrongPreviousHash;
  const head = `${prefix ? prefix + ' ' : ''}${ack ? 'Acknowledgement' : 'Log'} verification error ${i} details:`;
  const lines = [head, ` - Error code: ${e.code}`, ` - Error type: ${e.type}`];
  switch (e.code) {
    case ErrorCode.LogBadIteration:
      lines.push(` - Missing logs from iteration ${e.from_iteration} (inclusive) to iteration ${e.to_iteration} (inclusive)`);
      break;
    case ErrorCode.LogWrongHash:
      lines.push(` - Failed iteration_id: ${e.iteration}`, ` - Expected hash: ${e.expected_hash ?? '(cannot be computed: malformed log)'}`, ` - Found hash   : ${e.found_hash}`);
      break;
    case ErrorCode.LogWrongPreviousHash:
      lines.push(` - Failed iteration_id: ${e.iteration}`, ` - Expected previous hash: ${e.expected_previous_hash}`, ` - Found previous hash   : ${e.found_previous_hash}`);
      break;
    default:
      if (e.acknowledgement_id !== undefined) lines.push(` - Acknowledgement id: ${e.acknowledgement_id}`);
      if (e.detail !== undefined) lines.push(` - ${e.detail}`);
  }
  if (e.corruption_id !== null) lines.push(` - CorruptionId: ${e.corruption_id}`);
  return lines;
}

function summary(r: VerificationReport): string[] {
  const range = r.verified_from === null ? 'none' : r.verified_to === null ? `from ${r.verified_from} (no logs found)` : `${r.verified_from} to ${r.verified_to}`;
  const lines = [
    `Blockchain: ${r.chain} (${r.mode} verification)`,
    `Verified iterations: ${range}; ${r.logs_checked.toLocaleString('en-US')} logs checked in ${(r.duration_ms / 1000).toFixed(1)} s`,
  ];
  if (r.mode === 'incremental') lines.push(`History before iteration ${r.verified_from} last fully verified at: ${r.last_full_verification_at ?? 'never'}`);
  if (r.incremental_fallback !== null) lines.push(`Incremental verification not possible, verified in full: ${r.incremental_fallback}`);
  if (r.unplaced_total > 0) lines.push(`Documents without a usable ES_BLOCKCHAIN (their iterations count as missing): ${r.unplaced_total}`);
  if (r.acknowledgements_not_evaluated > 0) lines.push(`Acknowledgements outside the verified range (not evaluated): ${r.acknowledgements_not_evaluated}`);
  lines.push(`Status: ${r.status.toUpperCase()} (exit ${r.exit_status}); report id ${r.report_id}`);
  return lines;
}

function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ');
}
