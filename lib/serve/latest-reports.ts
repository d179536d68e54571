import type { Client } from '@elastic/elasticsearch';
import { REPORTS_INDEX, reportsOfChainQuery } from '../verify';

// The latest verification report per chain, from `signet-verification-reports` (SPEC §8), for the
// Overview page's failed/overdue alerts. One `_msearch` (one sorted size-1 search per chain, in
// chunks): no top_hits aggregation, which the embedded store does not implement.

export interface LatestReport {
  readonly reportId: string;
  readonly status: string;
  readonly finishedAt: string;
  readonly errorsTotal: number;
}

const CHUNK = 200;

/**
 * @returns chain name → its latest report (by `finished_at`); chains with none are absent.
 * @throws the client's error (the caller reports it as "cannot be read").
 */
export async function latestReports(client: Client, names: readonly string[]): Promise<Map<string, LatestReport>> {
  const out = new Map<string, LatestReport>();
  if (names.length === 0 || !(await client.indices.exists({ index: REPORTS_INDEX }))) return out;
  for (let i = 0; i < names.length; i += CHUNK) {
    const chunk = names.slice(i, i + CHUNK);
    const searches = chunk.flatMap((name) => [
      { index: REPORTS_INDEX },
      {
        size: 1,
        query: reportsOfChainQuery(name),
        sort: [{ finished_at: { order: 'desc', unmapped_type: 'date' } }],
        _source: ['report_id', 'chain', 'status', 'finished_at', 'errors_total'],
      },
    ]);
    const res = await client.msearch({ searches });
    res.responses.forEach((r, j) => {
      const name = chunk[j] as string;
      if ('error' in r) throw new Error(`reading the reports of ${name}: ${String((r.error as { reason?: unknown }).reason ?? r.error.type)}`);
      const src = r.hits.hits[0]?._source as Record<string, unknown> | undefined;
      // The keyword term may also match on an analyzed `chain`; only an exact name counts.
      if (src === undefined || src.chain !== name) return;
      out.set(name, {
        reportId: String(src.report_id),
        status: String(src.status),
        finishedAt: String(src.finished_at),
        errorsTotal: typeof src.errors_total === 'number' ? src.errors_total : 0,
      });
    });
  }
  return out;
}
