import type { Dlq, DlqFileInfo, DlqUnknownEntry } from '../dlq';

/** What `signet dlq list` and the console's DLQ page show. */
export interface DlqOverview {
  /** Signed logs waiting for recovery (`{customer}/{data_stream}-{date}.ndjson`). */
  readonly signed: DlqFileInfo[];
  /** The `rejected` area: logs that could not be signed. Listed only: they are NEVER signed retroactively. */
  readonly rejected: DlqFileInfo[];
  /** Files an operator moved into `archive_dlq` folders: kept aside, never recovered. */
  readonly archived: DlqFileInfo[];
  /** Things in the DLQ folder that are not DLQ files (never read or recovered). */
  readonly unknown: DlqUnknownEntry[];
  readonly totals: {
    readonly signedEntries: number;
    readonly rejectedEntries: number;
    /** Files whose last line is torn (a crash mid-write): kept, never dropped. */
    readonly tornFiles: number;
    /** Invalid lines other than torn tails. */
    readonly badLines: number;
  };
}

/**
 * Every DLQ file with its entry count, errors per `el_error.type` (per reason in the rejected
 * area), bad lines and torn tail, grouped by area.
 * @throws {DlqError} `ERR_DLQ_IO` when the folder cannot be read.
 */
export async function describeDlq(dlq: Dlq): Promise<DlqOverview> {
  const { files, unknown } = await dlq.list();
  const signed = files.filter((f) => f.kind === 'signed');
  const rejected = files.filter((f) => f.kind === 'rejected');
  const archived = files.filter((f) => f.kind === 'archived');
  const sum = (list: DlqFileInfo[], pick: (f: DlqFileInfo) => number): number => list.reduce((n, f) => n + pick(f), 0);
  const live = [...signed, ...rejected];
  return {
    signed,
    rejected,
    archived,
    unknown,
    totals: {
      signedEntries: sum(signed, (f) => f.entries),
      rejectedEntries: sum(rejected, (f) => f.entries),
      tornFiles: live.filter((f) => f.tornTail).length,
      badLines: sum(live, (f) => f.badLines),
    },
  };
}
