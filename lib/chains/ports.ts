import type { ChainHead, ChainIdentity } from '../chain';

/** Key files (implemented by lib/keys). */
export interface KeyStorePort {
  load(id: ChainIdentity): Promise<ChainHead | null>;
  create(id: ChainIdentity, key0: Uint8Array): Promise<ChainHead>;
  save(id: ChainIdentity, head: ChainHead, options?: { allowRollback?: boolean }): Promise<void>;
}

/** The dead letter queue (implemented by lib/dlq). */
export interface DlqPort {
  append(customer: string, dataStream: string, entries: { documentText: string; error: { type: string; reason: string } | null }[]): Promise<void>;
}

/** One signed document to index. */
export interface BulkItem {
  readonly index: string;
  readonly id: string;
  readonly pipeline: string | null;
  /** The signed document as stored: the received bytes with ES_BLOCKCHAIN spliced in. */
  readonly docText: string;
}

export type ItemOutcome =
  | { readonly status: 'indexed' | 'exists' }
  | { readonly status: 'failed'; readonly error: { type: string; reason: string } };

/**
 * What a delivery achieved after El Proxy's strategies (retries, pipeline removal, stripping):
 * `done` — every item has a final outcome; `not_indexed` — the whole request was refused or the
 * store was unreachable, so certainly nothing was written; `uncertain` — the request failed in a
 * way that may have written some items (timeout, reset, other 5xx).
 */
export type DeliveryResult =
  | { readonly outcome: 'done'; readonly items: readonly ItemOutcome[] }
  | { readonly outcome: 'not_indexed' | 'uncertain'; readonly error: { type: string; reason: string } };

/** Writes to Elasticsearch (implemented by lib/store). */
export interface StorePort {
  /**
   * `body`, when the caller has it already (the outbox encoded it): the items' bulk body exactly
   * as `toBulkPayload` writes it, sent as the first request instead of being encoded again.
   */
  deliver(items: readonly BulkItem[], body?: Buffer): Promise<DeliveryResult>;
  /** Highest ES_BLOCKCHAIN.iteration stored for the chain, or null when it has no logs. */
  maxIteration(id: ChainIdentity): Promise<number | null>;
  /** Cheap reachability check used by the circuit breaker. */
  ping(): Promise<boolean>;
}

/** What the service reports for metrics (El Proxy's names, reference §11). */
export interface ChainsMetricsPort {
  logsProcessed(result: 'indexed' | 'dlq' | 'failure', n: number): void;
}
