/**
 * lib/chains — the signing service's write path: one writer per blockchain (README.md).
 *
 * Contract: I/O module. Owns each chain's in-memory head, bounded queue and on-disk outbox, and
 * the order of the durability steps (sign → outbox → deliver → DLQ → key file). Talks to key files,
 * the DLQ and Elasticsearch only through the ports in ports.ts. Never keeps a spent key, never
 * writes a key outside the key file, never signs an iteration twice.
 */
export { createChainService, type ChainService, type ChainServiceDeps, type RoutedLog } from './chain-service';
export { ChainWriter } from './chain-writer';
export { MAX_COMMIT_LOGS, SIGNED_WINDOW_SECS, type ChainLog, type ChainWriterDeps, type CommitCounts } from './commit-types';
export type { ChainState } from './chain-loader';
export { ChainsError, type ChainsErrorCode } from './chains-error';
export { ChainOutbox, type OutboxRecord, type OutboxState } from './outbox';
export { fromBulkPayload, toBulkPayload } from './bulk-payload';
export type { BulkItem, ChainsMetricsPort, DeliveryResult, DlqPort, ItemOutcome, KeyStorePort, StorePort } from './ports';
