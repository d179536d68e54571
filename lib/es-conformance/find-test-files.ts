import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConformanceError } from './conformance-error';

/**
 * Lists the `.yml`/`.yaml` files under `dir` (recursively), as `/`-separated paths relative to
 * `dir`, sorted so runs are repeatable. `filter` keeps only paths containing that substring.
 * @throws {ConformanceError} ERR_CONFORMANCE_IO when `dir` is not a readable directory.
 */
export async function findTestFiles(dir: string, filter?: string): Promise<string[]> {
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a directory');
  } catch (err) {
    throw new ConformanceError('ERR_CONFORMANCE_IO', `cannot read test directory ${dir}: ${(err as Error).message}`, { cause: err });
  }
  const found: string[] = [];
  async function walk(relative: string): Promise<void> {
    const entries = await readdir(path.join(dir, relative), { withFileTypes: true });
    for (const entry of entries) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) found.push(child);
    }
  }
  await walk('');
  return found
    .filter((file) => filter === undefined || file.includes(filter))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
