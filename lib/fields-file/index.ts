/**
 * lib/fields-file — reads and rewrites `elastic_blockchain_proxy_fields.toml` for the console's
 * field editor (issue 7 item 6; SPEC §10; El Proxy reference §4.3).
 *
 * Contract:
 * - I/O, one file: `{configDir}/elastic_blockchain_proxy_fields.toml`. lib/config stays the only
 *   reader at start-up and never writes; this module is the only writer.
 * - A save is atomic and durable (lib/durable-fs: temp file + fsync + rename + directory fsync),
 *   rewrites ONLY the `include_fields` array in the text (comments and any other content are
 *   kept byte for byte), and is checked by parsing the result back before anything is written.
 * - Optimistic concurrency: every read returns a version token (SHA-256 of the file's bytes, or
 *   `absent`); a save names the version it was based on and is refused (`ERR_FIELDS_FILE_CHANGED`,
 *   409, nothing written) when the file changed on disk since. Saves in this process are serialized.
 * - The list is validated with lib/config's loader rule, so a saved file always loads.
 * - Never logs, never reads the environment, never follows a symlink at the file's path.
 *   Errors: `FieldsFileError` (closed codes).
 */
export { readFieldsFile, ABSENT_VERSION, type FieldsFileState } from './read-fields-file';
export { saveIncludeFields, type SaveFieldsResult } from './save-include-fields';
export { spliceIncludeFields, formatIncludeFields } from './splice-include-fields';
export { FieldsFileError, type FieldsFileErrorCode } from './fields-file-error';
