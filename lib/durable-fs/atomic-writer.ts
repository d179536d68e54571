import path from 'node:path';
import { FLAGS, nodeFs, type DurableFileHandle, type DurableFs } from './fs-seam';
import { fsyncDir } from './fsync-dir';
import { tempPathFor } from './temp-name';
import { toBytes, writeAll } from './write-all';

export interface AtomicWriteOptions {
  /** Mode of the new file (default 0o600), set explicitly so the umask cannot widen or narrow it. */
  mode?: number;
  /**
   * When true, the commit refuses to replace an existing `path` (EEXIST) instead of renaming
   * over it: the file appears complete or not at all, and never overwrites.
   */
  exclusive?: boolean;
  fs?: DurableFs;
}

/** A file being written under a temp name; invisible at `path` until {@link AtomicWriter.commit}. */
export interface AtomicWriter {
  readonly path: string;
  write(data: Uint8Array | string): Promise<void>;
  /** fsync the temp file, move it to `path` (rename, or link for `exclusive`), fsync the directory. */
  commit(): Promise<void>;
  /** Drops the temp file; `path` is untouched. Safe to call after a failed commit. */
  abort(): Promise<void>;
}

/**
 * Opens a temp file in `path`'s directory (exclusive create, `mode`, no symlink following) for
 * a streamed atomic replacement. On any failure the temp file is removed and `path` keeps its
 * old content (or stays absent): readers see the old or the new file, never a mix.
 * @throws system errors from open (ENOENT for a missing directory, EACCES, ENOSPC, ...).
 * @example const w = await openAtomicWriter(p); await w.write(chunk); await w.commit();
 */
export async function openAtomicWriter(target: string, options: AtomicWriteOptions = {}): Promise<AtomicWriter> {
  const fs = options.fs ?? nodeFs;
  const mode = options.mode ?? 0o600;
  const temp = tempPathFor(target);
  const handle: DurableFileHandle = await fs.open(temp, FLAGS.createExclusive, mode);
  let open = true;
  let done = false;

  const closeQuietly = async (): Promise<void> => {
    if (!open) return;
    open = false;
    await handle.close().catch(() => undefined);
  };
  const removeTemp = async (): Promise<void> => {
    // Best effort: a leftover temp file is recognizable by its name (see temp-name.ts).
    await fs.unlink(temp).catch(() => undefined);
  };
  const fail = async (err: unknown): Promise<never> => {
    done = true;
    await closeQuietly();
    await removeTemp();
    throw err;
  };

  try {
    await handle.chmod(mode);
  } catch (err) {
    return fail(err);
  }

  return {
    path: target,
    async write(data) {
      if (done) throw new Error('atomic writer already finished');
      try {
        await writeAll(handle, toBytes(data), null);
      } catch (err) {
        await fail(err);
      }
    },
    async commit() {
      if (done) throw new Error('atomic writer already finished');
      try {
        await handle.sync();
        open = false;
        await handle.close();
        if (options.exclusive === true) {
          await fs.link(temp, target);
          // The file is in place from here on; failing to drop the second name must not report
          // the write as failed.
          await removeTemp();
        } else {
          await fs.rename(temp, target);
        }
        done = true;
      } catch (err) {
        await fail(err);
      }
      await fsyncDir(path.dirname(target), fs);
    },
    async abort() {
      if (done) return;
      done = true;
      await closeQuietly();
      await removeTemp();
    },
  };
}
