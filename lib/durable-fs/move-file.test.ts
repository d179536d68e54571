import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFaultInjectingFs } from './fault-injecting-fs';
import { moveFileNoClobber } from './move-file';
import { withPathLock } from './path-lock';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-move-'));
  fs.mkdirSync(path.join(dir, 'from'));
  fs.mkdirSync(path.join(dir, 'to'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('moveFileNoClobber', () => {
  it('moves the file and syncs the destination directory before removing the source', async () => {
    const src = path.join(dir, 'from', 'f');
    const dst = path.join(dir, 'to', 'f');
    fs.writeFileSync(src, 'data');
    const seam = createFaultInjectingFs([]);
    await moveFileNoClobber(src, dst, seam);
    expect(fs.readFileSync(dst, 'utf8')).toBe('data');
    expect(fs.existsSync(src)).toBe(false);
    const order = seam.calls.filter((c) => c.op === 'unlink' || (c.op === 'handle.sync' && c.path === path.join(dir, 'to'))).map((c) => c.op);
    expect(order).toEqual(['handle.sync', 'unlink']);
  });

  it('never overwrites: EEXIST, both files unchanged', async () => {
    const src = path.join(dir, 'from', 'f');
    const dst = path.join(dir, 'to', 'f');
    fs.writeFileSync(src, 'new');
    fs.writeFileSync(dst, 'old');
    await expect(moveFileNoClobber(src, dst)).rejects.toMatchObject({ code: 'EEXIST' });
    expect(fs.readFileSync(dst, 'utf8')).toBe('old');
    expect(fs.readFileSync(src, 'utf8')).toBe('new');
  });

  it('falls back to copy + link across file systems (EXDEV) and leaves no temp file', async () => {
    const src = path.join(dir, 'from', 'f');
    const dst = path.join(dir, 'to', 'f');
    fs.writeFileSync(src, 'data', { mode: 0o600 });
    const seam = createFaultInjectingFs([{ op: 'link', path: dst, code: 'EXDEV', times: 1 }]);
    await moveFileNoClobber(src, dst, seam);
    expect(fs.readFileSync(dst, 'utf8')).toBe('data');
    expect(fs.readdirSync(path.join(dir, 'to'))).toEqual(['f']);
    expect(fs.existsSync(src)).toBe(false);
    expect(seam.calls.some((c) => c.op === 'copyFile')).toBe(true);
  });
});

describe('withPathLock', () => {
  it('runs calls on the same key one at a time, in order, even when one fails', async () => {
    const events: string[] = [];
    const task = (name: string, fail = false) =>
      withPathLock('/k', async () => {
        events.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, 5));
        events.push(`end ${name}`);
        if (fail) throw new Error(name);
      });
    const results = await Promise.allSettled([task('a'), task('b', true), task('c')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });
});
