// The console's save of `include_fields`: validate, compare versions under the file's lock,
// splice the array into the text, check the result parses to exactly the list, write atomically.
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'smol-toml';
import { FIELDS_FILE, validateIncludeFields } from '../config';
import { errnoCode, withPathLock, writeFileAtomic } from '../durable-fs';
import { FieldsFileError } from './fields-file-error';
import { readFieldsFile, versionOf } from './read-fields-file';
import { spliceIncludeFields } from './splice-include-fields';

export interface SaveFieldsResult {
  readonly file: string;
  /** The list before the save (null when the file was absent or did not load). */
  readonly before: string[] | null;
  readonly after: string[];
  /** The new file's version token. */
  readonly version: string;
  /** True when the file did not exist and was created. */
  readonly created: boolean;
}

const HEADER = `# Fields of each log that are signed (El Proxy's include_fields), written by the Signet console.
# A dot addresses a nested field: "host.name" is "name" inside "host". Changes apply to new logs
# without a restart and never affect logs already signed.
`;

/**
 * Replaces `include_fields` in `{configDir}/elastic_blockchain_proxy_fields.toml` with `list`,
 * atomically and durably, keeping the rest of the text; creates the file when absent.
 * @param expectedVersion the version token the caller read ({@link readFieldsFile}).
 * @throws {FieldsFileError} `ERR_FIELDS_FILE_INVALID` (list refused by the loader's rule),
 * `ERR_FIELDS_FILE_CHANGED` (the file is not at `expectedVersion`), `ERR_FIELDS_FILE_UNSUPPORTED`
 * (the file cannot be edited safely), `ERR_FIELDS_FILE_IO`. Nothing is written on any error.
 * @example await saveIncludeFields('/etc/signet', ['@timestamp', 'message'], state.version)
 */
export async function saveIncludeFields(configDir: string, list: readonly string[], expectedVersion: string): Promise<SaveFieldsResult> {
  const problems = validateIncludeFields(list);
  if (problems.length > 0) throw new FieldsFileError('ERR_FIELDS_FILE_INVALID', `invalid include_fields: ${problems.slice(0, 5).map((p) => `${p.key} ${p.message}`).join('; ')}`);
  const file = path.join(configDir, FIELDS_FILE);
  return withPathLock(file, async () => {
    const current = await readFieldsFile(configDir);
    if (current.version !== expectedVersion) {
      throw new FieldsFileError('ERR_FIELDS_FILE_CHANGED', `${FIELDS_FILE} changed on disk since it was loaded (someone else saved it, or it was edited by hand); reload the page to see the current list, then make your change again`);
    }
    const others = current.data === null ? [] : Object.keys(current.data).filter((k) => k !== 'include_fields');
    if (current.exists && (current.data === null || others.length > 0)) {
      const why = current.data === null ? (current.problems[0] ?? 'it is not valid TOML') : `it has keys other than include_fields (${others.slice(0, 3).join(', ')}), which Signet refuses at start-up`;
      throw new FieldsFileError('ERR_FIELDS_FILE_UNSUPPORTED', `${FIELDS_FILE} cannot be edited from the console: ${why}; fix the file by hand`);
    }
    const text = current.text === null ? `${HEADER}include_fields = []\n` : current.text;
    const next = spliceIncludeFields(text, list);
    if (next === null || !roundTrips(next, list)) {
      throw new FieldsFileError('ERR_FIELDS_FILE_UNSUPPORTED', `${FIELDS_FILE}: the include_fields array could not be located safely in the text; fix the file by hand`);
    }
    let mode = 0o644;
    try {
      if (current.exists) mode = (await fs.stat(file)).mode & 0o777;
      await writeFileAtomic(file, next, { mode });
    } catch (err) {
      throw new FieldsFileError('ERR_FIELDS_FILE_IO', `cannot write ${FIELDS_FILE} (${errnoCode(err) ?? 'error'}); the previous file is unchanged`, { cause: err });
    }
    return { file, before: current.includeFields, after: [...list], version: versionOf(Buffer.from(next, 'utf8')), created: !current.exists };
  });
}

/** The new text parses to exactly `{ include_fields: list }`. */
function roundTrips(text: string, list: readonly string[]): boolean {
  try {
    const data = parse(text.replace(/^\uFEFF/, ''), { unsafeKeyBehaviour: 'throw' });
    const got = data.include_fields;
    return Object.keys(data).length === 1 && Array.isArray(got) && got.length === list.length && got.every((v, i) => v === list[i]);
  } catch {
    return false;
  }
}
