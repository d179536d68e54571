import { timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import { cloneHead, genesisHead, wipeKey, type ChainHead, type ChainIdentity } from '../chain';
import { ensureChildDir, ensureDir, errnoCode, lstatOrNull, moveFileNoClobber, withPathLock, writeFileExclusive } from '../durable-fs';
import { encodeKeyFile } from './key-file-codec';
import { keyPaths, previousBackupName, type KeyPaths } from './key-paths';
import type { KeyStoreContext } from './key-store-context';
import { KeyStoreError } from './key-store-error';
import { io, readKeyFile } from './read-key-file';
import { sweepTemps } from './sweep-temps';

/**
 * Starts a new chain: writes the iteration-0 key file AND its one-time backup copy
 * `{dataBackupDir}/{customer}/{same name}`, both 0600, both durable before this resolves.
 *
 * Crash ordering — the BACKUP is written first, the key file second, each atomically and
 * without overwriting (temp file + fsync + link + dir fsync):
 * - crash before the backup is complete: nothing exists, nothing was signed; create again.
 * - crash between the two: a backup without a key file. Its key never signed anything durable
 *   (the writer signs only after create resolved), so the next create sets it aside as
 *   `{chain}_key.previous-N.json` (never deleted, still reported by `backups()`) and writes the
 *   new key's backup. A key file therefore never exists without its backup, and key[0] is never
 *   the only copy on disk at the moment the chain advances past iteration 0.
 * The caller keeps ownership of `key0`; the returned head holds a copy.
 * @throws {KeyStoreError} `ERR_KEYS_EXISTS` when the chain already has a key file (never
 * overwritten), `ERR_KEYS_INVALID_ID`, `ERR_KEYS_INSECURE`, `ERR_KEYS_IO`.
 * @throws {TypeError}/{RangeError} for a malformed `key0`.
 */
export async function createChain(ctx: KeyStoreContext, id: ChainIdentity, key0: Uint8Array): Promise<ChainHead> {
  const head = genesisHead(key0);
  const p = keyPaths(ctx.dataDir, ctx.dataBackupDir, id);
  return withPathLock(p.keyFile, async () => {
    await sweepTemps(ctx, p.keyFile);
    if ((await keyFileStat(ctx, p)) !== null) throw exists(p);
    const bytes = encodeKeyFile(head);
    try {
      await writeBackup(ctx, p, head, bytes);
      try {
        await ensureDir(ctx.dataDir, { fs: ctx.fs, mode: 0o700 });
        await ensureChildDir(ctx.dataDir, p.customer, { fs: ctx.fs, mode: 0o700 });
        await writeFileExclusive(p.keyFile, bytes, { fs: ctx.fs, mode: 0o600 });
      } catch (err) {
        if (errnoCode(err) === 'EEXIST') throw exists(p);
        throw io(err, p.keyFile);
      }
    } finally {
      bytes.fill(0);
    }
    return cloneHead(head);
  });
}

async function writeBackup(ctx: KeyStoreContext, p: KeyPaths, head: ChainHead, bytes: Uint8Array): Promise<void> {
  await withPathLock(p.backupFile, async () => {
    try {
      await ensureDir(ctx.dataBackupDir, { fs: ctx.fs, mode: 0o700 });
      await ensureChildDir(ctx.dataBackupDir, p.customer, { fs: ctx.fs, mode: 0o700 });
      await sweepTemps(ctx, p.backupFile);
      if ((await lstatOrNull(p.backupFile, ctx.fs)) !== null) {
        if (await sameGenesis(ctx, p, head)) return; // a retried create with the same key: already backed up
        await setAside(ctx, p);
      }
      await writeFileExclusive(p.backupFile, bytes, { fs: ctx.fs, mode: 0o600 });
    } catch (err) {
      throw io(err, p.backupFile);
    }
  });
}

/** True when the existing backup holds exactly `head` (iteration 0, same key). Unreadable backups count as different. */
async function sameGenesis(ctx: KeyStoreContext, p: KeyPaths, head: ChainHead): Promise<boolean> {
  let existing: ChainHead | null;
  try {
    existing = await readKeyFile(ctx.fs, p.backupDir, p.backupFile);
  } catch {
    return false;
  }
  if (existing === null) return false;
  try {
    return existing.iteration === 0 && timingSafeEqual(existing.key, head.key);
  } finally {
    wipeKey(existing.key);
  }
}

async function setAside(ctx: KeyStoreContext, p: KeyPaths): Promise<void> {
  for (let n = 1; n < 10_000; n++) {
    const target = path.join(p.backupDir, previousBackupName(p.name, n));
    try {
      await moveFileNoClobber(p.backupFile, target, ctx.fs);
      ctx.onWarning(
        `a backup of an iteration-0 key for ${p.name} existed without its key file (an interrupted create, or a removed key file); ` +
          `it was kept as ${target}. Move it off the machine with the other backups.`,
      );
      return;
    } catch (err) {
      if (errnoCode(err) !== 'EEXIST') throw err;
    }
  }
  throw new KeyStoreError('ERR_KEYS_IO', `no free name to set aside ${p.backupFile}`);
}

async function keyFileStat(ctx: KeyStoreContext, p: KeyPaths): Promise<unknown> {
  try {
    return await lstatOrNull(p.keyFile, ctx.fs);
  } catch (err) {
    throw io(err, p.keyFile);
  }
}

function exists(p: KeyPaths): KeyStoreError {
  return new KeyStoreError('ERR_KEYS_EXISTS', `chain ${p.name.slice(0, -'_key.json'.length)} already has a key file (${p.keyFile}); a chain's key is never replaced`);
}
