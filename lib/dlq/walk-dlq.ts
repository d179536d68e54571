import path from 'node:path';
import { errnoCode, isTempName, type FileStat } from '../durable-fs';
import type { DlqContext } from './dlq-context';
import { wrapIo } from './dlq-error';
import { ARCHIVE_DIR, REJECTED_DIR, customerProblem, parseFileName, parseRelPath, type DlqLocation } from './dlq-names';

export interface WalkedFile {
  readonly loc: DlqLocation;
  readonly abs: string;
  readonly stat: FileStat;
}

/** Something in the DLQ folder that is not a DLQ file: shown to operators, never read or followed. */
export interface DlqUnknownEntry {
  readonly relPath: string;
  readonly reason: string;
}

const LEFTOVER = 'leftover temporary file of an interrupted write (its lines are still in the file it was replacing; safe to delete)';

/**
 * Lists the DLQ folder by its naming rules (El Proxy: it "should only contain subfolders and
 * the subfolders should only contain NDJSON files with specific names"). Reads directories and
 * lstat only — no file content — so it is cheap enough for a health endpoint. Symlinks are
 * never followed. A missing DLQ folder is an empty DLQ.
 * @throws {DlqError} `ERR_DLQ_IO` when a folder cannot be read.
 */
export async function walkDlq(ctx: DlqContext): Promise<{ files: WalkedFile[]; unknown: DlqUnknownEntry[] }> {
  const files: WalkedFile[] = [];
  const unknown: DlqUnknownEntry[] = [];

  const readdir = async (rel: string[]): Promise<{ name: string; st: FileStat }[]> => {
    const dir = path.join(ctx.dlqDir, ...rel);
    let names: string[];
    try {
      names = await ctx.fs.readdir(dir);
    } catch (err) {
      if (rel.length === 0 && errnoCode(err) === 'ENOENT') return [];
      throw wrapIo(err, `cannot read dead letter queue folder ${rel.join('/') || '.'}`);
    }
    const out: { name: string; st: FileStat }[] = [];
    for (const name of names.sort()) {
      try {
        out.push({ name, st: await ctx.fs.lstat(path.join(dir, name)) });
      } catch (err) {
        if (errnoCode(err) !== 'ENOENT') throw wrapIo(err, `cannot stat ${[...rel, name].join('/')}`);
        // removed meanwhile (settled, archived): simply not listed
      }
    }
    return out;
  };

  const addFile = (rel: string[], name: string, st: FileStat): void => {
    const relPath = [...rel, name].join('/');
    files.push({ loc: parseRelPath(relPath), abs: path.join(ctx.dlqDir, ...rel, name), stat: st });
  };

  const walkFolder = async (rel: string[], rejected: boolean, archive: boolean): Promise<void> => {
    for (const { name, st } of await readdir(rel)) {
      const relPath = [...rel, name].join('/');
      if (st.isSymbolicLink()) {
        unknown.push({ relPath, reason: 'symbolic link (not followed)' });
      } else if (st.isDirectory()) {
        if (!archive && name === ARCHIVE_DIR) await walkFolder([...rel, name], rejected, true);
        else unknown.push({ relPath, reason: 'unexpected folder' });
      } else if (!st.isFile()) {
        unknown.push({ relPath, reason: 'not a regular file' });
      } else if (parseFileName(name, { rejected, allowSuffix: archive }) !== null) {
        addFile(rel, name, st);
      } else {
        unknown.push({ relPath, reason: isTempName(name) ? LEFTOVER : 'file name does not follow the dead letter queue naming rules' });
      }
    }
  };

  for (const { name, st } of await readdir([])) {
    if (st.isSymbolicLink()) unknown.push({ relPath: name, reason: 'symbolic link (not followed)' });
    else if (!st.isDirectory()) unknown.push({ relPath: name, reason: 'file outside a customer folder' });
    else if (name === REJECTED_DIR) await walkFolder([name], true, false);
    else if (customerProblem(name) === null) await walkFolder([name], false, false);
    else unknown.push({ relPath: name, reason: 'folder name is not a valid customer name' });
  }
  return { files, unknown };
}
