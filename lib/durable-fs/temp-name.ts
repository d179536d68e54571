import { randomBytes } from 'node:crypto';
import path from 'node:path';

/**
 * A temp file name next to `target`: `.{base}.{random}.tmp`. Same directory, so the final
 * rename/link is atomic (one file system); leading dot, so listings can tell a leftover from a
 * crash apart from real content (customer names and DLQ/key file names never start with a dot).
 */
export function tempPathFor(target: string): string {
  const base = path.basename(target).slice(0, 200);
  return path.join(path.dirname(target), `.${base}.${randomBytes(6).toString('hex')}.tmp`);
}

/** True for names {@link tempPathFor} produces (optionally only for one target's base name). */
export function isTempName(name: string, forBase?: string): boolean {
  if (!/^\..+\.[0-9a-f]{12}\.tmp$/.test(name)) return false;
  return forBase === undefined || name.startsWith(`.${forBase.slice(0, 200)}.`);
}
