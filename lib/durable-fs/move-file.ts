import path from 'node:path';
import { FLAGS, errnoCode, nodeFs, type DurableFs } from './fs-seam';
import { fsyncDir } from './fsync-dir';
import { tempPathFor } from './temp-name';

/**
 * Moves a regular file to `dst` without ever replacing an existing `dst` (fails with EEXIST),
 * durably: the new name is synced before the old one is removed, so a crash leaves the file
 * under one name or both, never under none.
 *
 * Same file system: link + unlink. Across file systems (EXDEV): copy to a temp file next to
 * `dst`, fsync it, link it into place, then remove the source.
 * @throws system errors as they are; EEXIST when `dst` exists.
 */
export async function moveFileNoClobber(src: string, dst: string, fs: DurableFs = nodeFs): Promise<void> {
  try {
    await fs.link(src, dst);
  } catch (err) {
    if (errnoCode(err) !== 'EXDEV') throw err;
    await copyIntoPlace(src, dst, fs);
  }
  await fsyncDir(path.dirname(dst), fs);
  await fs.unlink(src);
  await fsyncDir(path.dirname(src), fs);
}

async function copyIntoPlace(src: string, dst: string, fs: DurableFs): Promise<void> {
  const temp = tempPathFor(dst);
  try {
    await fs.copyFile(src, temp, FLAGS.copyExclusive);
    const handle = await fs.open(temp, FLAGS.readOnly);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.link(temp, dst);
  } finally {
    await fs.unlink(temp).catch(() => undefined);
  }
}
