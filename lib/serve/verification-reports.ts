import type { Client } from '@elastic/elasticsearch';
import { REPORTS_INDEX, reportsOfChainQuery, VerifyError } from '../verify';
import type { VerificationReportDto, VerificationReportPageDto, VerificationReportSummaryDto, VerificationReportsQuery } from '../shared';

// The report history as the console reads it: `signet-verification-reports` (written by
// indexReport, by the CLI and the console alike), newest first. The index has no explicit
// mapping, so strings are dynamic text + `.keyword`; a chain filter matches either form. A
// missing index is an empty history, not an error.

const SUMMARY_FIELDS = ['report_id', 'chain', 'mode', 'status', 'started_at', 'finished_at', 'duration_ms', 'logs_checked', 'errors_total', 'warnings.code', 'acknowledged.code'];

function isMissingIndex(err: unknown): boolean {
  const meta = (err as { meta?: { statusCode?: number; body?: { error?: { type?: string } } } }).meta;
  return meta?.statusCode === 404 && meta.body?.error?.type === 'index_not_found_exception';
}

function storeProblem(what: string, err: unknown): VerifyError {
  return new VerifyError('ERR_VERIFY_STORE', `${what}: ${(err as Error).message}`, { cause: err });
}

function toSummary(src: Record<string, unknown>): VerificationReportSummaryDto {
  const count = (v: unknown) => (Array.isArray(v) ? v.length : 0);
  return {
    id: String(src.report_id),
    chain: String(src.chain),
    mode: src.mode === 'incremental' ? 'incremental' : 'full',
    status: src.status === 'critical' || src.status === 'warning' ? src.status : 'ok',
    startedAt: String(src.started_at),
    finishedAt: String(src.finished_at),
    durationMs: Number(src.duration_ms) || 0,
    logsChecked: Number(src.logs_checked) || 0,
    errorsTotal: Number(src.errors_total) || 0,
    warnings: count(src.warnings),
    acknowledged: count(src.acknowledged),
  };
}

/** One page of the history. @throws VerifyError `ERR_VERIFY_STORE`. */
export async function listReports(client: Client, q: VerificationReportsQuery): Promise<VerificationReportPageDto> {
  const query = q.chain === undefined ? { match_all: {} } : reportsOfChainQuery(q.chain);
  try {
    const r = await client.search<Record<string, unknown>>({
      index: REPORTS_INDEX,
      ignore_unavailable: true,
      allow_no_indices: true,
      from: q.page * q.size,
      size: q.size,
      track_total_hits: true,
      sort: [{ '@timestamp': { order: 'desc', unmapped_type: 'date' } }],
      _source: SUMMARY_FIELDS,
      query,
    });
    const total = typeof r.hits.total === 'number' ? r.hits.total : (r.hits.total?.value ?? 0);
    return { total, reports: r.hits.hits.map((h) => toSummary(h._source ?? {})) };
  } catch (err) {
    if (isMissingIndex(err)) return { total: 0, reports: [] };
    throw storeProblem(`reading ${REPORTS_INDEX}`, err);
  }
}

/** One report. @throws VerifyError `ERR_VERIFY_NOT_FOUND`, `ERR_VERIFY_STORE`. */
export async function getReport(client: Client, id: string): Promise<VerificationReportDto> {
  let src: Record<string, unknown> | undefined;
  try {
    const r = await client.get<Record<string, unknown>>({ index: REPORTS_INDEX, id });
    src = r.found ? r._source : undefined;
  } catch (err) {
    const status = (err as { meta?: { statusCode?: number } }).meta?.statusCode;
    if (status !== 404) throw storeProblem(`reading report ${id}`, err);
  }
  if (src === undefined) throw new VerifyError('ERR_VERIFY_NOT_FOUND', `no verification report ${id} in ${REPORTS_INDEX}`);
  const { unplaced_documents: _unplaced, '@timestamp': _ts, timings_ms: _timings, ...report } = src;
  return report as unknown as VerificationReportDto;
}
