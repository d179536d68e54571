// Reads the fields file for the console (state, version token, problems); the start-up loader is lib/config.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse, TomlError } from 'smol-toml';
import { FIELDS_FILE, validateIncludeFields } from '../config';
import { errnoCode } from '../durable-fs';
import { FieldsFileError } from './fields-file-error';

/** Version token of a fields file that does not exist (the built-in default list applies). */
export const ABSENT_VERSION = 'absent';

/** The fields file as it is on disk now. */
export interface FieldsFileState {
  /** Absolute path. */
  readonly file: string;
  readonly exists: boolean;
  /** The file's text (null when absent). */
  readonly text: string | null;
  /** `sha256:<hex>` of the file's bytes, or {@link ABSENT_VERSION}. */
  readonly version: string;
  /** The list in the file; null when absent or when the file does not load (see `problems`). */
  readonly includeFields: string[] | null;
  /** Why the file would not load at start-up (syntax, unknown keys, invalid entries); empty when it loads. */
  readonly problems: string[];
  /** Parsed top-level table (null when absent or unparsable): a save keeps every other key as it is. */
  readonly data: Record<string, unknown> | null;
}

/** `sha256:` + hex digest of the bytes: the optimistic-concurrency token. */
export function versionOf(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/**
 * Reads `{configDir}/elastic_blockchain_proxy_fields.toml`.
 * @throws {FieldsFileError} `ERR_FIELDS_FILE_UNSUPPORTED` when the path is not a regular file
 * (a symlink, a folder), `ERR_FIELDS_FILE_IO` when it cannot be read.
 */
export async function readFieldsFile(configDir: string): Promise<FieldsFileState> {
  const file = path.join(configDir, FIELDS_FILE);
  let bytes: Buffer;
  try {
    const st = await fs.lstat(file);
    if (!st.isFile()) throw new FieldsFileError('ERR_FIELDS_FILE_UNSUPPORTED', `${FIELDS_FILE} is ${st.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'}; the console edits regular files only (change it by hand)`);
    bytes = await fs.readFile(file);
  } catch (err) {
    if (err instanceof FieldsFileError) throw err;
    if (errnoCode(err) === 'ENOENT') return { file, exists: false, text: null, version: ABSENT_VERSION, includeFields: null, problems: [], data: null };
    throw new FieldsFileError('ERR_FIELDS_FILE_IO', `cannot read ${FIELDS_FILE} (${errnoCode(err) ?? 'error'})`, { cause: err });
  }
  const text = bytes.toString('utf8');
  const base = { file, exists: true, text, version: versionOf(bytes) };
  let data: Record<string, unknown>;
  try {
    data = parse(text.replace(/^\uFEFF/, ''), { unsafeKeyBehaviour: 'throw' });
  } catch (err) {
    if (!(err instanceof TomlError)) throw err;
    return { ...base, includeFields: null, problems: [`TOML syntax error at line ${err.line}: ${(err.message.split('\n')[0] ?? '').replace(/^Invalid TOML document: /, '')}`], data: null };
  }
  const problems = Object.keys(data)
    .filter((k) => k !== 'include_fields')
    .map((k) => `unknown key ${JSON.stringify(k)}`);
  for (const p of validateIncludeFields(data.include_fields)) problems.push(`${p.key} ${p.message}`);
  const list = Array.isArray(data.include_fields) && data.include_fields.every((v) => typeof v === 'string') ? [...(data.include_fields as string[])] : null;
  return { ...base, includeFields: problems.length === 0 ? list : null, problems, data };
}
