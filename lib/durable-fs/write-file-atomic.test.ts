import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFaultInjectingFs } from './fault-injecting-fs';
import { errnoCode } from './fs-seam';
import { openAtomicWriter } from './atomic-writer';
import { writeFileAtomic, writeFileExclusive } from './write-file-atomic';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-atomic-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const mode = (p: string): number => fs.statSync(p).mode & 0o777;

async function rejectionCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (err) {
    return errnoCode(err) ?? (err as { code?: string }).code;
  }
  throw new Error('expected a rejection');
}

describe('writeFileAtomic', () => {
  it('creates the file with mode 0600 by default and leaves no temp file', async () => {
    const p = path.join(dir, 'a.json');
    await writeFileAtomic(p, '{"a":1}');
    expect(fs.readFileSync(p, 'utf8')).toBe('{"a":1}');
    expect(mode(p)).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['a.json']);
  });

  it('replaces existing content and applies the requested mode even against the umask', async () => {
    const p = path.join(dir, 'a.json');
    fs.writeFileSync(p, 'old', { mode: 0o644 });
    const previous = process.umask(0o277);
    try {
      await writeFileAtomic(p, Buffer.from('new'), { mode: 0o640 });
    } finally {
      process.umask(previous);
    }
    expect(fs.readFileSync(p, 'utf8')).toBe('new');
    expect(mode(p)).toBe(0o640);
  });

  it('fsyncs the temp file, renames, then fsyncs the directory', async () => {
    const seam = createFaultInjectingFs([]);
    const p = path.join(dir, 'a.json');
    await writeFileAtomic(p, 'x', { fs: seam });
    const ops = seam.calls.map((c) => `${c.op}:${c.path === dir ? 'DIR' : c.path === p ? 'TARGET' : 'TEMP'}`);
    expect(ops).toEqual(['open:TEMP', 'handle.chmod:TEMP', 'handle.write:TEMP', 'handle.sync:TEMP', 'handle.close:TEMP', 'rename:TEMP', 'open:DIR', 'handle.sync:DIR', 'handle.close:DIR']);
  });

  it.each([
    ['rename', 'EIO'],
    ['handle.sync', 'EIO'],
    ['handle.write', 'ENOSPC'],
    ['handle.chmod', 'EACCES'],
  ] as const)('keeps the old content when %s fails (%s) and removes the temp file', async (op, code) => {
    const p = path.join(dir, 'a.json');
    fs.writeFileSync(p, 'old content');
    const seam = createFaultInjectingFs([{ op, code, path: (x) => x !== p && x !== dir, partialBytes: 3 }]);
    expect(await rejectionCode(writeFileAtomic(p, 'new content that is longer', { fs: seam }))).toBe(code);
    expect(fs.readFileSync(p, 'utf8')).toBe('old content');
    expect(fs.readdirSync(dir)).toEqual(['a.json']);
  });

  it('fails with ENOENT when the directory does not exist, creating nothing', async () => {
    expect(await rejectionCode(writeFileAtomic(path.join(dir, 'missing', 'a.json'), 'x'))).toBe('ENOENT');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('streams several chunks through openAtomicWriter, and abort leaves the target alone', async () => {
    const p = path.join(dir, 'a.txt');
    const w = await openAtomicWriter(p);
    await w.write('one,');
    await w.write(Buffer.from('two'));
    expect(fs.existsSync(p)).toBe(false);
    await w.commit();
    expect(fs.readFileSync(p, 'utf8')).toBe('one,two');

    const w2 = await openAtomicWriter(p);
    await w2.write('replacement');
    await w2.abort();
    expect(fs.readFileSync(p, 'utf8')).toBe('one,two');
    expect(fs.readdirSync(dir)).toEqual(['a.txt']);
  });
});

describe('writeFileExclusive', () => {
  it('creates a missing file atomically with mode 0600', async () => {
    const p = path.join(dir, 'k.json');
    await writeFileExclusive(p, 'first');
    expect(fs.readFileSync(p, 'utf8')).toBe('first');
    expect(mode(p)).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['k.json']);
  });

  it('refuses to replace an existing file (EEXIST) and leaves it untouched', async () => {
    const p = path.join(dir, 'k.json');
    fs.writeFileSync(p, 'first');
    expect(await rejectionCode(writeFileExclusive(p, 'second'))).toBe('EEXIST');
    expect(fs.readFileSync(p, 'utf8')).toBe('first');
    expect(fs.readdirSync(dir)).toEqual(['k.json']);
  });
});
