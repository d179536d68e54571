import { z } from 'zod';

// GET /api/console/audit: the audit log page's query and answer. Query values arrive as strings
// from the URL; the schema is strict so a misspelt filter is a 400, not silently ignored.

export const AUDIT_ACTION_NAMES = ['login', 'login_failed', 'logout', 'access_denied', 'dlq_recover', 'dlq_archive', 'config_change', 'verification_run', 'acknowledge'] as const;
export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;

const isoDate = z
  .string()
  .max(40)
  .refine((v) => !Number.isNaN(Date.parse(v)), { message: 'expected an ISO 8601 date' });

export const auditQuerySchema = z.strictObject({
  user: z.string().min(1).max(256).optional(),
  action: z.enum(AUDIT_ACTION_NAMES).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  page: z.coerce.number().int().min(0).max(9_999).default(0),
  size: z.coerce.number().int().min(1).max(100).default(20),
});
export type AuditQueryInput = z.infer<typeof auditQuerySchema>;

export interface AuditRecordDto {
  readonly id: string;
  readonly '@timestamp': string;
  readonly user: { readonly name: string; readonly roles: readonly string[] };
  readonly action: string;
  readonly target: string;
  readonly outcome: string;
  readonly details?: Readonly<Record<string, string | number | boolean>>;
}

export interface AuditPageDto {
  readonly total: number;
  readonly page: number;
  readonly size: number;
  readonly records: readonly AuditRecordDto[];
}
