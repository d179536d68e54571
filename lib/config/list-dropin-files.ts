import fs from 'node:fs';
import path from 'node:path';
import type { ConfigProblem } from './config-error';
import { ioReason } from './read-toml-file';

/**
 * Files of a drop-in directory (`*.d/`) with one of `extensions`, sorted by file name in plain
 * code-unit order (as `LC_ALL=C ls`: `10-a.toml` < `20-b.toml` < `9-c.toml`), so the
 * override order does not depend on the machine's locale. Hidden files (`.*`), editor backups
 * (`*~`) and anything else (README, subdirectories) are skipped. A missing directory is empty.
 */
export function listDropinFiles(dir: string, extensions: readonly string[], label: string): { files: string[]; problems: ConfigProblem[] } {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { files: [], problems: [] };
    return { files: [], problems: [{ source: label, key: '', message: `cannot list: ${ioReason(err)}`, io: true }] };
  }
  const files: string[] = [];
  const problems: ConfigProblem[] = [];
  for (const name of names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (name.startsWith('.') || name.endsWith('~')) continue;
    if (!extensions.some((ext) => name.endsWith(ext))) continue;
    const file = path.join(dir, name);
    try {
      // stat (not lstat): a symlink to a file is a file, as with any conf.d directory.
      if (fs.statSync(file).isFile()) files.push(file);
    } catch (err) {
      problems.push({ source: path.join(label, name), key: '', message: `cannot read: ${ioReason(err)}`, io: true });
    }
  }
  return { files, problems };
}
