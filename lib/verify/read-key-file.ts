import fs from 'node:fs';
import { keyFromHex } from '../chain';
import { VerifyError } from './verify-error';

/**
 * Reads the iteration-0 key (El Proxy's `--key-file`): either the key backup written at chain
 * creation (`{"key", "iteration": 0, "previous_hash": null}`) or a file holding only the 64 hex
 * characters. A running key file (iteration > 0) is refused: past keys cannot be derived from it.
 *
 * @returns the key bytes (the caller wipes them when done).
 * @throws VerifyError `ERR_VERIFY_KEY_FILE` naming the file and the problem, never the content.
 */
export function readKeyFile(file: string): Uint8Array {
  let raw: Buffer;
  try {
    raw = fs.readFileSync(file);
  } catch (err) {
    throw new VerifyError('ERR_VERIFY_KEY_FILE', `cannot read the key file ${file}: ${(err as NodeJS.ErrnoException).code ?? 'read error'}`, { cause: err });
  }
  try {
    return parseKeyFile(raw, file);
  } finally {
    raw.fill(0);
  }
}

/**
 * The same check on bytes already in memory (the console's key upload): `label` names the key in
 * messages (a file name, "the uploaded key file"), never its content. Does not wipe `raw`.
 *
 * @throws VerifyError `ERR_VERIFY_KEY_FILE`.
 */
export function parseKeyFile(raw: Uint8Array, label: string): Uint8Array {
  const file = label;
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8').trim();
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw problem(file, 'it is neither JSON nor a bare key');
    }
    const o = parsed as { key?: unknown; iteration?: unknown };
    if (typeof o.key !== 'string') throw problem(file, 'it has no "key" member');
    if (o.iteration !== undefined && o.iteration !== 0) {
      throw problem(file, `it holds the key of iteration ${String(o.iteration)}, not the iteration-0 key (use the key backup made when the chain was created)`);
    }
    return toKey(file, o.key);
  }
  return toKey(file, text);
}

function toKey(file: string, hex: string): Uint8Array {
  try {
    return keyFromHex(hex);
  } catch {
    throw problem(file, 'the key is not 64 lowercase hexadecimal characters');
  }
}

function problem(file: string, why: string): VerifyError {
  return new VerifyError('ERR_VERIFY_KEY_FILE', `invalid key file ${file}: ${why}`);
}
