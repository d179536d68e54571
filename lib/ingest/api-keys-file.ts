import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import { writeFileAtomic } from '../durable-fs';

/**
 * Ingest API keys (`ingest.auth.type = "ApiKey"`). Shippers send Elastic's header form
 * `Authorization: ApiKey base64(id:key)`. The file keeps one `id:sha256(key)` per line (hex;
 * `#` comments): the keys themselves are random 32-byte values shown once at creation and
 * never stored, so SHA-256 (not a slow KDF) is enough to make the file useless to a reader.
 */
export interface ApiKeyEntry {
  readonly id: string;
  readonly sha256: string;
}

const ID = /^[A-Za-z0-9_.-]{1,64}$/;
const LINE = /^([A-Za-z0-9_.-]{1,64}):([0-9a-f]{64})$/;

/** Parses the keys file; malformed lines are reported, never silently skipped. */
export function parseApiKeysFile(text: string): { entries: ApiKeyEntry[]; problems: string[] } {
  const entries: ApiKeyEntry[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = LINE.exec(line);
    if (m === null) problems.push(`line ${i + 1}: expected "id:sha256-hex"`);
    else entries.push({ id: m[1] as string, sha256: m[2] as string });
  });
  return { entries, problems };
}

/** Checks `ApiKey base64(id:key)` against the entries in constant time per key. */
export function apiKeyMatches(entries: readonly ApiKeyEntry[], headerValue: string): boolean {
  const m = /^ApiKey\s+([A-Za-z0-9+/=_-]+)$/i.exec(headerValue.trim());
  if (m === null) return false;
  const decoded = Buffer.from(m[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return false;
  const id = decoded.slice(0, colon);
  const digest = createHash('sha256').update(decoded.slice(colon + 1)).digest();
  const entry = entries.find((e) => e.id === id);
  // Compare against a dummy when the id is unknown, so timing does not reveal which ids exist.
  const expected = Buffer.from(entry?.sha256 ?? '0'.repeat(64), 'hex');
  return timingSafeEqual(digest, expected) && entry !== undefined;
}

/** Adds a key to the file (created 0600) and returns the header value to give the shipper, once. */
export async function createApiKey(file: string, id: string): Promise<{ header: string; id: string }> {
  if (!ID.test(id)) throw new RangeError('the key id may contain letters, digits, ".", "_" and "-" (1–64 characters)');
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Signet ingest API keys: id:sha256(key). Keys are shown once at creation.\n';
  const { entries, problems } = parseApiKeysFile(current);
  if (problems.length > 0) throw new RangeError(`${file}: ${problems.join('; ')}`);
  if (entries.some((e) => e.id === id)) throw new RangeError(`an ingest API key with id "${id}" already exists`);
  const key = randomBytes(32).toString('base64url');
  const line = `${id}:${createHash('sha256').update(key).digest('hex')}\n`;
  await writeFileAtomic(file, current + (current.endsWith('\n') ? '' : '\n') + line, { mode: 0o600 });
  return { id, header: `ApiKey ${Buffer.from(`${id}:${key}`).toString('base64')}` };
}

/** Removes a key; returns whether it existed. */
export async function revokeApiKey(file: string, id: string): Promise<boolean> {
  if (!fs.existsSync(file)) return false;
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const kept = lines.filter((l) => LINE.exec(l.trim())?.[1] !== id);
  if (kept.length === lines.length) return false;
  await writeFileAtomic(file, kept.join('\n'), { mode: 0o600 });
  return true;
}
