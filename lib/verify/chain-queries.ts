import type { Client } from '@elastic/elasticsearch';
import { BLOCKCHAIN_FIELD, entryFromDocument, isPlainObject, type VerifyEntry } from '../chain';
import { hitsOf, searchRaw, storeError } from './search-raw';

// Small queries about one chain (index pattern `*-*-{chain}`), all tolerant of missing indices.
const ITERATION = `${BLOCKCHAIN_FIELD}.iteration`;
const TIMESTAMP = `${BLOCKCHAIN_FIELD}.timestamp_ms`;
const LENIENT = { ignore_unavailable: true, allow_no_indices: true } as const;

/** Whether any index or data stream matches the chain's pattern. */
export async function chainExists(client: Client, pattern: string): Promise<boolean> {
  try {
    return await client.indices.exists({ index: pattern });
  } catch (err) {
    throw storeError(`looking up ${pattern}`, err);
  }
}

/** Documents of the chain whose iteration is in [gte, lte], counted. */
export async function countLogs(client: Client, pattern: string, gte: number, lte?: number): Promise<number> {
  try {
    const r = await client.count({ index: pattern, ...LENIENT, query: { range: { [ITERATION]: lte === undefined ? { gte } : { gte, lte } } } });
    return r.count;
  } catch (err) {
    throw storeError(`counting the logs of ${pattern}`, err);
  }
}

/** The lowest (`asc`) or highest (`desc`) iteration in [gte, lte] with an optional signing-time bound, or null. */
export async function edgeIteration(
  client: Client,
  pattern: string,
  o: { order: 'asc' | 'desc'; gte?: number; lte?: number; timestampLt?: number; timestampGte?: number },
): Promise<number | null> {
  const filter: object[] = [];
  if (o.gte !== undefined || o.lte !== undefined) filter.push({ range: { [ITERATION]: { ...(o.gte !== undefined ? { gte: o.gte } : {}), ...(o.lte !== undefined ? { lte: o.lte } : {}) } } });
  if (o.timestampLt !== undefined) filter.push({ range: { [TIMESTAMP]: { lt: o.timestampLt } } });
  if (o.timestampGte !== undefined) filter.push({ range: { [TIMESTAMP]: { gte: o.timestampGte } } });
  const body = await searchRaw(
    client,
    { index: pattern, ...LENIENT, size: 1, track_total_hits: false, sort: [{ [ITERATION]: { order: o.order, unmapped_type: 'long' } }], _source: [ITERATION], query: { bool: { filter } } },
    `searching the ${o.order === 'asc' ? 'first' : 'last'} log of ${pattern}`,
  );
  const hit = hitsOf(body)[0];
  const sort = isPlainObject(hit) && Array.isArray(hit.sort) ? hit.sort[0] : undefined;
  // The sort value is the indexed iteration, which is what range queries and search_after use.
  return typeof sort === 'number' && Number.isSafeInteger(sort) ? sort : null;
}

/** Every stored log at `iteration` (duplicates included), as verification entries. */
export async function logsAt(client: Client, pattern: string, iteration: number): Promise<VerifyEntry[]> {
  const body = await searchRaw(
    client,
    { index: pattern, ...LENIENT, size: 100, track_total_hits: false, query: { term: { [ITERATION]: iteration } }, _source: [BLOCKCHAIN_FIELD] },
    `reading log ${iteration} of ${pattern}`,
  );
  const out: VerifyEntry[] = [];
  for (const hit of hitsOf(body)) {
    const r = entryFromDocument(isPlainObject(hit) ? hit._source : undefined);
    if ('entry' in r && r.entry.iteration === iteration) out.push(r.entry);
  }
  return out;
}
