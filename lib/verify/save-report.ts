import type { Client } from '@elastic/elasticsearch';
import path from 'node:path';
import { formatReport } from './format-report';
import type { VerificationReport } from './report';
import { storeError } from './search-raw';
import { writeFileAtomic } from './state-history';

/** The index the console lists verification reports from (SPEC §8). */
export const REPORTS_INDEX = 'signet-verification-reports';

/**
 * The query for one chain's reports. The index has no template, so `chain` is mapped dynamically
 * (text + `.keyword`) — or as a keyword where an operator added a template: match either. Readers
 * still compare `_source.chain` when they need an exact name.
 */
export function reportsOfChainQuery(chain: string) {
  return { bool: { should: [{ term: { chain } }, { term: { 'chain.keyword': chain } }], minimum_should_match: 1 } };
}

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
