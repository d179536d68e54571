/**
 * lib/ingest — the front of El Proxy's ingest API, independent of any HTTP framework.
 *
 * Contract: reads and bounds request bodies (size, gzip), parses them (lossless, keeping each
 * log's exact text), and resolves each log's blockchain and data stream from EBP_METADATA.
 * It decides nothing about durability: that is the chain service's job. No process.env, no logging.
 * The per-log work (prepare-body.ts) is pure and may run on worker threads (prepare-pool.ts;
 * `prepare-worker.ts` is bundled to dist/cli/ingest-prepare-worker.cjs next to the CLI).
 */
export { IngestError, type IngestErrorCode } from './ingest-error';
export { InflightBudget, type BodyTicket } from './inflight-budget';
export { readBody, type BodyLimits } from './read-body';
export { INGEST_MAX_DEPTH, parseLogs, type ReceivedLog } from './parse-logs';
export { resolveLogTarget, UNKNOWN_AGENT_VERSION, type LogTarget } from './log-target';
export { prepareBody, type AcceptedLog, type PreparedLog, type RefusedLog } from './prepare-body';
export { MIN_WORKER_BYTES, createPreparePool, inlinePrepare, type PreparedBody, type PrepareFn, type PreparePool, type PreparePoolOptions } from './prepare-pool';
export { createIngestService, type IngestDeps, type IngestHandler, type IngestAnswered, type IngestRequest, type IngestResponse } from './ingest-service';
export { createIngestAuthenticator, type IngestCaller } from './ingest-auth';
export { apiKeyMatches, createApiKey, parseApiKeysFile, revokeApiKey, type ApiKeyEntry } from './api-keys-file';
