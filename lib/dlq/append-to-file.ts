import path from 'node:path';
import { DurableAppender, ensureChildDir, ensureDir, withPathLock, type DurableFs } from '../durable-fs';

/**
 * Appends complete lines to an NDJSON file durably (one fdatasync), creating the folders
 * (0700) and the file (0600) when needed. When the file's last byte is not `\n` (a line torn
 * by a crash), a `\n` goes first: the new lines stay separate and the torn line stays visible
 * to readers as a bad line instead of being glued to the next entry. On failure the file is
 * cut back to its previous size (DurableAppender), so nothing is half-written.
 *
 * `dirs` are created below `root` one by one with lstat checks (never through a symlink).
 */
export async function appendLines(fs: DurableFs, root: string, dirs: readonly string[], name: string, text: string): Promise<void> {
  let dir = root;
  await ensureDir(root, { fs, mode: 0o700 });
  for (const d of dirs) dir = await ensureChildDir(dir, d, { fs, mode: 0o700 });
  const file = path.join(dir, name);
  await withPathLock(file, async () => {
    const appender = await DurableAppender.open(file, { fs, mode: 0o600 });
    try {
      const last = await appender.lastByte();
      await appender.append(last === null || last === 0x0a ? text : `\n${text}`);
    } finally {
      // The data is durable once append resolved; a failing close must not turn that into an error.
      await appender.close().catch(() => undefined);
    }
  });
}
