import type { ChainHead, ChainIdentity } from '../chain';
import { withPathLock } from '../durable-fs';
import { keyPaths } from './key-paths';
import type { KeyStoreContext } from './key-store-context';
import { readKeyFile } from './read-key-file';
import { sweepTemps } from './sweep-temps';

/**
 * The chain's current head from `{dataDir}/{customer}/{chain}_key.json`, or null when the chain
 * has no key file. The returned key buffer belongs to the caller (wipe it when spent).
 * @throws {KeyStoreError} `ERR_KEYS_INVALID_ID`, `ERR_KEYS_INSECURE`, `ERR_KEYS_CORRUPT`, `ERR_KEYS_IO`.
 */
export async function loadHead(ctx: KeyStoreContext, id: ChainIdentity): Promise<ChainHead | null> {
  const p = keyPaths(ctx.dataDir, ctx.dataBackupDir, id);
  return withPathLock(p.keyFile, async () => {
    await sweepTemps(ctx, p.keyFile);
    return readKeyFile(ctx.fs, p.keyDir, p.keyFile);
  });
}
