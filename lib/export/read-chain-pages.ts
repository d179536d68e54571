import type { Client } from '@elastic/elasticsearch';
import { isPlainObject, parseJson, parseJsonArrayElements, type JsonValue } from '../chain';
import { findMemberSpan } from '../dlq';
import { ExportError } from './export-error';
import { errorReason, requestRawText } from './search-raw-text';

/** One stored document: its `_source` exactly as Elasticsearch returned it, and the parsed value. */
export interface RawHit {
  readonly sourceText: string;
  readonly source: JsonValue;
}

export interface ReadChainOptions {
  /** Index pattern of the chain's data streams (`*-*-{chain}`). */
  readonly pattern: string;
  readonly pageSize: number;
  /** The query (a filter clause) or null for every document. */
  readonly filter: Record<string, unknown> | null;
}

const KEEP_ALIVE = '2m';
/** Stored documents may nest deeply; lib/chain's default depth is for request bodies. */
const MAX_DEPTH = 200;

/**
 * Reads every document of the chain's data streams in iteration order: a point in time (one
 * consistent view, however long the export takes) paged with `search_after`, sorted by
 * `ES_BLOCKCHAIN.iteration` with the point in time's `_shard_doc` tie-breaker. Bodies are read
 * as text and parsed with lib/chain's lossless parser; each hit's `_source` is handed out as
 * the exact text Elasticsearch returned.
 * @throws {ExportError} `ERR_EXPORT_NOT_FOUND` when no index matches, `ERR_EXPORT_STORE` for
 * any other store failure.
 */
export async function* readChainPages(client: Client, o: ReadChainOptions): AsyncGenerator<RawHit[]> {
  const opened = await requestRawText(client, 'POST', `/${o.pattern}/_pit`, undefined, { keep_alive: KEEP_ALIVE });
  if (opened.status === 404) throw new ExportError('ERR_EXPORT_NOT_FOUND', `no data stream matches ${o.pattern}`);
  if (opened.status !== 200) throw storeFailure('open a point in time', opened);
  const pit = pitOf(opened.text);
  // A wildcard that matches nothing opens a point in time over no shard at all.
  if (pit.shards === 0) {
    await closePit(client, pit.id);
    throw new ExportError('ERR_EXPORT_NOT_FOUND', `no data stream matches ${o.pattern}`);
  }
  let pitId = pit.id;
  try {
    let after: string | null = null;
    for (;;) {
      const body = searchBody(pitId, o, after);
      const res = await requestRawText(client, 'POST', '/_search', body);
      if (res.status !== 200) throw storeFailure('search', res);
      const page = parsePage(res.text);
      pitId = page.pitId ?? pitId;
      if (page.hits.length === 0) return;
      yield page.hits;
      if (page.lastSort === null) throw new ExportError('ERR_EXPORT_STORE', 'Elasticsearch returned a hit without sort values');
      after = page.lastSort;
      if (page.hits.length < o.pageSize) return;
    }
  } finally {
    await closePit(client, pitId);
  }
}

/** The search body as text, so that `search_after` carries the previous page's sort values verbatim. */
function searchBody(pitId: string, o: ReadChainOptions, after: string | null): string {
  const base: Record<string, unknown> = {
    size: o.pageSize,
    pit: { id: pitId, keep_alive: KEEP_ALIVE },
    sort: [{ 'ES_BLOCKCHAIN.iteration': { order: 'asc', unmapped_type: 'long' } }],
    track_total_hits: false,
    ...(o.filter === null ? {} : { query: o.filter }),
  };
  const text = JSON.stringify(base);
  return after === null ? text : `${text.slice(0, -1)},"search_after":${after}}`;
}

interface Page {
  readonly hits: RawHit[];
  readonly lastSort: string | null;
  readonly pitId: string | null;
}

function parsePage(text: string): Page {
  let root: JsonValue;
  try {
    root = parseJson(text, { maxDepth: MAX_DEPTH });
  } catch (err) {
    throw new ExportError('ERR_EXPORT_STORE', `Elasticsearch sent an unreadable search response: ${(err as Error).message}`, { cause: err });
  }
  const outer = span(text, 'hits');
  const inner = outer === null ? null : span(outer, 'hits');
  if (!isPlainObject(root) || inner === null) throw new ExportError('ERR_EXPORT_STORE', 'Elasticsearch sent a search response without hits');
  const { values, spans } = parseJsonArrayElements(inner, { maxDepth: MAX_DEPTH });
  const hits: RawHit[] = [];
  let lastSort: string | null = null;
  values.forEach((hit, i) => {
    const [s, e] = spans[i] as [number, number];
    const hitText = inner.slice(s, e);
    if (!isPlainObject(hit) || hit._source === undefined) throw new ExportError('ERR_EXPORT_STORE', 'Elasticsearch sent a hit without _source');
    const sourceText = span(hitText, '_source') as string;
    hits.push({ sourceText, source: hit._source });
    lastSort = span(hitText, 'sort');
  });
  return { hits, lastSort, pitId: typeof root.pit_id === 'string' ? root.pit_id : null };
}

function span(objectText: string, name: string): string | null {
  const sp = findMemberSpan(objectText, name);
  return sp === null ? null : objectText.slice(sp[0], sp[1]);
}

function pitOf(text: string): { id: string; shards: number | null } {
  try {
    const v = JSON.parse(text) as { id?: unknown; _shards?: { total?: unknown } };
    if (typeof v.id === 'string') return { id: v.id, shards: typeof v._shards?.total === 'number' ? v._shards.total : null };
  } catch {
    // reported below
  }
  throw new ExportError('ERR_EXPORT_STORE', 'Elasticsearch did not return a point in time id');
}

/** Best effort: an unclosed point in time expires with its keep-alive anyway. */
async function closePit(client: Client, id: string): Promise<void> {
  await requestRawText(client, 'DELETE', '/_pit', JSON.stringify({ id })).catch(() => undefined);
}

function storeFailure(what: string, res: { status: number; text: string }): ExportError {
  return new ExportError('ERR_EXPORT_STORE', `cannot ${what}: Elasticsearch answered ${res.status} (${errorReason(res.text)})`);
}
