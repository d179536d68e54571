import type { Client } from '@elastic/elasticsearch';
import type { ChainReportDto } from '../shared';
import { REPORTS_INDEX, reportsOfChainQuery } from '../verify';
import { describeStoreFailure } from './console-chains-store-failure';

// The Blockchains pages' reader of verification reports (SPEC §8: reports are indexed into
// `signet-verification-reports` by lib/verify indexReport, one document per run, id = report id).
// Read-only; running verifications belongs to the Verification page. Only summary fields are
// fetched: a report document may carry up to 1,000 errors and warnings with iteration lists.

const SUMMARY_SOURCE = ['report_id', 'chain', 'finished_at', 'mode', 'status', 'errors_total', 'errors.code', 'warnings.code', 'acknowledged.code', 'logs_checked', 'verified_from', 'verified_to'];

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const count = (v: unknown): number => (Array.isArray(v) ? v.length : 0);

/** A report document (whatever the store holds) as its summary. */
export function toReportDto(id: string, src: Record<string, unknown>): ChainReportDto {
  return {
    reportId: str(src.report_id) ?? id,
    finishedAt: str(src.finished_at),
    mode: str(src.mode),
    status: str(src.status),
    errors: num(src.errors_total) ?? count(src.errors),
    warnings: count(src.warnings),
    acknowledged: count(src.acknowledged),
    logsChecked: num(src.logs_checked),
    verifiedFrom: num(src.verified_from),
    verifiedTo: num(src.verified_to),
  };
}

/**
 * The chain's reports, newest first. Matches `chain` whether the index maps it as a keyword or,
 * dynamically, as text with a `.keyword` sub-field (a term on the text field cannot match: a chain
 * name always holds dashes, which the standard analyzer splits on). A missing index is "none".
 * @throws {Error} with a one-line description when the store fails.
 */
export async function readChainReports(client: Client, chain: string, size: number): Promise<ChainReportDto[]> {
  let body: unknown;
  try {
    body = await client.search({
      index: REPORTS_INDEX,
      ignore_unavailable: true,
      allow_no_indices: true,
      size,
      track_total_hits: false,
      query: reportsOfChainQuery(chain),
      sort: [{ '@timestamp': { order: 'desc', unmapped_type: 'date' } }],
      _source: SUMMARY_SOURCE,
    });
  } catch (err) {
    throw new Error(describeStoreFailure(`reading the verification reports of ${chain}`, err), { cause: err });
  }
  const hits = (body as { hits?: { hits?: { _id?: unknown; _source?: unknown }[] } }).hits?.hits ?? [];
  return hits.flatMap((h) => (typeof h._source === 'object' && h._source !== null ? [toReportDto(str(h._id) ?? '', h._source as Record<string, unknown>)] : []));
}
