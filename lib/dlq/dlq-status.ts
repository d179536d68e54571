import type { DlqContext } from './dlq-context';
import { walkDlq } from './walk-dlq';

/** Summary for `GET /api/v1/status/dlq` and the health endpoint. */
export interface DlqStatus {
  /**
   * True only when there is no signed DLQ entry and no rejected log: both need an operator.
   * Archived files (moved aside by an operator) and unknown files do not count.
   * A non-empty file counts as holding entries, even if its only line is torn.
   */
  readonly empty: boolean;
  readonly signedFiles: number;
  readonly signedBytes: number;
  readonly rejectedFiles: number;
  readonly rejectedBytes: number;
  readonly archivedFiles: number;
  /** Entries that are not DLQ files (see `list().unknown`). */
  readonly unknownEntries: number;
}

/** Directory listing and lstat only: never reads a file, so it is cheap for a health endpoint. */
export async function dlqStatus(ctx: DlqContext): Promise<DlqStatus> {
  const { files, unknown } = await walkDlq(ctx);
  let signedFiles = 0, signedBytes = 0, rejectedFiles = 0, rejectedBytes = 0, archivedFiles = 0;
  for (const f of files) {
    if (f.loc.kind === 'signed') {
      signedFiles++;
      signedBytes += f.stat.size;
    } else if (f.loc.kind === 'rejected') {
      rejectedFiles++;
      rejectedBytes += f.stat.size;
    } else {
      archivedFiles++;
    }
  }
  return { empty: signedBytes === 0 && rejectedBytes === 0, signedFiles, signedBytes, rejectedFiles, rejectedBytes, archivedFiles, unknownEntries: unknown.length };
}
