import type { AuditAction } from '../audit';
import type { Permission } from './roles';

// The registry of console API routes: every route under app/api/console is listed here with the
// permission it requires and a valid sample input. lib/auth/console-routes.test.ts imports each
// route file, fails for any exported method missing here, and calls every route as anonymous,
// viewer, operator and auditor, asserting 401/403/2xx from this table.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ConsoleRouteDef {
  readonly method: HttpMethod;
  /** Path below the console origin, as Next.js serves it. */
  readonly path: string;
  readonly permission: Permission;
  /** A valid input: query parameters for GET, the JSON body otherwise. */
  readonly sample: Readonly<Record<string, string | number | boolean | readonly string[]>>;
  /**
   * For state-changing routes: the audit action withConsoleAuth records for every call (success
   * or failure, with the error code). A route that audits with more detail itself leaves it out.
   */
  readonly audit?: AuditAction;
}

export const CONSOLE_ROUTES = {
  session: { method: 'GET', path: '/api/console/session', permission: 'session', sample: {} },
  logout: { method: 'POST', path: '/api/console/logout', permission: 'session', sample: {} },
  auditList: { method: 'GET', path: '/api/console/audit', permission: 'read', sample: { page: 0, size: 5 } },
  dlqList: { method: 'GET', path: '/api/console/dlq', permission: 'read', sample: {} },
  dlqRecover: { method: 'POST', path: '/api/console/dlq/recover', permission: 'operate', sample: {}, audit: 'dlq_recover' },
  chainsList: { method: 'GET', path: '/api/console/chains', permission: 'read', sample: {} },
  chainDetail: { method: 'GET', path: '/api/console/chains/detail', permission: 'read', sample: { chain: 'elproxysigned-acme-6_months-0', logs: 5 } },
  corruptionsList: { method: 'GET', path: '/api/console/corruptions', permission: 'read', sample: {} },
  // Both acknowledge routes audit `acknowledge` themselves (target: the acknowledgement index, with the CorruptionId).
  corruptionsAcknowledge: { method: 'POST', path: '/api/console/corruptions/acknowledge', permission: 'audit', sample: { corruptionId: 'eyJmcm9tX2l0ZXJhdGlvbiI6MTYsInRvX2l0ZXJhdGlvbiI6MTZ9', description: 'disk failure', reason: 'ticket OPS-1', keyFile: 'YWJj' } },
  corruptionsAcknowledgeRange: {
    method: 'POST',
    path: '/api/console/corruptions/acknowledge-range',
    permission: 'audit',
    sample: { chain: 'elproxysigned-acme-6_months-0', from: '2026-12-06T00:00:00Z', to: '2026-12-07T00:00:00Z', description: 'disk failure', reason: 'ticket OPS-1', keyFile: 'YWJj' },
  },
  verificationOverview: { method: 'GET', path: '/api/console/verification', permission: 'read', sample: {} },
  // Start and cancel are audited by the service (`verification_run`, with chain, mode, outcome and counts; never the key).
  verificationStart: { method: 'POST', path: '/api/console/verification/start', permission: 'audit', sample: { chain: 'elproxysigned-acme-6_months-0', mode: 'full', keyFile: '{"key":"sample","iteration":0}' } },
  verificationCancel: { method: 'POST', path: '/api/console/verification/cancel', permission: 'audit', sample: { runId: 'run-0123456789abcdef' } },
  verificationReports: { method: 'GET', path: '/api/console/verification/reports', permission: 'read', sample: { page: 0, size: 5 } },
  verificationReport: { method: 'GET', path: '/api/console/verification/report', permission: 'read', sample: { id: 'elproxysigned-acme-6_months-0-20261206T101500Z-a1b2c3' } },
  dlqRecovery: { method: 'GET', path: '/api/console/dlq/recovery', permission: 'read', sample: {} },
  dlqEntries: { method: 'GET', path: '/api/console/dlq/entries', permission: 'read', sample: { file: 'acme/logs-app-elproxysigned-acme-6_months-0-2026-12-06.ndjson', page: 0, size: 20 } },
  // Audited by the route itself (runAudited): target the file, details where it went.
  dlqArchive: { method: 'POST', path: '/api/console/dlq/archive', permission: 'operate', sample: { file: 'acme/logs-app-elproxysigned-acme-6_months-0-2026-12-06.ndjson', version: '120:1765000000000.5' } },
  configurationGet: { method: 'GET', path: '/api/console/configuration', permission: 'read', sample: {} },
  // Audited by the route itself (runAudited): target the file, details the field counts.
  configurationSaveFields: { method: 'PUT', path: '/api/console/configuration/fields', permission: 'operate', sample: { includeFields: ['@timestamp', 'message'], version: 'absent' } },
  overview: { method: 'GET', path: '/api/console/overview', permission: 'read', sample: {} },
} as const satisfies Record<string, ConsoleRouteDef>;

export type ConsoleRouteId = keyof typeof CONSOLE_ROUTES;
