// I/O for the Corruptions page: the latest verification report of each chain from
// `signet-verification-reports`, and every acknowledgement document of `acknowledge-*`, through
// the official client. Tolerates missing indices (no verification yet: nothing to list).
import type { Client } from '@elastic/elasticsearch';
import { LosslessNumber, type JsonValue } from '../chain';
import { readAcknowledgements, REPORTS_INDEX, VerifyError } from '../verify';
import type { LatestReport, StoredAck } from './derive-corruptions';

/** Reports scanned to find each chain's latest (newest first); far more than chains × runs kept in practice. */
const MAX_REPORTS_SCANNED = 10_000;

function storeError(what: string, err: unknown): VerifyError {
  return new VerifyError('ERR_VERIFY_STORE', `${what}: ${(err as Error).message}`, { cause: err });
}

/** The newest report of every chain (one small sorted scan, then one `_mget` of the full documents). */
export async function readLatestReports(client: Client): Promise<LatestReport[]> {
  let ids: string[];
  try {
    const res = await client.search<{ chain?: unknown; report_id?: unknown }>({
      index: REPORTS_INDEX,
      ignore_unavailable: true,
      allow_no_indices: true,
      size: MAX_REPORTS_SCANNED,
      track_total_hits: false,
      _source: ['chain', 'report_id'],
      sort: [{ '@timestamp': { order: 'desc', unmapped_type: 'date' } }],
      query: { match_all: {} },
    });
    const latest = new Map<string, string>();
    for (const h of res.hits.hits) {
      const chain = h._source?.chain;
      if (typeof chain === 'string' && h._id !== undefined && !latest.has(chain)) latest.set(chain, h._id);
    }
    ids = [...latest.values()];
  } catch (err) {
    throw storeError(`reading ${REPORTS_INDEX}`, err);
  }
  if (ids.length === 0) return [];
  try {
    const res = await client.mget<LatestReport>({ index: REPORTS_INDEX, ids });
    return res.docs.flatMap((d) => ('found' in d && d.found && d._source !== undefined ? [normalize(d._source)] : [])).sort((a, b) => a.chain.localeCompare(b.chain));
  } catch (err) {
    throw storeError(`reading ${REPORTS_INDEX}`, err);
  }
}

function normalize(r: LatestReport): LatestReport {
  return { ...r, errors: Array.isArray(r.errors) ? r.errors : [], acknowledged: Array.isArray(r.acknowledged) ? r.acknowledged : [], errors_total: typeof r.errors_total === 'number' ? r.errors_total : 0 };
}

const str = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : '');

function int(v: JsonValue | undefined): number | null {
  const n = typeof v === 'number' ? v : v instanceof LosslessNumber ? Number(v.literal) : NaN;
  return Number.isSafeInteger(n) ? n : null;
}

/** Every acknowledgement document (at most 9,999, lib/verify's limit), fields read defensively. */
export async function readStoredAcks(client: Client): Promise<StoredAck[]> {
  const docs = await readAcknowledgements(client, 'acknowledge-*');
  return docs.flatMap(({ id, source: s }) => {
    const index = str(s.acknowledge_blockchain_id);
    const corruptionId = str(s.corruption_id);
    if (!index.startsWith('acknowledge-') || corruptionId === '') return [];
    return [
      {
        documentId: id,
        chain: index.slice('acknowledge-'.length),
        corruptionId,
        fromIteration: int(s.from_iteration),
        toIteration: int(s.to_iteration),
        by: str(s.acknowledged_by),
        atMs: int(s.acknowledged_at_ms),
        description: str(s.description),
        reason: str(s.reason),
      },
    ];
  });
}
