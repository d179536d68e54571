import { wipeKey, type ChainHead, type ChainIdentity } from '../chain';
import { lstatOrNull, withPathLock, writeFileAtomic } from '../durable-fs';
import { encodeKeyFile } from './key-file-codec';
import { keyPaths } from './key-paths';
import type { KeyStoreContext } from './key-store-context';
import { KeyStoreError } from './key-store-error';
import { io, readKeyFile } from './read-key-file';
import { sweepTemps } from './sweep-temps';

export interface SaveOptions {
  /**
   * Allow an iteration lower than the file's. Only for the chain writer undoing a batch of
   * which nothing became durable (SPEC §6: roll the head back, never acknowledge what is not durable).
   */
  allowRollback?: boolean;
}

/**
 * Replaces the chain's key file atomically (temp + fsync + rename + dir fsync, 0600).
 * Refuses to move the head backwards: a lower iteration means a key that was already used
 * would be used again (a rollback bug, two writers, a restored old file).
 * @throws {KeyStoreError} `ERR_KEYS_STALE`, `ERR_KEYS_NOT_FOUND` (no key file: create first),
 * `ERR_KEYS_INSECURE`/`ERR_KEYS_CORRUPT` (the current file), `ERR_KEYS_INVALID_ID`, `ERR_KEYS_IO`.
 * @throws {TypeError}/{RangeError}/{ChainError} for a malformed or spent `head`.
 */
export async function saveHead(ctx: KeyStoreContext, id: ChainIdentity, head: ChainHead, options: SaveOptions = {}): Promise<void> {
  const p = keyPaths(ctx.dataDir, ctx.dataBackupDir, id);
  const bytes = encodeKeyFile(head); // validates head first
  try {
    await withPathLock(p.keyFile, async () => {
      await sweepTemps(ctx, p.keyFile);
      const currentIteration = (await unchangedSinceWritten(ctx, p.keyDir, p.keyFile)) ?? (await readIteration(ctx, p.keyDir, p.keyFile, p.name));
      if (head.iteration < currentIteration && options.allowRollback !== true) {
        throw new KeyStoreError(
          'ERR_KEYS_STALE',
          `refusing to move chain ${p.name} back from iteration ${currentIteration} to ${head.iteration}: its keys would be used twice`,
        );
      }
      ctx.written.delete(p.keyFile);
      try {
        await writeFileAtomic(p.keyFile, bytes, { fs: ctx.fs, mode: 0o600 });
      } catch (err) {
        throw io(err, p.keyFile);
      }
      // Remembered for the next save (not remembered when the stat fails: that save reads the file).
      const st = await lstatOrNull(p.keyFile, ctx.fs).catch(() => null);
      if (st !== null) ctx.written.set(p.keyFile, { iteration: head.iteration, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, mode: st.mode });
    });
  } finally {
    bytes.fill(0);
  }
}

/** The key file's iteration, read and checked in full. */
async function readIteration(ctx: KeyStoreContext, dir: string, file: string, name: string): Promise<number> {
  const current = await readKeyFile(ctx.fs, dir, file);
  if (current === null) throw new KeyStoreError('ERR_KEYS_NOT_FOUND', `chain ${name} has no key file (${file}); create the chain first`);
  wipeKey(current.key);
  return current.iteration;
}

/**
 * The iteration this process last wrote to `file` when the file is still exactly what it wrote
 * (same inode, size, mtime and mode, in a folder that is no symlink), else null: the caller then
 * reads it. Two lstat calls instead of opening, reading and decoding the key on every save.
 */
async function unchangedSinceWritten(ctx: KeyStoreContext, dir: string, file: string): Promise<number | null> {
  const w = ctx.written.get(file);
  if (w === undefined) return null;
  const [dirStat, st] = await Promise.all([lstatOrNull(dir, ctx.fs), lstatOrNull(file, ctx.fs)]).catch(() => [null, null]);
  if (dirStat === null || st === null || !dirStat.isDirectory() || !st.isFile()) return null;
  return st.ino === w.ino && st.size === w.size && st.mtimeMs === w.mtimeMs && st.mode === w.mode ? w.iteration : null;
}
