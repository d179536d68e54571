/**
 * lib/export — `signet export-logs` (El Proxy's `export-logs`, reference §6.6): a blockchain's
 * signed logs from Elasticsearch to a local NDJSON file.
 *
 * Contract:
 * - I/O: reads Elasticsearch through the official client only (a point in time + `search_after`
 *   over every data stream of the chain, in iteration order); writes one local file atomically
 *   (temp file, fsync, rename, fsync of the folder) through lib/durable-fs.
 * - Lossless: each log is written exactly as Elasticsearch returned its `_source` (bodies are
 *   read as text, never through JSON.parse), so `9007199254740993` and `1.50` survive and the
 *   file verifies with lib/chain.
 * - Every name that becomes an index pattern is validated first; never writes to Elasticsearch,
 *   never logs, never reads the environment. Errors: `ExportError` with closed codes.
 */
export { exportLogs, DEFAULT_EXPORT_BATCH_SIZE, MAX_EXPORT_BATCH_SIZE, type ExportLogsOptions, type ExportLogsResult } from './export-logs';
export { parseRfc3339 } from './parse-rfc3339';
export { ExportError, type ExportErrorCode } from './export-error';
