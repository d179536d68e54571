// The key store's test environment: a temporary data and backup folder per test, and checks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, onTestFinished } from 'vitest';
import { keyFromHex, type ChainHead, type ChainIdentity } from '../../chain';
import type { DurableFs } from '../../durable-fs';
import { createKeyStore, type KeyStore } from '../create-key-store';
import { KeyStoreError, type KeyStoreErrorCode } from '../key-store-error';

export const ID: ChainIdentity = { module: 'elproxysigned', customer: 'acme', retention: '6_months', tag: '0' };
export const NAME = 'elproxysigned-acme-6_months-0_key.json';
export const K0 = 'a1'.repeat(32);
export const HASH = 'b2'.repeat(32);

export interface Env {
  base: string;
  dataDir: string;
  backupDir: string;
  keyFile: string;
  backupFile: string;
  store: KeyStore;
  warnings: string[];
}

export function env(options: { fs?: DurableFs } = {}): Env {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'signet-keys-')));
  onTestFinished(() => fs.rmSync(base, { recursive: true, force: true }));
  const dataDir = path.join(base, 'keys');
  const backupDir = path.join(base, 'keys_backup');
  const warnings: string[] = [];
  const store = createKeyStore({ dataDir, dataBackupDir: backupDir, onWarning: (m) => warnings.push(m), ...(options.fs ? { fs: options.fs } : {}) });
  return { base, dataDir, backupDir, keyFile: path.join(dataDir, 'acme', NAME), backupFile: path.join(backupDir, 'acme', NAME), store, warnings };
}

export const json = (p: string): unknown => JSON.parse(fs.readFileSync(p, 'utf8'));
export const mode = (p: string): number => fs.statSync(p).mode & 0o777;
export const head = (keyHex: string, iteration: number, previousHash: string | null): ChainHead => ({ key: keyFromHex(keyHex), iteration, previousHash });

export async function expectKeyError(promise: Promise<unknown>, code: KeyStoreErrorCode): Promise<KeyStoreError> {
  let caught: unknown;
  try {
    await promise;
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(KeyStoreError);
  expect((caught as KeyStoreError).code).toBe(code);
  return caught as KeyStoreError;
}

/** The secret must appear in neither the message nor the cause. */
export function expectNoSecret(err: Error, ...secrets: string[]): void {
  for (const s of secrets) {
    expect(err.message).not.toContain(s);
    expect(String(err.cause)).not.toContain(s);
    expect(JSON.stringify(err)).not.toContain(s);
  }
}

export function writeKeyFile(e: Env, content: string, fileMode = 0o600): void {
  fs.mkdirSync(path.dirname(e.keyFile), { recursive: true, mode: 0o700 });
  fs.writeFileSync(e.keyFile, content, { mode: fileMode });
  fs.chmodSync(e.keyFile, fileMode);
}
