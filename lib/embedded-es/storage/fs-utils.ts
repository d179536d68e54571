/** Small durable-filesystem helpers. */
import { promises as fsp } from 'node:fs';
import path from 'node:path';

/** fsyncs a directory so that renames and unlinks inside it survive a crash. */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await fsp.open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Generation numbers of files named `<prefix>-<n><suffix>` in `dir`, ascending. */
export async function listGenerations(dir: string, prefix: string, suffix: string): Promise<number[]> {
  const names = await fsp.readdir(dir);
  const re = new RegExp(`^${prefix}-(\\d+)${suffix.replace('.', '\\.')}$`);
  return names
    .map((n) => re.exec(n))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

export function walPath(dir: string, gen: number): string {
  return path.join(dir, `wal-${String(gen).padStart(8, '0')}.log`);
}

export function snapshotPath(dir: string, gen: number): string {
  return path.join(dir, `snapshot-${String(gen).padStart(8, '0')}.snap`);
}
