/**
 * Identifier generation: document ids in Elasticsearch's 20-character URL-safe base64 form
 * (time-ordered prefix, random tail) and 22-character index/cluster UUIDs.
 */
import { randomBytes } from 'node:crypto';

let seq = randomBytes(3).readUIntBE(0, 3);
const node = randomBytes(6);

/** A new auto-generated document `_id` (20 chars, like `aT9x0YsBp3V1q2mN8dE4`). */
export function newDocId(now = Date.now()): string {
  const b = Buffer.allocUnsafe(15);
  seq = (seq + 1) & 0xffffff;
  b.writeUIntBE(Math.floor(now / 2 ** 8) % 2 ** 40, 0, 5);
  b.writeUIntBE(seq, 5, 3);
  node.copy(b, 8, 0, 6);
  b[14] = now & 0xff;
  return b.toString('base64url');
}

/** A new 22-character UUID for indices, clusters and PIT/scroll contexts. */
export function newUuid(): string {
  return randomBytes(16).toString('base64url');
}
