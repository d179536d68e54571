import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import type { DurableFileHandle, DurableFs, FileStat } from './fs-seam';

/**
 * {@link nodeFs} with the quick calls made synchronously — open, write, chmod, rename, lstat,
 * close and the like, each a few microseconds on a local file system — and only fsync/fdatasync
 * (milliseconds) on libuv's thread pool. Why: every asynchronous call is a round trip through the
 * thread pool and back to the event loop, and under load each return waits behind whatever the
 * event loop is doing (signing a commit, encoding a bulk body). A key-file save is a dozen such
 * calls: 13–22 ms per save with one busy chain against a quick store, where the same calls take
 * 0.6 ms back to back (`npm run bench:ingest`, fast store). Here a save waits for two round trips.
 * Used where the files are small or written in bounded pieces (key files, chain outboxes);
 * copyFile, which may move large files, stays asynchronous.
 */
export const quickFs: DurableFs = Object.freeze({
  open: async (path: string, flags: number, mode?: number) => handleFor(fs.openSync(path, flags, mode)),
  rename: async (from: string, to: string) => fs.renameSync(from, to),
  link: async (existing: string, newPath: string) => fs.linkSync(existing, newPath),
  unlink: async (path: string) => fs.unlinkSync(path),
  mkdir: async (path: string, mode: number) => {
    fs.mkdirSync(path, { mode });
  },
  chmod: async (path: string, mode: number) => fs.chmodSync(path, mode),
  lstat: async (path: string): Promise<FileStat> => fs.lstatSync(path),
  readdir: async (path: string) => fs.readdirSync(path),
  copyFile: (src: string, dst: string, flags: number) => fsp.copyFile(src, dst, flags),
});

function handleFor(fd: number): DurableFileHandle {
  return {
    read: async (buffer, offset, length, position) => ({ bytesRead: fs.readSync(fd, buffer, offset, length, position) }),
    write: async (buffer, offset, length, position) => ({ bytesWritten: fs.writeSync(fd, buffer, offset, length, position) }),
    stat: async (): Promise<FileStat> => fs.fstatSync(fd),
    truncate: async (length) => fs.ftruncateSync(fd, length),
    chmod: async (mode) => fs.fchmodSync(fd, mode),
    sync: () => new Promise<void>((resolve, reject) => fs.fsync(fd, (err) => (err ? reject(err) : resolve()))),
    datasync: () => new Promise<void>((resolve, reject) => fs.fdatasync(fd, (err) => (err ? reject(err) : resolve()))),
    close: async () => fs.closeSync(fd),
  };
}
