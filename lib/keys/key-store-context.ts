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
}
