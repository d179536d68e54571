import type { ChainHead, FieldSelector } from '../chain';
import type { ChainsError } from './chains-error';
import type { BulkItem, ChainsMetricsPort, DlqPort, KeyStorePort, StorePort } from './ports';

/** One log to sign, with where it goes. */
export interface ChainLog {
  /** The log's exact text (stored with `ES_BLOCKCHAIN` spliced in). */
  readonly raw: string;
  /**
   * Its canonical signed fields as ingest computed them (lib/chain canonicalFieldsOf), with the
   * selector they were computed with. Used only when that selector is still the one in force at
   * signing time; otherwise (or when absent) `raw` is parsed and its fields selected again.
   */
  readonly canonical?: { readonly text: string; readonly selector: FieldSelector };
  readonly dataStream: string;
  readonly pipeline: string | null;
}

export interface CommitCounts {
  indexed: number;
  dlq: number;
}

export interface ChainWriterDeps {
  readonly keys: KeyStorePort;
  readonly dlq: DlqPort;
  readonly store: StorePort;
  readonly metrics: ChainsMetricsPort;
  readonly outboxDir: string;
  readonly maxQueuedLogs: number;
  /** The current include_fields (read per commit, so configuration changes apply to new logs). */
  readonly selector: () => FieldSelector;
  readonly now: () => number;
  /** A fresh iteration-0 key from a CSPRNG (64 lowercase hex characters as bytes). */
  readonly newKey: () => Uint8Array;
  /** Least time between two key-file saves after deliveries (default {@link KEY_SAVE_INTERVAL_MS}; 0: after each). */
  readonly keySaveIntervalMs?: number;
}

/** The logs of one request for the chain, and how to answer it. */
export interface Job {
  readonly logs: readonly ChainLog[];
  readonly resolve: (c: CommitCounts) => void;
  readonly reject: (e: unknown) => void;
}

/** A group commit signed and in the outbox (its iterations consumed), not yet delivered. */
export interface Prepared {
  readonly jobs: Job[];
  readonly logs: number;
  readonly seq: number;
  readonly body: Buffer;
  readonly items: BulkItem[];
  readonly head0: ChainHead;
  readonly head1: ChainHead;
}

/** What became of one delivered log. */
export type Fate = 'indexed' | 'dlq';

/** A delivery failure after which nothing of the commit is stored: its iterations are signed again. */
export class RollBack {
  constructor(readonly error: ChainsError) {}
}

/** Most logs signed and delivered in one commit (group commit across queued requests). */
export const MAX_COMMIT_LOGS = 5000;
/** Most logs sent in one `_bulk` (the commits signed while the previous one was delivered). */
export const MAX_DELIVERY_LOGS = 5000;
/** The window of `status().signedLastWindow`. */
export const SIGNED_WINDOW_SECS = 60;
/**
 * Default least time between two key-file saves after deliveries: 0, a save after every delivery
 * (El Proxy: the key file never holds a used key longer than a send). With an interval
 * (`key_save_interval_ms`), a delivery sooner after the last save leaves its record pending in
 * the outbox — exactly the state after a failed save: the head is recoverable from key file +
 * outbox, and a crash re-delivers at most that much (creates with deterministic ids answer
 * "already stored"). A save is about twelve file-system calls with two fsyncs, so an interval
 * saves CPU and disk flushes when many chains deliver every few milliseconds.
 */
export const KEY_SAVE_INTERVAL_MS = 0;
