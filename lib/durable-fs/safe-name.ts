import path from 'node:path';
import { DurableFsError } from './durable-fs-error';

/** Linux NAME_MAX; longer names fail with ENAMETOOLONG anyway, this fails earlier and clearly. */
const NAME_MAX_BYTES = 255;

/**
 * True when `name` can be used as ONE path component under a directory we own: a non-empty
 * string, not `.` or `..`, without `/`, `\` or NUL, at most 255 UTF-8 bytes. Names that reach
 * this check come from logs (customer, data stream) or HTTP requests (relPaths): hostile input.
 */
export function isSafeChildName(name: unknown): name is string {
  if (typeof name !== 'string' || name === '' || name === '.' || name === '..') return false;
  if (/[/\\\0]/.test(name)) return false;
  return Buffer.byteLength(name, 'utf8') <= NAME_MAX_BYTES;
}

/**
 * `dir/name` after checking `name` with {@link isSafeChildName}.
 * @throws {DurableFsError} `ERR_FS_UNSAFE_NAME`.
 * @example childPath('/var/dlq', 'acme') // '/var/dlq/acme'
 */
export function childPath(dir: string, name: string): string {
  if (!isSafeChildName(name)) throw new DurableFsError('ERR_FS_UNSAFE_NAME', `unsafe path component ${JSON.stringify(String(name).slice(0, 80))}`);
  return path.join(dir, name);
}
