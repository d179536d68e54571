import { wipeKey, type ChainHead, type ChainIdentity } from '../chain';
import { withPathLock, writeFileAtomic } from '../durable-fs';
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
      const current = await readKeyFile(ctx.fs, p.keyDir, p.keyFile);
      if (current === null) throw new KeyStoreError('ERR_KEYS_NOT_FOUND', `chain ${p.name} has no key file (${p.keyFile}); create the chain first`);
      const currentIteration = current.iteration;
      wipeKey(current.key);
      if (head.iteration < currentIteration && options.allowRollback !== true) {
        throw new KeyStoreError(
          'ERR_KEYS_STALE',
          `refusing to move chain ${p.name} back from iteration ${currentIteration} to ${head.iteration}: its keys would be used twice`,
        );
      }
      try {
        await writeFileAtomic(p.keyFile, bytes, { fs: ctx.fs, mode: 0o600 });
      } catch (err) {
        throw io(err, p.keyFile);
      }
    });
  } finally {
    bytes.fill(0);
  }
}
