import type { Client } from '@elastic/elasticsearch';
import path from 'node:path';
import { formatReport } from './format-report';
import type { VerificationReport } from './report';
import { storeError } from './search-raw';
import { writeFileAtomic } from './state-history';

/** The index the console lists verification reports from (SPEC §8). */
export const REPORTS_INDEX = 'signet-verification-reports';

/**
 * Writes `{report_id}.json` and `{report_id}.txt` to `verification_reports_dir`.
 * @returns the JSON file's path. @throws VerifyError `ERR_VERIFY_IO`.
 */
export function writeReportFiles(dir: string, report: VerificationReport): string {
  const json = path.join(dir, `${report.report_id}.json`);
  writeFileAtomic(json, JSON.stringify(report, null, 2) + '\n', 'verification report');
  writeFileAtomic(path.join(dir, `${report.report_id}.txt`), formatReport(report), 'verification report');
  return json;
}

/**
 * Indexes the report into `signet-verification-reports` (id = report id) for the console.
 * Error lists are capped at 1,000 entries per document; the files keep them all.
 * @throws VerifyError `ERR_VERIFY_STORE`.
 */
export async function indexReport(client: Client, report: VerificationReport): Promise<void> {
  const doc = { ...report, '@timestamp': report.finished_at, errors: report.errors.slice(0, 1000), acknowledged: report.acknowledged.slice(0, 1000), warnings: report.warnings.map((w) => ({ ...w, iterations: w.iterations?.slice(0, 1000) })) };
  try {
    await client.index({ index: REPORTS_INDEX, id: report.report_id, document: doc, refresh: true });
  } catch (err) {
    throw storeError(`indexing the report into ${REPORTS_INDEX}`, err);
  }
}
