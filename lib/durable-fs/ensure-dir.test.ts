import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DurableFsError } from './durable-fs-error';
import { ensureChildDir, ensureDir } from './ensure-dir';
import { createFaultInjectingFs } from './fault-injecting-fs';
import { isSafeChildName, childPath } from './safe-name';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-dir-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const mode = (p: string): number => fs.statSync(p).mode & 0o777;

describe('ensureDir', () => {
  it('creates every missing level with mode 0700 and fsyncs each new entry\'s parent', async () => {
    const seam = createFaultInjectingFs([]);
    const deep = path.join(dir, 'a', 'b', 'c');
    await ensureDir(deep, { fs: seam });
    for (const p of [path.join(dir, 'a'), path.join(dir, 'a', 'b'), deep]) expect(mode(p)).toBe(0o700);
    const synced = seam.calls.filter((c) => c.op === 'handle.sync').map((c) => c.path);
    expect(synced).toEqual([dir, path.join(dir, 'a'), path.join(dir, 'a', 'b')]);
  });

  it('applies the mode explicitly, whatever the umask', async () => {
    const previous = process.umask(0o277);
    try {
      await ensureDir(path.join(dir, 'x', 'y'));
      await ensureChildDir(path.join(dir, 'x'), 'z', { mode: 0o750 });
    } finally {
      process.umask(previous);
    }
    expect(mode(path.join(dir, 'x'))).toBe(0o700);
    expect(mode(path.join(dir, 'x', 'y'))).toBe(0o700);
    expect(mode(path.join(dir, 'x', 'z'))).toBe(0o750);
  });

  it('leaves an existing directory and its mode alone', async () => {
    fs.chmodSync(dir, 0o755);
    const seam = createFaultInjectingFs([]);
    await ensureDir(dir, { fs: seam });
    expect(mode(dir)).toBe(0o755);
    expect(seam.calls.some((c) => c.op === 'mkdir')).toBe(false);
  });

  it('refuses a path that exists as a regular file', async () => {
    const f = path.join(dir, 'f');
    fs.writeFileSync(f, '');
    await expect(ensureDir(f)).rejects.toMatchObject({ code: 'ERR_FS_UNEXPECTED_TYPE' });
    await expect(ensureDir(path.join(f, 'below'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });
});

describe('ensureChildDir', () => {
  it('creates a child with 0700, and accepts it when it exists', async () => {
    const p = await ensureChildDir(dir, 'acme');
    expect(p).toBe(path.join(dir, 'acme'));
    expect(mode(p)).toBe(0o700);
    await expect(ensureChildDir(dir, 'acme')).resolves.toBe(p);
  });

  it('refuses a symlink, even one pointing at a directory', async () => {
    fs.mkdirSync(path.join(dir, 'elsewhere'));
    fs.symlinkSync(path.join(dir, 'elsewhere'), path.join(dir, 'acme'));
    const err: unknown = await ensureChildDir(dir, 'acme').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DurableFsError);
    expect((err as DurableFsError).code).toBe('ERR_FS_UNEXPECTED_TYPE');
  });

  it.each(['..', '.', '', 'a/b', 'a\\b', 'a\0b'])('refuses the unsafe name %j without touching the disk', async (name) => {
    await expect(ensureChildDir(dir, name)).rejects.toMatchObject({ code: 'ERR_FS_UNSAFE_NAME' });
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('isSafeChildName / childPath', () => {
  it.each([
    ['acme', true],
    ['.hidden', true],
    ['a..b', true],
    ['x'.repeat(255), true],
    ['x'.repeat(256), false],
    ['é'.repeat(128), false],
    ['', false],
    ['.', false],
    ['..', false],
    ['../x', false],
    ['a/b', false],
    ['a\\b', false],
    ['nul\0', false],
    [42, false],
  ])('%j → %s', (name, ok) => {
    expect(isSafeChildName(name)).toBe(ok);
  });

  it('joins a safe name and throws ERR_FS_UNSAFE_NAME otherwise', () => {
    expect(childPath('/base', 'a')).toBe(path.join('/base', 'a'));
    expect(() => childPath('/base', '../etc')).toThrow(expect.objectContaining({ code: 'ERR_FS_UNSAFE_NAME' }) as Error);
  });
});
