import path from 'node:path';
import type { KeyStoreContext } from './key-store-context';
import { lstatSafe, readdirOrEmpty } from './list-chains';

/** A file waiting in `data_backup_dir` to be moved off the machine. */
export interface KeyBackup {
  /** The customer folder it is in; null for a file at the top of `data_backup_dir`. */
  readonly customer: string | null;
  readonly name: string;
  /** `/`-separated path relative to `data_backup_dir`. */
  readonly relPath: string;
  readonly mtimeMs: number;
}

/**
 * Everything in `data_backup_dir` that is not a folder, one level of customer folders deep:
 * key backups, set-aside previous backups, even leftover temp files (they hold key material
 * too). `GET /api/v1/status/keys_backup` answers `{"empty": backups.length === 0}`, El Proxy's
 * "is any key backup present". Never reads file content; symlinks are listed, not followed.
 * @throws {KeyStoreError} `ERR_KEYS_IO`.
 */
export async function listBackups(ctx: KeyStoreContext): Promise<KeyBackup[]> {
  const out: KeyBackup[] = [];
  for (const top of await readdirOrEmpty(ctx, ctx.dataBackupDir)) {
    const st = await lstatSafe(ctx, path.join(ctx.dataBackupDir, top));
    if (st === null) continue;
    if (!st.isDirectory()) {
      out.push({ customer: null, name: top, relPath: top, mtimeMs: st.mtimeMs });
      continue;
    }
    const dir = path.join(ctx.dataBackupDir, top);
    for (const name of await readdirOrEmpty(ctx, dir)) {
      const f = await lstatSafe(ctx, path.join(dir, name));
      if (f !== null && !f.isDirectory()) out.push({ customer: top, name, relPath: `${top}/${name}`, mtimeMs: f.mtimeMs });
    }
  }
  return out;
}
