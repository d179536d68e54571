import path from 'node:path';
import { ensureChildDir, errnoCode, lstatRegularFile, withPathLock } from '../durable-fs';
import { absolutePath, type DlqContext } from './dlq-context';
import { DlqError, wrapIo } from './dlq-error';
import { ARCHIVE_DIR, parseRelPath } from './dlq-names';
import { fileVersion } from './file-version';
import { moveWithSuffix } from './settle-file';

/**
 * Moves a signed or rejected DLQ file into the `archive_dlq` folder next to it (El Proxy's
 * convention for files an operator sets aside by hand, reference §7.2), adding a numeric suffix
 * when the name is taken. Archived files are listed as kind `archived` and no longer make the
 * DLQ non-empty. Returns the new relPath.
 * @throws {DlqError} `ERR_DLQ_INVALID_NAME` (not a signed/rejected file path, e.g. already archived),
 * `ERR_DLQ_NOT_FOUND`, `ERR_DLQ_CORRUPT_SEGMENT`, `ERR_DLQ_IO`; `ERR_DLQ_CHANGED` when
 * `expectedVersion` is given and the file is no longer at that version (checked under the
 * file's lock, so no append of this process slips in between; nothing is moved).
 */
export async function archiveFile(ctx: DlqContext, relPath: string, expectedVersion?: string): Promise<{ relPath: string }> {
  const loc = parseRelPath(relPath);
  if (loc.kind === 'archived') throw new DlqError('ERR_DLQ_INVALID_NAME', `${relPath} is already archived`);
  const file = absolutePath(ctx, loc);
  return withPathLock(file, async () => {
    try {
      const st = await lstatRegularFile(file, ctx.fs);
      if (st === null) throw new DlqError('ERR_DLQ_NOT_FOUND', `dead letter queue file ${relPath} does not exist`);
      if (expectedVersion !== undefined && fileVersion(st) !== expectedVersion) {
        throw new DlqError('ERR_DLQ_CHANGED', `dead letter queue file ${relPath} changed since it was listed (it now has ${st.size} bytes); nothing was archived — reload the list and check the file again`);
      }
      const archiveDir = await ensureChildDir(path.dirname(file), ARCHIVE_DIR, { fs: ctx.fs, mode: 0o700 });
      const name = await moveWithSuffix(ctx.fs, file, archiveDir, loc.name);
      return { relPath: [...loc.dirs, ARCHIVE_DIR, name].join('/') };
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') throw new DlqError('ERR_DLQ_NOT_FOUND', `dead letter queue file ${relPath} does not exist`, { cause: err });
      throw wrapIo(err, `cannot archive dead letter queue file ${relPath}`, 'existing');
    }
  });
}
