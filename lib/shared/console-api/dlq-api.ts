import { z } from 'zod';

// GET /api/console/dlq and POST /api/console/dlq/recover: the dead letter queue page's query,
// body and answers. File names are the DLQ's own relPaths (`{customer}/{data_stream}-{date}.ndjson`).

/** GET /api/console/dlq takes no query. */
export const dlqListQuerySchema = z.strictObject({});

/** A DLQ file name relative to `dlq_dir`: never absolute, never `..`, forward slashes only. */
export const dlqRelPathSchema = z
  .string()
  .min(1)
  .max(512)
  .refine((v) => !v.startsWith('/') && !v.includes('\\') && !v.includes('\0') && !/^[A-Za-z]:/.test(v), { message: 'expected a path relative to the dead letter queue folder' })
  .refine((v) => v.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..'), { message: 'the path must not contain empty, "." or ".." segments' });

/** POST /api/console/dlq/recover: `files` limits the recovery to these signed files (default: all). */
export const dlqRecoverBodySchema = z.strictObject({
  files: z.array(dlqRelPathSchema).min(1).max(1_000).optional(),
});
export type DlqRecoverInput = z.infer<typeof dlqRecoverBodySchema>;

export interface DlqFileDto {
  /** Relative to `dlq_dir`. */
  readonly relPath: string;
  /** Null where the file's name does not say (the rejected area may not). */
  readonly customer: string | null;
  readonly dataStream: string | null;
  readonly date: string | null;
  /** Complete, valid entries. */
  readonly entries: number;
  /** Entries per `el_error.type` (signed files) or per `reason` (rejected area). */
  readonly errorTypes: Readonly<Record<string, number>>;
  readonly badLines: number;
  /** The last line is torn (a crash mid-write): kept, never dropped. */
  readonly tornTail: boolean;
  readonly bytes: number;
  /** ISO time of the last write. */
  readonly modified: string;
}

export interface DlqOverviewDto {
  /** Signed logs waiting for recovery. */
  readonly signed: readonly DlqFileDto[];
  /** Logs that could not be signed: listed only, never recovered. */
  readonly rejected: readonly DlqFileDto[];
  readonly archivedFiles: number;
  /** Things in the DLQ folder that are not DLQ files. */
  readonly unknownEntries: number;
  readonly totals: { readonly signedEntries: number; readonly rejectedEntries: number; readonly tornFiles: number; readonly badLines: number };
}

export interface DlqRecoverFileDto {
  readonly relPath: string;
  readonly dataStream: string;
  readonly entries: number;
  readonly recovered: number;
  readonly alreadyStored: number;
  readonly failedCount: number;
  readonly action: 'moved' | 'rewritten' | 'unchanged' | 'changed' | 'skipped';
}

export interface DlqRecoverReportDto {
  readonly files: readonly DlqRecoverFileDto[];
  readonly totals: { readonly recovered: number; readonly alreadyStored: number; readonly failed: number; readonly badLines: number; readonly tornFiles: number; readonly remainingEntries: number };
  readonly rejected: { readonly files: number; readonly entries: number };
  /** Set when Elasticsearch stopped answering: later files were not attempted. */
  readonly stoppedBy: string | null;
  readonly notAttempted: readonly string[];
  readonly complete: boolean;
}
