import { z } from 'zod';
import { headFromKeyFile, headToKeyFile, parseJson, type ChainHead } from '../chain';
import { KeyStoreError } from './key-store-error';

const HEX64 = /^[0-9a-f]{64}$/;

/** A key file read from disk is untrusted input (an operator's edit, a restore from backup, a crash). */
const keyFileSchema = z.object({
  key: z.string().regex(HEX64, 'must be 64 lowercase hexadecimal characters'),
  iteration: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  previous_hash: z.string().regex(HEX64, 'must be 64 lowercase hexadecimal characters').nullable(),
});

/** Largest plausible key file (the real ones are ~160 bytes). */
export const MAX_KEY_FILE_BYTES = 4096;

/**
 * Decodes key-file bytes into a chain head. The caller wipes `bytes` afterwards.
 * @throws {KeyStoreError} `ERR_KEYS_CORRUPT` naming `file` and the member at fault — never the
 * key, and with no `cause` (parser messages may quote input).
 */
export function decodeKeyFile(bytes: Uint8Array, file: string): ChainHead {
  const corrupt = (why: string) => new KeyStoreError('ERR_KEYS_CORRUPT', `key file ${file} is corrupt: ${why}`);
  let value: unknown;
  try {
    value = parseJson(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch {
    throw corrupt('not valid JSON');
  }
  const r = keyFileSchema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw corrupt(issue === undefined ? 'unexpected content' : `${issue.path.map(String).join('.') || 'content'}: ${issue.message}`);
  }
  try {
    return headFromKeyFile(r.data);
  } catch (err) {
    // lib/chain's messages name the broken invariant, never the value.
    throw corrupt(err instanceof Error ? err.message : 'not a valid chain head');
  }
}

/** Key-file bytes for `head` (`{"key","iteration","previous_hash"}` + `\n`). The caller wipes them after writing. */
export function encodeKeyFile(head: ChainHead): Buffer {
  return Buffer.from(`${JSON.stringify(headToKeyFile(head))}\n`, 'utf8');
}
