import fs from 'node:fs';
import path from 'node:path';
import type { KeyCheckpoint } from './seal-key';
import { VerifyError } from './verify-error';

/** One day of the Blockchain State History (reference §8.3): the iterations signed that day (UTC). */
export interface HistoryDay {
  first_iteration: number;
  last_iteration: number;
}

/**
 * The Blockchain State History of one chain, `{blockchain_state_history_dir}/{chain}.json`.
 * `days` is El Proxy's documented map; the other members are Signet's, for incremental runs:
 * the last verified log (iteration and hash: the boundary an incremental run must find
 * unchanged) and when the chain was last verified in full.
 */
export interface StateHistory {
  version: 1;
  chain: string;
  updated_at: string;
  last_full_verification_at: string | null;
  last_verified: { iteration: number; hash: string } | null;
  /** key[last_verified.iteration], sealed under key[0] (see seal-key.ts); optional. */
  key_checkpoint?: KeyCheckpoint | null;
  days: Record<string, HistoryDay>;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const HASH = /^[0-9a-f]{64}$/;

export function historyFile(dir: string, chain: string): string {
  return path.join(dir, `${chain}.json`);
}

/**
 * Reads a chain's state history; null when there is none (first verification).
 * @throws VerifyError `ERR_VERIFY_IO` when it exists but cannot be read or is malformed: a
 *   damaged history must not silently become "no history" (that would forgive a deleted head).
 */
export function readStateHistory(dir: string, chain: string): StateHistory | null {
  const file = historyFile(dir, chain);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new VerifyError('ERR_VERIFY_IO', `cannot read the state history ${file}: ${(err as NodeJS.ErrnoException).code ?? 'read error'}`, { cause: err });
  }
  const bad = (why: string): VerifyError => new VerifyError('ERR_VERIFY_IO', `the state history ${file} is damaged (${why}); restore it from a backup or remove it to start over`);
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw bad('not JSON');
  }
  const h = v as Partial<StateHistory>;
  if (typeof h !== 'object' || h === null || h.version !== 1 || typeof h.days !== 'object' || h.days === null) throw bad('unknown format');
  if (h.chain !== chain) throw bad(`it belongs to chain ${String(h.chain)}`);
  for (const [day, e] of Object.entries(h.days)) {
    if (!DAY.test(day) || !isIteration(e?.first_iteration) || !isIteration(e?.last_iteration) || e.last_iteration < e.first_iteration) throw bad(`day ${day}`);
  }
  const lv = h.last_verified;
  if (lv !== null && (typeof lv !== 'object' || !isIteration(lv.iteration) || typeof lv.hash !== 'string' || !HASH.test(lv.hash))) throw bad('last_verified');
  const cp = h.key_checkpoint;
  // A malformed checkpoint is only an optimisation lost: dropped, not an error.
  const checkpoint = cp && typeof cp === 'object' && isIteration(cp.iteration) && [cp.nonce, cp.ciphertext, cp.tag].every((x) => typeof x === 'string' && /^[0-9a-f]*$/.test(x)) ? cp : null;
  return { version: 1, chain, updated_at: String(h.updated_at), last_full_verification_at: typeof h.last_full_verification_at === 'string' ? h.last_full_verification_at : null, last_verified: lv ?? null, key_checkpoint: checkpoint, days: h.days };
}

/** Writes the history atomically (temporary file, fsync, rename, fsync the directory). @throws VerifyError `ERR_VERIFY_IO`. */
export function writeStateHistory(dir: string, history: StateHistory): void {
  const file = historyFile(dir, history.chain);
  writeFileAtomic(file, JSON.stringify(history, null, 2) + '\n', 'state history');
}

/** Atomic replace of a small file. @throws VerifyError `ERR_VERIFY_IO` naming `what`. */
export function writeFileAtomic(file: string, content: string, what: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fd = fs.openSync(tmp, 'w', 0o640);
    try {
      fs.writeSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
    const dfd = fs.openSync(path.dirname(file), 'r');
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new VerifyError('ERR_VERIFY_IO', `cannot write the ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? 'write error'}`, { cause: err });
  }
}

function isIteration(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}
