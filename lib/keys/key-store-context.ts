import type { DurableFs } from '../durable-fs';

/** What every key-store operation needs; built once by `createKeyStore`. */
export interface KeyStoreContext {
  readonly dataDir: string;
  readonly dataBackupDir: string;
  readonly fs: DurableFs;
  /** Non-fatal events an operator should hear about (a stale backup set aside). */
  readonly onWarning: (message: string) => void;
  /** Key files whose folder was already swept of leftover temp files by this process. */
  readonly swept: Set<string>;
  /**
   * Per key file, what this process last wrote there: its iteration and the file's identity
   * (inode, size, mtime, mode) right after the write. A save that finds the file still so skips
   * reading it back (the check against moving backwards uses the iteration); any other state of
   * the file — replaced, edited, chmod-ed, a symlink — is read and checked in full.
   */
  readonly written: Map<string, WrittenKeyFile>;
}

export interface WrittenKeyFile {
  readonly iteration: number;
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
  readonly mode: number;
}
