import path from 'node:path';
import { chainName, nameComponentProblem, type ChainIdentity } from '../chain';
import { KeyStoreError } from './key-store-error';

const SUFFIX = '_key.json';

/** Where a chain's key file and its iteration-0 backup live (SPEC §7, reference §3.1). */
export interface KeyPaths {
  /** `{module}-{customer}-{retention}-{tag}_key.json` */
  readonly name: string;
  readonly customer: string;
  /** `{dataDir}/{customer}` */
  readonly keyDir: string;
  readonly keyFile: string;
  /** `{dataBackupDir}/{customer}` */
  readonly backupDir: string;
  readonly backupFile: string;
}

/** @throws {KeyStoreError} `ERR_KEYS_INVALID_ID` naming the bad component. */
export function keyPaths(dataDir: string, dataBackupDir: string, id: ChainIdentity): KeyPaths {
  let stem: string;
  try {
    stem = chainName(id);
  } catch (err) {
    throw new KeyStoreError('ERR_KEYS_INVALID_ID', `invalid chain identity: ${err instanceof Error ? err.message : 'not an identity'}`);
  }
  const name = `${stem}${SUFFIX}`;
  const keyDir = path.join(dataDir, id.customer);
  const backupDir = path.join(dataBackupDir, id.customer);
  return { name, customer: id.customer, keyDir, keyFile: path.join(keyDir, name), backupDir, backupFile: path.join(backupDir, name) };
}

/** The chain a key file name belongs to, when it is one and sits in its customer's folder. */
export function identityFromKeyFileName(customerDir: string, name: string): ChainIdentity | null {
  if (!name.endsWith(SUFFIX)) return null;
  const parts = name.slice(0, -SUFFIX.length).split('-');
  if (parts.length !== 4 || parts.some((p) => nameComponentProblem(p) !== null)) return null;
  const [module, customer, retention, tag] = parts as [string, string, string, string];
  return customer === customerDir ? { module, customer, retention, tag } : null;
}

/** `{stem}_key.previous-N.json`: where create() sets aside a stale backup instead of overwriting it. */
export function previousBackupName(name: string, n: number): string {
  return `${name.slice(0, -SUFFIX.length)}_key.previous-${n}.json`;
}
