import type { Client } from '@elastic/elasticsearch';
import { BLOCKCHAIN_FIELD, chainIndexPattern, chainName, isPlainObject, LosslessNumber, parseJson, type ChainIdentity, type JsonValue } from '../chain';
import type { ChainDataStreamDto, SignedLogDto } from '../shared';
import { describeStoreFailure } from './console-chains-store-failure';

// The Blockchains pages' reads of signed logs and data streams, through the official client.
// Every read names the chain's index pattern `*-*-{module}-{customer}-{retention}-{tag}` (built
// by lib/chain from a validated identity), tolerates missing indices, and throws a plain Error
// with a one-line description on failure (the service turns it into `storeProblem`).

const ITERATION = `${BLOCKCHAIN_FIELD}.iteration`;
const TIMESTAMP = `${BLOCKCHAIN_FIELD}.timestamp_ms`;

/** The newest stored log of a chain and how many were signed since `sinceMs`. */
export interface StoredHead {
  readonly iteration: number | null;
  readonly hash: string | null;
  readonly timestampMs: number | null;
  readonly recent: number;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * One search: size 1 sorted by `ES_BLOCKCHAIN.iteration` descending (as the writer's start-up
 * check), plus a filter aggregation counting the logs whose `timestamp_ms` (signing time) is at or
 * after `sinceMs` — the chain's recent rate.
 */
export async function readStoredHead(client: Client, id: ChainIdentity, sinceMs: number): Promise<StoredHead> {
  let body: unknown;
  try {
    body = await client.search({
      index: chainIndexPattern(id),
      ignore_unavailable: true,
      allow_no_indices: true,
      size: 1,
      track_total_hits: false,
      sort: [{ [ITERATION]: { order: 'desc', unmapped_type: 'long' } }],
      _source: [ITERATION, `${BLOCKCHAIN_FIELD}.hash`, TIMESTAMP],
      aggs: { recent: { filter: { range: { [TIMESTAMP]: { gte: sinceMs } } } } },
    });
  } catch (err) {
    throw new Error(describeStoreFailure(`reading the head of ${chainIndexPattern(id)}`, err), { cause: err });
  }
  const b = body as { hits?: { hits?: { _source?: Record<string, unknown> }[] }; aggregations?: { recent?: { doc_count?: unknown } } };
  const src = b.hits?.hits?.[0]?._source;
  const block = src !== undefined && isPlainObject(src[BLOCKCHAIN_FIELD]) ? (src[BLOCKCHAIN_FIELD] as Record<string, unknown>) : null;
  const hash = block?.hash;
  return {
    iteration: num(block?.iteration),
    hash: typeof hash === 'string' ? hash : null,
    timestampMs: num(block?.timestamp_ms),
    recent: num(b.aggregations?.recent?.doc_count) ?? 0,
  };
}

/** Chunks of patterns per `GET _data_stream/{a},{b},…` request (keeps the URL short). */
const STREAM_CHUNK = 40;

/**
 * The data streams of each chain, by name: `GET _data_stream/*-*-{chain},…` (wildcards only, so
 * chains without one answer an empty list, not 404). A data stream belongs to the chain its last
 * four dash-separated parts name (name components contain no dash).
 */
export async function readDataStreams(client: Client, ids: readonly ChainIdentity[]): Promise<Map<string, ChainDataStreamDto[]>> {
  const out = new Map<string, ChainDataStreamDto[]>();
  const wanted = new Set(ids.map(chainName));
  for (let i = 0; i < ids.length; i += STREAM_CHUNK) {
    const patterns = ids.slice(i, i + STREAM_CHUNK).map(chainIndexPattern);
    let body: unknown;
    try {
      body = await client.indices.getDataStream({ name: patterns.join(','), expand_wildcards: 'all' });
    } catch (err) {
      throw new Error(describeStoreFailure('listing data streams', err), { cause: err });
    }
    for (const ds of (body as { data_streams?: unknown[] }).data_streams ?? []) {
      if (!isPlainObject(ds as JsonValue) || typeof (ds as { name?: unknown }).name !== 'string') continue;
      const d = ds as { name: string; status?: unknown; generation?: unknown; indices?: unknown[]; template?: unknown; ilm_policy?: unknown };
      const chain = d.name.split('-').slice(-4).join('-');
      if (!wanted.has(chain)) continue;
      const list = out.get(chain) ?? [];
      list.push({
        name: d.name,
        status: typeof d.status === 'string' ? d.status : null,
        generation: num(d.generation),
        backingIndices: Array.isArray(d.indices) ? d.indices.length : 0,
        template: typeof d.template === 'string' ? d.template : null,
        ilmPolicy: typeof d.ilm_policy === 'string' ? d.ilm_policy : null,
      });
      out.set(chain, list);
    }
  }
  for (const list of out.values()) list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return out;
}

/**
 * The chain's newest `size` stored logs by `ES_BLOCKCHAIN.iteration`, read as raw bytes and
 * parsed losslessly (the client's JSON.parse would round integers beyond 2^53 in what the
 * operator sees). Stored documents are attacker-influenced: every field is checked before use.
 */
export async function readRecentLogs(client: Client, id: ChainIdentity, size: number): Promise<SignedLogDto[]> {
  const what = `reading recent logs of ${chainIndexPattern(id)}`;
  let text: string;
  try {
    const res = (await client.search(
      { index: chainIndexPattern(id), ignore_unavailable: true, allow_no_indices: true, size, track_total_hits: false, sort: [{ [ITERATION]: { order: 'desc', unmapped_type: 'long' } }] },
      { asStream: true, meta: true },
    )) as unknown as { statusCode?: number | null; body: AsyncIterable<Buffer | string> };
    const chunks: Buffer[] = [];
    for await (const c of res.body) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
    text = Buffer.concat(chunks).toString('utf8');
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) throw Object.assign(new Error(`status ${status}`), { meta: { statusCode: status, body: text } });
  } catch (err) {
    throw new Error(describeStoreFailure(what, err), { cause: err });
  }
  const root = parseJson(text, { maxDepth: 200 });
  const hits = isPlainObject(root) && isPlainObject(root.hits) && Array.isArray(root.hits.hits) ? root.hits.hits : [];
  return hits.flatMap((hit): SignedLogDto[] => {
    if (!isPlainObject(hit) || !isPlainObject(hit._source)) return [];
    const source = hit._source;
    const block = isPlainObject(source[BLOCKCHAIN_FIELD]) ? source[BLOCKCHAIN_FIELD] : null;
    const ts = block === null ? null : num(block.timestamp_ms);
    return [
      {
        index: typeof hit._index === 'string' ? hit._index : '',
        id: typeof hit._id === 'string' ? hit._id : '',
        iteration: block === null ? null : num(block.iteration),
        hash: block !== null && typeof block.hash === 'string' ? block.hash : null,
        signedAt: ts === null ? null : isoOrNull(ts),
        documentText: prettyJson(source),
        blockchainText: block === null ? null : prettyJson(block),
      },
    ];
  });
}

/** ISO time of epoch milliseconds, or null when out of Date's range. */
export function isoOrNull(ms: number): string | null {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** JSON with two-space indentation; lossless numbers are written as received. */
export function prettyJson(value: JsonValue, indent = ''): string {
  if (value instanceof LosslessNumber) return value.literal;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + prettyJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${prettyJson(value[k] as JsonValue, inner)}`).join(',\n')}\n${indent}}`;
}
