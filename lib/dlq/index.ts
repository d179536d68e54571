/**
 * lib/dlq — the dead letter queue (El Proxy's on-disk format, SPEC §6, reference §7.2) and the
 * `rejected` area for logs that could not be signed.
 *
 * Contract:
 * - I/O. Owns `{dlq_dir}` (per-customer NDJSON files, `.rejected/`, `archive_dlq/` folders) and
 *   the files it moves into `{dlq_recovered_dir}`. Everything is written through lib/durable-fs:
 *   an append is durable (fdatasync) when its promise resolves, rewrites are atomic, moves never
 *   overwrite, folders are 0700 and files 0600, symlinks are never followed.
 * - Documents are stored VERBATIM (the signed log's exact text; only CR/LF whitespace between
 *   JSON tokens becomes a space to keep one entry per line) and read back losslessly with
 *   lib/chain's parser: numbers such as `9007199254740993` or `1.50` are never re-spelled.
 * - Every name that becomes a path (customer, data stream, relPath from a request) is validated
 *   against the naming rules first; a bad name writes nothing.
 * - A torn last line (crash mid-append) is detected and reported, never dropped or glued to
 *   the next entry. Lines read back are untrusted: parsed strictly, checked with zod.
 * - Never re-indexes, signs or deletes anything: recovery (Elasticsearch) is the caller's job;
 *   this module provides the file-level steps it needs (`read`, `settle`, `archive`).
 * - Never logs, never reads the environment. Errors are `DlqError` with closed codes.
 */
export { createDlq, type CreateDlqOptions, type Dlq } from './create-dlq';
export { DlqError, type DlqErrorCode } from './dlq-error';
export type { DlqAppendEntry, DlqElError, RejectedAppendEntry } from './format-lines';
export type { DlqStatus } from './dlq-status';
export type { DlqFileInfo, DlqListing } from './list-files';
export type { DlqUnknownEntry } from './walk-dlq';
export type { DlqEntryView, DlqReadOptions, DlqReadResult, RejectedEntryView } from './read-file';
export type { SettleOutcome, SettleResult } from './settle-file';
export type { DlqFileKind } from './dlq-names';
export { ARCHIVE_DIR, REJECTED_DIR } from './dlq-names';
export { fileVersion } from './file-version';
/** Exact text span of a top-level member of validated JSON object text (used to keep documents byte for byte). */
export { findMemberSpan } from './member-span';
