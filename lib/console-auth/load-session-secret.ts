import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ensureDir, writeFileExclusive } from '../durable-fs';

// The key that seals console session cookies. From `console.session_secret_file` when set
// (several instances behind one URL must share it), else generated once (exclusive create, mode
// 0600) so sessions survive a restart. Too short a key is refused, not padded.

export const MIN_SESSION_SECRET_BYTES = 32;

/**
 * @throws RangeError when the configured file holds fewer than 32 bytes; I/O errors as they are.
 */
export async function loadSessionSecret(o: { configuredFile: string | null; generatedFile: string }): Promise<string> {
  if (o.configuredFile !== null) {
    const value = (await fs.readFile(o.configuredFile, 'utf8')).replace(/[\r\n]+$/, '');
    if (Buffer.byteLength(value) < MIN_SESSION_SECRET_BYTES) throw new RangeError(`${o.configuredFile}: a session secret needs at least ${MIN_SESSION_SECRET_BYTES} bytes`);
    return value;
  }
  try {
    return (await fs.readFile(o.generatedFile, 'utf8')).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await ensureDir(path.dirname(o.generatedFile), { mode: 0o700 });
  const value = randomBytes(32).toString('base64url');
  try {
    await writeFileExclusive(o.generatedFile, `${value}\n`, { mode: 0o600 });
    return value;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return (await fs.readFile(o.generatedFile, 'utf8')).trim();
  }
}
