import path from 'node:path';
import { errnoCode, isTempName } from '../durable-fs';
import type { KeyStoreContext } from './key-store-context';
import { io } from './read-key-file';

/**
 * Removes temp files a crash left next to `file` (`.{name}.{random}.tmp`, see lib/durable-fs).
 * They can hold an OLD key, and an old key would let whoever reads it re-sign history from that
 * iteration on: they must not outlive the crash. Done once per file per process (leftovers only
 * come from an earlier process; this one cleans up after its own failures).
 */
export async function sweepTemps(ctx: KeyStoreContext, file: string): Promise<void> {
  if (ctx.swept.has(file)) return;
  const dir = path.dirname(file);
  let names: string[];
  try {
    names = await ctx.fs.readdir(dir);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return;
    throw io(err, file);
  }
  for (const name of names) {
    if (!isTempName(name, path.basename(file))) continue;
    await ctx.fs.unlink(path.join(dir, name)).catch((err: unknown) => {
      if (errnoCode(err) !== 'ENOENT') throw io(err, file);
    });
  }
  ctx.swept.add(file);
}
