import path from 'node:path';
import type { ChainHead, ChainIdentity } from '../chain';
import { quickFs, type DurableFs } from '../durable-fs';
import { createChain } from './create-chain';
import { listBackups, type KeyBackup } from './list-backups';
import { listChains } from './list-chains';
import { loadHead } from './load-head';
import { saveHead, type SaveOptions } from './save-head';
import type { KeyStoreContext } from './key-store-context';

export interface CreateKeyStoreOptions {
  /** El Proxy's `data_dir`: live key files. */
  dataDir: string;
  /** El Proxy's `data_backup_dir`: one-time copies of iteration-0 keys. */
  dataBackupDir: string;
  fs?: DurableFs;
  /** Receives operator-worthy warnings (never key material). Default: ignored. */
  onWarning?: (message: string) => void;
}

/** Key files of the chains this instance writes. See the module header (index.ts). */
export interface KeyStore {
  load(id: ChainIdentity): Promise<ChainHead | null>;
  create(id: ChainIdentity, key0: Uint8Array): Promise<ChainHead>;
  save(id: ChainIdentity, head: ChainHead, options?: SaveOptions): Promise<void>;
  listChains(): Promise<ChainIdentity[]>;
  backups(): Promise<KeyBackup[]>;
}

/**
 * @throws {TypeError} when a folder is not a non-empty string, or when the two folders nest (a
 * backup folder equal to or inside `dataDir` would be listed as a customer, or have the backup
 * overwritten by the live key file).
 * @example const keys = createKeyStore({ dataDir: '/var/lib/signet/keys', dataBackupDir: '/var/lib/signet/keys_backup' })
 */
export function createKeyStore(options: CreateKeyStoreOptions): KeyStore {
  for (const key of ['dataDir', 'dataBackupDir'] as const) {
    if (typeof options[key] !== 'string' || options[key] === '') throw new TypeError(`${key} must be a non-empty path`);
  }
  const dataDir = path.resolve(options.dataDir);
  const dataBackupDir = path.resolve(options.dataBackupDir);
  const inside = (a: string, b: string) => a === b || a.startsWith(b.endsWith(path.sep) ? b : b + path.sep);
  if (inside(dataDir, dataBackupDir) || inside(dataBackupDir, dataDir)) throw new TypeError('dataDir and dataBackupDir must not be the same folder or inside one another');
  const ctx: KeyStoreContext = { dataDir, dataBackupDir, fs: options.fs ?? quickFs, onWarning: options.onWarning ?? (() => undefined), swept: new Set(), written: new Map() };
  return {
    load: (id) => loadHead(ctx, id),
    create: (id, key0) => createChain(ctx, id, key0),
    save: (id, head, saveOptions) => saveHead(ctx, id, head, saveOptions),
    listChains: () => listChains(ctx),
    backups: () => listBackups(ctx),
  };
}
