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
export { useDlq, recoverDlq, DLQ_URL } from './use-dlq';
export { useOverview, OVERVIEW_URL, OVERVIEW_REFRESH_MS } from './use-overview';
