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

/** A DLQ file's version token as listed (`{size}:{mtimeMs}`): an action on a file that changed since is refused (409). */
export const dlqVersionSchema = z.string().regex(/^\d{1,16}:\d{1,20}(\.\d{1,12})?$/, { message: 'expected a file version as listed ({size}:{mtime})' });

/**
 * POST /api/console/dlq/recover: starts a recovery in the background (one at a time); `files`
 * limits it to these signed files, each at the version listed (default: every signed file).
 */
export const dlqRecoverBodySchema = z.strictObject({
  files: z.array(z.strictObject({ relPath: dlqRelPathSchema, version: dlqVersionSchema })).min(1).max(1_000).optional(),
});

/** GET /api/console/dlq/recovery: the running (or last) recovery. */
export const dlqRecoveryQuerySchema = z.strictObject({});

/** GET /api/console/dlq/entries: one page of a file's entries, optionally only those containing `q`. */
export const dlqEntriesQuerySchema = z.strictObject({
  file: dlqRelPathSchema,
  page: z.coerce.number().int().min(0).max(1_000_000).default(0),
  size: z.coerce.number().int().min(1).max(100).default(20),
  q: z.string().max(200).optional(),
});
export type DlqEntriesQuery = z.infer<typeof dlqEntriesQuerySchema>;

/** POST /api/console/dlq/archive: moves one file (signed or rejected), at the version listed, into its `archive_dlq` folder. */
export const dlqArchiveBodySchema = z.strictObject({ file: dlqRelPathSchema, version: dlqVersionSchema });
export type DlqArchiveInput = z.infer<typeof dlqArchiveBodySchema>;
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
  /** Version token (`{size}:{mtimeMs}`): send it back with an action on this file. */
  readonly version: string;
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

/** One line of a DLQ file, as the entries table and the document flyout show it. */
export interface DlqEntryDto {
  /** 1-based physical line number in the file. */
  readonly line: number;
  /** Set for a bad or torn line (kept byte for byte, never dropped): why it does not parse. */
  readonly problem: string | null;
  /** The Elasticsearch error that sent the signed log here (signed files). */
  readonly error: { readonly type: string; readonly reason: string } | null;
  /** Why the log could not be signed (the rejected area). */
  readonly reason: string | null;
  readonly receivedAt: string | null;
  /** `ES_BLOCKCHAIN.iteration` of a signed log. */
  readonly iteration: number | null;
  /** The log's `@timestamp`, when it is a string. */
  readonly timestamp: string | null;
  /** The document's exact text (or the rejected log's, or a bad line's), cut at {@link DLQ_ENTRY_TEXT_MAX} characters. */
  readonly text: string | null;
  readonly truncated: boolean;
}

/** Longest entry text sent to the browser (characters). */
export const DLQ_ENTRY_TEXT_MAX = 256 * 1024;

export interface DlqEntriesDto {
  readonly relPath: string;
  readonly kind: 'signed' | 'rejected' | 'archived';
  readonly version: string;
  /** Lines in the file (matching `q`, when given). */
  readonly total: number;
  readonly page: number;
  readonly size: number;
  readonly tornTail: boolean;
  readonly entries: readonly DlqEntryDto[];
}

export interface DlqArchiveResultDto {
  readonly relPath: string;
  /** Where the file is now, relative to `dlq_dir` (`{customer}/archive_dlq/…`). */
  readonly archivedTo: string;
}

export interface DlqRecoveryJobDto {
  readonly id: string;
  readonly state: 'running' | 'done' | 'failed';
  readonly startedBy: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  /** The files asked for; null = every signed file. */
  readonly files: readonly string[] | null;
  readonly progress: { readonly currentFile: string | null; readonly filesDone: number; readonly filesTotal: number; readonly entriesDone: number; readonly entriesTotal: number };
  /** The result summary once done. */
  readonly report: DlqRecoverReportDto | null;
  /** Why the run failed (state `failed`): nothing more was recovered. */
  readonly error: { readonly code: string; readonly message: string } | null;
}

export interface DlqRecoveryStatusDto {
  /** The running recovery, or the last one of this process; null when none ran. */
  readonly job: DlqRecoveryJobDto | null;
}
