import { openAtomicWriter, type AtomicWriteOptions } from './atomic-writer';

/**
 * Replaces `path` atomically and durably: temp file in the same directory (exclusive create,
 * `mode`, default 0o600), fsync, rename over `path`, fsync the directory. A crash or error at any
 * point leaves the old content or the new one, never a mix; on error the temp file is removed.
 * @throws system errors as they are (ENOSPC, EIO, EACCES, ENOENT for a missing directory).
 * @example await writeFileAtomic('/data/k.json', '{"a":1}', { mode: 0o600 })
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string, options: Omit<AtomicWriteOptions, 'exclusive'> = {}): Promise<void> {
  const writer = await openAtomicWriter(path, { ...options, exclusive: false });
  await writer.write(data);
  await writer.commit();
}

/**
 * Like {@link writeFileAtomic} but never replaces: fails with EEXIST when `path` exists
 * (the temp file is hard-linked into place). The file appears complete or not at all.
 * @throws system errors as they are; EEXIST when `path` already exists.
 */
export async function writeFileExclusive(path: string, data: Uint8Array | string, options: Omit<AtomicWriteOptions, 'exclusive'> = {}): Promise<void> {
  const writer = await openAtomicWriter(path, { ...options, exclusive: true });
  await writer.write(data);
  await writer.commit();
}
