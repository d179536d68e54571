import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DurableAppender, appendDurable } from './durable-appender';
import { createFaultInjectingFs } from './fault-injecting-fs';
import { errnoCode } from './fs-seam';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-append-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function rejectionCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (err) {
    return errnoCode(err);
  }
  throw new Error('expected a rejection');
}

describe('appendDurable / DurableAppender', () => {
  it('creates the file 0600, appends, fdatasyncs and fsyncs the directory once per opening', async () => {
    const p = path.join(dir, 'log.ndjson');
    const seam = createFaultInjectingFs([]);
    await appendDurable(p, 'a\n', { fs: seam });
    await appendDurable(p, Buffer.from('b\n'), { fs: seam });
    expect(fs.readFileSync(p, 'utf8')).toBe('a\nb\n');
    expect(fs.statSync(p).mode & 0o777).toBe(0o600);
    expect(seam.calls.filter((c) => c.op === 'handle.datasync' && c.path === p)).toHaveLength(2);
    // Each appendDurable opens the file once, and syncs the directory once.
    expect(seam.calls.filter((c) => c.op === 'handle.sync' && c.path === dir)).toHaveLength(2);
  });

  it('fsyncs the directory also for a file that existed: an earlier append that created it may have failed before it (found in review)', async () => {
    const p = path.join(dir, 'log.ndjson');
    const failing = createFaultInjectingFs([{ op: 'handle.datasync', code: 'EIO', times: 1 }]);
    expect(await rejectionCode(appendDurable(p, 'lost\n', { fs: failing }))).toBe('EIO');
    expect(fs.readFileSync(p, 'utf8')).toBe(''); // created, rolled back, the name never synced
    const seam = createFaultInjectingFs([]);
    const a = await DurableAppender.open(p, { fs: seam });
    expect(a.created).toBe(false);
    await a.append('kept\n');
    await a.append('more\n');
    await a.close();
    expect(seam.calls.filter((c) => c.op === 'handle.sync' && c.path === dir)).toHaveLength(1);
  });

  it('rejects with ENOSPC on a torn write and truncates back to the previous size', async () => {
    const p = path.join(dir, 'log.ndjson');
    fs.writeFileSync(p, 'kept\n');
    const seam = createFaultInjectingFs([{ op: 'handle.write', code: 'ENOSPC', partialBytes: 4 }]);
    expect(await rejectionCode(appendDurable(p, 'new line that will not fit\n', { fs: seam }))).toBe('ENOSPC');
    expect(fs.readFileSync(p, 'utf8')).toBe('kept\n');
  });

  it('rejects when fdatasync fails (EIO) and removes the unsynced bytes', async () => {
    const p = path.join(dir, 'log.ndjson');
    fs.writeFileSync(p, 'kept\n');
    const seam = createFaultInjectingFs([{ op: 'handle.datasync', code: 'EIO', times: 1 }]);
    expect(await rejectionCode(appendDurable(p, 'lost\n', { fs: seam }))).toBe('EIO');
    expect(fs.readFileSync(p, 'utf8')).toBe('kept\n');
  });

  it('refuses to write through a symlink (ELOOP) and leaves the link target untouched', async () => {
    const target = path.join(dir, 'target');
    fs.writeFileSync(target, 'secret');
    const link = path.join(dir, 'log.ndjson');
    fs.symlinkSync(target, link);
    expect(await rejectionCode(appendDurable(link, 'x\n'))).toBe('ELOOP');
    expect(fs.readFileSync(target, 'utf8')).toBe('secret');
  });

  it('reports the last byte (null when empty) and batches writes under one sync', async () => {
    const p = path.join(dir, 'log.ndjson');
    const a = await DurableAppender.open(p);
    try {
      expect(a.created).toBe(true);
      expect(await a.lastByte()).toBeNull();
      await a.write('abc');
      await a.write('d');
      await a.sync();
      expect(await a.lastByte()).toBe('d'.charCodeAt(0));
      expect(await a.size()).toBe(4);
      await a.truncate(2);
      expect(fs.readFileSync(p, 'utf8')).toBe('ab');
    } finally {
      await a.close();
    }
    const b = await DurableAppender.open(p);
    expect(b.created).toBe(false);
    await b.close();
    await expect(b.append('x')).rejects.toThrow(/closed/);
  });

  it('as the sole writer, asks fstat once and keeps the size itself, also across a rolled-back write and a truncate', async () => {
    const p = path.join(dir, 'outbox');
    fs.writeFileSync(p, 'kept\n');
    // The second write tears after 3 bytes (ENOSPC): rolled back, then the size is asked again.
    const seam = createFaultInjectingFs([{ op: 'handle.write', code: 'ENOSPC', partialBytes: 3, skip: 1, times: 1 }]);
    const a = await DurableAppender.open(p, { fs: seam, soleWriter: true });
    const stats = () => seam.calls.filter((c) => c.op === 'handle.stat').length;
    try {
      await a.append('one\n');
      expect(await a.size()).toBe(9);
      expect(await rejectionCode(a.append('torn line\n'))).toBe('ENOSPC');
      expect(fs.readFileSync(p, 'utf8')).toBe('kept\none\n');
      expect(await a.size()).toBe(9);
      await a.append('two\n');
      await a.write('three\n');
      expect(await a.size()).toBe(fs.statSync(p).size);
      await a.truncate(5);
      expect(await a.size()).toBe(5);
      await a.append('four\n');
      expect(fs.readFileSync(p, 'utf8')).toBe('kept\nfour\n');
      expect(await a.size()).toBe(10);
      expect(stats()).toBe(1);
    } finally {
      await a.close();
    }
    // Without soleWriter every write asks fstat (another process may have appended).
    const b = await DurableAppender.open(p, { fs: seam });
    await b.append('x\n');
    await b.append('y\n');
    await b.close();
    expect(stats()).toBe(3);
  });
});
