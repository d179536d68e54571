import { DurableFsError, FLAGS, errnoCode, lstatOrNull, type DurableFs } from '../durable-fs';
import type { ChainHead } from '../chain';
import { MAX_KEY_FILE_BYTES, decodeKeyFile } from './key-file-codec';
import { KeyStoreError } from './key-store-error';

/**
 * Reads and checks a key file; null when it does not exist.
 * Refuses (`ERR_KEYS_INSECURE`) a key file that is a symlink (O_NOFOLLOW → ELOOP), that sits in
 * a symlinked customer folder, or whose mode gives group/others any access: such a key may have
 * been read or planted, and an operator has to look before the chain goes on.
 * @throws {KeyStoreError} `ERR_KEYS_INSECURE`, `ERR_KEYS_CORRUPT`, `ERR_KEYS_IO`.
 */
export async function readKeyFile(fs: DurableFs, dir: string, file: string): Promise<ChainHead | null> {
  const dirStat = await lstatOrNull(dir, fs).catch((err: unknown) => {
    throw io(err, file);
  });
  if (dirStat === null) return null;
  if (dirStat.isSymbolicLink()) throw new KeyStoreError('ERR_KEYS_INSECURE', `key folder ${dir} is a symbolic link; key files must sit in a real folder`);
  if (!dirStat.isDirectory()) throw new KeyStoreError('ERR_KEYS_CORRUPT', `key folder ${dir} is not a directory`);

  let handle;
  try {
    handle = await fs.open(file, FLAGS.readOnly);
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'ENOENT') return null;
    if (code === 'ELOOP') throw new KeyStoreError('ERR_KEYS_INSECURE', `key file ${file} is a symbolic link; refusing to follow it`);
    throw io(err, file);
  }
  let bytes: Buffer | null = null;
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new KeyStoreError('ERR_KEYS_CORRUPT', `key file ${file} is not a regular file`);
    if ((st.mode & 0o077) !== 0) {
      const mode = (st.mode & 0o777).toString(8).padStart(4, '0');
      throw new KeyStoreError('ERR_KEYS_INSECURE', `key file ${file} has mode ${mode}: group and others must have no access (run: chmod 600 ${file})`);
    }
    if (st.size > MAX_KEY_FILE_BYTES) throw new KeyStoreError('ERR_KEYS_CORRUPT', `key file ${file} is corrupt: ${st.size} bytes is too large`);
    bytes = Buffer.alloc(MAX_KEY_FILE_BYTES + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(bytes, length, bytes.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > MAX_KEY_FILE_BYTES) throw new KeyStoreError('ERR_KEYS_CORRUPT', `key file ${file} is corrupt: too large`);
    }
    return decodeKeyFile(bytes.subarray(0, length), file);
  } catch (err) {
    throw err instanceof KeyStoreError ? err : io(err, file);
  } finally {
    bytes?.fill(0);
    await handle.close().catch(() => undefined);
  }
}

/** Wraps a failure around `file`: a symlink or non-folder in the way is INSECURE, any other failure IO. */
export function io(err: unknown, file: string): KeyStoreError {
  if (err instanceof KeyStoreError) return err;
  if (err instanceof DurableFsError) return new KeyStoreError(err.code === 'ERR_FS_UNEXPECTED_TYPE' ? 'ERR_KEYS_INSECURE' : 'ERR_KEYS_IO', `${err.message} (key file ${file})`);
  const code = errnoCode(err);
  return new KeyStoreError('ERR_KEYS_IO', `cannot access key file ${file}${code === undefined ? '' : ` (${code})`}`, { cause: err });
}
