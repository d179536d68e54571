import { DurableFsError } from './durable-fs-error';
import { errnoCode, nodeFs, type DurableFs, type FileStat } from './fs-seam';

/** lstat that answers null for a missing path (ENOENT or a missing parent, ENOTDIR). Never follows symlinks. */
export async function lstatOrNull(p: string, fs: DurableFs = nodeFs): Promise<FileStat | null> {
  try {
    return await fs.lstat(p);
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * The lstat of a regular file, or null when absent.
 * @throws {DurableFsError} `ERR_FS_UNEXPECTED_TYPE` for a symlink, directory or other non-file.
 */
export async function lstatRegularFile(p: string, fs: DurableFs = nodeFs): Promise<FileStat | null> {
  const st = await lstatOrNull(p, fs);
  if (st === null || st.isFile()) return st;
  const what = st.isSymbolicLink() ? 'a symbolic link' : st.isDirectory() ? 'a directory' : 'not a regular file';
  throw new DurableFsError('ERR_FS_UNEXPECTED_TYPE', `${p} is ${what}; a regular file is expected`);
}
