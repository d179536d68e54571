import type { Client } from '@elastic/elasticsearch';
import { BLOCKCHAIN_FIELD, chainIndexPattern, chainName, type ChainIdentity } from '../chain';
import { StoreError } from './store-error';
import { toStoreError } from './to-store-error';

const ITERATION = `${BLOCKCHAIN_FIELD}.iteration`;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The highest `ES_BLOCKCHAIN.iteration` stored for a chain, across all its data streams
 * (`*-*-{module}-{customer}-{retention}-{tag}`), or null when it has none — El Proxy's start-up
 * query (reference §3.1): size 1, sorted descending, only that field returned (El Proxy's own
 * role may read nothing else), missing indices and an unmapped field tolerated.
 *
 * @example await maxIteration(client, { module: 'elproxysigned', customer: 'acme', retention: '6_months', tag: '0' }) // 41
 * @throws StoreError `ERR_STORE_UNAVAILABLE` when the store cannot answer (the chain writer turns
 *   it into a retryable 503), `ERR_STORE_REJECTED` for a 4xx (e.g. a missing privilege),
 *   `ERR_STORE_INVALID_RESPONSE` when the stored iteration is not a non-negative integer.
 */
export async function maxIteration(client: Client, id: ChainIdentity): Promise<number | null> {
  const index = chainIndexPattern(id);
  let body: unknown;
  try {
    body = await client.search({
      index,
      ignore_unavailable: true,
      allow_no_indices: true,
      size: 1,
      track_total_hits: false,
      sort: [{ [ITERATION]: { order: 'desc', unmapped_type: 'long' } }],
      _source: [ITERATION],
    });
  } catch (err) {
    throw toStoreError(err, `searching the highest iteration of chain ${chainName(id)}`);
  }
  const hits = isRecord(body) && isRecord(body.hits) && Array.isArray(body.hits.hits) ? body.hits.hits : null;
  if (hits === null) throw new StoreError('ERR_STORE_INVALID_RESPONSE', `searching the highest iteration of chain ${chainName(id)}: the response holds no hits`);
  const hit: unknown = hits[0];
  if (hit === undefined) return null;
  const source = isRecord(hit) ? hit._source : undefined;
  const blockchain = isRecord(source) ? source[BLOCKCHAIN_FIELD] : undefined;
  const iteration = isRecord(blockchain) ? blockchain.iteration : undefined;
  if (typeof iteration !== 'number' || !Number.isSafeInteger(iteration) || iteration < 0) {
    // A document that sorts highest without a usable iteration would make the chain's start-up
    // check meaningless: refuse instead of guessing.
    throw new StoreError('ERR_STORE_INVALID_RESPONSE', `chain ${chainName(id)}: the document with the highest iteration has no valid ${ITERATION}`);
  }
  return iteration;
}
