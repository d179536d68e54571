/**
 * lib/durable-fs — the durability primitives every on-disk module (dlq, keys, outbox) uses.
 *
 * Contract:
 * - I/O, local files only. Owns nothing on disk itself: it writes only where a caller points it.
 * - Durable means "survives a crash or power loss once the promise resolves": file data is
 *   fsync'ed/fdatasync'ed, and a created or renamed name is made durable by fsync'ing its
 *   directory. Replacements are atomic (temp file + rename); nothing ever writes in place.
 * - Never follows a symlink where a file is expected (O_NOFOLLOW, lstat), never accepts a path
 *   component that is empty, `.`/`..`, or contains `/`, `\` or NUL.
 * - Never logs, never reads the environment. System errors (ENOSPC, EIO, ...) are passed through
 *   with their `code` so the calling module can wrap them into its own error; refusals are
 *   `DurableFsError`.
 * - All file-system calls go through the injectable `DurableFs` seam (default: node:fs/promises;
 *   `quickFs` makes the quick calls synchronously and only fsync/fdatasync asynchronously, for
 *   small files on a busy event loop: key files, chain outboxes).
 * - Owner locks (`acquireProcessLock`) give a file set one writing process; a lock whose holder
 *   is gone (by pid, start time and boot id from /proc) is taken over, never shared.
 */
export { quickFs } from './quick-fs';
export { nodeFs, errnoCode, FLAGS, type DurableFs, type DurableFileHandle, type FileStat } from './fs-seam';
export { DurableFsError, type DurableFsErrorCode } from './durable-fs-error';
export { isSafeChildName, childPath } from './safe-name';
export { lstatOrNull, lstatRegularFile } from './lstat-or-null';
export { fsyncDir } from './fsync-dir';
export { ensureDir, ensureChildDir, type EnsureDirOptions } from './ensure-dir';
export { openAtomicWriter, type AtomicWriter, type AtomicWriteOptions } from './atomic-writer';
export { writeFileAtomic, writeFileExclusive } from './write-file-atomic';
export { DurableAppender, appendDurable, type AppendOptions } from './durable-appender';
export { moveFileNoClobber } from './move-file';
export { withPathLock } from './path-lock';
export { acquireProcessLock, ownerOf, isAlive, LockHeldError, type ProcessLock, type LockOwner, type ProcessLockOptions } from './process-lock';
export { isTempName } from './temp-name';
export { createFaultInjectingFs, type FaultInjectingFs, type FaultRule, type FsOp } from './fault-injecting-fs';
