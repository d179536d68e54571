import type { Client } from '@elastic/elasticsearch';
import { isPlainObject, type JsonObject } from '../chain';
import { hitsOf, searchRaw } from './search-raw';
import { VerifyError } from './verify-error';

/** A stored acknowledgement document as found (attacker-controlled: judged, not trusted). */
export interface StoredAcknowledgement {
  readonly id: string;
  readonly source: JsonObject;
}

const MAX_ACKS = 10_000;

/**
 * Every document of the chain's acknowledgement index `acknowledge-{chain}` (none when the index
 * does not exist), parsed losslessly.
 * @throws VerifyError `ERR_VERIFY_STORE`; `ERR_VERIFY_INPUT` beyond 10,000 acknowledgements.
 */
export async function readAcknowledgements(client: Client, ackIndex: string): Promise<StoredAcknowledgement[]> {
  const body = await searchRaw(
    client,
    { index: ackIndex, ignore_unavailable: true, allow_no_indices: true, size: MAX_ACKS, track_total_hits: MAX_ACKS + 1, sort: ['_doc'] },
    `reading the acknowledgements in ${ackIndex}`,
  );
  const hits = hitsOf(body);
  if (hits.length >= MAX_ACKS) throw new VerifyError('ERR_VERIFY_INPUT', `${ackIndex} holds more than ${MAX_ACKS - 1} acknowledgements; Signet reads at most that many`);
  return hits.filter(isPlainObject).map((h) => ({ id: String(h._id), source: isPlainObject(h._source) ? h._source : {} }));
}
