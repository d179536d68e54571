/**
 * lib/audit — the console's audit log: who did what, when, to what, with which outcome.
 *
 * Contract:
 * - I/O, through the official `@elastic/elasticsearch` client to the store Signet uses, index
 *   `signet-audit` (created with an explicit mapping on first use).
 * - Append-only: records are created with op_type=create; this module has no update or delete,
 *   and no console route exposes one.
 * - Records carry names, roles, actions, targets and outcomes only: never tokens, passwords,
 *   cookies or log content. Errors: `AuditError` with closed `ERR_AUDIT_*` codes.
 */
export { createAuditLog, MAX_AUDIT_WINDOW, type AuditLog } from './create-audit-log';
export { AUDIT_ACTIONS, AUDIT_INDEX, type AuditAction, type AuditEvent, type AuditOutcome, type AuditPage, type AuditQuery, type AuditRecord } from './audit-entry';
export { AuditError, type AuditErrorCode } from './audit-error';
