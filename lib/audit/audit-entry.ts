// The shape of one audit record in the `signet-audit` index: who (name and roles at the time),
// when, what, on what, and how it ended. Records are appended only; nothing in Signet updates or
// deletes them (the console has no route that could).

export const AUDIT_INDEX = 'signet-audit';

export type AuditOutcome = 'success' | 'failure' | 'denied';

/** Closed list of audited actions; a new console mutation adds its action here. */
export const AUDIT_ACTIONS = [
  'login',
  'login_failed',
  'logout',
  'access_denied',
  'dlq_recover',
  'dlq_archive',
  'config_change',
  'verification_run',
  'acknowledge',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEvent {
  readonly user: { readonly name: string; readonly roles: readonly string[] };
  readonly action: AuditAction;
  /** What the action was about (a chain, a DLQ file, a config file, a username); '' if nothing. */
  readonly target: string;
  readonly outcome: AuditOutcome;
  /** Short, non-secret facts (counts, error codes). Never tokens, passwords or log content. */
  readonly details?: Readonly<Record<string, string | number | boolean>>;
  /** Client address as seen by Signet, when known. */
  readonly sourceIp?: string;
}

/** A stored record, as the audit log page lists it. */
export interface AuditRecord extends AuditEvent {
  readonly id: string;
  readonly '@timestamp': string;
}

export interface AuditQuery {
  readonly user?: string;
  readonly action?: AuditAction;
  readonly outcome?: AuditOutcome;
  /** ISO timestamps, inclusive. */
  readonly from?: string;
  readonly to?: string;
  /** 0-based page of `size` records, newest first. */
  readonly page: number;
  readonly size: number;
}

export interface AuditPage {
  readonly total: number;
  readonly records: AuditRecord[];
}
