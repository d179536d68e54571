import { errnoCode } from '../durable-fs';
import type { DlqContext } from './dlq-context';
import { wrapIo } from './dlq-error';
import type { DlqLocation } from './dlq-names';
import { fileStats, type FileStats } from './file-stats';
import { walkDlq, type DlqUnknownEntry } from './walk-dlq';

/** One DLQ file as the console shows it (its location fields are {@link DlqLocation}'s). */
export interface DlqFileInfo extends FileStats, Pick<DlqLocation, 'kind' | 'customer' | 'dataStream' | 'date' | 'name' | 'relPath'> {
  readonly bytes: number;
  readonly mtimeMs: number;
}

export interface DlqListing {
  readonly files: DlqFileInfo[];
  /** Entries that are not DLQ files (foreign files, symlinks, leftovers): listed so operators see them, never read. */
  readonly unknown: DlqUnknownEntry[];
}

/** Per-instance memo of file stats, valid while size and mtime are unchanged (DLQ files only grow or get replaced). */
export type StatsCache = Map<string, { size: number; mtimeMs: number; stats: FileStats }>;

/**
 * Lists every DLQ file with its counts, reading each file line by line (streaming). Unchanged
 * files are not re-read thanks to `cache`.
 * @throws {DlqError} `ERR_DLQ_IO`.
 */
export async function listFiles(ctx: DlqContext, cache: StatsCache): Promise<DlqListing> {
  const { files, unknown } = await walkDlq(ctx);
  const out: DlqFileInfo[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    seen.add(f.abs);
    let stats: FileStats;
    const memo = cache.get(f.abs);
    if (memo !== undefined && memo.size === f.stat.size && memo.mtimeMs === f.stat.mtimeMs) {
      stats = memo.stats;
    } else {
      try {
        stats = await fileStats(ctx.fs, f.abs, f.loc.rejectedLines);
      } catch (err) {
        // Settled or archived between the directory listing and the read: no longer there.
        if (errnoCode(err) === 'ENOENT') continue;
        throw wrapIo(err, `cannot read dead letter queue file ${f.loc.relPath}`, 'existing');
      }
      cache.set(f.abs, { size: f.stat.size, mtimeMs: f.stat.mtimeMs, stats });
    }
    const { kind, customer, dataStream, date, name, relPath } = f.loc;
    out.push({ kind, customer, dataStream, date, name, relPath, bytes: f.stat.size, mtimeMs: f.stat.mtimeMs, ...stats, errorTypes: { ...stats.errorTypes } });
  }
  for (const key of cache.keys()) if (!seen.has(key)) cache.delete(key);
  return { files: out, unknown };
}
