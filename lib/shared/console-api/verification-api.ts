import { z } from 'zod';

// The Verification page's API (SPEC §8, §11): GET /api/console/verification (runs of this process
// and the chains one can verify), POST …/verification/start and …/cancel (auditors), GET
// …/verification/reports (history from `signet-verification-reports`) and …/verification/report.
// The iteration-0 key file travels once, in the start request's body; no answer ever carries it.

const COMPONENT = '[a-z0-9_][a-z0-9_.]{0,63}';

/** `{module}-{customer}-{retention}-{tag}`: four name components (no dash inside one, no `..`). */
export const chainNameSchema = z
  .string()
  .max(4 * 64 + 3)
  .regex(new RegExp(`^${COMPONENT}-${COMPONENT}-${COMPONENT}-${COMPONENT}$`), { message: 'expected a chain name {module}-{customer}-{retention}-{tag} (lowercase letters, digits, "_" and ".")' })
  .refine((v) => !v.includes('..'), { message: 'a chain name must not contain ".."' });

/** A report id as verifyChain makes it: `{chain}-{YYYYMMDDTHHMMSSZ}-{6 hex}`. */
export const reportIdSchema = z
  .string()
  .max(300)
  .regex(new RegExp(`^${COMPONENT}-${COMPONENT}-${COMPONENT}-${COMPONENT}-\\d{8}T\\d{6}Z-[0-9a-f]{6}$`), { message: 'expected a verification report id such as elproxysigned-acme-6_months-0-20261206T101500Z-a1b2c3' })
  .refine((v) => !v.includes('..'), { message: 'a report id must not contain ".."' });

/** A run id (this process only). */
export const runIdSchema = z.string().regex(/^run-[0-9a-f]{16}$/, { message: 'expected a run id such as run-0123456789abcdef' });

/** The key file is small (a key backup is about 150 bytes); anything bigger is not a key file. */
export const MAX_KEY_FILE_CHARS = 16 * 1024;

export const VERIFICATION_MODES = ['full', 'incremental'] as const;
export type VerificationMode = (typeof VERIFICATION_MODES)[number];

/** POST /api/console/verification/start. */
export const verificationStartBodySchema = z.strictObject({
  chain: chainNameSchema,
  mode: z.enum(VERIFICATION_MODES),
  /** The iteration-0 key file's text (key backup JSON or 64 hex characters). Never stored or returned. */
  keyFile: z.string().min(1, { message: 'the key file is empty' }).max(MAX_KEY_FILE_CHARS, { message: `a key file is at most ${MAX_KEY_FILE_CHARS} characters; this is not a key file` }),
  /** The file's name as the browser gave it: used in messages only. */
  fileName: z
    .string()
    .max(255)
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u001f\u007f/\\]+$/, { message: 'expected a plain file name' })
    .optional(),
});
export type VerificationStartInput = z.infer<typeof verificationStartBodySchema>;

/** POST /api/console/verification/cancel. */
export const verificationCancelBodySchema = z.strictObject({ runId: runIdSchema });

/** GET /api/console/verification takes no query. */
export const verificationOverviewQuerySchema = z.strictObject({});

/** GET /api/console/verification/reports: newest first, optionally one chain's. */
export const verificationReportsQuerySchema = z.strictObject({
  chain: chainNameSchema.optional(),
  page: z.coerce.number().int().min(0).max(999).default(0),
  size: z.coerce.number().int().min(1).max(100).default(20),
});
export type VerificationReportsQuery = z.infer<typeof verificationReportsQuerySchema>;

/** GET /api/console/verification/report?id=… */
export const verificationReportQuerySchema = z.strictObject({ id: reportIdSchema });

export type VerificationRunState = 'running' | 'succeeded' | 'failed' | 'cancelled';
export type VerificationStatusDto = 'ok' | 'warning' | 'critical';

/** One verification run started from the console (held in memory by the signet process). */
export interface VerificationRunDto {
  readonly id: string;
  readonly chain: string;
  readonly mode: VerificationMode;
  readonly state: VerificationRunState;
  /** Where a running run is: planning, reading and checking logs, saving the report. */
  readonly phase: 'planning' | 'checking' | 'saving' | 'done';
  readonly startedBy: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly elapsedMs: number;
  readonly logsChecked: number;
  /** Logs this run will read (known once planning is done). */
  readonly logsTotal: number | null;
  readonly cancelRequested: boolean;
  /** Set when the run succeeded (a report was saved). */
  readonly reportId: string | null;
  readonly status: VerificationStatusDto | null;
  readonly errors: number | null;
  readonly warnings: number | null;
  /** Why the run failed (its code and message), or a warning about saving the report. */
  readonly problem: { readonly code: string; readonly message: string } | null;
}

/** A chain this Signet signs, with its retention (what the start form offers). */
export interface VerificationChainDto {
  readonly name: string;
  readonly customer: string;
  readonly retention: string;
  readonly retentionDays: number | null;
}

export interface VerificationOverviewDto {
  /** Running runs first, then the most recent finished ones (this process, newest first). */
  readonly runs: readonly VerificationRunDto[];
  readonly chains: readonly VerificationChainDto[];
}

export interface VerificationReportErrorDto {
  readonly code: string;
  readonly type: string;
  readonly corruption_id: string | null;
  readonly from_iteration?: number;
  readonly to_iteration?: number;
  readonly iteration?: number;
  readonly acknowledgement_id?: string;
  readonly detail?: string;
}

export interface VerificationReportAcknowledgedDto extends VerificationReportErrorDto {
  readonly acknowledgement: { readonly id: string; readonly acknowledged_by: string; readonly acknowledged_at: string; readonly description: string; readonly reason: string };
}

export interface VerificationReportWarningDto {
  readonly code: string;
  readonly message: string;
  readonly iterations?: readonly number[];
}

/** A row of the report history. */
export interface VerificationReportSummaryDto {
  readonly id: string;
  readonly chain: string;
  readonly mode: VerificationMode;
  readonly status: VerificationStatusDto;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly logsChecked: number;
  readonly errorsTotal: number;
  readonly warnings: number;
  readonly acknowledged: number;
}

export interface VerificationReportPageDto {
  readonly total: number;
  readonly reports: readonly VerificationReportSummaryDto[];
}

/** One report as indexed (lists capped at 1,000 entries; the report files keep them all). */
export interface VerificationReportDto {
  readonly report_id: string;
  readonly chain: string;
  readonly identity: { readonly module: string; readonly customer: string; readonly retention: string; readonly tag: string };
  readonly started_at: string;
  readonly finished_at: string;
  readonly duration_ms: number;
  readonly mode: VerificationMode;
  readonly incremental_fallback: string | null;
  readonly verified_from: number | null;
  readonly verified_to: number | null;
  readonly logs_checked: number;
  readonly last_full_verification_at: string | null;
  readonly status: VerificationStatusDto;
  readonly exit_status: number;
  readonly warnings: readonly VerificationReportWarningDto[];
  readonly errors: readonly VerificationReportErrorDto[];
  readonly errors_total: number;
  readonly acknowledged: readonly VerificationReportAcknowledgedDto[];
  readonly acknowledgements_not_evaluated: number;
  readonly unplaced_total: number;
  readonly state_history_updated: boolean;
}
