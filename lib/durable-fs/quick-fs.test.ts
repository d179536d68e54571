import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DurableAppender } from './durable-appender';
import { FLAGS } from './fs-seam';
import { quickFs } from './quick-fs';
import { writeFileAtomic } from './write-file-atomic';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'signet-quick-fs-'));

describe('quickFs', () => {
  it('does what nodeFs does, call for call', async () => {
    const dir = tmp();
    const file = path.join(dir, 'a');
    const h = await quickFs.open(file, FLAGS.createExclusive, 0o600);
    expect(await h.write(Buffer.from('hello world'), 0, 11, null)).toEqual({ bytesWritten: 11 });
    await h.chmod(0o640);
    await h.truncate(5);
    await h.datasync();
    await h.sync();
    expect((await h.stat()).size).toBe(5);
    await h.close();
    const r = await quickFs.open(file, FLAGS.readOnly);
    const buf = Buffer.alloc(8);
    expect(await r.read(buf, 0, 8, 0)).toEqual({ bytesRead: 5 });
    await r.close();
    expect(buf.subarray(0, 5).toString()).toBe('hello');
    expect(((await quickFs.lstat(file)).mode & 0o777).toString(8)).toBe('640');
    await quickFs.chmod(file, 0o600);
    await quickFs.mkdir(path.join(dir, 'd'), 0o700);
    await quickFs.link(file, path.join(dir, 'b'));
    await quickFs.rename(path.join(dir, 'b'), path.join(dir, 'd', 'c'));
    await quickFs.copyFile(file, path.join(dir, 'e'), FLAGS.copyExclusive);
    expect((await quickFs.readdir(dir)).sort()).toEqual(['a', 'd', 'e']);
    await quickFs.unlink(path.join(dir, 'e'));
    expect((await quickFs.lstat(path.join(dir, 'd'))).isDirectory()).toBe(true);
    fs.rmSync(dir, { recursive: true });
  });

  it('reports failures as rejected promises with the system error code, never as a synchronous throw', async () => {
    const dir = tmp();
    const missing = path.join(dir, 'missing', 'x');
    const calls: [string, () => Promise<unknown>, string][] = [
      ['open', () => quickFs.open(missing, FLAGS.readOnly), 'ENOENT'],
      ['open exclusive', () => quickFs.open(dir, FLAGS.createExclusive, 0o600), 'EEXIST'],
      ['rename', () => quickFs.rename(missing, path.join(dir, 'y')), 'ENOENT'],
      ['link', () => quickFs.link(dir, dir), 'EEXIST'],
      ['unlink', () => quickFs.unlink(missing), 'ENOENT'],
      ['mkdir', () => quickFs.mkdir(dir, 0o700), 'EEXIST'],
      ['chmod', () => quickFs.chmod(missing, 0o600), 'ENOENT'],
      ['lstat', () => quickFs.lstat(missing), 'ENOENT'],
      ['readdir', () => quickFs.readdir(missing), 'ENOENT'],
    ];
    for (const [name, call, code] of calls) {
      let promise: Promise<unknown> | undefined;
      expect(() => (promise = call()), name).not.toThrow();
      await expect(promise, name).rejects.toMatchObject({ code });
    }
    const h = await quickFs.open(path.join(dir, 'f'), FLAGS.createExclusive, 0o600);
    await h.close();
    await expect(h.sync()).rejects.toMatchObject({ code: 'EBADF' });
    await expect(h.datasync()).rejects.toMatchObject({ code: 'EBADF' });
    await expect(h.close()).rejects.toMatchObject({ code: 'EBADF' });
    fs.rmSync(dir, { recursive: true });
  });

  it('serves the durable writers: atomic replacement and the appender', async () => {
    const dir = tmp();
    const file = path.join(dir, 'k.json');
    await writeFileAtomic(file, '{"a":1}', { fs: quickFs, mode: 0o600 });
    await writeFileAtomic(file, '{"a":2}', { fs: quickFs, mode: 0o600 });
    expect(fs.readFileSync(file, 'utf8')).toBe('{"a":2}');
    expect(fs.readdirSync(dir)).toEqual(['k.json']);
    const app = await DurableAppender.open(path.join(dir, 'log'), { fs: quickFs, mode: 0o600, soleWriter: true });
    await app.append(Buffer.from('one\n'));
    await app.append(Buffer.from('two\n'));
    await app.close();
    expect(fs.readFileSync(path.join(dir, 'log'), 'utf8')).toBe('one\ntwo\n');
    fs.rmSync(dir, { recursive: true });
  });
});
