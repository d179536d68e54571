/**
 * lib/client — browser-side access to the console API.
 *
 * Contract: runs in the browser only; talks to Signet's own `/api/console/*` routes (same
 * origin, cookie session) through `fetchJson`, never to Elasticsearch. Imports only lib/shared.
 * Errors are `ConsoleApiError` with the server's `ERR_*` code.
 */
export { fetchJson, swrFetcher, ConsoleApiError } from './fetch-json';
export { logout } from './logout';
export { useAuditLog, auditLogUrl, type AuditFilters } from './use-audit-log';
export { useChains, useChainDetail, chainDetailUrl, CHAINS_URL, CHAINS_REFRESH_MS } from './use-chains';
export { useCorruptions, acknowledgeCorruption, acknowledgeCorruptionRange, readKeyFileForUpload, CORRUPTIONS_URL, type AcknowledgeForm } from './use-corruptions';
export { useVerificationOverview, useVerificationReports, useVerificationReport, verificationReportsUrl, startVerification, cancelVerification, VERIFICATION_URL } from './use-verification';
export { useDlq, useDlqEntries, useDlqRecovery, startDlqRecovery, archiveDlqFile, dlqEntriesUrl, DLQ_URL, DLQ_RECOVERY_URL } from './use-dlq';
export { useConfiguration, saveSignedFields, CONFIGURATION_URL } from './use-configuration';
export { useOverview, OVERVIEW_URL, OVERVIEW_REFRESH_MS } from './use-overview';
