import path from 'node:path';
import { DurableFsError } from './durable-fs-error';
import { errnoCode, nodeFs, type DurableFs } from './fs-seam';
import { fsyncDir } from './fsync-dir';
import { lstatOrNull } from './lstat-or-null';
import { childPath } from './safe-name';

export interface EnsureDirOptions {
  /** Mode of directories this call creates (default 0o700); existing ones are left alone. */
  mode?: number;
  fs?: DurableFs;
}

/**
 * `mkdir -p` that makes what it creates durable: each missing directory is created with `mode`
 * (chmod'ed explicitly, so the umask cannot change it) and its parent is fsync'ed, so a crash
 * right after cannot lose the new entry while a file written inside it survives.
 *
 * Existing components may be symlinks (an operator may link `/var/lib/signet` elsewhere); the
 * last one must end up a directory.
 * @throws {DurableFsError} `ERR_FS_UNEXPECTED_TYPE` when `dir` exists as a non-directory.
 * @throws system errors (EACCES, ENOTDIR, ENOSPC, ...) as they are.
 */
export async function ensureDir(dir: string, options: EnsureDirOptions = {}): Promise<void> {
  const fs = options.fs ?? nodeFs;
  const mode = options.mode ?? 0o700;
  const target = path.resolve(dir);
  const missing: string[] = [];
  for (let p = target; ; p = path.dirname(p)) {
    const st = await lstatOrNull(p, fs);
    if (st !== null) {
      if (p === target && !st.isDirectory() && !st.isSymbolicLink()) {
        throw new DurableFsError('ERR_FS_UNEXPECTED_TYPE', `${p} exists and is not a directory`);
      }
      break;
    }
    missing.unshift(p);
    if (path.dirname(p) === p) break;
  }
  for (const p of missing) await makeDir(p, mode, fs);
}

/**
 * Ensures `parent/name` is a real directory (never a symlink: these are the per-customer
 * folders, whose names come from logs), creating it durably when missing.
 * @throws {DurableFsError} `ERR_FS_UNSAFE_NAME` for a bad name, `ERR_FS_UNEXPECTED_TYPE` when
 * something other than a directory holds the name.
 */
export async function ensureChildDir(parent: string, name: string, options: EnsureDirOptions = {}): Promise<string> {
  const fs = options.fs ?? nodeFs;
  const p = childPath(parent, name);
  const st = await lstatOrNull(p, fs);
  if (st === null) {
    await makeDir(p, options.mode ?? 0o700, fs);
  } else if (!st.isDirectory()) {
    throw new DurableFsError('ERR_FS_UNEXPECTED_TYPE', `${p} is ${st.isSymbolicLink() ? 'a symbolic link' : 'not a directory'}; a directory is expected`);
  }
  return p;
}

async function makeDir(p: string, mode: number, fs: DurableFs): Promise<void> {
  try {
    await fs.mkdir(p, mode);
    await fs.chmod(p, mode);
  } catch (err) {
    // Lost a race with another creator: fine if what is there now is a directory.
    if (errnoCode(err) !== 'EEXIST') throw err;
    const st = await fs.lstat(p);
    if (!st.isDirectory()) throw new DurableFsError('ERR_FS_UNEXPECTED_TYPE', `${p} exists and is not a directory`);
  }
  // Synced in every case: the other creator may not have synced yet.
  await fsyncDir(path.dirname(p), fs);
}
