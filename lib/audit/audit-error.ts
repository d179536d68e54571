import { AppError } from '../errors';

export type AuditErrorCode =
  /** The store did not accept or answer the audit request: 503. */
  | 'ERR_AUDIT_UNAVAILABLE'
  /** A search the audit log cannot run (paging beyond the window, bad size): 400. */
  | 'ERR_AUDIT_QUERY';

export class AuditError extends AppError<AuditErrorCode> {
  constructor(code: AuditErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { status: code === 'ERR_AUDIT_QUERY' ? 400 : 503, expose: true, ...options });
  }
}
