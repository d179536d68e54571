import { FLAGS, nodeFs, type DurableFs } from './fs-seam';

/**
 * fsync(2) on a directory, which makes the directory entries created, renamed or removed in it
 * durable. A rename or a new file is not crash-safe until its directory is synced (ext4/xfs
 * semantics; fdatasync on the file covers only its data).
 */
export async function fsyncDir(dir: string, fs: DurableFs = nodeFs): Promise<void> {
  const handle = await fs.open(dir, FLAGS.directory);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
