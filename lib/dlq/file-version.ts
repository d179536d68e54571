// The version token of a DLQ file, for refusing actions on a file that changed since it was listed.
import type { FileStat } from '../durable-fs';

/**
 * A DLQ file's version token: size and modification time (`{size}:{mtimeMs}`). DLQ files only
 * grow (appends) or are replaced (settle, archive), and both change one or the other, so a caller
 * that names the version it listed is refused (`ERR_DLQ_CHANGED`) when the file changed since.
 */
export function fileVersion(st: Pick<FileStat, 'size' | 'mtimeMs'>): string {
  return `${st.size}:${st.mtimeMs}`;
}
