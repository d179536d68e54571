/**
 * lib/keys — the chains' key files (SPEC §7, reference §3.1).
 *
 * Contract:
 * - I/O. Owns `{data_dir}/{customer}/{module}-{customer}-{retention}-{tag}_key.json`
 *   (`{"key","iteration","previous_hash"}`: the key for the NEXT iteration) and the one-time
 *   iteration-0 copies in `{data_backup_dir}/{customer}/` that an operator moves off the machine.
 * - Every write is atomic and durable (lib/durable-fs: temp + fsync + rename/link + dir fsync),
 *   files 0600, folders 0700. A chain's key file is never overwritten by `create`, never moved
 *   backwards by `save` (unless the writer explicitly rolls back a non-durable batch), and never
 *   exists without its backup (the backup is written first; see create-chain.ts). `save` checks
 *   the file on disk first — read in full, unless it is exactly what this process last wrote
 *   there (same inode, size, mtime, mode; then the iteration it wrote is compared).
 * - Refuses key files that are symlinks or accessible by group/others: an operator decides.
 * - Never logs, never puts key material in an error message or cause, never reads a backup
 *   after writing it (the running service does not need key[0] again). Key buffers it reads
 *   are wiped once compared; heads it returns belong to the caller.
 * - Never reads the environment; folders come from configuration as parameters.
 */
export { createKeyStore, type CreateKeyStoreOptions, type KeyStore } from './create-key-store';
export { KeyStoreError, type KeyStoreErrorCode } from './key-store-error';
export type { SaveOptions } from './save-head';
export type { KeyBackup } from './list-backups';
