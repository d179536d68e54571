import type { StoreError } from './store-error';
import { toStoreError } from './to-store-error';

/**
 * Holds writes back until `prepare` (installing the index templates) has succeeded once.
 *
 * Why: a bulk `create` into a data stream name that no index template matches makes
 * Elasticsearch create a plain index (dynamic mappings, no ILM, no `ES_BLOCKCHAIN.fields`
 * protection), and no template installed later turns it into a data stream. When Signet starts
 * while the store is down, the templates wait for a background retry; a store that comes back
 * before that retry must not receive logs first.
 *
 * Only an unavailable store holds writes back (`ERR_STORE_UNAVAILABLE`: the caller answers 503
 * and nothing is signed for good). A store that refuses the templates (a least-privilege user
 * may not manage them: the operator installs them) or answers oddly lets writes through: the gate
 * then opens for good, as it does on success. Concurrent callers share one attempt.
 *
 * @returns a function resolving to null when writes may go ahead, else the StoreError that keeps
 *   them back.
 */
export function createWriteGate(prepare: () => Promise<unknown>): () => Promise<StoreError | null> {
  let open = false;
  let attempt: Promise<StoreError | null> | null = null;
  return () => {
    if (open) return Promise.resolve(null);
    attempt ??= prepare().then(
      () => ((open = true), null),
      (err: unknown) => {
        const e = toStoreError(err, 'installing the index templates');
        if (e.code === 'ERR_STORE_UNAVAILABLE') return e;
        open = true;
        return null;
      },
    ).finally(() => {
      attempt = null;
    });
    return attempt;
  };
}
