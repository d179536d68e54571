import { constants } from 'node:fs';
import * as fsp from 'node:fs/promises';

/**
 * The file-system operations the durable modules use, as an injectable seam. Production passes
 * nothing and gets {@link nodeFs}; tests wrap it ({@link createFaultInjectingFs}) to make a
 * chosen call fail with ENOSPC/EIO/EACCES without root tricks (the test machine runs as root,
 * where permission bits do not stop anything).
 */
export interface DurableFs {
  open(path: string, flags: number, mode?: number): Promise<DurableFileHandle>;
  rename(from: string, to: string): Promise<void>;
  /** Hard link: fails with EEXIST instead of replacing, the basis of every no-clobber step. */
  link(existing: string, newPath: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Creates ONE directory (never recursive), failing with EEXIST when the name exists. */
  mkdir(path: string, mode: number): Promise<void>;
  chmod(path: string, mode: number): Promise<void>;
  /** Never follows a symbolic link. */
  lstat(path: string): Promise<FileStat>;
  readdir(path: string): Promise<string[]>;
  /** Copies with COPYFILE_EXCL semantics when `flags` says so (used only across file systems). */
  copyFile(src: string, dst: string, flags: number): Promise<void>;
}

/** The subset of `fs.promises.FileHandle` the durable modules need. */
export interface DurableFileHandle {
  read(buffer: Uint8Array, offset: number, length: number, position: number | null): Promise<{ bytesRead: number }>;
  write(buffer: Uint8Array, offset: number, length: number, position: number | null): Promise<{ bytesWritten: number }>;
  stat(): Promise<FileStat>;
  truncate(length: number): Promise<void>;
  chmod(mode: number): Promise<void>;
  sync(): Promise<void>;
  datasync(): Promise<void>;
  close(): Promise<void>;
}

/** The subset of `fs.Stats` the durable modules read. */
export interface FileStat {
  readonly ino: number;
  readonly size: number;
  readonly mode: number;
  readonly mtimeMs: number;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

/** node:fs/promises behind the seam. */
export const nodeFs: DurableFs = Object.freeze({
  open: (path: string, flags: number, mode?: number) => fsp.open(path, flags, mode),
  rename: (from: string, to: string) => fsp.rename(from, to),
  link: (existing: string, newPath: string) => fsp.link(existing, newPath),
  unlink: (path: string) => fsp.unlink(path),
  mkdir: async (path: string, mode: number) => {
    await fsp.mkdir(path, { mode });
  },
  chmod: (path: string, mode: number) => fsp.chmod(path, mode),
  lstat: (path: string) => fsp.lstat(path),
  readdir: (path: string) => fsp.readdir(path),
  copyFile: (src: string, dst: string, flags: number) => fsp.copyFile(src, dst, flags),
});

/**
 * open(2) flags. O_NOFOLLOW everywhere a file is expected: a symlink planted where a DLQ segment
 * or a key file should be makes open fail (ELOOP) instead of writing through it.
 */
export const FLAGS = Object.freeze({
  readOnly: constants.O_RDONLY | constants.O_NOFOLLOW,
  directory: constants.O_RDONLY | constants.O_DIRECTORY,
  createExclusive: constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
  appendCreateExclusive: constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
  appendExisting: constants.O_RDWR | constants.O_APPEND | constants.O_NOFOLLOW,
  copyExclusive: constants.COPYFILE_EXCL,
});

/** The `code` of a Node system error (`ENOENT`, `EEXIST`, ...), or undefined. */
export function errnoCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  const code = (err as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}
