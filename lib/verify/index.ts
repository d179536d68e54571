/**
 * lib/verify — verification of signed chains and acknowledgement of corruptions (SPEC §8,
 * reference §8–9): the service behind `signet verify`, `acknowledge` and `acknowledge-range`,
 * and later the console.
 *
 * Contract:
 * - I/O: reads chains from Elasticsearch (or the embedded store) through the official client —
 *   point in time + `search_after` on `ES_BLOCKCHAIN.iteration`, only `ES_BLOCKCHAIN` fetched,
 *   parsed losslessly — checks MACs in worker threads with lib/chain (pure), keeps the
 *   Blockchain State History files, writes reports and acknowledgement documents.
 * - Tampering is a RESULT (the report's errors and warnings with El Proxy's codes and
 *   CorruptionIds), never an exception. Exceptions are `VerifyError` with closed
 *   `ERR_VERIFY_*` codes for things that prevent a verdict (bad key file, unknown chain, store
 *   unreachable, history unreadable).
 * - Never prints, never reads the environment, never logs or returns key material; keys are
 *   wiped after use (the caller owns and wipes the iteration-0 key).
 * - Acknowledgements are validated completely (CorruptionId, chain, key, placement, texts) and
 *   signed before anything is written; one corruption has at most one acknowledgement.
 */
export { verifyChain, type VerifyChainOptions } from './verify-chain';
export { acknowledgeCorruption, type AcknowledgeOptions } from './acknowledge-corruption';
export { acknowledgeRange, type AcknowledgeRangeOptions, type AcknowledgeRangeResult } from './acknowledge-range';
export { acknowledgementDocId, type WriteOutcome } from './acknowledgement-writes';
export { readAcknowledgements, type StoredAcknowledgement } from './read-acknowledgements';
export { readKeyFile, parseKeyFile } from './read-key-file';
export { formatReport } from './format-report';
export { writeReportFiles, indexReport, reportsOfChainQuery, REPORTS_INDEX } from './save-report';
export { readStateHistory, historyFile, type StateHistory, type HistoryDay } from './state-history';
export { VerifyError, type VerifyErrorCode } from './verify-error';
export { chainExists } from './chain-queries';
export type { VerificationReport, ReportError, ReportWarning, ReportAcknowledged, VerificationStatus } from './report';
