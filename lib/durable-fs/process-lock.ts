import { DurableFsError } from './durable-fs-error';
import { FLAGS, errnoCode, nodeFs, type DurableFs } from './fs-seam';
import { writeFileExclusive } from './write-file-atomic';

/**
 * Owner locks: "this process writes that file set", for files that must have one writer (a
 * chain's outbox and key file). A lock is a small file naming its holder — pid, the process's
 * start time and the boot id, so a pid reused after a crash or a reboot never looks alive — and
 * it appears complete or not at all (written aside, then hard-linked into place: EEXIST when
 * held). A lock whose holder is gone (kill -9) is taken over; the takeover itself runs under a
 * second, short-lived lock, so two processes that find the same stale lock cannot both win.
 */

/** ERR_FS_LOCKED: the lock is held by the live process `holder`. */
export class LockHeldError extends DurableFsError {
  constructor(
    file: string,
    readonly holder: number,
  ) {
    super('ERR_FS_LOCKED', `${file} is held by process ${holder}`);
  }
}

/** Who holds a lock: enough to tell a live holder from a dead one whose pid came back. */
export interface LockOwner {
  readonly pid: number;
  /** /proc/<pid>/stat start time (clock ticks since boot); null where /proc is not available. */
  readonly start: string | null;
  /** /proc/sys/kernel/random/boot_id; null where not available. */
  readonly boot: string | null;
}

export interface ProcessLock {
  readonly path: string;
  /** Removes the lock if this process still holds it. */
  release(): Promise<void>;
}

export interface ProcessLockOptions {
  fs?: DurableFs;
  /** Who takes the lock (default: this process). Tests pass another process's identity. */
  owner?: LockOwner;
}

const ATTEMPTS = 20;

/**
 * Takes the lock at `file` for this process.
 * @throws LockHeldError (ERR_FS_LOCKED) with the live holder's pid; DurableFsError ERR_FS_LOCKED
 *   when the lock kept changing hands; system errors (ENOENT for a missing directory, EACCES, ...)
 *   as they are.
 * @example const lock = await acquireProcessLock('/var/lib/signet/outbox/acme/x.lock'); … await lock.release();
 */
export async function acquireProcessLock(file: string, options: ProcessLockOptions = {}): Promise<ProcessLock> {
  const fs = options.fs ?? nodeFs;
  const me = options.owner ?? (await ownerOf(process.pid, fs));
  const text = JSON.stringify(me);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (await createLock(fs, file, text)) return held(fs, file, text);
    const found = await readText(fs, file);
    if (found === null) continue; // released meanwhile
    const owner = parseOwner(found);
    if (owner !== null && (await isAlive(owner, fs))) throw new LockHeldError(file, owner.pid);
    await takeOver(fs, file, found, text);
  }
  throw new DurableFsError('ERR_FS_LOCKED', `${file} changed hands ${ATTEMPTS} times while this process tried to take it`);
}

/** The identity of process `pid` as a lock records it. */
export async function ownerOf(pid: number, fs: DurableFs = nodeFs): Promise<LockOwner> {
  return { pid, start: startTime(await readProc(fs, `/proc/${pid}/stat`)), boot: (await readProc(fs, '/proc/sys/kernel/random/boot_id'))?.trim() ?? null };
}

/** True when the lock's holder is still running (not exited, not a zombie, not a reused pid). */
export async function isAlive(owner: LockOwner, fs: DurableFs = nodeFs): Promise<boolean> {
  if (owner.boot !== null) {
    const boot = (await readProc(fs, '/proc/sys/kernel/random/boot_id'))?.trim() ?? null;
    if (boot !== null && boot !== owner.boot) return false; // written before a reboot
  }
  const stat = await readProc(fs, `/proc/${owner.pid}/stat`);
  if (stat !== null) {
    // A zombie (killed, not reaped yet) holds nothing; another start time is another process.
    if (stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z') return false;
    return owner.start === null || startTime(stat) === owner.start;
  }
  // No readable /proc entry (no /proc, or hidepid): ask the kernel whether the pid exists.
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (err) {
    return errnoCode(err) === 'EPERM'; // exists, owned by another user
  }
}

/** Field 22 of /proc/<pid>/stat (start time), read after the command name, which may hold spaces. */
function startTime(stat: string | null): string | null {
  if (stat === null) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null;
}

function parseOwner(text: string): LockOwner | null {
  // A bare pid: the embedded store's lock format before owner locks.
  if (/^\d+\n?$/.test(text)) return Number(text) > 0 ? { pid: Number(text), start: null, boot: null } : null;
  try {
    const v = JSON.parse(text) as Partial<LockOwner>;
    if (!Number.isInteger(v.pid) || (v.pid as number) <= 0) return null;
    return { pid: v.pid as number, start: typeof v.start === 'string' ? v.start : null, boot: typeof v.boot === 'string' ? v.boot : null };
  } catch {
    return null; // a lock torn by a power failure: nobody can be holding it
  }
}

async function createLock(fs: DurableFs, file: string, text: string): Promise<boolean> {
  try {
    await writeFileExclusive(file, text, { fs, mode: 0o600 });
    return true;
  } catch (err) {
    if (errnoCode(err) === 'EEXIST') return false;
    throw err;
  }
}

/**
 * Removes the stale lock `file` (still holding `stale`) under `file.takeover`. A takeover lock
 * whose holder died in these few steps is itself stale and removed by the next one to come.
 */
async function takeOver(fs: DurableFs, file: string, stale: string, text: string): Promise<void> {
  const guard = `${file}.takeover`;
  if (!(await createLock(fs, guard, text))) {
    const found = await readText(fs, guard);
    const owner = found === null ? null : parseOwner(found);
    if (found !== null && (owner === null || !(await isAlive(owner, fs))) && (await readText(fs, guard)) === found) await unlinkQuietly(fs, guard);
    await new Promise((resolve) => setTimeout(resolve, 10));
    return;
  }
  try {
    if ((await readText(fs, file)) === stale) await unlinkQuietly(fs, file);
  } finally {
    await unlinkQuietly(fs, guard);
  }
}

function held(fs: DurableFs, file: string, text: string): ProcessLock {
  return {
    path: file,
    async release() {
      if ((await readText(fs, file)) === text) await unlinkQuietly(fs, file);
    },
  };
}

async function unlinkQuietly(fs: DurableFs, file: string): Promise<void> {
  try {
    await fs.unlink(file);
  } catch (err) {
    if (errnoCode(err) !== 'ENOENT') throw err;
  }
}

/** A /proc entry's text, or null when absent or hidden (/proc mounted with hidepid: EACCES). */
async function readProc(fs: DurableFs, file: string): Promise<string | null> {
  try {
    return await readText(fs, file);
  } catch (err) {
    if (errnoCode(err) === 'EACCES' || errnoCode(err) === 'EPERM') return null;
    throw err;
  }
}

/** A small file's text (locks, /proc entries), or null when it does not exist. */
async function readText(fs: DurableFs, file: string): Promise<string | null> {
  let handle;
  try {
    handle = await fs.open(file, FLAGS.readOnly);
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'ENOENT' || code === 'ESRCH') return null; // ESRCH: a /proc entry of an exiting process
    throw err;
  }
  try {
    const buf = Buffer.alloc(4096); // locks and the /proc entries read here are far smaller
    let n = 0;
    while (n < buf.length) {
      const { bytesRead } = await handle.read(buf, n, buf.length - n, null);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    return buf.toString('utf8', 0, n);
  } finally {
    await handle.close();
  }
}
