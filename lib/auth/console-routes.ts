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
  readonly sample: Readonly<Record<string, string | number | boolean>>;
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
  overview: { method: 'GET', path: '/api/console/overview', permission: 'read', sample: {} },
} as const satisfies Record<string, ConsoleRouteDef>;

export type ConsoleRouteId = keyof typeof CONSOLE_ROUTES;
