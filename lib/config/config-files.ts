// File and directory names inside the configuration directory, as El Proxy names them
// (reference §4.1), and which files of the drop-in directories are read.

export const MAIN_FILE = 'elastic_blockchain_proxy.toml';
export const MAIN_DROPIN_DIR = 'elastic_blockchain_proxy.d';
/** Drop-in files read from MAIN_DROPIN_DIR; anything else there (README, *.bak) is ignored. */
export const MAIN_DROPIN_EXTENSIONS: readonly string[] = Object.freeze(['.toml', '.conf']);
export const FIELDS_FILE = 'elastic_blockchain_proxy_fields.toml';
export const RETENTION_FILE = 'retention_policies.toml';
export const RETENTION_DROPIN_DIR = 'retention_policies.d';
export const RETENTION_DROPIN_EXTENSIONS: readonly string[] = Object.freeze(['.toml']);
